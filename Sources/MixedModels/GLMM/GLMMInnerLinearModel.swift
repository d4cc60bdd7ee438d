import Foundation
import TextDisplay

extension GeneralizedLinearMixedModel {
    /// MixedModels.jl's display of `gm.LMM`, the inner linear mixed model of a fitted GLMM: the weighted linear
    /// mixed model of the working response at the working weights of the last PIRLS step and the GLMM's θ, shown
    /// by the `LinearMixedModel` method with its own profiled quantities: β̂ and σ̂² = pwrss / n from its factor L,
    /// the objective log|L_Z|² + n (1 + log(2π pwrss / n)) − Σ log wᵢ, the standard deviations σ̂ × λ's row
    /// lengths. It shares the GLMM's `optsum`, so it shows as fitted once the GLMM is; nil when it is not (Julia
    /// then only warns "Model has not been fit").
    public func innerLinearModelSummary() throws -> String? {
        guard optimizationSummary.isFitted else { return nil }
        let fit = try innerLinearModel()
        let (p, n, sigma) = (rank, nobs, fit.sigma)
        let columns = modelFrame.fixedEffectCount
        var coef = [Double](repeating: -0.0, count: columns)
        var standardErrors = [Double](repeating: .nan, count: columns)
        for (t, column) in modelFrame.pivot.prefix(p).enumerated() {
            coef[column] = fit.beta[t]
            standardErrors[column] = fit.se[t]
        }
        let rows = zip(coefficientNames, zip(coef, standardErrors)).map {
            CoefficientRow(name: $0, estimate: $1.0, standardError: $1.1)
        }
        let groups = varianceComponentGroups.map { group in
            var scaled = group
            scaled.standardDeviations = group.standardDeviations.map { sigma * $0 }
            return scaled
        }
        let dof = Double(p + theta.count + 1)
        let aic = fit.objective + 2 * dof
        return ModelSummaryDisplay.linearMixedModel(
            formula: formulaDescription, reml: false, objective: fit.objective,
            informationCriteria: (aic, aic + 2 * dof * (dof + 1) / (Double(n) - dof - 1),
                                  fit.objective + dof * log(Double(n))),
            varianceComponents: groups, residualStandardDeviation: sigma, observations: n,
            levels: terms.map(\.levelCount), coefficients: rows)
    }
}

extension GeneralizedLinearMixedModel {
    /// The profiled quantities of the inner linear mixed model (`m.LMM`) from its factor L at the GLMM's θ: the
    /// ML objective, β̂ (pivoted, full-rank order) with standard errors, and σ̂.
    func innerLinearModel() throws -> (objective: Double, beta: [Double], se: [Double], sigma: Double) {
        let inner = innerSystem
        let (q, p, n) = (inner.q, rank, nobs)
        let order = q + p + 1
        let l = try inner.formed().factor
        func entry(_ r: Int, _ c: Int) -> Double { l[r + c * order] }
        var logDet = 0.0
        for k in 0..<q { logDet += 2 * log(entry(k, k)) }
        let pwrss = entry(q + p, q + p) * entry(q + p, q + p)
        let logWeights = inner.sqrtWeights.reduce(0) { $0 + 2 * log($1) }
        let objective = logDet + Double(n) * (1 + log(2 * Double.pi * pwrss / Double(n))) - logWeights
        let sigma = (pwrss / Double(n)).squareRoot()
        // β̂ solves L_XXᵀ β = L_yX; (L_XX L_XXᵀ)⁻¹ = L_XX⁻ᵀ L_XX⁻¹ gives the standard errors.
        var beta = (0..<p).map { entry(q + p, q + $0) }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(i + 1, p) { beta[i] -= entry(q + k, q + i) * beta[k] }
            beta[i] /= entry(q + i, q + i)
        }
        var inverse = [Double](repeating: 0, count: p * p)
        for c in 0..<p {
            for r in c..<p {
                var sum = r == c ? 1.0 : 0.0
                for k in c..<r { sum -= entry(q + r, q + k) * inverse[k + c * p] }
                inverse[r + c * p] = sum / entry(q + r, q + r)
            }
        }
        let se = (0..<p).map { i in
            sigma * (i..<p).reduce(0.0) { $0 + inverse[$1 + i * p] * inverse[$1 + i * p] }.squareRoot()
        }
        return (objective, beta, se, sigma)
    }
}
