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
        /// A character literal.
        case char(Unicode.Scalar)
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
        /// A chain of two or more comparisons, `a < b <= c`: Julia's `a < b && b <= c` with `b` evaluated once
        /// (`a .< b .< c` combines the elementwise results with `.&`).
        case comparison(operands: [Expr], operators: [String])
        case unary(op: String, operand: Expr)
        case and(Expr, Expr)
        case or(Expr, Expr)
        case ternary(condition: Expr, then: Expr, otherwise: Expr)
        case property(Expr, name: String)
        case index(Expr, [Expr])
        /// `x...` inside an index (`f[pos...]`): the elements of `x` become separate indices.
        case splat(Expr)
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
        /// `[1 2; 3 4]`, `[a; b]`, `[a b]`: rows of space-separated items.
        case matrix([[Expr]])
        /// `if … elseif … else … end`: conditions with their bodies, and the `else` body.
        case conditional([(condition: Expr, body: Expr)], otherwise: Expr?)
        /// `for a in x, b in y … end` (several clauses nest, the first outermost).
        case forLoop([(target: Pattern, iterable: Expr)], body: Expr)
        case whileLoop(condition: Expr, body: Expr)
        case breakLoop
        case continueLoop
        case returnValue(Expr?)
        /// `function f(…) … end`, `f(x) = …`, `x -> …`, a `do` block.
        case function(FunctionDefinition)
        /// `let a = 1, b … end`: the bindings run in the new scope.
        case letBlock(bindings: [Expr], body: Expr)
        case tryCatch(body: Expr, variable: String?, handler: Expr?, finally: Expr?)
        /// `global x`, `local x = 1`.
        case declaration(global: Bool, [Expr])
        /// `end` inside an index: the last index of the dimension.
        case endIndex
        /// `x .= v`, `x .+= v`.
        case broadcastAssign(target: Expr, value: Expr, op: String?)
        /// `@show`, `@info`, `@time` … with their arguments and their source texts.
        case macroCall(name: String, arguments: [Expr], texts: [String])
        /// `x::T` (the annotation is checked when the value is computed).
        case typed(Expr, type: String)
    }
}

/// The target of a loop variable or a destructuring parameter: a name, or a tuple of targets.
indirect enum Pattern {
    case name(String)
    case tuple([Pattern])

    /// Every name the pattern binds.
    var names: [String] {
        switch self {
        case .name(let n): [n]
        case .tuple(let items): items.flatMap(\.names)
        }
    }
}

/// One parameter of a function: a name (or destructuring pattern), an optional default and type annotation.
struct Parameter {
    var pattern: Pattern
    var defaultValue: Expr?
    var typeName: String?
    /// `xs...`: collects the remaining arguments into a tuple.
    var slurp: Bool = false

    var name: String {
        if case .name(let n) = pattern { return n }
        return "#unused#"
    }
}

/// The definition of a named or anonymous function.
final class FunctionDefinition {
    let name: String?
    let parameters: [Parameter]
    let keywords: [Parameter]
    let body: Expr
    let offset: SourceOffset

    init(name: String?, parameters: [Parameter], keywords: [Parameter], body: Expr, offset: SourceOffset) {
        self.name = name
        self.parameters = parameters
        self.keywords = keywords
        self.body = body
        self.offset = offset
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
    /// True for arguments after `;` (keyword parameters in a definition).
    var afterSemicolon: Bool = false
}

/// `body for a in x for b in y if condition`, or `body for a in x, b in y` (a product: the result has one
/// dimension per clause).
struct Generator {
    var body: Expr
    /// Loop clauses, outermost first.
    var clauses: [(target: Pattern, iterable: Expr)]
    var condition: Expr?
    /// True for the comma form, whose comprehension is a matrix.
    var product: Bool = false
}

/// A parsed block: its statements and whether the last one ends with `;`.
struct Program {
    var statements: [Expr]
    var silenced: Bool
}
