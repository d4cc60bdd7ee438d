/// One term of a formula before the data are seen: StatsModels' `Term`, `ConstantTerm`, `InteractionTerm`,
/// `FunctionTerm` and MixedModels.jl's random-effects terms. Values are built by `Formula(_:)` or at run time
/// with `term(_:)` and the operators `+`, `&`, `*`, `|` and `~`, as in StatsModels.
public indirect enum Term: Hashable, Sendable, CustomStringConvertible {
    /// A literal `1` (intercept), `0` or `-1` (no intercept).
    case constant(Int)
    /// A column of the data table: continuous, or categorical for strings, booleans and columns given contrasts.
    case variable(String)
    /// A function of columns evaluated row by row (`abs2(age)`), one continuous model column.
    case function(FormulaExpression)
    /// `fulldummy(x)`: the categorical column `x` coded with an indicator for every level.
    case fullDummy(String)
    /// An interaction `a & b & …` of variables, function terms or full-dummy terms.
    case interaction([Term])
    /// A random-effects term `(terms | grouping)`, possibly `zerocorr(…)`.
    case randomEffects(RandomEffectsSpec)
    /// Several terms joined by `+` (StatsModels' tuple of terms); flattened, without repeats.
    case sum([Term])

    /// The empty sum, the identity of `+`.
    public static let zero = Term.sum([])

    /// The terms of a sum, or the term itself.
    public var summands: [Term] {
        if case .sum(let terms) = self { return terms }
        return [self]
    }

    /// StatsModels' degree, the key by which `@formula` sorts terms: intercepts first, then main effects,
    /// then interactions by order, random-effects terms last.
    var degree: Int {
        switch self {
        case .constant: 0
        case .variable, .function, .fullDummy: 1
        case .interaction(let parts): parts.count
        case .randomEffects: Int.max
        case .sum(let parts): parts.map(\.degree).max() ?? 0
        }
    }

    /// The data columns the term reads, in order of first appearance.
    public var variables: [String] {
        var seen: [String] = []
        collectVariables(into: &seen)
        return seen
    }

    func collectVariables(into seen: inout [String]) {
        func add(_ name: String) { if !seen.contains(name) { seen.append(name) } }
        switch self {
        case .constant: break
        case .variable(let name), .fullDummy(let name): add(name)
        case .function(let expression): expression.collectSymbols(into: &seen)
        case .interaction(let parts), .sum(let parts): for p in parts { p.collectVariables(into: &seen) }
        case .randomEffects(let spec):
            for t in spec.terms { t.collectVariables(into: &seen) }
            for g in spec.grouping { add(g) }
        }
    }

    /// StatsModels' plain `show` of the term: `a`, `1`, `a & b`, `(1 + a | g)`; a sum joined by ` + `.
    public var description: String { plainName }

    /// StatsModels' `text/plain` display: `a(unknown)`, `(age)->abs2(age)`; one line per term of a sum.
    public var textDisplay: String { unknownDisplay }

    /// The name of the term after the schema is applied, as MixedModels.jl prints it in a model's formula.
    var loweredName: String {
        switch self {
        case .constant(let n): n == 1 ? "1" : "0"
        case .variable(let name), .fullDummy(let name): name
        case .function(let expression): expression.description
        case .interaction(let parts): parts.map(\.loweredName).joined(separator: " & ")
        case .randomEffects(let spec): spec.description
        case .sum(let parts): parts.map(\.loweredName).joined(separator: " + ")
        }
    }

    /// StatsModels' `text/plain` display of an un-typed term: `a(unknown)`, `(age)->abs2(age)`.
    var unknownDisplay: String {
        switch self {
        case .constant(let n): String(n)
        case .variable(let name): "\(name)(unknown)"
        case .fullDummy(let name): "(\(name))->fulldummy(\(name))"
        case .function(let expression):
            "(\(expression.symbols.joined(separator: ",")))->\(expression)"
        case .interaction(let parts): parts.map(\.unknownDisplay).joined(separator: " & ")
        case .randomEffects(let spec): spec.runtimeDescription
        case .sum(let parts): parts.map(\.unknownDisplay).joined(separator: "\n")
        }
    }

    /// The plain `show` of a term inside a run-time random-effects term: `a`, `1`, `a & b`.
    var plainName: String {
        switch self {
        case .constant(let n): String(n)
        case .fullDummy(let name): "fulldummy(\(name))"
        case .interaction(let parts): parts.map(\.plainName).joined(separator: " & ")
        case .sum(let parts): parts.map(\.plainName).joined(separator: " + ")
        default: loweredName
        }
    }
}

/// The left- and right-hand sides of a random-effects term after parsing.
public struct RandomEffectsSpec: Hashable, Sendable, CustomStringConvertible {
    /// Terms left of `|`, lowered and unique (the implicit intercept is not yet added).
    public var terms: [Term]
    /// The grouping factor: one column, or several for an interaction such as `batch & cask`.
    public var grouping: [String]
    /// `zerocorr(…)`: the random effects of the term are uncorrelated.
    public var zeroCorrelation: Bool

    public init(terms: [Term], grouping: [String], zeroCorrelation: Bool = false) {
        self.terms = terms
        self.grouping = grouping
        self.zeroCorrelation = zeroCorrelation
    }

    /// The grouping factor as printed: `subj`, `batch & cask`.
    public var groupingName: String { grouping.joined(separator: " & ") }

    /// Whether the left-hand side states an intercept (`1`) or its absence (`0`, `-1`).
    var statesIntercept: Bool { terms.contains { if case .constant = $0 { true } else { false } } }

    /// `(1 + days | subj)` or `zerocorr(1 + days | subj)` with the terms as they stand.
    public var description: String {
        let inner = "\(terms.map(\.loweredName).joined(separator: " + ")) | \(groupingName)"
        return zeroCorrelation ? "zerocorr(\(inner))" : "(\(inner))"
    }

    /// StatsModels' display of a random-effects term built at run time.
    var runtimeDescription: String {
        let inner = "\(terms.map(\.plainName).joined(separator: " + ")) | \(groupingName)"
        return zeroCorrelation ? "zerocorr(\(inner))" : "(\(inner))"
    }
}
