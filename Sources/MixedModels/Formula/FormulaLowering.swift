/// One predictor of a parsed formula: its lowered terms (several for a nested random-effects term) and the
/// line StatsModels' `FormulaTerm` display shows for it.
struct LoweredItem {
    var terms: [Term]
    var display: String
    var degree: Int { terms.first?.degree ?? 0 }
}

/// Applies the formula rules to a syntax tree: `*` expansion, distribution of `&` over `+`, `-1`, function
/// terms, random-effects terms with `zerocorr`, `fulldummy` and nesting `/`.
struct FormulaLowering {
    let source: String

    func error(_ message: String, at column: Int) -> FormulaError {
        FormulaError(message, source: source, column: column)
    }

    /// `count` predictors (before repeats are removed), or the error of a formula that expands to too many.
    func limited(_ count: Int, at column: Int) throws {
        guard count <= Formula.maximumTermCount else { throw error(Formula.tooManyTermsMessage, at: column) }
    }

    // MARK: response

    func response(_ node: SyntaxNode) throws -> Term {
        switch node {
        case .name(let name, _): return .variable(name)
        case .parenthesized(let inner, _): return try response(inner)
        case .number(_, _, let at):
            throw error("the response must be a column or a function of columns, not a number", at: at)
        default: return .function(try arithmetic(node))
        }
    }

    // MARK: arithmetic inside function terms

    /// The arithmetic expression of a function term's body.
    func arithmetic(_ node: SyntaxNode) throws -> FormulaExpression {
        switch node {
        case .name(let name, _): return .symbol(name)
        case .number(let value, let literal, _): return .number(value, literal: literal)
        case .parenthesized(let inner, _): return try arithmetic(inner)
        case .prefix(let op, let operand, _): return .operation(op, [try arithmetic(operand)])
        case .call(let name, let arguments, let at):
            guard FormulaFunction.unary[name] != nil else {
                throw error("unknown function \(name); available: \(FormulaFunction.names.joined(separator: ", "))", at: at)
            }
            guard arguments.count == 1 else {
                throw error("\(name) takes one argument, got \(arguments.count)", at: at)
            }
            return .call(name, [try arithmetic(arguments[0])])
        case .binary(let op, let lhs, let rhs, let at):
            guard ["+", "-", "*", "/", "^"].contains(op) else {
                throw error("'\(op)' cannot be used inside a function of columns", at: at)
            }
            return FormulaLowering.chain(op, try arithmetic(lhs), try arithmetic(rhs), lhsNode: lhs)
        }
    }

    /// Julia parses `a + b + c` and `a * b * c` as one call with three arguments; parenthesized groups stay nested.
    static func chain(_ op: String, _ lhs: FormulaExpression, _ rhs: FormulaExpression,
                      lhsNode: SyntaxNode) -> FormulaExpression {
        if op == "+" || op == "*", case .binary(let inner, _, _, _) = lhsNode, inner == op,
           case .operation(_, let operands) = lhs {
            return .operation(op, operands + [rhs])
        }
        return .operation(op, [lhs, rhs])
    }

    /// Any syntax node as a Julia expression, for the `FormulaTerm` display of random-effects terms.
    func display(_ node: SyntaxNode) -> FormulaExpression {
        switch node {
        case .name(let name, _): return .symbol(name)
        case .number(let value, let literal, _): return .number(value, literal: literal)
        case .parenthesized(let inner, _): return display(inner)
        case .prefix(let op, let operand, _): return .operation(op, [display(operand)])
        case .call(let name, let arguments, _): return .call(name, arguments.map(display))
        case .binary(let op, let lhs, let rhs, _):
            return FormulaLowering.chain(op, display(lhs), display(rhs), lhsNode: lhs)
        }
    }

    // MARK: predictors

