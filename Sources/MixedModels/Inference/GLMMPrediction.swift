import DataTables

/// The scale of a GLMM's predictions (MixedModels.jl's `type` keyword of `predict`).
public enum PredictionScale: String, Sendable {
    /// The linear predictor η.
    case linpred
    /// The mean μ = g⁻¹(η).
    case response
}

extension GeneralizedLinearMixedModel {
    /// The linear predictor η = Xβ + Zb + offset at the current state (`predict(m; type = :linpred)`).
    public var linearPredictor: [Double] { response.eta }

    /// MixedModels.jl's `residuals(m)` for a GLMM: the response residuals y − μ.
    public var responseResiduals: [Double] { zip(response.y, response.mu).map { $0 - $1 } }

    /// MixedModels.jl's `predict(m, newdata; new_re_levels, type)` for a GLMM: Xβ + Zb for the rows of
    /// `newdata` (no offset, as MixedModels.jl), on the scale of η or of the mean. `data` and `formula` are what
    /// the model was fit to; new levels give the population prediction by default.
    public func predict(newdata: DataTable, data: DataTable, formula: Formula,
                        contrasts: [String: ContrastCoding] = [:], newReLevels: NewLevelHandling = .population,
                        scale: PredictionScale = .response) throws -> [Double?] {
        let eta = try LinearMixedModel.newDataLinearPredictor(
            frame: modelFrame, coef: coefficients, effects: terms.map { term in
                term.scaleByLambda(sphericalEffects[term.offset..<(term.offset + term.randomEffectCount)])
            }, newdata: newdata, data: data, formula: formula, contrasts: contrasts, newReLevels: newReLevels)
        return scale == .linpred ? eta : eta.map { $0.map(link.linkinv) }
    }
}
