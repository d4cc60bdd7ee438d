// Run-time construction of formulas, mirroring StatsModels: `try term("y") ~ term(1) + term("a") + term("g")`.

/// `term(:name)`: the column `name`.
public func term(_ name: String) -> Term { .variable(name) }

/// `term(1)`, `term(0)`, `term(-1)`: the intercept or its absence.
public func term(_ value: Int) -> Term { .constant(value) }

/// `zerocorr(t)`: the random-effects term `t` with uncorrelated random effects.
public func zerocorr(_ term: Term) throws -> Term {
    let specs = try term.summands.map { summand -> Term in
        guard case .randomEffects(var spec) = summand else {
            throw FormulaError("zerocorr applies to random-effects terms, not \(summand.plainName)")
        }
        spec.zeroCorrelation = true
        return .randomEffects(spec)
    }
    return specs.count == 1 ? specs[0] : .sum(specs)
}

/// `fulldummy(t)`: the categorical column `t` coded with one indicator per level.
public func fulldummy(_ term: Term) throws -> Term {
    guard case .variable(let name) = term else {
        throw FormulaError("fulldummy applies to a column, not \(term.plainName)")
    }
    return .fullDummy(name)
}

precedencegroup FormulaSeparatorPrecedence {
    higherThan: AssignmentPrecedence
    lowerThan: TernaryPrecedence
}

/// The formula separator `response ~ predictors`.
infix operator ~ : FormulaSeparatorPrecedence

extension Term {
    /// Concatenation: a sum of the terms of both sides, repeats dropped (StatsModels' `+`, associative).
    public static func + (lhs: Term, rhs: Term) -> Term {
        uniqueSum(lhs.summands + rhs.summands)
    }

    /// Interaction, distributed over sums: `(a + b) & c` is `a & c + b & c`.
    public static func & (lhs: Term, rhs: Term) throws -> Term {
        let left = lhs.summands, right = rhs.summands
        try checkTermCount(left.count * right.count)
        var products: [Term] = []
        products.reserveCapacity(left.count * right.count)
        for l in left {
            for r in right {
                products.append(.interaction(try interactionFactors(l) + interactionFactors(r)))
            }
        }
        return uniqueSum(products)
    }

    /// `a * b` is `a + b + a & b`.
    public static func * (lhs: Term, rhs: Term) throws -> Term {
        let left = lhs.summands.count, right = rhs.summands.count
        try checkTermCount(left + right + left * right)
        return lhs + rhs + (try lhs & rhs)
    }

    /// The sum of `terms` with repeats dropped (first kept), found with a set so that long sums stay linear.
    private static func uniqueSum(_ terms: [Term]) -> Term {
        var seen: Set<Term> = []
        let unique = terms.filter { seen.insert($0).inserted }
        return unique.count == 1 ? unique[0] : .sum(unique)
    }

    private static func checkTermCount(_ count: Int) throws {
        guard count <= Formula.maximumTermCount else { throw FormulaError(Formula.tooManyTermsMessage) }
    }

    /// A random-effects term `(lhs | grouping)`; the grouping is a column or an interaction of columns.
    public static func | (lhs: Term, rhs: Term) throws -> Term {
        let grouping: [String]
        switch rhs {
        case .variable(let name): grouping = [name]
        case .interaction(let parts):
            grouping = try parts.map { part -> String in
                guard case .variable(let name) = part else {
                    throw FormulaError("the grouping factor after '|' must be a column or an interaction of columns")
                }
                return name
            }
        default:
            throw FormulaError("the grouping factor after '|' must be a column or an interaction of columns, not \(rhs.plainName)")
        }
        let terms = lhs.summands
        if terms.isEmpty { throw FormulaError("a random-effects term needs terms before '|'") }
        for t in terms {
            switch t {
            case .randomEffects: throw FormulaError("a random-effects term cannot be nested in another")
            case .sum: throw FormulaError("a sum of terms cannot be nested in a random-effects term")
            default: break
            }
        }
        if let shared = Set(terms.flatMap(\.variables)).intersection(grouping).first {
            throw FormulaError("the same column \(shared) appears on both sides of '|'")
        }
        return .randomEffects(RandomEffectsSpec(terms: terms, grouping: grouping))
    }

    /// A formula `response ~ predictors`.
    public static func ~ (lhs: Term, rhs: Term) throws -> Formula {
        try Formula(response: lhs, predictors: rhs)
    }

    private static func interactionFactors(_ term: Term) throws -> [Term] {
        switch term {
        case .interaction(let parts): return parts
        case .variable, .function, .fullDummy: return [term]
        case .constant: throw FormulaError("an intercept (1, 0, -1) cannot be part of an interaction")
        default: throw FormulaError("a random-effects term cannot be part of an interaction")
        }
    }
}
