import DataTables
import MixedModels

extension BuiltinLibrary {
    /// `fit`, the model constructors, families and links.
    mutating func registerModels() {
        let fitKeywords: Set<String> = ["REML", "contrasts", "fast", "nAGQ", "wts", "weights", "offset", "progress",
                                        "thin"]
        add("fit", keywords: fitKeywords) { c in
            try c.expectCount(3...5, "fit(MixedModel, formula, data[, family[, link]])")
            guard case .function(let kind) = c.positional[0],
                  ["MixedModel", "LinearMixedModel", "GeneralizedLinearMixedModel"].contains(kind.name) else {
                throw c.wrongType(0, expected: "MixedModel, LinearMixedModel or GeneralizedLinearMixedModel")
            }
            return .object(try ModelFitting.fit(c, kind: kind.name, fitNow: true))
        }
        for name in ["MixedModel", "LinearMixedModel", "GeneralizedLinearMixedModel"] {
            add(name, keywords: fitKeywords, isType: true) { c in
                try c.expectCount(2...4, "\(name)(formula, data[, family[, link]])")
                let shifted = CallContext(name: name, positional: [.nothing] + c.positional, keywords: c.keywords,
                                          interpreter: c.interpreter)
                return .object(try ModelFitting.fit(shifted, kind: name, fitNow: false))
            }
        }
        add("fit!", keywords: fitKeywords) { c in
            try c.expectCount(1, "fit!(model)")
            let model = try ModelFitting.model(c, 0)
            switch model.fit {
            case .linear(let m):
                let reml = try c.boolKeyword("REML", default: false)
                let thin = try ModelFitting.thin(c)
                try FitMonitoring.run(c, .fitting, "fitting \(m.formulaText)") {
                    try m.fit(reml: reml, control: $0, thin: thin)
                }
            case .generalized(let m):
                let fast = try c.boolKeyword("fast", default: false)
                let nAGQ = try c.intKeyword("nAGQ") ?? 1
                try FitMonitoring.run(c, .fitting, "fitting \(m.formulaDescription)") {
                    try m.fit(fast: fast, nAGQ: nAGQ, control: $0)
                }
            }
            return c.positional[0]
        }
        for family in Family.allCases {
            add(String(family.constructorName.dropLast(2)), isType: true) { c in
                try c.expectCount(0)
                return .object(FamilyObject(family))
            }
        }
        for link in Link.allCases {
            add(String(link.juliaName.dropLast(2)), isType: true) { c in
                try c.expectCount(0)
                return .object(LinkObject(link))
            }
        }
    }
}

/// Building and fitting models from call arguments.
enum ModelFitting {
    static func model(_ c: CallContext, _ i: Int) throws -> ModelObject {
        guard case .object(let o as ModelObject) = try c.argument(i) else {
            throw c.wrongType(i, expected: "a fitted model")
        }
        return o
    }

    /// `fit(kind, formula, data[, family[, link]]; keywords…)`; argument 0 is the model kind.
    static func fit(_ c: CallContext, kind: String, fitNow: Bool) throws -> ModelObject {
        guard case .object(let f as FormulaObject) = c.positional[1] else {
            throw c.wrongType(1, expected: "a formula made with @formula(…)")
        }
        guard case .object(let t as TableObject) = c.positional[2] else {
            throw c.wrongType(2, expected: "a table (MixedModels.dataset(…), a DataFrame)")
        }
        var family: Family?
        var link: Link?
        for i in 3..<c.count {
            switch c.positional[i] {
            case .object(let o as FamilyObject) where family == nil: family = o.family
            case .object(let o as LinkObject) where link == nil: link = o.link
            default: throw c.wrongType(i, expected: "a distribution such as Bernoulli() or a link such as LogitLink()")
            }
        }
        if kind == "LinearMixedModel" && family != nil {
            throw LanguageError("a LinearMixedModel takes no distribution: use GeneralizedLinearMixedModel")
        }
        if kind == "GeneralizedLinearMixedModel" && family == nil {
            throw LanguageError("a GeneralizedLinearMixedModel needs a distribution such as Bernoulli()")
        }
        let codings = try contrasts(c.keyword("contrasts"))
        let frame = try modelFrame(f.formula, data: t.table, contrasts: codings)
        guard let family else {
            for k in ["fast", "nAGQ", "wts", "weights", "offset"] where c.keyword(k) != nil {
                throw LanguageError("keyword \(k) applies to generalized models only (give a distribution)")
            }
            let m = try LinearMixedModel(frame: frame, formulaText: f.formula.description)
            if fitNow {
                let reml = try c.boolKeyword("REML", default: false)
                let thin = try ModelFitting.thin(c)
                try FitMonitoring.run(c, .fitting, "fitting \(m.formulaText)") {
                    try m.fit(reml: reml, control: $0, thin: thin)
                }
            }
            let object = ModelObject(.linear(m))
            object.source = (f.formula, t.table, codings)
            return object
        }
        if c.keyword("REML") != nil { throw LanguageError("REML applies to linear mixed models only") }
        let weights = try numbers(c.keyword("wts") ?? c.keyword("weights"), frame: frame, what: "wts")
        let offset = try numbers(c.keyword("offset"), frame: frame, what: "offset")
        let m = try GeneralizedLinearMixedModel(modelFrame: frame, formula: f.formula.description, family: family,
                                                link: link, weights: weights, offset: offset)
        if fitNow {
            let fast = try c.boolKeyword("fast", default: false)
            let nAGQ = try c.intKeyword("nAGQ") ?? 1
            try FitMonitoring.run(c, .fitting, "fitting \(m.formulaDescription)") {
                try m.fit(fast: fast, nAGQ: nAGQ, control: $0)
            }
        }
        let object = ModelObject(.generalized(m))
        object.source = (f.formula, t.table, codings)
        return object
    }

