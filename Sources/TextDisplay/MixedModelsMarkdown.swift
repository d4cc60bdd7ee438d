#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The MIME types MixedModels.jl's `show` methods write (its `mimeshow.jl`).
public enum RichMIME: String, CaseIterable, Sendable {
    case markdown = "text/markdown"
    case html = "text/html"
    case latex = "text/latex"
    case xelatex = "text/xelatex"
}

/// MixedModels.jl 4.x's `_markdown` tables for models, `VarCorr`, likelihood-ratio tests, `BlockDescription` and
/// `OptSummary`, and its `show(io, mime, x)` for each MIME type, byte for byte.
public enum MixedModelsMarkdown {
    /// What is being shown: the LaTeX and HTML forms of some kinds are post-processed.
    public enum Kind: Sendable { case model, varCorr, likelihoodRatioTest, blockDescription, optSummary }

    /// `show(io, mime, x)`: markdown ends in a newline (`Markdown.plain`), HTML gets one from `println`, LaTeX
    /// ends with `\end{tabular}` and its newline. `text/latex` puts σ_group headers of models and χ² of tests into
    /// math mode and turns OptSummary's code and bold markup into `\texttt`/`\textbf`; `text/xelatex` does not.
    public static func show(_ table: MarkdownTable, kind: Kind, mime: RichMIME) -> String {
        switch mime {
        case .markdown:
            return table.plain
        case .html:
            var out = table.html
            if kind == .optSummary {
                out = replaceDelimited(out, open: "&#96;", close: "&#96;", spacesAllowed: false) { "<code>\($0)</code>" }
                out = replaceDelimited(out, open: "**", close: "**", spacesAllowed: true) { "<b>\($0)</b>" }
            }
            return out + "\n"
        case .latex:
            var out = table.latex
            switch kind {
            case .optSummary:
                out = replaceDelimited(out, open: "`", close: "`", spacesAllowed: false) { "\\texttt{\($0)}" }
                out = replaceDelimited(out, open: "**", close: "**", spacesAllowed: true) { "\\textbf{\($0)}" }
            case .model:
                out = mathModeSigmas(out)
            case .likelihoodRatioTest:
                out = out.split(separator: "χ²", omittingEmptySubsequences: false).joined(separator: "$\\chi^2$")
            case .varCorr, .blockDescription:
                break
            }
            return out
        case .xelatex:
            return table.latex
        }
    }

    /// The model table: `Est.`, `SE`, `z`, `p` and one `σ_group` column per grouping factor; random-effects
    /// columns that are not coefficients get rows of their own; a `Residual` (or `Dispersion`) row last when the
    /// model has a dispersion parameter.
    public static func model(coefficients: [CoefficientRow], groups: [VarianceComponentGroup],
                             dispersion: (name: String, value: Double)?) -> MarkdownTable {
        var header = ["", "Est.", "SE", "z", "p"]
        var align: [MarkdownTable.Alignment] = [.left, .right, .right, .right, .right]
        for g in groups {
            header.append("σ_\(g.name)")
            align.append(.right)
        }
        func sigmaCells(_ name: String) -> [String] {
            groups.map { g in
                g.columns.firstIndex(of: name).map { CFormat.fixed(g.standardDeviations[$0], digits: 4) } ?? " "
            }
        }
        var rows = [header]
        for c in coefficients {
            rows.append([c.name, CFormat.fixed(c.estimate, digits: 4), CFormat.fixed(c.standardError, digits: 4),
                         CFormat.fixed(c.zValue, digits: 2), CoefficientTableDisplay.pValueText(c.pValue)]
                        + sigmaCells(c.name))
        }
        var extra: [String] = []
        for g in groups {
            for name in g.columns where !coefficients.contains(where: { $0.name == name }) && !extra.contains(name) {
                extra.append(name)
            }
        }
        for name in extra { rows.append([name, "", "", "", ""] + sigmaCells(name)) }
        if let dispersion {
            rows.append([dispersion.name, CFormat.fixed(dispersion.value, digits: 4), "", "", ""]
                        + groups.map { _ in "" })
        }
        return MarkdownTable(rows: rows, align: align)
    }

