// The public surface of TextDisplay, fixed first so the engine, the data tables and the language can build on it.
// Each renderer reproduces a Julia text/plain layout exactly; see the spec (shared/spec/mixedmodels-docs.txt).

/// Julia's ways of printing floating-point numbers.
public enum JuliaFloatFormat {
    /// `show(x)`: the shortest string that round-trips (`1527.4999999999989`, `-0.0`, `1.0e-5`, `NaN`, `Inf`).
    public static func shortest(_ x: Double) -> String { ShortestFormatter.format(x) }
    /// `show(x::Float32)`: `1.5f0`, `-0.25f0`.
    public static func shortest(_ x: Float) -> String { ShortestFormatter.format(x) }
    /// `show(IOContext(io, :compact => true), x)`: at most 6 significant digits (`43.9868`, `7.19131e-5`).
    public static func compact(_ x: Double) -> String { CompactFormatter.format(x) }
}

/// One row of a fixed-effects coefficient table.
public struct CoefficientRow: Equatable, Sendable {
    public var name: String
    public var estimate: Double
    public var standardError: Double
    public init(name: String, estimate: Double, standardError: Double) {
        self.name = name
        self.estimate = estimate
        self.standardError = standardError
    }
}

/// One grouping factor's block of the variance-components table.
public struct VarianceComponentGroup: Equatable, Sendable {
    /// Grouping factor name (`subj`, `batch & cask`).
    public var name: String
    /// Column names within the group (`(Intercept)`, `days`).
    public var columns: [String]
    /// Standard deviations, one per column.
    public var standardDeviations: [Double]
    /// Correlations: `correlations[i][j]` for `j < i`; `nil` marks a structural zero (printed as `.`).
    /// Empty for a single-column group.
    public var correlations: [[Double?]]
    public init(name: String, columns: [String], standardDeviations: [Double], correlations: [[Double?]]) {
        self.name = name
        self.columns = columns
        self.standardDeviations = standardDeviations
        self.correlations = correlations
    }
}

/// StatsBase's coefficient table as MixedModels.jl shows `coeftable(m)`: `─` rules, `Coef.  Std. Error  z  Pr(>|z|)`,
/// z and p computed from estimate and standard error. No trailing newline.
public func coefficientTable(_ rows: [CoefficientRow]) -> String {
    CoefficientTableDisplay.render(rows)
}

/// MixedModels.jl's `VarCorr` block (`Variance components:` …), exactly as Julia writes it, trailing newline(s)
/// included: one after the `Residual` row, or an empty line after the last group when there is no residual.
public func varianceComponents(groups: [VarianceComponentGroup], residualStandardDeviation: Double?) -> String {
    VarianceComponentsDisplay.render(groups: groups, residualStandardDeviation: residualStandardDeviation)
}

/// The two-line fit-statistics header of a model summary (`   logLik   -2 logLik     AIC  …` and the values
/// with 4 decimals). No trailing newline. Labels as in `ModelSummaryDisplay.linearModelLabels`.
public func fitStatisticsHeader(labels: [String], values: [Double]) -> String {
    ModelSummaryDisplay.fitStatisticsHeader(labels: labels, values: values)
}