    /// The `thin` keyword of `fit`, `fit!` and `refit!`: every `thin`-th evaluation goes into `optsum.fitlog`.
    static func thin(_ c: CallContext) throws -> Int {
        guard let thin = try c.intKeyword("thin") else { return .max }
        guard thin > 0 else { throw LanguageError("thin must be a positive integer, got \(thin)") }
        return thin
    }

    /// `contrasts = Dict(:x => DummyCoding(), …)` as the engine's codings.
    private static func contrasts(_ value: Value?) throws -> [String: ContrastCoding] {
        guard let value else { return [:] }
        guard case .dict(let d) = value else {
            throw LanguageError("contrasts must be a Dict such as Dict(:days => DummyCoding()), got \(value.described)")
        }
        var result: [String: ContrastCoding] = [:]
        for (key, coding) in d.entries {
            guard case .symbol(let name) = key else {
                throw LanguageError("contrasts keys must be column names as symbols (:days), got \(key.described)")
            }
            if case .object(is GroupingMarker) = coding { continue }
            guard case .object(let o as ContrastObject) = coding else {
                throw LanguageError("the contrast for :\(name) must be a coding such as DummyCoding(), got \(coding.described)")
            }
            result[name] = o.coding
        }
        return result
    }

    /// Weights or offsets: a vector with one number per row used by the model.
    private static func numbers(_ value: Value?, frame: ModelFrame, what: String) throws -> [Double]? {
        guard let value else { return nil }
        let all = try Iteration.elements(of: value).map { v -> Double in
            guard let d = v.asDouble else { throw LanguageError("\(what) must be numbers, got \(v.described)") }
            return d
        }
        guard all.count > frame.rowsUsed.max() ?? -1 else {
            throw LanguageError("\(what) has \(all.count) values; the data have more rows")
        }
        return frame.rowsUsed.map { all[$0] }
    }
}

extension ModelObject {
    /// `deepcopy(m)`: an independent model on the same data and current response, sharing nothing with `m`. A
    /// fitted model's copy is fitted as `m` was (same criterion, `fast` and `nAGQ`); the fits are deterministic,
    /// so it holds `m`'s estimates. Simulating into or refitting the copy leaves `m` as it was, as in Julia.
    func deepCopy() throws -> ModelObject {
        let copy: ModelObject
        do {
            switch fit {
            case .linear(let m):
                let c = try m.copy()
                if m.isFitted { try c.fit(reml: m.isREML) }
                copy = ModelObject(.linear(c))
            case .generalized(let g):
                let c = try g.copy()
                let s = g.optimizationSummary
                if s.isFitted { try c.fit(fast: s.fast, nAGQ: s.nAGQ) }
                copy = ModelObject(.generalized(c))
            }
        } catch let error as LanguageError {
            throw error
        } catch {
            throw LanguageError("deepcopy could not refit the copy: \(error)")
        }
        copy.source = source
        return copy
    }
}
