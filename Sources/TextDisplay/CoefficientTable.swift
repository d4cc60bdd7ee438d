#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CoefficientRow {
    /// The Wald statistic `estimate / standardError`.
    public var zValue: Double { estimate / standardError }
    /// The two-sided normal p-value `2Φ(-|z|)`, computed as `erfc(|z|/√2)` to keep precision in the tail.
    public var pValue: Double { erfc(abs(zValue) / 2.0.squareRoot()) }
}

/// StatsBase's `CoefTable` display with MixedModels.jl's columns `Coef.  Std. Error  z  Pr(>|z|)`.
public enum CoefficientTableDisplay {
    /// The table framed by `─` rules, Coef. and Std. Error in compact form aligned on the decimal point,
    /// z with two decimals, p-values as StatsBase's `PValue` shows them. No trailing newline.
    public static func render(_ rows: [CoefficientRow]) -> String {
        let header = ["Coef.", "Std. Error", "z", "Pr(>|z|)"]
        let cells: [[AlignedCell]] = rows.map { row in
            [
                AlignedCell(text: row.name, left: 0, right: row.name.unicodeScalars.count),
                JuliaElement.float(row.estimate).cell(compact: true),
                JuliaElement.float(row.standardError).cell(compact: true),
                decimalAligned(CFormat.fixed(row.zValue, digits: 2)),
                leftAligned(pValueText(row.pValue)),
            ]
        }
        return render(header: header, cells: cells)
    }

    /// StatsBase's `PValue` show: `0.6920` at or above 1e-4, otherwise `<1e-05`-style bounds down to `<1e-99`.
    public static func pValueText(_ p: Double) -> String {
        if p.isNaN { return "NaN" }
        if p >= 1e-4 { return CFormat.fixed(p, digits: 4) }
        let exponent = Int(max(log10(p).nextUp.rounded(.up), -99))
        let magnitude = String(abs(exponent))
        return "<1e" + (exponent < 0 ? "-" : "") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    /// The layout of StatsBase's `show(io, ::CoefTable)`: per-column (left, right) alignment widened to the
    /// header, header names right-aligned, rules as wide as the table.
    static func render(header: [String], cells: [[AlignedCell]]) -> String {
        let columnCount = header.count + 1
        var align = (0..<columnCount).map { j in
            cells.reduce((0, 0)) { acc, row in (max(acc.0, row[j].left), max(acc.1, row[j].right)) }
        }
        let names = [0] + header.map { $0.unicodeScalars.count }
        for j in 0..<columnCount where names[j] > align[j].0 + align[j].1 {
            align[j].0 += names[j] - align[j].0 - align[j].1
        }
        let widths = align.map { $0.0 + $0.1 }
        let total = widths.reduce(0, +) + 2 * (columnCount - 1)
        let rule = String(repeating: "─", count: total)
        var headerLine = String(repeating: " ", count: widths[0])
        for (j, name) in header.enumerated() { headerLine += "  " + pad(name, toLeft: widths[j + 1]) }
        var lines = [rule, headerLine, rule]
        for row in cells {
            var line = ""
            for (j, cell) in row.enumerated() {
                line += String(repeating: " ", count: align[j].0 - cell.left) + cell.text
                if j < columnCount - 1 {
                    line += String(repeating: " ", count: align[j].1 - cell.right) + "  "
                }
            }
            lines.append(line)
        }
        lines.append(rule)
        return lines.joined(separator: "\n")
    }

    private static func decimalAligned(_ text: String) -> AlignedCell {
        let left = text.firstIndex(of: ".").map { text[..<$0].unicodeScalars.count } ?? text.unicodeScalars.count
        return AlignedCell(text: text, left: left, right: text.unicodeScalars.count - left)
    }

    private static func leftAligned(_ text: String) -> AlignedCell {
        AlignedCell(text: text, left: 0, right: text.unicodeScalars.count)
    }

    static func pad(_ text: String, toLeft width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.unicodeScalars.count)) + text
    }

    static func pad(_ text: String, toRight width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.unicodeScalars.count))
    }
}
