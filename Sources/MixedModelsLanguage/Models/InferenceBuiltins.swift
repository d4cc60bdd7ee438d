import JuliaRandom
import MixedModels

extension BuiltinLibrary {
    /// Model comparison, simulation and the parametric bootstrap, under MixedModels.jl's names.
    mutating func registerInference() {
        let comparison = Function("likelihoodratiotest") { c in
            try c.expectCount(2...Int.max, "likelihoodratiotest(m1, m2, …)")
            return .object(LikelihoodRatioTestObject(try LikelihoodRatioTest(try Inference.compared(c))))
        }
        add(comparison)
        add("lrtest", keywords: ["atol"]) { c in
            try c.expectCount(1...Int.max, "lrtest(m1, m2, …)")
            return .object(LRTestResultObject(try LRTestResult(try Inference.compared(c))))
        }
        add("isnested", keywords: ["atol"]) { c in
            try c.expectCount(2, "isnested(m1, m2)")
            let models = try Inference.compared(c)
            return .bool(isnested(models[0], models[1]))
        }
        add("shortestcovint") { c in
            try c.expectCount(1...2, "shortestcovint(samp or v[, level])")
            let level = c.count == 2 ? try c.double(1) : 0.95
            if case .object(let b as BootstrapObject) = c.positional[0] {
                let rows = try b.samp.shortestcovint(level: level)
                return .array(ArrayBox(rows.map { r in
                    .namedTuple(names: ["type", "group", "names", "lower", "upper"],
                                values: [.string(r.type), r.group.map(Value.string) ?? .missing,
                                         r.names.map(Value.string) ?? .missing, .float(r.lower), .float(r.upper)])
                }, elementType: "NamedTuple{(:type, :group, :names, :lower, :upper)}"))
            }
            let (lower, upper) = try shortestcovint(try Inference.numbers(c.positional[0], what: "the values"),
                                                    level: level)
            return .tuple([.float(lower), .float(upper)])
        }
        extend("confint", keywords: ["level"]) { c, next in
            guard c.count == 1, case .object(let b as BootstrapObject) = c.positional[0] else { return try next(c) }
            let rows = try b.samp.confint(level: try c.doubleKeyword("level") ?? 0.95)
            return .object(DictTableObject(keys: rows.map(\.par), lower: rows.map(\.lower), upper: rows.map(\.upper)))
        }
        extend("issingular") { c, next in
            guard c.count == 1, case .object(let b as BootstrapObject) = c.positional[0] else { return try next(c) }
            return .array(ArrayBox(b.samp.issingular.map(Value.bool), elementType: "Bool"))
        }
    }
}

/// Argument handling shared by the inference builtins.
enum Inference {
    /// Every positional argument as a model to compare.
    static func compared(_ c: CallContext) throws -> [ComparedModel] {
        try (0..<c.count).map { i in
            switch try ModelFitting.model(c, i).fit {
            case .linear(let m): m.compared
            case .generalized(let g): g.compared
            }
        }
    }

    static func linearModel(_ c: CallContext, _ i: Int, _ what: String) throws -> LinearMixedModel {
        guard case .linear(let m) = try ModelFitting.model(c, i).fit else {
            throw LanguageError("\(what) is available for linear mixed models")
        }
        return m
    }

    static func parameters(_ c: CallContext) throws -> (beta: [Double]?, sigma: Double?, theta: [Double]?) {
        // σ = missing is the GLMMs' own value (no dispersion): the same as not giving σ.
        let sigma = c.keyword("σ").map { if case .missing = $0 { return true } else { return false } } == true
            ? nil : try c.doubleKeyword("σ")
        return (try c.keyword("β").map { try numbers($0, what: "β") }, sigma,
         try c.keyword("θ").map { try numbers($0, what: "θ") })
    }

    static func numbers(_ value: Value, what: String) throws -> [Double] {
        try Iteration.elements(of: value).map { v in
            guard let d = v.asDouble else { throw LanguageError("\(what) must be numbers, got \(v.described)") }
            return d
        }
    }

    /// `optsum_overrides = (; ftol_rel = 1e-8, …)`.
    static func overrides(_ value: Value?) throws -> OptSummaryOverrides {
        guard let value else { return .init() }
        guard case .namedTuple(let names, let values) = value else {
            throw LanguageError("optsum_overrides must be a named tuple such as (; ftol_rel = 1e-8), got \(value.described)")
        }
        var o = OptSummaryOverrides()
        for (name, v) in zip(names, values) {
            switch name {
            case "ftol_rel": o.ftolRel = v.asDouble
            case "ftol_abs": o.ftolAbs = v.asDouble
            case "xtol_abs": o.xtolAbs = v.asDouble
            case "maxfeval":
                guard case .int(let n) = v else { throw LanguageError("maxfeval must be an integer") }
                o.maxfeval = n
            default:
                throw LanguageError("optsum_overrides: unknown field \(name) (ftol_rel, ftol_abs, xtol_abs, maxfeval)")
            }
        }
        return o
    }
}