    /// `VarCorr`: variances and standard deviations with the decimals of the variance-components display,
    /// correlations signed with two decimals (`.` for a structural zero), a `Residual` row when there is one.
    public static func varCorr(groups: [VarianceComponentGroup], residual: Double?) -> MarkdownTable {
        var sds = groups.flatMap(\.standardDeviations)
        if let residual { sds.append(residual) }
        let digits = VarianceComponentsDisplay.printDigits(sds)
        let sdTexts = sds.map { CFormat.fixed($0, digits: digits) }
        let varianceTexts = sds.map { CFormat.fixed($0 * $0, digits: digits) }
        let correlated = groups.contains { $0.standardDeviations.count > 1 }
        var header = [" ", "Column", " Variance", "Std.Dev"]
        var align: [MarkdownTable.Alignment] = [.left, .left, .right, .right]
        if correlated {
            header.append("Corr.")
            align.append(.right)
        }
        var rows = [header]
        var index = 0
        for g in groups {
            for j in g.standardDeviations.indices {
                var row = j == 0 ? [g.name] : [" "]
                row += [j < g.columns.count ? g.columns[j] : "", varianceTexts[index], sdTexts[index]]
                for k in 0..<j {
                    let rho = j < g.correlations.count && k < g.correlations[j].count ? g.correlations[j][k] : nil
                    if let rho, !(rho == 0 && rho.sign == .minus) {
                        row.append(CFormat.fixed(rho, digits: 2, plus: true))
                    } else {
                        row.append(".")
                    }
                }
                rows.append(row)
                index += 1
            }
        }
        if residual != nil { rows.append(["Residual", " ", varianceTexts[index], sdTexts[index]]) }
        let length = rows.map(\.count).max() ?? 0
        rows = rows.map { $0 + Array(repeating: " ", count: length - $0.count) }
        align += Array(repeating: .right, count: max(0, length - align.count))
        return MarkdownTable(rows: rows, align: align)
    }

    /// A likelihood-ratio test: formulas, `model-dof`, deviances and χ² rounded to integers, `χ²-dof`, p-values.
    public static func likelihoodRatioTest(formulas: [String], dof: [Int], deviance: [Double], dofdiff: [Int],
                                           deviancediff: [Double], pvalues: [Double]) -> MarkdownTable {
        var rows = [["", "model-dof", "deviance", "χ²", "χ²-dof", "P(>χ²)"]]
        for i in formulas.indices {
            rows.append(i == 0
                ? [formulas[0], String(dof[0]), roundedInteger(deviance[0]), " ", " ", " "]
                : [formulas[i], String(dof[i]), roundedInteger(deviance[i]), roundedInteger(deviancediff[i - 1]),
                   String(dofdiff[i - 1]), CoefficientTableDisplay.pValueText(pvalues[i - 1])])
        }
        return MarkdownTable(rows: rows, align: [.left, .right, .right, .right, .right, .left])
    }

    /// `BlockDescription`: the rows of each block and the types of the lower triangle of blocks.
    public static func blockDescription(names: [String], rows blockRows: [Int], types: [[String]]) -> MarkdownTable {
        var rows = [["rows"] + names]
        for (i, r) in blockRows.enumerated() {
            rows.append([String(r)] + (0..<names.count).map { j in j <= i ? types[i][j] : "" })
        }
        return MarkdownTable(rows: rows, align: Array(repeating: .left, count: names.count + 1))
    }

