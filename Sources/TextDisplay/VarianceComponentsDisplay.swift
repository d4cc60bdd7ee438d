/// MixedModels.jl's `VarCorr` display: the `Variance components:` block of a model summary.
public enum VarianceComponentsDisplay {
    /// The block exactly as Julia's `show(io, MIME"text/plain"(), VarCorr(m))` writes it, ending in a newline.
    /// With a residual standard deviation (linear models) the last line is the `Residual` row; without one
    /// (GLMMs without dispersion) Julia ends the block with an extra empty line, kept here.
    ///
    /// Variances and standard deviations share one number of decimals: the most decimals any standard deviation
    /// shows in Julia's compact (6 significant digits) form. Correlations print with two decimals and a sign;
    /// a structural zero (`nil`, or `-0.0` as MixedModels.jl marks it) prints as `.`.
    public static func render(groups: [VarianceComponentGroup], residualStandardDeviation: Double?) -> String {
        var names = groups.map(\.name)
        var sds = groups.flatMap(\.standardDeviations)
        if let residual = residualStandardDeviation {
            sds.append(residual)
            names.append("Residual")
        }
        let columnNames = groups.flatMap(\.columns)
        let nameWidth = (names.map(width).max() ?? 0) + 1
        let columnWidth = (columnNames.map(width).max() ?? 0) + 1
        let hasCorrelations = groups.contains { $0.standardDeviations.count > 1 }
        let digits = printDigits(sds)
        let sdTexts = sds.map { CFormat.fixed($0, digits: digits) }
        let varianceTexts = sds.map { CFormat.fixed($0 * $0, digits: digits) }
        let varianceWidth = (varianceTexts.map(width).max() ?? 0) + 1
        let sdWidth = (sdTexts.map(width).max() ?? 0) + 1

        var out = "Variance components:\n"
        out += String(repeating: " ", count: nameWidth) + centered("Column", columnWidth)
        out += centered("Variance", varianceWidth) + centered("Std.Dev.", sdWidth)
        if hasCorrelations { out += "  Corr." }
        out += "\n"
        var index = 0
        for group in groups {
            for j in group.standardDeviations.indices {
                out += j == 0 ? padRight(group.name, nameWidth) : String(repeating: " ", count: nameWidth)
                out += padRight(j < group.columns.count ? group.columns[j] : "", columnWidth)
                out += padLeft(varianceTexts[index], varianceWidth) + padLeft(sdTexts[index], sdWidth)
                for k in 0..<j { out += correlationText(group, row: j, column: k) }
                out += "\n"
                index += 1
            }
        }
        if residualStandardDeviation != nil {
            out += padRight("Residual", nameWidth) + String(repeating: " ", count: columnWidth)
            out += padLeft(varianceTexts[index], varianceWidth) + padLeft(sdTexts[index], sdWidth)
        }
        return out + "\n"
    }

    /// Decimals shown: the widest part after the decimal point among the compact forms, less the point itself
    /// (MixedModels.jl's `_printdigits`).
    static func printDigits(_ values: [Double]) -> Int {
        let rights = values.map { JuliaElement.float($0).cell(compact: true).right }
        return max(0, (rights.max() ?? 1) - 1)
    }

    private static func correlationText(_ group: VarianceComponentGroup, row: Int, column: Int) -> String {
        guard row < group.correlations.count, column < group.correlations[row].count,
              let rho = group.correlations[row][column], !(rho == 0 && rho.sign == .minus) else { return "   .  " }
        return padLeft(CFormat.fixed(rho, digits: 2, plus: true), 6)
    }

    private static func width(_ s: String) -> Int { s.unicodeScalars.count }

    /// MixedModels.jl's `cpad`: centred, the extra space (if any) on the right.
    static func centered(_ s: String, _ n: Int) -> String {
        padRight(padLeft(s, (n + width(s)) >> 1), n)
    }

    static func padLeft(_ s: String, _ n: Int) -> String {
        String(repeating: " ", count: max(0, n - width(s))) + s
    }

    static func padRight(_ s: String, _ n: Int) -> String {
        s + String(repeating: " ", count: max(0, n - width(s)))
    }
}
