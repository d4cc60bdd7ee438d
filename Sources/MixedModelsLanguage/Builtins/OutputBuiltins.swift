extension BuiltinLibrary {
    /// Printing, strings, symbols and introspection.
    mutating func registerOutput() {
        // DisplayAs.jl chooses how Documenter shows a value; the notebook shows every value through its own
        // displays, so `DisplayAs.Text(x)` (and `x |> DisplayAs.Text`) is the value itself.
        modules.insert("DisplayAs")
        qualifiedOnly["DisplayAs", default: [:]]["Text"] = Function("Text") { c in
            try c.expectCount(1, "DisplayAs.Text(x)")
            return c.positional[0]
        }
        add("println") { c in
            c.interpreter.output += c.positional.map(Display.printed).joined() + "\n"
            return .nothing
        }
        add("print") { c in
            c.interpreter.output += c.positional.map(Display.printed).joined()
            return .nothing
        }
        add("show") { c in
            try c.expectCount(1)
            c.interpreter.output += Display.repr(c.positional[0])
            return .nothing
        }
        add("display") { c in
            try c.expectCount(1)
            c.interpreter.output += Display.textPlain(c.positional[0]) + "\n"
            return .nothing
        }
        add("string", isType: false) { c in .string(c.positional.map(Display.printed).joined()) }
        add("String", isType: true) { c in
            try c.expectCount(1)
            return .string(Display.printed(c.positional[0]))
        }
        add("repr") { c in try c.expectCount(1); return .string(Display.repr(c.positional[0])) }
        add("Symbol", isType: true) { c in
            try c.expectCount(1...Int.max)
            return .symbol(c.positional.map(Display.printed).joined())
        }
        add("typeof") { c in
            try c.expectCount(1)
            return .type(c.positional[0].typeName)
        }
        add("propertynames") { c in
            try c.expectCount(1)
            switch c.positional[0] {
            case .object(let o): return .tuple(o.propertyNames.map(Value.symbol))
            case .namedTuple(let names, _): return .tuple(names.map(Value.symbol))
            default: return .tuple([])
            }
        }
        add("uppercase") { c in try c.expectCount(1); return .string(try c.string(0).uppercased()) }
        add("lowercase") { c in try c.expectCount(1); return .string(try c.string(0).lowercased()) }
        add("join") { c in
            try c.expectCount(1...2, "join(collection) or join(collection, delimiter)")
            let delimiter = c.count == 2 ? try c.string(1) : ""
            var poll = BlockDeadline.Poll()
            let parts = try Iteration.elements(of: c.positional[0]).map { v -> String in
                try poll.tick()
                return Display.printed(v)
            }
            try Memory.reserve(parts.reduce(0) { $0 + $1.utf8.count + delimiter.utf8.count }, bytes: 1)
            return .string(parts.joined(separator: delimiter))
        }
        add("isnothing") { c in try c.expectCount(1); return .bool(c.positional[0].isNothing) }
        add("ismissing") { c in
            try c.expectCount(1)
            if case .missing = c.positional[0] { return .bool(true) }
            return .bool(false)
        }
    }

    /// `Dict(k => v, …)`, `Dict{K,V}()`, and dictionary helpers.
    mutating func registerDictionaries() {
        add("Dict", isType: true) { c in
            let d = DictBox()
            try fill(d, c)
            return .dict(d)
        }
        parametricConstructors["Dict"] = { params in
            guard params.count == 2 else {
                throw LanguageError("Dict{K,V} takes two type parameters, got \(params.count)")
            }
            let key = params[0] == "Int" ? "Int64" : params[0], value = params[1] == "Int" ? "Int64" : params[1]
            return Function("Dict{\(key), \(value)}", isType: true) { c in
                let d = DictBox(keyType: key, valueType: value)
                try fill(d, c)
                return .dict(d)
            }
        }
        for (kind, rank) in [("Vector", 1), ("Matrix", 2), ("Array", 0)] {
            parametricConstructors[kind] = { params in
                guard params.count == 1 else { throw LanguageError("\(kind){T} takes one type parameter") }
                let type = params[0] == "Int" ? "Int64" : params[0]
                return Function("\(kind){\(type)}", isType: true) { c in
                    if c.count == 0 && kind == "Vector" { return .array(ArrayBox([], elementType: type)) }
                    // `Vector{T}(undef, n)`: Julia leaves the contents undefined; here they are zeros.
                    guard case .type("UndefInitializer")? = c.positional.first else {
                        throw LanguageError("\(kind){\(type)}(…) takes `undef` and dimensions, e.g. \(kind){\(type)}(undef, 3)")
                    }
                    let shape = try c.positional.dropFirst().enumerated().map { i, _ in try c.integer(i + 1) }
                    guard rank == 0 || shape.count == rank, shape.allSatisfy({ $0 >= 0 }) else {
                        throw JuliaException.argumentError("\(kind){\(type)}(undef, …) needs \(rank) non-negative dimensions")
                    }
                    let n = try Memory.elementCount(shape)
                    try Memory.reserve(n, bytes: 8)
                    let zero: Value
                    switch type {
                    case "Float64": zero = .float(0)
                    case "Int64": zero = .int(0)
                    case "Bool": zero = .bool(false)
                    default: zero = .nothing
                    }
                    return .array(ArrayBox(Array(repeating: zero, count: n), shape: shape, elementType: type))
                }
            }
        }
        add("keys") { c in .array(ArrayBox.literal(try dictionary(c).keys)) }
        add("values") { c in .array(ArrayBox.literal(try dictionary(c).values)) }
        add("haskey") { c in
            try c.expectCount(2)
            return .bool(try dictionary(c)[c.positional[1]] != nil)
        }
        add("get") { c in
            try c.expectCount(3, "get(dict, key, default)")
            return try dictionary(c)[c.positional[1]] ?? c.positional[2]
        }
        add("push!") { c in
            try c.expectCount(2...Int.max)
            switch c.positional[0] {
            case .array(let a):
                for v in c.positional.dropFirst() {
                    try Indexing.append(a, v)
                }
            case .dict(let d):
                for v in c.positional.dropFirst() {
                    guard case .pair(let p) = v else { throw c.wrongType(1, expected: "a pair key => value") }
                    try d.set(p.first, p.second)
                }
            default: throw c.wrongType(0, expected: "an array or a Dict")
            }
            return c.positional[0]
        }
    }
}