    /// `OptSummary`: settings and results, code in backticks and section titles in bold as Julia marks them.
    public static func optSummary(_ s: OptSummaryDisplay.Fields) -> MarkdownTable {
        let rows = [
            ["", ""],
            ["**Initialization**", ""],
            ["Initial parameter vector", OptSummaryDisplay.vector(s.initial)],
            ["Initial objective value", JuliaFloatFormat.shortest(s.finitial)],
            ["**Optimizer settings** ", ""],
            [s.fromNLopt ? "Optimizer (from NLopt)" : "Optimizer", "`\(s.optimizer)`"],
            ["Lower bounds", OptSummaryDisplay.vector(s.lowerbd)],
            ["`ftol_rel`", JuliaFloatFormat.shortest(s.ftolRel)],
            ["`ftol_abs`", JuliaFloatFormat.shortest(s.ftolAbs)],
            ["`xtol_rel`", JuliaFloatFormat.shortest(s.xtolRel)],
            ["`xtol_abs`", OptSummaryDisplay.vector(s.xtolAbs)],
            ["`initial_step`", OptSummaryDisplay.vector(s.initialStep)],
            ["`maxfeval`", String(s.maxfeval)],
            ["`maxtime`", JuliaFloatFormat.shortest(s.maxtime)],
            ["**Result**", ""],
            ["Function evaluations", String(s.feval)],
            ["Final parameter vector", OptSummaryDisplay.vector(s.final.map { roundDigits($0, 4) })],
            ["Final objective value", JuliaFloatFormat.shortest(roundDigits(s.fmin, 4))],
            ["Return code", "`\(s.returnvalue)`"],
        ]
        return MarkdownTable(rows: rows, align: [.left, .left])
    }

    /// Julia's `round(Int, x)`: to the nearest integer, ties to even.
    static func roundedInteger(_ x: Double) -> String {
        guard x.isFinite else { return JuliaFloatFormat.shortest(x) }
        return String(Int(x.rounded(.toNearestOrEven)))
    }

    /// Julia's `round(x; digits = d)` for Float64: scaled, rounded to nearest (ties to even), scaled back.
    public static func roundDigits(_ x: Double, _ digits: Int) -> Double {
        guard x.isFinite else { return x }
        let scale = pow(10.0, Double(digits))
        let y = (x * scale).rounded(.toNearestOrEven) / scale
        return y.isFinite ? y : x
    }

    /// The regular-expression replacements of `mimeshow.jl`: `open(…)close` with the text between them, which may
    /// contain spaces only when `spacesAllowed` (then the shortest match, as `(.*?)`; else the longest run without
    /// whitespace, as `([^[:space:]]*)`), is replaced by `wrap(text)`.
    static func replaceDelimited(_ s: String, open: String, close: String, spacesAllowed: Bool,
                                 wrap: (String) -> String) -> String {
        let chars = Array(s.unicodeScalars)
        let openChars = Array(open.unicodeScalars), closeChars = Array(close.unicodeScalars)
        func matches(_ pattern: [Unicode.Scalar], at i: Int) -> Bool {
            i + pattern.count <= chars.count && Array(chars[i..<(i + pattern.count)]) == pattern
        }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            if matches(openChars, at: i) {
                let start = i + openChars.count
                var end: Int?
                if spacesAllowed {
                    var j = start
                    while j < chars.count, chars[j] != "\n" {
                        if matches(closeChars, at: j) { end = j; break }
                        j += 1
                    }
                } else {
                    var limit = start
                    while limit < chars.count, !chars[limit].properties.isWhitespace { limit += 1 }
                    var j = limit - closeChars.count
                    while j >= start {
                        if matches(closeChars, at: j) { end = j; break }
                        j -= 1
                    }
                }
                if let end {
                    var inner = String.UnicodeScalarView()
                    inner.append(contentsOf: chars[start..<end])
                    out.append(contentsOf: wrap(String(inner)).unicodeScalars)
                    i = end + closeChars.count
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return String(out)
    }

    /// `& σ\_name ` → `& $\sigma_\text{name}$ ` for alphanumeric names (mimeshow.jl's LaTeX subscripts).
    static func mathModeSigmas(_ s: String) -> String {
        let marker = Array("& σ\\_".unicodeScalars)
        let chars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            if i + marker.count <= chars.count, Array(chars[i..<(i + marker.count)]) == marker {
                var j = i + marker.count
                while j < chars.count, chars[j].properties.isAlphabetic || chars[j].properties.numericType != nil {
                    j += 1
                }
                if j < chars.count, chars[j] == " " {
                    var name = String.UnicodeScalarView()
                    name.append(contentsOf: chars[(i + marker.count)..<j])
                    out.append(contentsOf: "& $\\sigma_\\text{\(String(name))}$ ".unicodeScalars)
                    i = j + 1
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return String(out)
    }
}
