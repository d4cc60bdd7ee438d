/// Walking parsed expressions.
extension Expr {
    /// The expressions directly inside this one.
    var children: [Expr] {
        switch kind {
        case .integer, .float, .bool, .char, .symbol, .name, .formula, .using, .endIndex, .breakLoop, .continueLoop:
            return []
        case .string(let segments):
            return segments.compactMap { if case .expression(let e) = $0 { return e }; return nil }
        case .tuple(let items), .array(let items), .block(let items): return items
        case .namedTuple(let pairs): return pairs.map(\.value)
        case .matrix(let rows): return rows.flatMap { $0 }
        case .comprehension(let g), .generator(let g):
            return [g.body] + g.clauses.map(\.iterable) + (g.condition.map { [$0] } ?? [])
        case .call(let callee, let arguments, _): return [callee] + arguments.map(\.value)
        case .binary(_, let l, let r), .and(let l, let r), .or(let l, let r): return [l, r]
        case .comparison(let operands, _): return operands
        case .unary(_, let x), .property(let x, _), .interpolate(let x), .typed(let x, _), .splat(let x): return [x]
        case .ternary(let c, let t, let f): return [c, t, f]
        case .index(let base, let items), .curly(let base, let items): return [base] + items
        case .assign(let t, let v, _), .broadcastAssign(let t, let v, _): return [t, v]
        case .benchmark(let e, let parameters, _): return [e] + parameters.map(\.value)
        case .conditional(let branches, let otherwise):
            return branches.flatMap { [$0.condition, $0.body] } + (otherwise.map { [$0] } ?? [])
        case .forLoop(let clauses, let body): return clauses.map(\.iterable) + [body]
        case .whileLoop(let c, let body): return [c, body]
        case .returnValue(let v): return v.map { [$0] } ?? []
        case .function(let d): return [d.body]
        case .letBlock(let bindings, let body): return bindings + [body]
        case .tryCatch(let body, _, let handler, let finally):
            return [body] + (handler.map { [$0] } ?? []) + (finally.map { [$0] } ?? [])
        case .declaration(_, let items): return items
        case .macroCall(_, let arguments, _): return arguments
        }
    }

    /// True when evaluating this expression can create a function that captures the current scope (a definition,
    /// an anonymous function, a `do` block, a generator); loops whose bodies cannot reuse one scope per iteration.
    var createsClosures: Bool {
        switch kind {
        case .function, .comprehension, .generator, .benchmark, .letBlock: return true
        default: return children.contains { $0.createsClosures }
        }
    }
}
