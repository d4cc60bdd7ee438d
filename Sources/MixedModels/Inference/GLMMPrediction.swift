extension GeneralizedLinearMixedModel {
    /// The linear predictor η = Xβ + Zb + offset at the current state (`predict(m; type = :linpred)`).
    public var linearPredictor: [Double] { response.eta }

    /// MixedModels.jl's `residuals(m)` for a GLMM: the response residuals y − μ.
    public var responseResiduals: [Double] { zip(response.y, response.mu).map { $0 - $1 } }
}

extension LinearMixedModel {
    /// Wald intervals of the coefficients, β ± z₍₁₊ₗₑᵥₑₗ₎/₂ × se (`confint(m; level)`).
    public func waldIntervals(level: Double = 0.95) throws -> [(coef: String, lower: Double, upper: Double)] {
        guard level > 0, level < 1 else { throw InferenceError("level = \(level) should be in (0,1)") }
        let z = Distributions.normalQuantile((1 + level) / 2)
        return zip(coefnames, zip(coef, stderror)).map { ($0, $1.0 - z * $1.1, $1.0 + z * $1.1) }
    }
}
