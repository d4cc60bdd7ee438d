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
    /// The objective optimized: the deviance.
    public var objective: Double { deviance }

    /// The log-likelihood: Σ log-likelihood contributions − (‖u‖² + log det)/2 (Laplace approximation).
    public func loglikelihood() -> Double {
        var squaredLength = 0.0
        for value in sphericalEffects { squaredLength += value * value }
        return response.logLikelihood() - (squaredLength + system.logDet) / 2
    }

    /// Degrees of freedom: fixed effects and covariance parameters (plus the dispersion when the family has one).
    public var dof: Int { rank + theta.count + (family.hasDispersion ? 1 : 0) }
    /// Akaike's information criterion, −2 log L + 2k.
    public var aic: Double { -2 * loglikelihood() + 2 * Double(dof) }
    /// AIC with the small-sample correction 2k(k+1)/(n−k−1).
    public var aicc: Double {
        let k = Double(dof), n = Double(nobs)
        return aic + 2 * k * (k + 1) / (n - k - 1)
    }
    /// Schwarz's Bayesian information criterion, −2 log L + k log n.
    public var bic: Double { -2 * loglikelihood() + Double(dof) * log(Double(nobs)) }

    /// Number of observations.
    public var nobs: Int { observationCount }
    /// (n, p, q, k): observations, fixed-effects columns, random effects, random-effects terms.
    public var size: (n: Int, p: Int, q: Int, k: Int) {
        (nobs, modelFrame.fixedEffectCount, sphericalEffects.count, terms.count)
    }

    /// Coefficient names, one per column of X.
    public var coefnames: [String] { modelFrame.coefficientNames }
    /// Coefficients for every column of X; a column dropped for rank deficiency gets −0.0.
    public var coef: [Double] {
        var result = [Double](repeating: -0.0, count: modelFrame.fixedEffectCount)
        for (k, j) in modelFrame.pivot.prefix(rank).enumerated() { result[j] = fullRankBeta[k] }
        return result
    }
    /// The estimable coefficients only (pivoted, truncated to the rank): MixedModels.jl's `fixef` and `m.β`.
    public var fixef: [Double] { fullRankBeta }
    public var fixefnames: [String] { modelFrame.pivot.prefix(rank).map { modelFrame.coefficientNames[$0] } }
    /// `β`: equal to `coef` for a full-rank model.
    public var beta: [Double] { coef }

    /// The covariance matrix of the coefficients (dispersion² (L_XX L_XXᵀ)⁻¹ at the working weights of the current
    /// state), in X's column order; NaN in the rows and columns of dropped columns.
    public var vcov: ColumnMajorMatrix {
        let p = modelFrame.fixedEffectCount, r = rank
        var result = ColumnMajorMatrix(rows: p, cols: p, repeating: .nan)
        let piv = Array(modelFrame.pivot.prefix(r))
        for a in 0..<r { for c in 0..<r { result[piv[a], piv[c]] = fixedEffectsCovariance[a + c * r] } }
        return result
    }

    /// Standard errors of the coefficients: square roots of vcov's diagonal.
    public var stderror: [Double] {
        let v = vcov
        return (0..<v.rows).map { v[$0, $0].squareRoot() }
    }
    /// Wald z statistics, coef / stderror.
    public var zvalues: [Double] { zip(coef, stderror).map { $0 / $1 } }
    /// Two-sided p-values of the z statistics.
    public var pvalues: [Double] { zvalues.map { erfc(abs($0) / 2.0.squareRoot()) } }

    /// The fitted means μ.
    public var fitted: [Double] { response.mu }
    /// The response y as used in the fit (0/1 for Bernoulli, proportions for binomial).
    public var y: [Double] { response.y }

    /// Conditional modes of the random effects, one vsize × levels matrix per term; on the spherical (u) scale
    /// when `uscale` is true, else b = λu.
    public func ranef(uscale: Bool = false) -> [ColumnMajorMatrix] {
        terms.map { term in
            let u = sphericalEffects[term.offset..<(term.offset + term.randomEffectCount)]
            return ColumnMajorMatrix(rows: term.vsize, cols: term.levelCount,
                                     values: uscale ? Array(u) : term.scaleByLambda(u))
        }
    }
    /// `b`, the conditional modes on the original scale.
    public var b: [ColumnMajorMatrix] { ranef() }
    /// `u`, the conditional modes on the spherical scale.
    public var u: [ColumnMajorMatrix] { ranef(uscale: true) }

    /// The conditional modes with their level names, one table per grouping factor.
    public func raneftables(uscale: Bool = false) -> [RandomEffectsTable] {
        zip(modelFrame.randomEffectsTerms, ranef(uscale: uscale)).map { term, modes in
            RandomEffectsTable(groupingName: term.groupingName, levels: term.levels, columnNames: term.columnNames,
                               values: (0..<modes.cols).map { modes.column($0) })
        }
    }

    /// λ of each term, lower triangular.
    public var lambda: [ColumnMajorMatrix] {
        terms.map { ColumnMajorMatrix(rows: $0.vsize, cols: $0.vsize, values: $0.lambda) }
    }

    /// Lower bounds of the optimized parameters: −∞ for β (unless the last fit was fast) then θ's bounds.
    public var lowerbd: [Double] {
        optimizationSummary.fast ? thetaLowerBounds : [Double](repeating: -.infinity, count: rank) + thetaLowerBounds
    }

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
