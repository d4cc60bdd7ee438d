import MixedModels

/// A formula value (`@formula(…)` or `lhs ~ rhs`), shown as StatsModels' `FormulaTerm`.
final class FormulaObject: LanguageObject {
    let formula: Formula
    init(_ formula: Formula) { self.formula = formula }
    var typeName: String { "FormulaTerm" }
    func display() -> String { formula.formulaTermDisplay }
    func printed() -> String { formula.description }
    func isEqual(to other: any LanguageObject) -> Bool { (other as? FormulaObject)?.formula == formula }
}

/// A term or sum of terms built at run time (`term(:a) + term(:b)`).
final class TermObject: LanguageObject {
    let term: Term
    init(_ term: Term) { self.term = term }
    var typeName: String {
        switch term {
        case .constant: "ConstantTerm{Int64}"
        case .variable: "Term"
        case .sum: "Tuple"
        case .interaction: "InteractionTerm"
        case .randomEffects: "RandomEffectsTerm"
        default: "AbstractTerm"
        }
    }
    func display() -> String {
        if case .variable(let name) = term { return "\(name)(unknown)" }
        return printed()
    }
    func printed() -> String { TermObject.name(term) }
    func isEqual(to other: any LanguageObject) -> Bool { (other as? TermObject)?.term == term }

    /// StatsModels' plain `show` of a term.
    static func name(_ t: Term) -> String {
        switch t {
        case .constant(let n): String(n)
        case .variable(let name): name
        case .fullDummy(let name): "fulldummy(\(name))"
        case .function(let e): e.description
        case .interaction(let parts): parts.map(name).joined(separator: " & ")
        case .sum(let parts): parts.map(name).joined(separator: " + ")
        case .randomEffects(let spec):
            (spec.zeroCorrelation ? "zerocorr(" : "(") + spec.terms.map(name).joined(separator: " + ")
                + " | " + spec.groupingName + ")"
        }
    }
}

/// A contrast coding (`DummyCoding()`, …) given in `contrasts = Dict(:x => …)`.
final class ContrastObject: LanguageObject {
    let coding: ContrastCoding
    init(_ coding: ContrastCoding) { self.coding = coding }
    var typeName: String { coding.juliaName }
    func display() -> String {
        switch coding {
        case .dummy(let base), .effects(let base), .helmert(let base):
            "\(coding.juliaName)(\(base.map(Display.quoted) ?? "nothing"), nothing)"
        case .seqDiff, .fullDummy: "\(coding.juliaName)()"
        }
    }
    func isEqual(to other: any LanguageObject) -> Bool { (other as? ContrastObject)?.coding == coding }
}

extension BuiltinLibrary {
    /// `@formula`, `term`, the term operators, `zerocorr`, `fulldummy` and the contrast codings.
    mutating func registerFormulas() {
        formulaBuilder = { source, offset in
            do {
                return .object(FormulaObject(try Formula(source)))
            } catch let error as FormulaError {
                throw LanguageError("in @formula: \(error.message)", at: error.column.map { offset + $0 })
            }
        }
        objectOperators.append(termOperator)
        add("term") { c in
            try c.expectCount(1, "term(:name) or term(1)")
            switch c.positional[0] {
            case .int(let n): return .object(TermObject(MixedModels.term(n)))
            case .symbol(let s), .string(let s): return .object(TermObject(MixedModels.term(s)))
            default: throw c.wrongType(0, expected: "a Symbol such as :a or an integer 1, 0 or -1")
            }
        }
        add("zerocorr") { c in
            try c.expectCount(1)
            return .object(TermObject(try MixedModels.zerocorr(try asTerm(c.positional[0]))))
        }
        add("fulldummy") { c in
            try c.expectCount(1)
            return .object(TermObject(try MixedModels.fulldummy(try asTerm(c.positional[0]))))
        }
        for (name, make) in [("DummyCoding", ContrastCoding.dummy), ("EffectsCoding", ContrastCoding.effects),
                             ("HelmertCoding", ContrastCoding.helmert)] as [(String, (String?) -> ContrastCoding)] {
            add(name, keywords: ["base"], isType: true) { c in
                try c.expectCount(0, "\(name)() or \(name)(base = level)")
                let base = c.keyword("base").map(Display.printed)
                return .object(ContrastObject(make(base)))
            }
        }
        // MixedModels.jl's marker for a grouping factor: ours never build contrast matrices, so it changes nothing.
        add("Grouping", isType: true) { c in try c.expectCount(0, "Grouping()"); return .object(GroupingMarker()) }
        add("SeqDiffCoding", isType: true) { c in try c.expectCount(0); return .object(ContrastObject(.seqDiff)) }
        add("FullDummyCoding", isType: true) { c in try c.expectCount(0); return .object(ContrastObject(.fullDummy)) }
    }
}

/// A term operand: a term, or an integer or symbol promoted as StatsModels does on the right of an operator.
func asTerm(_ v: Value) throws -> Term {
    switch v {
    case .object(let o as TermObject): return o.term
    case .int(let n): return MixedModels.term(n)
    case .symbol(let s): return MixedModels.term(s)
    default: throw LanguageError("expected a term (made with term(…)), got \(v.described)")
    }
}

private func isTerm(_ v: Value) -> Bool {
    if case .object(let o) = v { return o is TermObject }
    return false
}

private func termOperator(_ op: String, _ l: Value, _ r: Value) throws -> Value? {
    guard isTerm(l) || isTerm(r), ["+", "&", "*", "|", "~"].contains(op) else { return nil }
    let a = try asTerm(l), b = try asTerm(r)
    switch op {
    case "+": return .object(TermObject(a + b))
    case "&": return .object(TermObject(try a & b))
    case "*": return .object(TermObject(try a * b))
    case "|": return .object(TermObject(try a | b))
    default: return .object(FormulaObject(try a ~ b))
    }
}

/// The value of `Grouping()`, accepted in `contrasts` for a grouping factor.
final class GroupingMarker: LanguageObject {
    var typeName: String { "Grouping" }
    func display() -> String { "Grouping()" }
}
