import Foundation

// The statistics of a fitted linear mixed model, named as in MixedModels.jl / StatsAPI.
extension LinearMixedModel {
    /// MixedModels.jl's `propertynames(fm)`, in its order.
    public static let propertyNames = [
        "formula", "reterms", "Xymat", "feterm", "sqrtwts", "parmap", "dims", "A", "L", "optsum", "θ", "theta", "β",
        "beta", "βs", "betas", "λ", "lambda", "stderror", "σ", "sigma", "σs", "sigmas", "σρs", "sigmarhos", "b", "u",
        "lowerbd", "X", "y", "corr", "vcov", "PCA", "rePCA", "objective", "pvalues",
    ]

    /// Number of observations.
    public var nobs: Int { frame.observationCount }
    /// (n, p, q, k): observations, fixed-effects columns, random effects, random-effects terms.
    public var size: (n: Int, p: Int, q: Int, k: Int) {
        (nobs, frame.fixedEffectCount, system.q, frame.randomEffectsTerms.count)
    }
    /// Rank of the fixed-effects model matrix.
    public var rank: Int { frame.rank }

    public var theta: [Double] { pendingTheta ?? currentTheta }
    public var lowerbd: [Double] { optsum.lowerbd }
    /// Λ of each term, lower triangular.
    public var lambda: [ColumnMajorMatrix] {
        frame.randomEffectsTerms.indices.map { j in
            let v = frame.randomEffectsTerms[j].vsize
            return ColumnMajorMatrix(rows: v, cols: v, values: Array(UnsafeBufferPointer(start: system.lambda[j],
                                                                                          count: v * v)))
        }
    }

    /// Coefficient names, one per column of X.
    public var coefnames: [String] { frame.coefficientNames }
    /// Coefficients for every column of X; a column dropped for rank deficiency gets −0.0.
    public var coef: [Double] {
        var full = [Double](repeating: -0.0, count: frame.fixedEffectCount)
        for (t, column) in frame.pivot.prefix(frame.rank).enumerated() { full[column] = currentBeta[t] }
        return full
    }
    /// The estimable coefficients only (pivoted, truncated to the rank).
    public var fixef: [Double] { currentBeta }
    public var fixefnames: [String] { frame.pivot.prefix(frame.rank).map { frame.coefficientNames[$0] } }
    /// `β`, the same as `coef`.
    public var beta: [Double] { coef }

    /// Residual degrees of freedom of σ²: n for ML, n − rank for REML.
    var varianceDenominator: Double { Double(optsum.reml ? nobs - frame.rank : nobs) }
    /// σ², the residual variance.
    public var varest: Double { system.penalizedRSS() / varianceDenominator }
    /// σ, the residual standard deviation.
    public var sigma: Double { varest.squareRoot() }
    public var sdest: Double { sigma }

    /// Penalized residual sum of squares at the current θ.
    public var pwrss: Double { system.penalizedRSS() }
    /// The objective: −2 log-likelihood for ML, the REML criterion for REML.
    public var objective: Double { system.objective(reml: optsum.reml) }
    /// The same as `objective`: −2 log L (not corrected for a saturated model).
    public var deviance: Double { objective }

    /// Log-likelihood; only defined for a maximum-likelihood fit.
    public func loglikelihood() throws -> Double {
        guard !optsum.reml else { throw MixedModelError.remlLogLikelihood("loglikelihood") }
        return -objective / 2
    }

    /// Degrees of freedom used: fixed effects, covariance parameters and σ.
    public var dof: Int { frame.rank + currentTheta.count + 1 }
    /// Residual degrees of freedom, `nobs - dof`, as MixedModels.jl defines them.
    public var dofResidual: Int { nobs - dof }
    /// Akaike's information criterion, −2 log L + 2 dof.
    public var aic: Double { objective + 2 * Double(dof) }
    /// AIC with the small-sample correction.
    public var aicc: Double {
        let k = Double(dof)
        return aic + 2 * k * (k + 1) / (Double(nobs) - k - 1)
    }
    /// Bayesian information criterion, −2 log L + dof log n.
    public var bic: Double { objective + Double(dof) * log(Double(nobs)) }

    /// Whether some variance component is estimated on its boundary (a diagonal θ at its lower bound).
    public var issingular: Bool {
        zip(currentTheta, optsum.lowerbd).contains { $1.isFinite && $0 == $1 }
    }

    /// Variance-covariance matrix of the coefficients (in coefficient order; NaN for dropped columns).
    public var vcov: ColumnMajorMatrix {
        let p = frame.rank
        let full = frame.fixedEffectCount
        // (R_X R_Xᵀ)⁻¹ from the columns of R_X⁻¹.
        var inverse = ColumnMajorMatrix(rows: p, cols: p)
        for j in 0..<p {
            var e = [Double](repeating: 0, count: p)
            e[j] = 1
            e.withUnsafeMutableBufferPointer { solveLower(system.lXX.data, n: p, ld: p + 1, $0.baseAddress ?? theta0Storage) }
            for i in 0..<p { inverse[i, j] = e[i] }
        }
        var result = ColumnMajorMatrix(rows: full, cols: full, repeating: .nan)
        let s2 = varest
        let columns = Array(frame.pivot.prefix(p))
        for a in 0..<p {
            for b in 0..<p {
                var s = 0.0
                for k in 0..<p { s += inverse[k, a] * inverse[k, b] }
                result[columns[a], columns[b]] = s2 * s
            }
        }
        return result
    }

    /// Standard errors of the coefficients.
    public var stderror: [Double] {
        let v = vcov
        return (0..<v.rows).map { v[$0, $0].squareRoot() }
    }

    /// Wald z statistics, coef / stderror.
    public var zvalues: [Double] { zip(coef, stderror).map { $0 / $1 } }
    /// Two-sided p-values of the z statistics under the standard normal.
    public var pvalues: [Double] { zvalues.map { erfc(abs($0) / 2.0.squareRoot()) } }

    /// Fitted values Xβ + Zb.
    public var fitted: [Double] {
        let n = nobs
        var mu = [Double](repeating: 0, count: n)
        for (t, column) in frame.pivot.prefix(frame.rank).enumerated() {
            let beta = currentBeta[t]
            for o in 0..<n { mu[o] += frame.x[o + column * n] * beta }
        }
        for (j, term) in frame.randomEffectsTerms.enumerated() {
            let offset = system.terms[j].offset
            let v = term.vsize
            for o in 0..<n {
                let level = Int(term.refs[o])
                for e in 0..<v { mu[o] += term.z[o * v + e] * currentB[offset + level * v + e] }
            }
        }
        return mu
    }

    /// Residuals y − fitted.
    public var residuals: [Double] { zip(frame.y, fitted).map { $0 - $1 } }
    public var response: [Double] { frame.y }
}

let theta0Storage = UnsafeMutablePointer(mutating: theta0Fallback)