    /// The predictors of `node`; `insideRandom` is set for the left side of `|`.
    func predictors(_ node: SyntaxNode, insideRandom: Bool = false) throws -> [LoweredItem] {
        switch node {
        case .name(let name, _):
            return [plain(.variable(name))]
        case .number(let value, let literal, let at):
            guard value == 1 || value == 0 || value == -1 else {
                throw error("only 1, 0 and -1 may stand alone in a formula, not \(literal)", at: at)
            }
            return [plain(.constant(Int(value)))]
        case .parenthesized(let inner, let at):
            if case .binary("|", let lhs, let rhs, let barAt) = inner {
                if insideRandom { throw error("a random-effects term cannot be nested in another", at: at) }
                return [try randomEffects(lhs, rhs, zeroCorrelation: false, bar: barAt, whole: node)]
            }
            return try predictors(inner, insideRandom: insideRandom)
        case .prefix(_, _, let at):
            throw error("a term cannot be negated (only -1 removes the intercept)", at: at)
        case .call(let name, let arguments, let at):
            return [try call(name, arguments, at: at, node: node, insideRandom: insideRandom)]
        case .binary(let op, let lhs, let rhs, let at):
            switch op {
            case "+":
                let left = try predictors(lhs, insideRandom: insideRandom)
                let right = try predictors(rhs, insideRandom: insideRandom)
                try limited(left.count + right.count, at: at)
                return left + right
            case "-":
                guard case .number(1, _, _) = rhs else {
                    throw error("subtraction is only supported for removing the intercept (- 1)", at: at)
                }
                return try predictors(lhs, insideRandom: insideRandom) + [plain(.constant(-1))]
            case "&":
                return try interact(predictors(lhs, insideRandom: insideRandom),
                                    predictors(rhs, insideRandom: insideRandom), at: at)
            case "*":
                let left = try predictors(lhs, insideRandom: insideRandom)
                let right = try predictors(rhs, insideRandom: insideRandom)
                try limited(left.count + right.count + left.count * right.count, at: at)
                return left + right + (try interact(left, right, at: at))
            case "/":
                if case .name = lhs, case .name = rhs { return try nestedFixedEffects(lhs, rhs, at: at) }
                return [plain(.function(try arithmetic(node)))]
            case "^":
                return [plain(.function(try arithmetic(node)))]
            case "|":
                throw error("'|' must be inside parentheses: (terms | grouping factor)", at: at)
            default:
                throw error("unexpected '\(op)'", at: at)
            }
        }
    }

    func plain(_ term: Term) -> LoweredItem { LoweredItem(terms: [term], display: term.unknownDisplay) }

    func call(_ name: String, _ arguments: [SyntaxNode], at: Int, node: SyntaxNode,
              insideRandom: Bool) throws -> LoweredItem {
        switch name {
        case "zerocorr":
            guard !insideRandom else { throw error("zerocorr applies to a whole random-effects term", at: at) }
            var argument = arguments.count == 1 ? arguments[0] : nil
            if case .parenthesized(let inner, _)? = argument { argument = inner }
            guard case .binary("|", let lhs, let rhs, let barAt)? = argument else {
                throw error("zerocorr needs one random-effects term: zerocorr(terms | grouping factor)", at: at)
            }
            return try randomEffects(lhs, rhs, zeroCorrelation: true, bar: barAt, whole: node)
        case "fulldummy":
            guard arguments.count == 1, case .name(let variable, _) = arguments[0] else {
                throw error("fulldummy needs one column name: fulldummy(x)", at: at)
            }
            return plain(.fullDummy(variable))
        default:
            return plain(.function(try arithmetic(node)))
        }
    }

    /// `a & b` distributed over sums, interactions flattened.
    func interact(_ left: [LoweredItem], _ right: [LoweredItem], at: Int) throws -> [LoweredItem] {
        try limited(left.count * right.count, at: at)
        // Each product repeats its factors' text: a long function term crossed with many factors would otherwise
        // multiply a short formula into megabytes of term names.
        let leftText = left.reduce(0) { $0 + $1.display.utf8.count }
        let rightText = right.reduce(0) { $0 + $1.display.utf8.count }
        guard leftText * right.count + rightText * left.count <= Formula.maximumExpandedTextLength else {
            throw error(Formula.tooLongExpansionMessage, at: at)
        }
        var out: [LoweredItem] = []
        for l in left {
            for r in right {
                out.append(plain(.interaction(try factors(of: l, at: at) + factors(of: r, at: at))))
            }
        }
        return out
    }

