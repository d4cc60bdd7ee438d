/// A parsed expression with the offset of its first character in the block.
struct Expr {
    var kind: Kind
    var offset: SourceOffset

    indirect enum Kind {
        case integer(Int)
        case float(Double)
        case bool(Bool)
        case symbol(String)
        /// A string literal with interpolated expressions.
        case string([StringSegment])
        case name(String)
        case tuple([Expr])
        case namedTuple([(name: String, value: Expr)])
        case array([Expr])
        /// `[body for v in iterable if condition]`
        case comprehension(Generator)
        /// `(body for v in iterable)`, as the argument of a call or in parentheses.
        case generator(Generator)
        /// `f(args…)`; `broadcast` for `f.(args…)`.
        case call(callee: Expr, arguments: [Argument], broadcast: Bool)
        /// A binary operator; dotted operators (`.+`) broadcast.
        case binary(op: String, lhs: Expr, rhs: Expr)
        case unary(op: String, operand: Expr)
        case and(Expr, Expr)
        case or(Expr, Expr)
        case ternary(condition: Expr, then: Expr, otherwise: Expr)
        case property(Expr, name: String)
        case index(Expr, [Expr])
        /// `Dict{Symbol,Float64}`: a type with parameters.
        case curly(Expr, [Expr])
        /// `target = value` (target: a name, property, index or tuple of names); `op` for `+=` and friends.
        case assign(target: Expr, value: Expr, op: String?)
        /// `@formula(...)`: the raw text between the parentheses and where it starts.
        case formula(source: String, sourceOffset: SourceOffset)
        /// `@benchmark expr` / `@benchmarkable expr` with `key=value` parameters.
        case benchmark(expression: Expr, parameters: [(name: String, value: Expr)], runNow: Bool)
        /// `$x` inside a benchmark macro: the value is taken once, before timing.
        case interpolate(Expr)
        /// A `using`/`import` line: no effect.
        case using
        /// `begin … end` or a parenthesised `(a; b)`.
        case block([Expr])
    }
}

/// A literal piece or an interpolated expression of a string.
enum StringSegment {
    case text(String)
    case expression(Expr)
}

/// One argument of a call.
struct Argument {
    /// The keyword, or nil for a positional argument.
    var keyword: String?
    var value: Expr
    /// `f(xs...)`: splat the elements of the value.
    var splat: Bool = false
    /// Where the keyword's name stands, for error messages.
    var keywordOffset: SourceOffset?
}

/// `body for variable in iterable if condition`.
struct Generator {
    var body: Expr
    /// One or more loop variables (`for (a, b) in pairs` binds two).
    var variables: [String]
    var iterable: Expr
    var condition: Expr?
}

/// A parsed block: its statements and whether the last one ends with `;`.
struct Program {
    var statements: [Expr]
    var silenced: Bool
}
