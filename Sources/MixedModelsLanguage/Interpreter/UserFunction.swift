/// A function defined in a block: its methods and the scope it closes over.
final class UserFunction {
    let name: String
    private(set) var methods: [FunctionDefinition]
    /// The variables the function captured where it was defined (nil at the top level).
    let scope: Scope?
    /// The block that defined it: errors inside are reported at the call when it runs from another block.
    let block: Int

    init(name: String, definition: FunctionDefinition, scope: Scope?, block: Int) {
        self.name = name
        self.methods = [definition]
        self.scope = scope
        self.block = block
    }

    /// Adds a method, replacing one with the same parameter types.
    func add(_ definition: FunctionDefinition) {
        let signature = UserFunction.signature(definition)
        if let i = methods.firstIndex(where: { UserFunction.signature($0) == signature }) {
            methods[i] = definition
        } else {
            methods.append(definition)
        }
    }

    private static func signature(_ d: FunctionDefinition) -> [String] {
        d.parameters.map { ($0.slurp ? "..." : "") + ($0.typeName ?? "Any") + ($0.defaultValue == nil ? "" : "=") }
    }

    /// The most specific method that accepts the arguments.
    func method(for arguments: [Value]) -> FunctionDefinition? {
        var best: (FunctionDefinition, Int)?
        for d in methods {
            let required = d.parameters.filter { $0.defaultValue == nil && !$0.slurp }.count
            let optional = d.parameters.filter { $0.defaultValue != nil }.count
            let slurps = d.parameters.contains { $0.slurp }
            guard arguments.count >= required, slurps || arguments.count <= required + optional else { continue }
            var score = 0
            var fits = true
            for (p, v) in zip(d.parameters, arguments) where !p.slurp {
                guard let type = p.typeName else { continue }
                if !TypeHierarchy.isa(v, type) { fits = false; break }
                score += TypeHierarchy.specificity(type)
            }
            if fits && (best == nil || score > best!.1) { best = (d, score) }
        }
        return best?.0
    }

    /// Every keyword any method accepts.
    var keywords: Set<String> {
        Set(methods.flatMap { $0.keywords.map { $0.slurp ? Function.anyKeyword : $0.name } })
    }

    /// The callable value of this function.
    func value(_ interpreter: Interpreter) -> Value {
        var f = Function(name, keywords: keywords) { [unowned interpreter] c in
            try interpreter.invoke(self, c.positional, c.keywords)
        }
        f.userFunction = self
        return .function(f)
    }
}

extension Interpreter {
    /// Defines a named function (adding a method to one defined in the same scope) or makes an anonymous one.
    func define(_ d: FunctionDefinition) throws -> Value {
        guard let name = d.name else {
            anonymousCount += 1
            return UserFunction(name: "#\(anonymousCount)", definition: d, scope: scope, block: blockNumber)
                .value(self)
        }
        if case .function(let f)? = try? lookup(name, at: d.offset), let u = f.userFunction, u.scope === scope {
            u.add(d)
            let value = u.value(self)
            assign(name, value)
            return value
        }
        let value = UserFunction(name: name, definition: d, scope: scope, block: blockNumber).value(self)
        assign(name, value)
        return value
    }

    /// Calls a block-defined function: binds parameters in a new scope and runs the body.
    func invoke(_ u: UserFunction, _ positional: [Value], _ keywords: [(name: String, value: Value)]) throws -> Value {
        try checkStack()
        try checkDeadline()
        guard let d = u.method(for: positional) else { throw JuliaException.methodError(u.name, positional) }
        let callScope = Scope(parent: u.scope, soft: false)
        let saved = scope
        scope = callScope
        defer { scope = saved }
        do {
            var i = 0
            for p in d.parameters {
                if p.slurp {
                    callScope.variables[p.name] = .tuple(i < positional.count ? Array(positional[i...]) : [])
                    i = positional.count
                    continue
                }
                if i < positional.count {
                    try bind(p.pattern, positional[i], in: callScope)
                } else if let defaultValue = p.defaultValue {
                    callScope.variables[p.name] = try evaluate(defaultValue)
                }
                i += 1
            }
            for k in d.keywords {
                if k.slurp {
                    let named = Set(d.keywords.filter { !$0.slurp }.map(\.name))
                    callScope.variables[k.name] = KeywordSplat.collect(keywords.filter { !named.contains($0.name) })
                } else if let v = keywords.last(where: { $0.name == k.name })?.value {
                    callScope.variables[k.name] = v
                } else if let defaultValue = k.defaultValue {
                    callScope.variables[k.name] = try evaluate(defaultValue)
                } else {
                    throw LanguageError(exception: JuliaException(
                        "UndefKeywordError", fields: [("var", .symbol(k.name))],
                        message: "UndefKeywordError: keyword argument `\(k.name)` not assigned"))
                }
            }
            return try evaluate(d.body)
        } catch let flow as ControlFlow {
            switch flow {
            case .returnValue(let v): return v
            case .breakLoop, .continueLoop: throw LanguageError("`break` or `continue` outside a loop")
            }
        } catch var error as LanguageError where u.block != blockNumber {
            // The offset points into another block's source: report the error at this call instead.
            error.offset = nil
            throw error
        }
    }

    /// Binds a loop variable or parameter pattern in `scope`.
    func bind(_ pattern: Pattern, _ value: Value, in scope: Scope) throws {
        switch pattern {
        case .name(let n):
            scope.variables[n] = value
        case .tuple(let targets):
            let parts = try Iteration.elements(of: value)
            guard parts.count >= targets.count else {
                throw JuliaException.boundsError(value, [.int(parts.count + 1)])
            }
            for (t, v) in zip(targets, parts) { try bind(t, v, in: scope) }
        }
    }
}