    func factors(of item: LoweredItem, at: Int) throws -> [Term] {
        guard item.terms.count == 1 else { throw error("a random-effects term cannot be part of an interaction", at: at) }
        switch item.terms[0] {
        case .interaction(let parts): return parts
        case .variable, .function, .fullDummy: return item.terms
        case .constant: throw error("an intercept (1, 0, -1) cannot be part of an interaction", at: at)
        default: throw error("a random-effects term cannot be part of an interaction", at: at)
        }
    }

    /// `a / b` of two column names among the fixed effects: `a + fulldummy(a) & b`, as MixedModels.jl lowers it
    /// (any other `/`, such as `x / 2`, is arithmetic in a function term).
    func nestedFixedEffects(_ lhs: SyntaxNode, _ rhs: SyntaxNode, at: Int) throws -> [LoweredItem] {
        guard case .name(let outer, _) = lhs, case .name(let inner, _) = rhs else {
            throw error("nesting '/' needs two column names (outer / inner)", at: at)
        }
        return [plain(.variable(outer)), plain(.interaction([.fullDummy(outer), .variable(inner)]))]
    }

    // MARK: random effects

    func randomEffects(_ lhs: SyntaxNode, _ rhs: SyntaxNode, zeroCorrelation: Bool, bar: Int,
                       whole: SyntaxNode) throws -> LoweredItem {
        let lowered = FormulaLowering.uniqueSorted(try predictors(lhs, insideRandom: true))
        let terms = lowered.flatMap(\.terms)
        let groupings = try self.groupings(rhs)
        let left = Set(terms.flatMap(\.variables))
        for grouping in groupings {
            if let shared = grouping.first(where: left.contains) {
                throw error("the same column \(shared) appears on both sides of '|'", at: bar)
            }
        }
        let specs = groupings.map {
            Term.randomEffects(RandomEffectsSpec(terms: terms, grouping: $0, zeroCorrelation: zeroCorrelation))
        }
        let expression = display(whole)
        return LoweredItem(terms: specs,
                           display: "(\(expression.symbols.joined(separator: ",")))->\(expression)")
    }

    /// The grouping factors right of `|`: a column, an interaction `a & b`, or nesting `a / b` (= `a`, `a & b`).
    func groupings(_ node: SyntaxNode) throws -> [[String]] {
        switch node {
        case .name(let name, _): return [[name]]
        case .parenthesized(let inner, _): return try groupings(inner)
        case .binary("&", let lhs, let rhs, let at):
            let left = try groupings(lhs), right = try groupings(rhs)
            guard left.count == 1, right.count == 1 else {
                throw error("nesting '/' cannot be part of an interaction of grouping factors", at: at)
            }
            return [left[0] + right[0]]
        case .binary("/", let lhs, let rhs, let at):
            let outer = try groupings(lhs), inner = try groupings(rhs)
            guard inner.count == 1, let last = outer.last else {
                throw error("nesting '/' needs grouping factors on both sides", at: at)
            }
            return outer + [last + inner[0]]
        default:
            throw error("the grouping factor after '|' must be a column or an interaction of columns", at: node.column)
        }
    }

    /// Repeated terms removed (first kept), then a stable sort by degree, as `@formula` does.
    static func uniqueSorted(_ items: [LoweredItem]) -> [LoweredItem] {
        var seen: Set<Term> = []
        var kept: [LoweredItem] = []
        for item in items where !item.terms.allSatisfy(seen.contains) {
            seen.formUnion(item.terms)
            kept.append(item)
        }
        return kept.enumerated().sorted { ($0.element.degree, $0.offset) < ($1.element.degree, $1.offset) }
            .map(\.element)
    }
}
