/// The pieces of MixedModels.jl's model summaries and their composition.
public enum ModelSummaryDisplay {
    /// Labels of a linear model fit by maximum likelihood (the leading spaces of `  logLik` are Julia's).
    public static let linearModelLabels = ["  logLik", "-2 logLik", "AIC", "AICc", "BIC"]
    /// Labels of a generalized linear mixed model.
    public static let generalizedModelLabels = ["  logLik", " deviance", "AIC", "AICc", "BIC"]

    /// The two lines of fit statistics: labels centred in fields, values with 4 decimals right-aligned in them.
    /// Each field is one wider than the widest value, and at least 11. No trailing newline.
    public static func fitStatisticsHeader(labels: [String], values: [Double]) -> String {
        let numbers = values.map { CFormat.fixed($0, digits: 4) }
        let fieldWidth = max((numbers.map { $0.unicodeScalars.count }.max() ?? 0) + 1, 11)
        let labelLine = labels.map { VarianceComponentsDisplay.centered($0, fieldWidth) }.joined()
        let valueLine = numbers.map { VarianceComponentsDisplay.padLeft($0, fieldWidth) }.joined()
        return labelLine + "\n" + valueLine
    }

    /// The full `show` of a `LinearMixedModel`, byte for byte as MixedModels.jl prints it (no trailing newline).
    /// - Parameters:
    ///   - formula: the formula as Julia prints it (`yield ~ 1 + (1 | batch)`).
    ///   - objective: the ML deviance or the REML criterion at convergence.
    ///   - informationCriteria: AIC, AICc and BIC; only shown for maximum-likelihood fits.
    ///   - levels: number of levels of each grouping factor, in term order.
    public static func linearMixedModel(formula: String, reml: Bool, objective: Double,
                                        informationCriteria: (aic: Double, aicc: Double, bic: Double),
                                        varianceComponents: [VarianceComponentGroup],
                                        residualStandardDeviation: Double,
                                        observations: Int, levels: [Int],
                                        coefficients: [CoefficientRow]) -> String {
        var out = "Linear mixed model fit by " + (reml ? "REML" : "maximum likelihood") + "\n"
        out += " " + formula + "\n"
        if reml {
            out += " REML criterion at convergence: " + JuliaFloatFormat.shortest(objective) + "\n"
        } else {
            let values = [-objective / 2, objective, informationCriteria.aic, informationCriteria.aicc,
                          informationCriteria.bic]
            out += fitStatisticsHeader(labels: linearModelLabels, values: values) + "\n"
        }
        out += "\n"
        out += VarianceComponentsDisplay.render(groups: varianceComponents,
                                                residualStandardDeviation: residualStandardDeviation)
        out += numberOfObservations(observations, levels: levels) + "\n"
        out += "\n  Fixed-effects parameters:\n"
        return out + CoefficientTableDisplay.render(coefficients)
    }

    /// The full `show` of a `GeneralizedLinearMixedModel` (no trailing newline).
    /// - Parameters:
    ///   - distribution: as Julia prints it (`Bernoulli{Float64}`); `link` likewise (`LogitLink()`).
    ///   - dispersion: the residual scale for families that have one (shown as the `Residual` row), else nil.
    public static func generalizedLinearMixedModel(formula: String, nAGQ: Int, distribution: String, link: String,
                                                   logLikelihood: Double, deviance: Double,
                                                   informationCriteria: (aic: Double, aicc: Double, bic: Double),
                                                   varianceComponents: [VarianceComponentGroup],
                                                   dispersion: Double?, observations: Int, levels: [Int],
                                                   coefficients: [CoefficientRow]) -> String {
        var out = "Generalized Linear Mixed Model fit by maximum likelihood (nAGQ = \(nAGQ))\n"
        out += "  " + formula + "\n"
        out += "  Distribution: " + distribution + "\n"
        out += "  Link: " + link + "\n\n"
        let values = [logLikelihood, deviance, informationCriteria.aic, informationCriteria.aicc,
                      informationCriteria.bic]
        out += fitStatisticsHeader(labels: generalizedModelLabels, values: values) + "\n\n"
        out += VarianceComponentsDisplay.render(groups: varianceComponents, residualStandardDeviation: dispersion)
        out += numberOfObservations(observations, levels: levels) + "\n"
        out += "\nFixed-effects parameters:\n"
        return out + CoefficientTableDisplay.render(coefficients)
    }

    /// ` Number of obs: 30; levels of grouping factors: 6`.
    public static func numberOfObservations(_ n: Int, levels: [Int]) -> String {
        " Number of obs: \(n); levels of grouping factors: " + levels.map(String.init).joined(separator: ", ")
    }
}
