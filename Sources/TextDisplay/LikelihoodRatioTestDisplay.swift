/// The likelihood-ratio test tables of MixedModels.jl 4.x (`likelihoodratiotest`) and StatsModels (`lrtest`):
/// right-aligned cells two spaces apart between `─` rules as wide as the table.
public enum LikelihoodRatioTestDisplay {
    /// MixedModels.jl's `LikelihoodRatioTest` display: the numbered formulae, then `model-dof`, `-2 logLik`
    /// (linear models) or `deviance`, `χ²`, `χ²-dof`, `P(>χ²)`. No trailing newline.
    public static func mixedModels(formulas: [String], dof: [Int], deviance: [Double], linear: Bool,
                                   dofdiff: [Int], deviancediff: [Double], pvalues: [Double]) -> String {
        var lines = ["Model Formulae"]
        for (i, f) in formulas.enumerated() { lines.append("\(i + 1): \(f)") }
        var rows = [["", "model-dof", linear ? "-2 logLik" : "deviance", "χ²", "χ²-dof", "P(>χ²)"]]
        for i in dof.indices {
            rows.append(i == 0
                ? ["[1]", String(dof[0]), CFormat.fixed(deviance[0], digits: 4), " ", " ", " "]
                : ["[\(i + 1)]", String(dof[i]), CFormat.fixed(deviance[i], digits: 4),
                   CFormat.fixed(deviancediff[i - 1], digits: 4), String(dofdiff[i - 1]),
                   CoefficientTableDisplay.pValueText(pvalues[i - 1])])
        }
        lines.append(ruled(rows))
        return lines.joined(separator: "\n")
    }

    /// StatsModels' `LRTestResult` display: `DOF`, `ΔDOF`, `LogLik`, `Deviance`, `Chisq`, `p(>Chisq)`.
    public static func statsModels(nobs: Int, dof: [Int], loglikelihood: [Double], deviance: [Double],
                                   pvalues: [Double]) -> String {
        var rows = [["", "DOF", "ΔDOF", "LogLik", "Deviance", "Chisq", "p(>Chisq)"]]
        for i in dof.indices {
            rows.append(i == 0
                ? ["[1]", String(dof[0]), " ", CFormat.fixed(loglikelihood[0], digits: 4),
                   CFormat.fixed(deviance[0], digits: 4), " ", " "]
                : ["[\(i + 1)]", String(dof[i]), String(dof[i] - dof[i - 1]),
                   CFormat.fixed(loglikelihood[i], digits: 4), CFormat.fixed(deviance[i], digits: 4),
                   CFormat.fixed(2 * abs(loglikelihood[i] - loglikelihood[i - 1]), digits: 4),
                   CoefficientTableDisplay.pValueText(pvalues[i])])
        }
        return "Likelihood-ratio test: \(dof.count) models fitted on \(nobs) observations\n" + ruled(rows)
    }

    /// Rows (the first is the header) right-aligned in columns, a rule under the header and around the table.
    static func ruled(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { $0[c].count }.max() ?? 0 }
        let rule = String(repeating: "─", count: widths.reduce(0, +) + 2 * (columns - 1))
        var lines = [rule]
        for (r, row) in rows.enumerated() {
            var line = ""
            for (c, cell) in row.enumerated() {
                if c > 0 { line += "  " }
                line += String(repeating: " ", count: widths[c] - cell.count) + cell
            }
            lines.append(line)
            if r == 0 { lines.append(rule) }
        }
        lines.append(rule)
        return lines.joined(separator: "\n")
    }
}
