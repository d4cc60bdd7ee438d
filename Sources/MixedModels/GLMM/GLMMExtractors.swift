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
        let laplace = try updateDeviance(includeFixedEffects: true)
        fixedEffectsCovariance = rank > 0 ? system.inverseFixedEffectsCrossProduct() : []
        return nAGQ == 1 ? laplace : try quadratureDeviance(nAGQ)
    }

    /// The deviance for the last fit's nAGQ at the current state (`deviance(gm)`). For a fitted model the
    /// quadrature cannot fail (its rule was validated and cached by the fit); NaN otherwise.
    public var deviance: Double { (try? deviance(nAGQ: nil)) ?? .nan }
    /// The objective optimized: the deviance for the fit's nAGQ.
    public func objective() throws -> Double { try deviance(nAGQ: nil) }

    /// The log-likelihood: Σ log-likelihood contributions − (‖u‖² + log det)/2 (Laplace approximation).
    public func logLikelihood() -> Double {
        var squaredLength = 0.0
        for value in sphericalEffects { squaredLength += value * value }
        return response.logLikelihood() - (squaredLength + system.logDet) / 2
    }
    /// StatsAPI's spelling of `logLikelihood()`.
    public func loglikelihood() -> Double { logLikelihood() }

    /// Degrees of freedom: fixed effects and covariance parameters (plus the dispersion when the family has one).
    public var degreesOfFreedom: Int { rank + theta.count + (family.hasDispersion ? 1 : 0) }
    /// StatsAPI's `dof`.
    public var dof: Int { degreesOfFreedom }
    /// Akaike's information criterion, −2 log L + 2k.
    public func aic() -> Double { -2 * logLikelihood() + 2 * Double(dof) }
    /// AIC with the small-sample correction 2k(k+1)/(n−k−1).
    public func aicc() -> Double {
        let k = Double(dof), n = Double(nobs)
        return aic() + 2 * k * (k + 1) / (n - k - 1)
    }
    /// Schwarz's Bayesian information criterion, −2 log L + k log n.
    public func bic() -> Double { -2 * logLikelihood() + Double(dof) * log(Double(nobs)) }

    /// Number of observations.
    public var nobs: Int { observationCount }
    /// (n, p, q, k): observations, fixed-effects columns, random effects, random-effects terms.
    public var size: (n: Int, p: Int, q: Int, k: Int) {
        (nobs, modelFrame.fixedEffectCount, sphericalEffects.count, terms.count)
    }

    /// β: the estimable coefficients (pivoted, truncated when rank-deficient), MixedModels.jl's `m.β`.
    public var beta: [Double] { fullRankBeta }
    /// `fixef(gm)`: the same as `beta`.
    public var fixef: [Double] { fullRankBeta }
    /// Names of the estimable coefficients, in the order of `beta`.
    public var fixedEffectNames: [String] { modelFrame.pivot.prefix(rank).map { modelFrame.coefficientNames[$0] } }
    public var fixefnames: [String] { fixedEffectNames }

    /// Coefficients for every column of X; a column dropped for rank deficiency gets −0.0 (`coef(gm)`).
    public var coefficients: [Double] {
        var result = [Double](repeating: -0.0, count: modelFrame.fixedEffectCount)
        for (k, j) in modelFrame.pivot.prefix(rank).enumerated() { result[j] = fullRankBeta[k] }
        return result
    }
    public var coef: [Double] { coefficients }
    /// Coefficient names, one per column of X (`coefnames(gm)`).
    public var coefficientNames: [String] { modelFrame.coefficientNames }
    public var coefnames: [String] { coefficientNames }

    /// The covariance matrix of the coefficients, dispersion² (L_XX L_XXᵀ)⁻¹ at the working weights of the
    /// fitted state, in X's column order (rows of the matrix); NaN in the rows and columns of dropped columns.
    public func vcov() throws -> [[Double]] {
        let p = modelFrame.fixedEffectCount, r = rank
        var result = [[Double]](repeating: [Double](repeating: .nan, count: p), count: p)
        let piv = Array(modelFrame.pivot.prefix(r))
        for a in 0..<r { for c in 0..<r { result[piv[a]][piv[c]] = fixedEffectsCovariance[a + c * r] } }
        return result
    }

    /// Standard errors of the coefficients: square roots of vcov's diagonal.
    public func standardErrors() throws -> [Double] { stderror }
    public var stderror: [Double] {
        let p = modelFrame.fixedEffectCount, r = rank
        var result = [Double](repeating: .nan, count: p)
        for (a, j) in modelFrame.pivot.prefix(r).enumerated() { result[j] = fixedEffectsCovariance[a * (r + 1)].squareRoot() }
        return result
    }
    /// Wald z statistics, coef / stderror.
    public var zvalues: [Double] { zip(coefficients, stderror).map { $0 / $1 } }
    /// Two-sided p-values of the z statistics.
    public var pvalues: [Double] { zvalues.map { erfc(abs($0) / 2.0.squareRoot()) } }

    /// The fitted means μ.
    public var fitted: [Double] { response.mu }
    /// The response y as used in the fit (0/1 for Bernoulli, proportions for binomial).
    public var y: [Double] { response.y }

    /// Conditional modes of the random effects, one matrix per term given as rows (vsize rows × levels); on the
    /// spherical (u) scale when `uscale` is true, else b = λu.
    public func ranef(uscale: Bool = false) -> [[[Double]]] {
        terms.map { term in
            let u = sphericalEffects[term.offset..<(term.offset + term.randomEffectCount)]
            let values = uscale ? Array(u) : term.scaleByLambda(u)
            return (0..<term.vsize).map { a in (0..<term.levelCount).map { values[a + $0 * term.vsize] } }
        }
    }
    /// The spherical random effects u per term (vsize × levels, as rows).
    public var u: [[[Double]]] { ranef(uscale: true) }
    /// The random effects on the original scale b = λu per term (vsize × levels, as rows).
    public var b: [[[Double]]] { ranef(uscale: false) }

    /// The conditional modes with their level names, one table per grouping factor.
    public func raneftables(uscale: Bool = false) -> [RandomEffectsTable] {
        zip(modelFrame.randomEffectsTerms, ranef(uscale: uscale)).map { term, rows in
            RandomEffectsTable(groupingName: term.groupingName, levels: term.levels, columnNames: term.columnNames,
                               values: (0..<term.levelCount).map { level in rows.map { $0[level] } })
        }
    }

    /// λ per term, vsize × vsize lower triangular, as rows.
    public var lambda: [[[Double]]] {
        terms.map { term in
            (0..<term.vsize).map { r in (0..<term.vsize).map { c in term.lambda[r + c * term.vsize] } }
        }
    }

    /// Lower bounds of the optimized parameters: −∞ for β (unless the last fit was fast) then θ's bounds.
    public var lowerBounds: [Double] {
        optimizationSummary.fast ? thetaLowerBounds : [Double](repeating: -.infinity, count: rank) + thetaLowerBounds
    }
    public var lowerbd: [Double] { lowerBounds }

    /// The dispersion variance ϕ²: nil (Julia's `missing`) for families without a dispersion parameter.
    public var varest: Double? { family.hasDispersion ? 1 : nil }
    /// The dispersion ϕ: nil (Julia's `missing`) for families without a dispersion parameter.
    public var sdest: Double? { varest.map { $0.squareRoot() } }
    /// `σ`: as `sdest`.
    public var sigma: Double? { sdest }

    /// Prior case weights as given (`m.wt`; empty when none were given).
    public var wt: [Double] { priorWeights }

    /// MixedModels.jl's `propertynames(gm)`, in its order.
    public static let propertyNames = ["A", "L", "theta", "beta", "coef", "λ", "σ", "sigma", "X", "y", "lowerbd",
                                       "objective", "σρs", "σs", "corr", "vcov", "PCA", "rePCA", "LMM", "β", "θ",
                                       "b", "u", "resp", "wt"]
}
