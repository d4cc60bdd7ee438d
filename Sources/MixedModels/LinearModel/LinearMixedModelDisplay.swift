import TextDisplay

/// The covariance estimates in the form of the model summary: MixedModels.jl's `VarCorr`.
public struct VarCorr: CustomStringConvertible, Equatable, Sendable {
    /// One group per grouping factor, in term order.
    public var groups: [VarianceComponentGroup]
    /// σ of the residual, or nil for a family without a dispersion parameter.
    public var residualStandardDeviation: Double?

    public init(groups: [VarianceComponentGroup], residualStandardDeviation: Double?) {
        self.groups = groups
        self.residualStandardDeviation = residualStandardDeviation
    }

    /// The `Variance components:` block exactly as Julia prints it.
    public var description: String {
        varianceComponents(groups: groups, residualStandardDeviation: residualStandardDeviation)
    }
}

/// A coefficient table as `coeftable(m)` shows it: estimates, standard errors, z and two-sided p-values.
public struct CoefTable: CustomStringConvertible, Equatable, Sendable {
    public var rows: [CoefficientRow]
    public init(rows: [CoefficientRow]) { self.rows = rows }
    public var names: [String] { rows.map(\.name) }
    public var description: String { coefficientTable(rows) }
}

extension LinearMixedModel: CustomStringConvertible {
    /// The variance components (σ and correlations of each grouping factor, and the residual σ).
    public var varCorr: VarCorr {
        let groups = sigmarhos.map { g -> VarianceComponentGroup in
            let v = g.columnNames.count
            var rows: [[Double?]] = []
            var index = 0
            for r in 0..<v {
                var row: [Double?] = []
                for _ in 0..<r {
                    row.append(g.correlations[index])
                    index += 1
                }
                rows.append(row)
            }
            return VarianceComponentGroup(name: g.groupingName, columns: g.columnNames,
                                          standardDeviations: g.standardDeviations,
                                          correlations: v > 1 ? rows : [])
        }
        return VarCorr(groups: groups, residualStandardDeviation: sigma)
    }

    /// The coefficient table (every column of X; dropped columns show −0.0 and NaN).
    public var coeftable: CoefTable {
        CoefTable(rows: zip(zip(coefnames, coef), stderror).map {
            CoefficientRow(name: $0.0, estimate: $0.1, standardError: $1)
        })
    }

    /// The model summary, as MixedModels.jl shows a fitted `LinearMixedModel`, followed by any fit warnings.
    public var description: String {
        let summary = ModelSummaryDisplay.linearMixedModel(
            formula: formulaText, reml: optsum.reml, objective: objective,
            informationCriteria: (aic, aicc, bic), varianceComponents: varCorr.groups,
            residualStandardDeviation: sigma, observations: nobs,
            levels: frame.randomEffectsTerms.map(\.levelCount), coefficients: coeftable.rows)
        return warnings.isEmpty ? summary : summary + "\n" + warnings.map { "Warning: " + $0 }.joined(separator: "\n")
    }
}
