/// A model formula `response ~ predictors` with MixedModels.jl's random-effects terms, parsed from the text
/// between `@formula(` and `)` or built at run time from terms. Two formulas are equal when their lowered
/// structure is (response and terms in order), whatever their origin.
public struct Formula: Equatable, CustomStringConvertible, Sendable {
    /// The response: a column, or a function of columns such as `incid / hsz`.
    public let response: Term
    /// The right-hand side, lowered: no sums, `*` expanded, nesting expanded, repeats removed; sorted by degree
    /// for a parsed formula, in the given order for one built at run time. Intercepts stay as written.
    public let terms: [Term]
    /// The formula's text when it was parsed.
    public let source: String?
    /// The response and predictor lines of StatsModels' `FormulaTerm` display.
    let responseDisplay: String
    let predictorDisplays: [String]
    /// First 0-based column of each variable in `source`, for error carets.
    let columns: [String: Int]

    /// The most predictors a formula may expand to, counted before repeats are removed: `*` of n factors makes
    /// 2ⁿ − 1 terms, so ten crossed factors are the most `a * b * …` can hold.
    public static let maximumTermCount = 1024

    /// The most text the interactions of one product may expand to (the terms' names, summed).
    public static let maximumExpandedTextLength = 1 << 18

    static let tooLongExpansionMessage = "the formula's interactions expand to more than 256 kB of term names; "
        + "write the interactions that are needed with &"

    static let tooManyTermsMessage = "the formula expands to more than \(maximumTermCount) terms (a product "
        + "a * b * … of n factors has 2^n - 1 terms); write the interactions that are needed with &"

    /// Parses the text of a formula, e.g. `Formula("y ~ 1 + a*b + (1 + x | g)")`.
    public init(_ source: String) throws {
        var parser = try FormulaSyntaxParser(source: source)
        let (lhs, _, rhs) = try parser.parseFormula()
        let lowering = FormulaLowering(source: source)
        let response = try lowering.response(lhs)
        let items = FormulaLowering.uniqueSorted(try lowering.predictors(rhs))
        var columns: [String: Int] = [:]
        Formula.recordColumns(lhs, into: &columns)
        Formula.recordColumns(rhs, into: &columns)
        try self.init(response: response, terms: items.flatMap(\.terms), source: source,
                      responseDisplay: response.unknownDisplay, predictorDisplays: items.map(\.display),
                      columns: columns)
    }

    /// A formula built at run time (`term(:y) ~ term(1) + term(:a)`), shown as StatsModels shows such formulas.
    public init(response: Term, predictors: Term) throws {
        let terms = predictors.summands
        try self.init(response: response, terms: terms, source: nil, responseDisplay: response.unknownDisplay,
                      predictorDisplays: terms.map(\.unknownDisplay), columns: [:])
    }

    init(response: Term, terms: [Term], source: String?, responseDisplay: String, predictorDisplays: [String],
         columns: [String: Int]) throws {
        switch response {
        case .variable, .function: break
        default: throw FormulaError("the response must be a column or a function of columns", source: source, column: 0)
        }
        try Formula.validate(terms, source: source)
        self.response = response
        self.terms = terms
        self.source = source
        self.responseDisplay = responseDisplay
        self.predictorDisplays = predictorDisplays
        self.columns = columns
    }

    public static func == (a: Formula, b: Formula) -> Bool { a.response == b.response && a.terms == b.terms }

    /// The formula as MixedModels.jl prints it in a model summary: intercepts explicit, nesting expanded,
    /// `fulldummy` not shown: `reaction ~ 1 + days + zerocorr(1 + days | subj)`.
    public var description: String {
        let rhs = fixedEffectsTerms.map(\.loweredName) + randomEffectsSpecs.map(\.description)
        return "\(response.loweredName) ~ \(rhs.joined(separator: " + "))"
    }

    /// The response as printed in the formula: `reaction`, `incid / hsz`.
    public var responseName: String { response.loweredName }

    /// StatsModels' `text/plain` display of the formula (`FormulaTerm`, `Response:`, `Predictors:`).
    public var formulaTermDisplay: String {
        (["FormulaTerm", "Response:", "  " + responseDisplay, "Predictors:"] + predictorDisplays.map { "  " + $0 })
            .joined(separator: "\n")
    }

    /// The fixed-effects terms with the intercept made explicit (a leading `1` unless `0` or `-1` is given).
    public var fixedEffectsTerms: [Term] {
        let fixed = terms.filter { if case .randomEffects = $0 { false } else { true } }
        let statesIntercept = fixed.contains { if case .constant = $0 { true } else { false } }
        return statesIntercept ? fixed : [.constant(1)] + fixed
    }

    /// The random-effects terms in formula order, each with MixedModels.jl's implicit intercept added unless an
    /// earlier term for the same grouping factor already has one or the term states `0`/`-1`.
    public var randomEffectsSpecs: [RandomEffectsSpec] {
        var interceptSeen: Set<String> = []
        return terms.compactMap { term -> RandomEffectsSpec? in
            guard case .randomEffects(var spec) = term else { return nil }
            if spec.terms.contains(.constant(1)) {
                interceptSeen.insert(spec.groupingName)
            } else if !spec.statesIntercept && !interceptSeen.contains(spec.groupingName) {
                spec.terms.insert(.constant(1), at: 0)
                interceptSeen.insert(spec.groupingName)
            }
            return spec
        }
    }

    /// Every column the formula reads: response first, then predictors, in order of first appearance.
    public var variables: [String] {
        var seen: [String] = []
        response.collectVariables(into: &seen)
        for t in terms { t.collectVariables(into: &seen) }
        return seen
    }

    /// The 0-based column of `variable` in the formula's text, when known.
    public func column(of variable: String) -> Int? { columns[variable] }

    static func validate(_ terms: [Term], source: String?) throws {
        func check(_ list: [Term], context: String) throws {
            var includes = false, omits = false
            for t in list {
                guard case .constant(let n) = t else { continue }
                switch n {
                case 1: includes = true
                case 0, -1: omits = true
                default: throw FormulaError("only 1, 0 and -1 may stand alone in a formula, not \(n)", source: source)
                }
            }
            if includes && omits {
                throw FormulaError("\(context) both includes (1) and excludes (0 or -1) the intercept", source: source)
            }
        }
        try check(terms, context: "the formula")
        for t in terms {
            switch t {
            case .randomEffects(let spec):
                guard !spec.terms.isEmpty, !spec.grouping.isEmpty else {
                    throw FormulaError("a random-effects term needs terms and a grouping factor", source: source)
                }
                try check(spec.terms, context: "the random-effects term \(spec)")
            case .sum:
                throw FormulaError("a sum of terms cannot be nested in a formula's terms", source: source)
            default: break
            }
        }
    }

    static func recordColumns(_ node: SyntaxNode, into columns: inout [String: Int]) {
        switch node {
        case .name(let name, let at): if columns[name] == nil { columns[name] = at }
        case .number: break
        case .call(_, let arguments, _): for a in arguments { recordColumns(a, into: &columns) }
        case .binary(_, let lhs, let rhs, _):
            recordColumns(lhs, into: &columns)
            recordColumns(rhs, into: &columns)
        case .prefix(_, let operand, _), .parenthesized(let operand, _): recordColumns(operand, into: &columns)
        }
    }
}
