extension Interpreter {
    func evaluateCall(_ calleeExpr: Expr, _ arguments: [Argument], broadcast: Bool,
                      at offset: SourceOffset) throws -> Value {
        let callee = try evaluate(calleeExpr)
        var positional: [Value] = []
        var keywords: [(name: String, value: Value)] = []
        for a in arguments {
            let v = try evaluate(a.value)
            if a.splat && a.afterSemicolon {
                for (k, value) in try located(a.value.offset) { try KeywordSplat.pairs(of: v) } {
                    if let f = function(of: callee), !f.accepts(keyword: k) {
                        throw unknownKeyword(k, of: f, at: a.value.offset)
                    }
                    keywords.append((k, value))
                }
            } else if let k = a.keyword {
                if let f = function(of: callee), !f.accepts(keyword: k) {
                    throw unknownKeyword(k, of: f, at: a.keywordOffset ?? a.value.offset)
                }
                keywords.append((k, v))
            } else if a.splat {
                positional += try located(a.value.offset) { try Iteration.elements(of: v) }
            } else {
                positional.append(v)
            }
        }
        try checkDeadline()
        if broadcast {
            return try located(offset) { try broadcastCall(callee, positional, keywords) }
        }
        return try located(offset) { try call(callee, positional, keywords) }
    }

    /// The builtin a callee value stands for, if any.
    func function(of callee: Value) -> Function? {
        switch callee {
        case .function(let f): f
        case .type(let name): library.functions[name]
        default: nil
        }
    }

    private func unknownKeyword(_ k: String, of f: Function, at offset: SourceOffset) -> LanguageError {
        let accepted = f.keywords.sorted()
        let expected = accepted.isEmpty
            ? "\(f.name) takes no keyword arguments"
            : "expected one of \(accepted.joined(separator: ", "))"
        return LanguageError("unknown keyword argument `\(k)` for \(f.name): \(expected)", at: offset)
    }

    /// Calls a function value with evaluated arguments.
    func call(_ callee: Value, _ positional: [Value], _ keywords: [(name: String, value: Value)] = []) throws -> Value {
        guard let f = function(of: callee) else {
            throw LanguageError("\(callee.described) is not a function and cannot be called")
        }
        if let bad = keywords.first(where: { !f.accepts(keyword: $0.name) }) {
            throw unknownKeyword(bad.name, of: f, at: 0).withoutPosition
        }
        return try f.body(CallContext(name: f.name, positional: positional, keywords: keywords, interpreter: self))
    }

    /// `f.(a, b)`: calls `f` elementwise; arrays and ranges are iterated, other values are reused.
    func broadcastCall(_ callee: Value, _ positional: [Value], _ keywords: [(name: String, value: Value)]) throws
        -> Value {
        try Broadcasting.map(positional) { try self.call(callee, $0, keywords) }
    }

    /// Where a name that both reads and assigns the global lives, when no local scope has it; nil otherwise.
    private func globalSlot(_ name: String) -> Int? {
        var s = scope
        while let current = s {
            guard current.isTopLevelSoft, current.globalNames.isEmpty, current.variables[name] == nil else { return nil }
            s = current.parent
        }
        return globals.slot(name)
    }

    func evaluateAssignment(_ target: Expr, _ valueExpr: Expr, op: String?, at offset: SourceOffset) throws -> Value {
        var value = try evaluate(valueExpr)
        if let op, case .name(let name) = target.kind, let slot = globalSlot(name) {
            // `total += x` on a global from the top level or a top-level loop: one lookup of the name.
            let current = globals[slot: slot]
            let updated = try Operators.fastScalar(op, current, value)
                ?? located(offset) { try Operators.binary(op, current, value, self) }
            globals[slot: slot] = updated
            return updated
        }
        if let op {
            let current = try evaluate(target)
            if let v = Operators.fastScalar(op, current, value) {
                value = v
            } else {
                value = try located(offset) { try Operators.binary(op, current, value, self) }
            }
        }
        switch target.kind {
        case .name(let name):
            if name == "missing" || name == "nothing" {
                throw LanguageError("cannot assign to the constant `\(name)`", at: target.offset)
            }
            assign(name, value)
        case .tuple(let items):
            let parts = try located(valueExpr.offset) { try Iteration.elements(of: value) }
            guard parts.count >= items.count else {
                throw LanguageError("cannot destructure \(parts.count) value\(parts.count == 1 ? "" : "s") into "
                                    + "\(items.count) names: expected at least \(items.count)", at: valueExpr.offset)
            }
            for (item, v) in zip(items, parts) {
                if case .name(let name) = item.kind { assign(name, v) }
            }
        case .property(let baseExpr, let name):
            let base = try evaluate(baseExpr)
            try located(target.offset) { try Properties.set(base, name, value) }
        case .index(let baseExpr, let indexExprs):
            let base = try evaluate(baseExpr)
            let indices = try indexExprs.map(evaluate)
            try located(target.offset) { try Indexing.set(base, indices, value) }
        default:
            throw LanguageError("expected a variable on the left of `=`", at: target.offset)
        }
        return value
    }
}

extension LanguageError {
    /// The same message with no position, so that the caller's position is used.
    var withoutPosition: LanguageError { LanguageError(message) }
}