private func fill(_ d: DictBox, _ c: CallContext) throws {
    if c.count == 1, Broadcasting.shape(of: c.positional[0]) != nil || { if case .dict = c.positional[0] { return true }; return false }() {
        // `Dict(k => v for …)`, `Dict(pairs)`: the pairs of a collection.
        for v in try Iteration.elements(of: c.positional[0]) {
            guard case .pair(let p) = v else { throw c.wrongType(0, expected: "a collection of pairs key => value") }
            try d.set(p.first, p.second)
        }
        return
    }
    for (i, v) in c.positional.enumerated() {
        guard case .pair(let p) = v else { throw c.wrongType(i, expected: "a pair key => value") }
        try d.set(p.first, p.second)
    }
}

private func dictionary(_ c: CallContext) throws -> DictBox {
    try c.expectCount(1...3)
    guard case .dict(let d) = c.positional[0] else { throw c.wrongType(0, expected: "a Dict") }
    return d
}

extension Indexing {
    /// `push!(a, v)`, converting to the array's element type.
    static func append(_ a: ArrayBox, _ v: Value) throws {
        guard a.shape.count == 1 else { throw LanguageError("push! needs a vector, got a \(a.typeName)") }
        let value = try Indexing.converted(v, to: a)
        try Memory.reserve(a.count + 1)
        a.appendElement(value)
        a.shape = [a.count]
    }
}
