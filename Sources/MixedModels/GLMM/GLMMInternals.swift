/// The working state of a GLMM that MixedModels.jl exposes to users who evaluate the conditional density of the
/// random effects themselves (its Gauss–Hermite docs): the stacked spherical random effects u, the linear
/// predictor after `updateη!` and the per-observation deviance residuals.
extension GeneralizedLinearMixedModel {
    /// The spherical random effects u, term by term, each term's vsize × levels values column-major.
    public var sphericalEffectValues: [Double] { sphericalEffects }

    /// Installs u (all terms, stacked as `sphericalEffectValues`) without updating η; see `updateEta()`.
    public func setSphericalEffects(_ u: [Double]) {
        precondition(u.count == sphericalEffects.count, "u needs one value per random effect")
        for k in u.indices { sphericalEffects[k] = u[k] }
    }

    /// MixedModels.jl's `updateη!`: η = Xβ + offset + ZΛu for the current u and β, then μ, the working quantities
    /// and the deviance residuals. The penalized system is not refactored.
    public func updateEta() {
        if factoredWorkingState?.logDet != system.logDet {
            factoredWorkingState = (response.workingWeight, workingResponse, system.logDet)
        }
        updateLinearPredictor()
    }

    /// MixedModels.jl's `wrkresp`: η + working residual − offset, the response of the local linear model.
    var workingResponse: [Double] {
        let r = response
        return r.eta.indices.map { i in r.eta[i] + r.workingResidual[i] - (r.offset.isEmpty ? 0 : r.offset[i]) }
    }

    /// The per-observation deviance residuals (prior weight × unit deviance) at the last update.
    public var devianceResiduals: [Double] { (0..<response.count).map(response.devianceResidual) }

    /// MixedModels.jl's `pirls!(m, varyβ)`: the conditional modes u (and β when `varyBeta`) at the current θ,
    /// from u = 0, leaving the penalized system, including its fixed-effects rows, factored at the modes.
    /// `trace` receives the iterations that `pirls!(m, varyβ, true)` prints.
    public func updateConditionalModes(varyBeta: Bool, trace: ((PIRLSTraceEvent) -> Void)? = nil) throws {
        try pirls(varyBeta: varyBeta, trace: trace)
        try updatingDeviance()
    }
}
