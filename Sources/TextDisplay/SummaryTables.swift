/// Table forms of the model-summary pieces, for the HTML and pipe tables of rendered pages.
/// The cells hold the same text the plain displays print.
extension CoefficientTableDisplay {
    /// `Fixed-effects parameters` with columns `Coef.`, `Std. Error`, `z`, `Pr(>|z|)`.
    public static func renderedTable(_ rows: [CoefficientRow]) -> RenderedTable {
        RenderedTable(
            caption: "Fixed-effects parameters",
            header: ["", "Coef.", "Std. Error", "z", "Pr(>|z|)"],
            rows: rows.map { row in
                [row.name, JuliaFloatFormat.compact(row.estimate), JuliaFloatFormat.compact(row.standardError),
                 CFormat.fixed(row.zValue, digits: 2), pValueText(row.pValue)]
            },
            rightAligned: [false, true, true, true, true])
    }
}

extension VarianceComponentsDisplay {
    /// `Variance components` with one row per column of each group (the group named on its first row),
    /// then `Residual`; correlations joined by spaces in the last column, `.` for structural zeros.
    public static func renderedTable(groups: [VarianceComponentGroup],
                                     residualStandardDeviation: Double?) -> RenderedTable {
        var sds = groups.flatMap(\.standardDeviations)
        if let residual = residualStandardDeviation { sds.append(residual) }
        let digits = printDigits(sds)
        func cells(_ sd: Double) -> [String] {
            [CFormat.fixed(sd * sd, digits: digits), CFormat.fixed(sd, digits: digits)]
        }
        var rows: [[String]] = []
        for group in groups {
            for (j, sd) in group.standardDeviations.enumerated() {
                let correlations = (0..<j).map { k -> String in
                    guard j < group.correlations.count, k < group.correlations[j].count,
                          let rho = group.correlations[j][k], !(rho == 0 && rho.sign == .minus) else { return "." }
                    return CFormat.fixed(rho, digits: 2, plus: true)
                }
                rows.append([j == 0 ? group.name : "", j < group.columns.count ? group.columns[j] : ""]
                            + cells(sd) + [correlations.joined(separator: " ")])
            }
        }
        if let residual = residualStandardDeviation { rows.append(["Residual", ""] + cells(residual) + [""]) }
        return RenderedTable(caption: "Variance components",
                             header: ["", "Column", "Variance", "Std.Dev.", "Corr."],
                             rows: rows, rightAligned: [false, false, true, true, true])
    }
}

extension ModelSummaryDisplay {
    /// `Fit statistics`: one row of values with 4 decimals under the labels.
    public static func fitStatisticsTable(labels: [String], values: [Double]) -> RenderedTable {
        RenderedTable(caption: "Fit statistics",
                      header: labels.map { $0.trimmingLeadingSpaces() },
                      rows: [values.map { CFormat.fixed($0, digits: 4) }],
                      rightAligned: Array(repeating: true, count: labels.count))
    }
}

private extension String {
    func trimmingLeadingSpaces() -> String { String(drop(while: { $0 == " " })) }
}
