import MixedModels
import TextDisplay

/// `m.LMM` of a GLMM: MixedModels.jl's inner linear mixed model, whose random-effects terms and blocked Cholesky
/// factor L (at the working weights of the last PIRLS step) are the GLMM's.
final class GLMMInnerModelObject: LanguageObject {
    let model: ModelObject
    let glmm: GeneralizedLinearMixedModel

    init(model: ModelObject, glmm: GeneralizedLinearMixedModel) {
        self.model = model
        self.glmm = glmm
    }

    var typeName: String { "LinearMixedModel{Float64}" }

    /// MixedModels.jl's `show` of the inner model: the linear mixed model summary of the working response at the
    /// working weights (see `innerLinearModelSummary`); Julia only warns for an unfitted model.
    func display() -> String {
        guard let summary = try? glmm.innerLinearModelSummary() else {
            return "Warning: Model has not been fit"
        }
        return summary
    }

    var propertyNames: [String] { ["reterms", "A", "L", "optsum"] }

    func property(_ name: String) throws -> Value? {
        switch name {
        case "reterms": return try ModelProperties.value(of: model, "reterms")
        case "A", "L": return try BlockedMatrices.value(of: model, name)
        case "optsum": return .object(GLMMOptSummaryObject(glmm.optimizationSummary))
        default: return nil
        }
    }
}

/// `m.LMM.optsum` of a GLMM: MixedModels.jl's `OptSummary` of the last fit (θ alone when `fast`, else [β; θ]).
final class GLMMOptSummaryObject: LanguageObject, RichDisplayable {
    let summary: GLMMOptimizationSummary
    init(_ summary: GLMMOptimizationSummary) { self.summary = summary }

    var typeName: String { "OptSummary{Float64}" }

    var fields: OptSummaryDisplay.Fields {
        let s = summary
        var fields = OptSummaryDisplay.Fields(
            initial: s.initial, finitial: s.initialObjective, optimizer: s.optimizer, lowerbd: s.lowerbd,
            ftolRel: s.ftolRel, ftolAbs: s.ftolAbs, xtolRel: s.xtolRel, xtolAbs: s.xtolAbs,
            initialStep: s.initialStep, maxfeval: -1, maxtime: -1, feval: s.isFitted ? s.optimizerEvaluations : -1,
            final: s.final, fmin: s.minimumObjective, returnvalue: s.returnValue)
        fields.fromNLopt = s.optimizerIsNLopt
        return fields
    }

    func display() -> String { OptSummaryDisplay.text(fields) }

    func markdownTable() -> (MarkdownTable, MixedModelsMarkdown.Kind) {
        (MixedModelsMarkdown.optSummary(fields), .optSummary)
    }

    var propertyNames: [String] {
        ["initial", "lowerbd", "finitial", "ftol_rel", "ftol_abs", "xtol_rel", "xtol_abs", "initial_step",
         "maxfeval", "maxtime", "feval", "final", "fmin", "optimizer", "returnvalue", "nAGQ"]
    }

    func property(_ name: String) throws -> Value? {
        let f = fields
        switch name {
        case "initial": return ModelValues.vector(f.initial)
        case "lowerbd": return ModelValues.vector(f.lowerbd)
        case "finitial": return .float(f.finitial)
        case "ftol_rel": return .float(f.ftolRel)
        case "ftol_abs": return .float(f.ftolAbs)
        case "xtol_rel": return .float(f.xtolRel)
        case "xtol_abs": return ModelValues.vector(f.xtolAbs)
        case "initial_step": return ModelValues.vector(f.initialStep)
        case "maxfeval": return .int(f.maxfeval)
        case "maxtime": return .float(f.maxtime)
        case "feval": return .int(f.feval)
        case "final": return ModelValues.vector(f.final)
        case "fmin": return .float(f.fmin)
        case "optimizer": return .symbol(f.optimizer)
        case "returnvalue": return .symbol(f.returnvalue)
        case "nAGQ": return .int(summary.nAGQ)
        default: return nil
        }
    }
}

extension BuiltinLibrary {
    /// The GLMM internals MixedModels.jl's Gauss–Hermite and optimization docs use: `MixedModels.updateη!(m)`,
    /// `pirls!(m[, varyβ[, verbose]])` and `block(i, j)`.
    mutating func registerGLMMInternals() {
        qualifiedOnly["MixedModels", default: [:]]["updateη!"] = Function("updateη!") { c in
            try c.expectCount(1, "MixedModels.updateη!(glmm)")
            let (object, _) = try Self.generalizedModel(c, "updateη!")
            try object.workingState().updateEta()
            return c.positional[0]
        }
        add("pirls!") { c in
            try c.expectCount(1...3, "pirls!(glmm[, varyβ[, verbose]])")
            let (object, _) = try Self.generalizedModel(c, "pirls!")
            let flags = try (1..<c.count).map { i -> Bool in
                guard case .bool(let b) = c.positional[i] else { throw c.wrongType(i, expected: "true or false") }
                return b
            }
            let varyBeta = flags.first ?? false
            let verbose = flags.count > 1 && flags[1]
            var trace: [PIRLSTraceEvent] = []
            defer { c.interpreter.output += trace.map(Self.pirlsTraceLine).joined() }
            try object.workingState().pirls(varyBeta: varyBeta, trace: verbose ? { trace.append($0) } : nil)
            return c.positional[0]
        }
        // `using MixedModels: block` brings it into scope, so it is an ordinary function here.
        add("block") { c in
            try c.expectCount(2, "block(i, j)")
            let i = try c.integer(0), j = try c.integer(1)
            guard 0 < j, j <= i else { throw LanguageError("block(i, j) needs 0 < j ≤ i, got (\(i), \(j))") }
            return .int((i - 1) * i / 2 + j)
        }
    }

    /// A line of `pirls!`'s verbose output in MixedModels.jl's format (`varyβ = …, obj₀ = …`, `lpad(iter, 4): obj`,
    /// `lpad(nhalf, 8), obj`).
    static func pirlsTraceLine(_ event: PIRLSTraceEvent) -> String {
        func number(_ x: Double) -> String { Display.printed(.float(x)) }
        func padded(_ k: Int, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - String(k).count)) + String(k)
        }
        switch event {
        case .start(let objective, let beta):
            let betaText = beta.map { ", β = " + Display.repr(.array(ArrayBox(doubles: $0))) } ?? ""
            return "varyβ = \(beta != nil), obj₀ = \(number(objective))\(betaText)\n"
        case .iteration(let k, let objective): return padded(k, 4) + ": " + number(objective) + "\n"
        case .halving(let k, let objective): return padded(k, 8) + ", " + number(objective) + "\n"
        }
    }

    private static func generalizedModel(_ c: CallContext, _ name: String) throws
        -> (ModelObject, GeneralizedLinearMixedModel) {
        let object = try ModelFitting.model(c, 0)
        guard case .generalized(let g) = object.fit else {
            throw LanguageError("\(name) applies to generalized linear mixed models")
        }
        return (object, g)
    }
}