extension BuiltinLibrary {
    /// `predict`, `confint(m)` (Wald), the GLMM residuals, and the short constructors `lmm`/`glmm`.
    mutating func registerPrediction() {
        modules.insert("MixedModelsDatasets")
        for (name, kind) in [("lmm", "LinearMixedModel"), ("glmm", "GeneralizedLinearMixedModel")] {
            add(name, keywords: ["REML", "contrasts", "fast", "nAGQ", "wts", "weights", "offset", "progress"]) { c in
                try c.expectCount(2...4, "\(name)(formula, data\(kind == "LinearMixedModel" ? "" : ", distribution[, link]"))")
                let shifted = CallContext(name: name, positional: [.nothing] + c.positional, keywords: c.keywords,
                                          interpreter: c.interpreter)
                return .object(try ModelFitting.fit(shifted, kind: kind, fitNow: true))
            }
        }
        add("predict", keywords: ["new_re_levels", "type"]) { c in
            try c.expectCount(1...2, "predict(model[, newdata]; new_re_levels, type)")
            let object = try ModelFitting.model(c, 0)
            let type = try c.keyword("type").map { v -> String in
                guard case .symbol(let s) = v, ["linpred", "response"].contains(s) else {
                    throw LanguageError("Invalid value for `type`: \(v.described) (use :linpred or :response)")
                }
                return s
            } ?? "response"
            if c.count == 1 {
                switch object.fit {
                case .linear(let m): return ModelValues.vector(m.fitted)
                case .generalized(let g): return ModelValues.vector(type == "linpred" ? g.linearPredictor : g.fitted)
                }
            }
            guard let source = object.source else {
                throw LanguageError("predict(model, newdata) needs a model fit in this session from a table")
            }
            guard case .object(let t as TableObject) = c.positional[1] else {
                throw c.wrongType(1, expected: "a table (a DataFrame or MixedModels.dataset(…))")
            }
            let handling = try c.keyword("new_re_levels").map { v -> NewLevelHandling in
                guard case .symbol(let s) = v, let h = NewLevelHandling(rawValue: s) else {
                    throw LanguageError("new_re_levels must be :population, :missing or :error, got \(Display.repr(v))")
                }
                return h
            }
            let values: [Double?]
            switch object.fit {
            case .linear(let m):
                values = try m.predict(newdata: t.table, data: source.data, formula: source.formula,
                                       contrasts: source.contrasts, newReLevels: handling ?? .missing)
            case .generalized(let g):
                values = try g.predict(newdata: t.table, data: source.data, formula: source.formula,
                                       contrasts: source.contrasts, newReLevels: handling ?? .population,
                                       scale: type == "linpred" ? .linpred : .response)
            }
            if values.contains(where: { $0 == nil }) {
                return .array(ArrayBox(values.map { $0.map(Value.float) ?? .missing },
                                       elementType: "Union{Missing, Float64}"))
            }
            return ModelValues.vector(values.compactMap { $0 })
        }
        extend("confint", keywords: ["level"]) { c, next in
            guard c.count == 1, case .object(let o as ModelObject) = c.positional[0], case .linear(let m) = o.fit else {
                return try next(c)
            }
            let rows = try m.waldIntervals(level: try c.doubleKeyword("level") ?? 0.95)
            return .object(DictTableObject(keyName: "coef", keys: rows.map(\.coef), lower: rows.map(\.lower),
                                           upper: rows.map(\.upper)))
        }
        add("profile", keywords: ["threshold", "progress"]) { c in
            try c.expectCount(1, "profile(model; threshold)")
            let model = try Inference.linearModel(c, 0, "profile")
            let threshold = try c.doubleKeyword("threshold") ?? 4
            return .object(ProfileObject(try FitMonitoring.run(c, .profiling, "profiling \(model.formulaText)") {
                try model.profile(threshold: threshold, control: $0)
            }))
        }
        extend("confint", keywords: ["level"]) { c, next in
            guard c.count == 1, case .object(let o as ProfileObject) = c.positional[0] else { return try next(c) }
            let rows = try o.profile.confint(level: try c.doubleKeyword("level") ?? 0.95)
            return .object(DictTableObject(keys: rows.map(\.par), columns: [
                ("estimate", rows.map(\.estimate)), ("lower", rows.map(\.lower)), ("upper", rows.map(\.upper)),
            ]))
        }
        extend("residuals") { c, next in
            guard c.count == 1, case .object(let o as ModelObject) = c.positional[0], case .generalized(let g) = o.fit else {
                return try next(c)
            }
            return ModelValues.vector(g.responseResiduals)
        }
    }
}
