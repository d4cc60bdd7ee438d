import Foundation

extension GeneralizedLinearMixedModel {
    /// The deviance at the current state: the Laplace approximation (nAGQ = 1) or adaptive Gauss–Hermite
    /// quadrature with `nAGQ` points; by default the nAGQ of the last fit. MixedModels.jl's `deviance(m, nAGQ)`.
    public func deviance(nAGQ: Int? = nil) throws -> Double {
        let k = nAGQ ?? optimizationSummary.nAGQ
        return k == 1 ? laplaceDeviance() : try quadratureDeviance(k)
    }

    /// The deviance after updating η, μ and the working weights and refactoring the penalized system:
    /// MixedModels.jl's `deviance!(m, nAGQ)`.
    @discardableResult
    public func updatingDeviance(nAGQ: Int = 1) throws -> Double {
        try checkQuadrature(nAGQ)
        let laplace = try updateDeviance()
        return nAGQ == 1 ? laplace : try quadratureDeviance(nAGQ)
    }

    /// The objective at the current state (the deviance for the fit's nAGQ).
    public func objective() throws -> Double { try deviance() }

    /// The log-likelihood: Σ log-likelihood contributions − (‖u‖² + log det)/2, for the Laplace approximation.
    public func logLikelihood() -> Double {
        var squaredLength = 0.0
        for value in sphericalEffects { squaredLength += value * value }
        return response.logLikelihood() - (squaredLength + system.logDet) / 2
    }

    /// Degrees of freedom: fixed effects, covariance parameters (no dispersion parameter in these families).
    public var degreesOfFreedom: Int { rank + theta.count + (family.hasDispersion ? 1 : 0) }

    /// Akaike's information criterion, −2 log L + 2k.
    public func aic() -> Double { -2 * logLikelihood() + 2 * Double(degreesOfFreedom) }

    /// AIC with the small-sample correction 2k(k+1)/(n−k−1).
    public func aicc() -> Double {
        let k = Double(degreesOfFreedom), n = Double(observationCount)
        return aic() + 2 * k * (k + 1) / (n - k - 1)
    }

    /// Schwarz's Bayesian information criterion, −2 log L + k log n.
    public func bic() -> Double {
        -2 * logLikelihood() + Double(degreesOfFreedom) * log(Double(observationCount))
    }

    /// β, the fixed-effects estimates on the full-rank columns (pivoted, truncated when rank-deficient).
    public var beta: [Double] { fullRankBeta }

    /// Names of the estimated fixed effects, in the order of `beta`.
    public var fixedEffectNames: [String] {
        modelFrame.pivot.prefix(rank).map { modelFrame.coefficientNames[$0] }
    }

    /// Coefficients for all columns of X in their original order; −0.0 for columns dropped as collinear.
    public var coefficients: [Double] {
        var result = [Double](repeating: -0.0, count: modelFrame.fixedEffectCount)
        for (k, j) in modelFrame.pivot.prefix(rank).enumerated() { result[j] = fullRankBeta[k] }
        return result
    }

    /// Coefficient names for all columns of X.
    public var coefficientNames: [String] { modelFrame.coefficientNames }

    /// The covariance matrix of the coefficients, p × p row-of-arrays in the original column order, NaN for
    /// dropped columns: dispersion² (L_XX L_XXᵀ)⁻¹ at the current working weights.
    public func vcov() throws -> [[Double]] {
        if !system.hasFixedEffectRows && rank > 0 {
            try system.factor(terms: terms, weights: response.workingWeight, includeFixedEffects: true)
        }
        let p = modelFrame.fixedEffectCount
        let r = rank
        let inverse = r > 0 ? system.inverseFixedEffectsCrossProduct() : []
        var result = [[Double]](repeating: [Double](repeating: .nan, count: p), count: p)
        let piv = Array(modelFrame.pivot.prefix(r))
        for a in 0..<r { for b in 0..<r { result[piv[a]][piv[b]] = inverse[a + b * r] } }
        return result
    }

    /// Standard errors of the coefficients: square roots of vcov's diagonal.
    public func standardErrors() throws -> [Double] {
        let v = try vcov()
        return v.indices.map { v[$0][$0].squareRoot() }
    }

    /// The fitted means μ.
    public var fitted: [Double] { response.mu }

    /// The response y as used in the fit (0/1 for Bernoulli, proportions for binomial).
    public var y: [Double] { response.y }

    /// Conditional modes of the random effects, one vsize × levels matrix per term (row-of-arrays, rows are the
    /// term's columns); on the u (spherical) scale when `uscale` is true, else b = λu.
    public func ranef(uscale: Bool = false) -> [[[Double]]] {
        terms.map { term in
            let u = sphericalEffects[term.offset..<(term.offset + term.randomEffectCount)]
            let values = uscale ? Array(u) : term.scaleByLambda(u)
            return (0..<term.vsize).map { a in (0..<term.levelCount).map { values[a + $0 * term.vsize] } }
        }
    }

    /// The spherical random effects u per term (vsize × levels).
    public var u: [[[Double]]] { ranef(uscale: true) }
    /// The random effects on the original scale b = λu per term.
    public var b: [[[Double]]] { ranef(uscale: false) }

    /// The dispersion variance ϕ²: nil (Julia's `missing`) for families without a dispersion parameter.
    public var varest: Double? { family.hasDispersion ? 1 : nil }
    /// The dispersion ϕ: nil (Julia's `missing`) for families without a dispersion parameter.
    public var sdest: Double? { varest.map { $0.squareRoot() } }

    /// λ per term, vsize × vsize lower triangular, as rows.
    public var lambda: [[[Double]]] {
        terms.map { term in
            (0..<term.vsize).map { r in (0..<term.vsize).map { c in term.lambda[r + c * term.vsize] } }
        }
    }

    /// Lower bounds of the optimized parameters: −∞ for β (unless the last fit was fast) then θ's bounds.
    public var lowerBounds: [Double] {
        optimizationSummary.fast ? thetaLowerBounds
            : [Double](repeating: -.infinity, count: rank) + thetaLowerBounds
    }

    /// The names `propertynames(gm)` lists in MixedModels.jl, in its order.
    public static let propertyNames = ["A", "L", "theta", "beta", "coef", "λ", "σ", "sigma", "X", "y", "lowerbd",
                                       "objective", "σρs", "σs", "corr", "vcov", "PCA", "rePCA", "LMM", "β", "θ",
                                       "b", "u", "resp", "wt"]

    /// Number of observations.
    public var nobs: Int { observationCount }
}
