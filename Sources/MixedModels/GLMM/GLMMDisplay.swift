import TextDisplay

extension GeneralizedLinearMixedModel {
    /// Standard deviations and correlations of the random effects per grouping factor (`σρs`); for these families
    /// without dispersion, the standard deviations are those of λλᵀ itself.
    public var sigmarhos: [RandomEffectsCovariance] {
        zip(modelFrame.randomEffectsTerms, terms).map { term, pirls in
            let v = pirls.vsize
            let lam = pirls.lambda
            func covariance(_ r: Int, _ s: Int) -> Double {
                var sum = 0.0
                for k in 0...min(r, s) { sum += lam[r + k * v] * lam[s + k * v] }
                return sum
            }
            let sd = (0..<v).map { covariance($0, $0).squareRoot() }
            let free = Set(pirls.lambdaIndices)
            var rho: [Double?] = []
            for r in 1..<max(1, v) {
                for k in 0..<r {
                    rho.append(free.contains(r + k * v) ? covariance(r, k) / (sd[r] * sd[k]) : nil)
                }
            }
            return RandomEffectsCovariance(groupingName: term.groupingName, columnNames: term.columnNames,
                                           standardDeviations: sd, correlations: rho)
        }
    }

    /// Standard deviations of the random effects per grouping factor (`σs`).
    public var sigmas: [RandomEffectsStandardDeviations] {
        sigmarhos.map { RandomEffectsStandardDeviations(groupingName: $0.groupingName, columnNames: $0.columnNames,
                                                        standardDeviations: $0.standardDeviations) }
    }

    /// The variance components as the display shows them (`VarCorr(gm)`).
    public var varianceComponentGroups: [VarianceComponentGroup] {
        sigmarhos.map { group in
            let v = group.standardDeviations.count
            var rows: [[Double?]] = []
            var k = 0
            for r in 0..<v where r > 0 {
                rows.append(Array(group.correlations[k..<(k + r)]))
                k += r
            }
            return VarianceComponentGroup(name: group.groupingName, columns: group.columnNames,
                                          standardDeviations: group.standardDeviations,
                                          correlations: v > 1 ? [[]] + rows : [])
        }
    }

    /// `VarCorr(gm)` as Julia prints it: no Residual row, as these families have no dispersion parameter.
    public var varCorrText: String {
        VarianceComponentsDisplay.render(groups: varianceComponentGroups, residualStandardDeviation: sdest)
    }

    /// The rows of `coeftable(gm)`.
    public var coefficientRows: [CoefficientRow] {
        zip(coefficientNames, zip(coefficients, stderror)).map { CoefficientRow(name: $0, estimate: $1.0, standardError: $1.1) }
    }

    /// `coeftable(gm)` as Julia prints it.
    public var coeftableText: String { CoefficientTableDisplay.render(coefficientRows) }

    /// The model summary exactly as MixedModels.jl's `show(io, MIME"text/plain"(), gm)` lays it out.
    public var summaryText: String {
        ModelSummaryDisplay.generalizedLinearMixedModel(
            formula: formulaDescription, nAGQ: optimizationSummary.nAGQ, distribution: family.juliaName,
            link: link.juliaName, logLikelihood: logLikelihood(), deviance: deviance,
            informationCriteria: (aic(), aicc(), bic()), varianceComponents: varianceComponentGroups,
            dispersion: sdest, observations: nobs, levels: terms.map(\.levelCount), coefficients: coefficientRows)
    }
}

extension GeneralizedLinearMixedModel: CustomStringConvertible {
    /// The model summary followed by any warning of the convergence check.
    public var description: String {
        let warnings = optimizationSummary.warnings
        return warnings.isEmpty ? summaryText : summaryText + "\n" + warnings.map { "Warning: " + $0 }
            .joined(separator: "\n")
    }
}
