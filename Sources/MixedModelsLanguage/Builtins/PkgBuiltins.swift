extension BuiltinLibrary {
    /// Julia's package manager, as far as a notebook can honestly go: nothing is ever installed. `Pkg.add(name)`
    /// says so for a package this tool provides and fails for any other; `Pkg.activate` and `Pkg.instantiate`
    /// say that environments are not used here.
    mutating func registerPkg() {
        modules.insert("Pkg")
        qualifiedOnly["Pkg", default: [:]]["add"] = Function("add") { c in
            try c.expectCount(1...Int.max, "Pkg.add(\"Package\")")
            // Pkg.add("A"), Pkg.add(["A", "B"]), Pkg.add("A.jl").
            var names: [String] = []
            for v in c.positional {
                let items: [Value]
                if case .array(let a) = v { items = a.elements } else { items = [v] }
                for item in items {
                    guard case .string(let s) = item else { throw c.wrongType(0, expected: "package names") }
                    names.append(s.hasSuffix(".jl") ? String(s.dropLast(3)) : s)
                }
            }
            for name in names where !c.interpreter.library.modules.contains(name) {
                throw LanguageError("Pkg.add: this notebook tool installs no packages, and \(name) is not one it "
                                    + "provides")
            }
            c.interpreter.output += names.map { "  \($0) is provided by this notebook tool: nothing to install\n" }
                .joined()
            return .nothing
        }
        for name in ["activate", "instantiate"] {
            qualifiedOnly["Pkg", default: [:]][name] = Function(name) { c in
                try c.expectCount(0...1, "Pkg.\(name)(…)")
                c.interpreter.output += "  Pkg.\(name): this notebook tool uses no package environments: nothing to do\n"
                return .nothing
            }
        }
    }
}
