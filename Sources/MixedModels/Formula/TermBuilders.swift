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
        var terms = lhs.summands
        for t in rhs.summands where !terms.contains(t) { terms.append(t) }
        return terms.count == 1 ? terms[0] : .sum(terms)
    }

    /// Interaction, distributed over sums: `(a + b) & c` is `a & c + b & c`.
    public static func & (lhs: Term, rhs: Term) throws -> Term {
        var result = Term.zero
        for l in lhs.summands {
            for r in rhs.summands {
                result = result + .interaction(try interactionFactors(l) + interactionFactors(r))
            }
        }
        return result
    }

    /// `a * b` is `a + b + a & b`.
    public static func * (lhs: Term, rhs: Term) throws -> Term {
        lhs + rhs + (try lhs & rhs)
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
