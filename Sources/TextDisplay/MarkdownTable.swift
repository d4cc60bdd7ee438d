/// A table as Julia's `Markdown.Table` holds it (cells as plain strings, one alignment per column), with the three
/// renderings of Julia 1.10's Markdown standard library: `plain` (what `show(io, MIME("text/markdown"), md)` writes),
/// `html` and `latex`. MixedModels.jl's `show` methods for `text/markdown`, `text/html` and `text/latex` are built
/// on these.
public struct MarkdownTable: Equatable, Sendable {
    public enum Alignment: Sendable { case left, right, center }

    /// The rows, the first being the header.
    public var rows: [[String]]
    public var align: [Alignment]

    public init(rows: [[String]], align: [Alignment]) {
        self.rows = rows
        self.align = align
    }

    /// `Markdown.plain`: cells with `|` escaped, padded to the column width (at least 3) by their alignment,
    /// `| a | b |` rows and the `|:--- | ---:|` rule under the header. Ends in a newline.
    public var plain: String {
        var cells = rows.map { row in
            row.map { $0.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
        }
        let columns = align.count
        let widths = (0..<columns).map { j in max(3, cells.map { Self.width($0[j]) }.max() ?? 0) }
        for i in cells.indices {
            for j in 0..<columns {
                let fill = widths[j] - Self.width(cells[i][j])
                let (left, right): (Int, Int)
                switch align[j] {
                case .left: (left, right) = (0, fill)
                case .right: (left, right) = (fill, 0)
                case .center: (left, right) = (fill / 2, fill - fill / 2)
                }
                cells[i][j] = String(repeating: " ", count: left) + cells[i][j] + String(repeating: " ", count: right)
            }
        }
        var out = ""
        for (i, row) in cells.enumerated() {
            out += "| " + row.joined(separator: " | ") + " |\n"
            if i == 0 {
                let dashes = (0..<columns).map { j -> String in
                    let rule = String(repeating: "-", count: Self.width(row[j]))
                    switch align[j] {
                    case .left: return ":" + rule + " "
                    case .right: return " " + rule + ":"
                    case .center: return ":" + rule + ":"
                    }
                }
                out += "|" + dashes.joined(separator: "|") + "|\n"
            }
        }
        return out
    }

    /// `Markdown.html`: one `<table>` line, `th` cells in the first row, every cell with its `align` attribute and
    /// its text escaped as Julia 1.10 escapes it. No trailing newline.
    public var html: String {
        var out = "<table>"
        for (i, row) in rows.enumerated() {
            out += "<tr>"
            let tag = i == 0 ? "th" : "td"
            for (j, cell) in row.enumerated() {
                let a: String
                switch align[j] {
                case .left: a = "left"
                case .right: a = "right"
                case .center: a = "center"
                }
                out += "<\(tag) align=\"\(a)\">" + Self.htmlEscaped(cell) + "</\(tag)>"
            }
            out += "</tr>"
        }
        return out + "</table>"
    }

    /// `Markdown.latex`: a `tabular` with `{l | r}` column alignments, cells joined by ` & `, rows ended by
    /// ` \\`, `\hline` under the header, LaTeX's special characters escaped. Ends in a newline.
    public var latex: String {
        let spec = align.map { a -> String in
            switch a {
            case .left: return "l"
            case .right: return "r"
            case .center: return "c"
            }
        }
        var out = "\\begin{tabular}\n{" + spec.joined(separator: " | ") + "}\n"
        for (i, row) in rows.enumerated() {
            out += row.map(Self.latexEscaped).joined(separator: " & ") + " \\\\\n"
            if i == 0 { out += "\\hline\n" }
        }
        return out + "\\end{tabular}\n"
    }

    /// Julia 1.10's `Markdown.htmlesc`: `<>"&` as named entities, ``'`!$%()=+{}[]`` as numeric ones.
    public static func htmlEscaped(_ s: String) -> String { replacing(s, htmlEscapes) }

    /// `Markdown.latexesc`: `&%$#_{}` get a backslash, `~`, `^` and `\` become commands.
    public static func latexEscaped(_ s: String) -> String { replacing(s, latexEscapes) }

    static let htmlEscapes: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = ["<": "&lt;", ">": "&gt;", "\"": "&quot;", "&": "&amp;"]
        for ch in "'`!$%()=+{}[]".unicodeScalars { table[ch] = "&#\(ch.value);" }
        return table
    }()

    static let latexEscapes: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = ["~": "{\\textasciitilde}", "^": "\\^{}", "\\": "{\\textbackslash}"]
        for ch in "&%$#_{}".unicodeScalars { table[ch] = "\\" + String(ch) }
        return table
    }()

    private static func replacing(_ s: String, _ table: [Unicode.Scalar: String]) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            if let replacement = table[ch] { out += replacement } else { out.unicodeScalars.append(ch) }
        }
        return out
    }

    /// Julia's `length` of a string: its number of characters (code points).
    static func width(_ s: String) -> Int { s.unicodeScalars.count }
}
