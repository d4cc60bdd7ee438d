/// Julia's displays of vectors, matrices and higher-dimensional arrays: the multi-line `text/plain` form
/// (`display(x)` at the REPL) and the one-line `show` form used inside other containers.
public enum JuliaArrayDisplay {
    /// `30-element Vector{Float64}:` followed by one element per line, elided with `⋮` past the screen height.
    /// Elements use Julia's full (non-compact) `show`, aligned on the decimal point.
    public static func vector(elementTypeName: String, elements: [JuliaElement],
                              screen: ScreenSize = .standard) -> String {
        if elements.isEmpty { return elementTypeName + "[]" }
        let header = "\(elements.count)-element Vector{\(elementTypeName)}:"
        let cells = elements.map { $0.cell(compact: false) }
        let body = MatrixLayout(rowCount: cells.count, columnCount: 1, cell: { i, _ in cells[i] }, screen: screen)
        return header + "\n" + body.render()
    }

    /// A `Vector{Float64}` display.
    public static func vector(_ values: [Double], screen: ScreenSize = .standard) -> String {
        vector(elementTypeName: "Float64", elements: values.map { .float($0) }, screen: screen)
    }

    /// A `Vector{String}` display with quoted elements.
    public static func vector(_ values: [String], screen: ScreenSize = .standard) -> String {
        vector(elementTypeName: "String", elements: values.map { .string($0) }, screen: screen)
    }

    /// A `Vector{Int64}` display.
    public static func vector(_ values: [Int], screen: ScreenSize = .standard) -> String {
        vector(elementTypeName: "Int64", elements: values.map { .integer($0) }, screen: screen)
    }

    /// `2×2 Matrix{Float64}:` followed by the rows. `rows[i][j]` is element (i, j); all rows have equal length.
    /// A matrix with more than one column shows its elements in compact form, as Julia does.
    public static func matrix(elementTypeName: String, rows ragged: [[JuliaElement]],
                              screen: ScreenSize = .standard) -> String {
        let rows = rectangular(ragged)
        let m = rows.count, n = rows.first?.count ?? 0
        let header = "\(m)×\(n) Matrix{\(elementTypeName)}"
        if m == 0 || n == 0 { return header }
        let compact = n > 1
        let cells = rows.map { $0.map { $0.cell(compact: compact) } }
        let body = MatrixLayout(rowCount: m, columnCount: n, cell: { i, j in cells[i][j] }, screen: screen)
        return header + ":\n" + body.render()
    }

    /// A `Matrix{Float64}` display.
    public static func matrix(_ rows: [[Double]], screen: ScreenSize = .standard) -> String {
        matrix(elementTypeName: "Float64", rows: rows.map { $0.map { .float($0) } }, screen: screen)
    }

    /// The one-line `show` of a vector: `[1.0, 2.5]`; more than 20 elements show the first and last 10
    /// around `  …  `. `prefix` is the element-type prefix Julia writes when the type is not implied (`Int32`).
    public static func inlineVector(_ elements: [JuliaElement], prefix: String = "", compact: Bool = false) -> String {
        func list(_ items: ArraySlice<JuliaElement>) -> String {
            items.map { $0.rendered(compact: compact) }.joined(separator: ", ")
        }
        if elements.count > 20 {
            return prefix + "[" + list(elements.prefix(10)) + "  \u{2026}  " + list(elements.suffix(10)) + "]"
        }
        return prefix + "[" + list(elements[...]) + "]"
    }

    /// The one-line `show` of a matrix: `[1.0 2.0; 3.0 4.0]`; more than 4 rows or columns keep the first and
    /// last two around `…`; a single column ends in `;;` (`[1.0; 2.0;;]`).
    public static func inlineMatrix(_ ragged: [[JuliaElement]], prefix: String = "", compact: Bool = false) -> String {
        let rows = rectangular(ragged)
        let nc = rows.first?.count ?? 0
        if rows.isEmpty || nc == 0 { return prefix + "[]" }
        return prefix + "[" + inlineSlice(rows, compact: compact) + (nc > 1 ? "" : ";;") + "]"
    }

    /// The one-line `show` of a three-dimensional array given as its matrices `A[:, :, k]`:
    /// `[362.31;;; 362.31]` (slices joined by `;;; `, never elided).
    /// In all one-line forms `compact` selects the element form of a compact context (a matrix display).
    public static func inlineArray3(slices: [[[JuliaElement]]], prefix: String = "", compact: Bool = false) -> String {
        guard !slices.isEmpty, !(slices[0].first?.isEmpty ?? true) else { return prefix + "[]" }
        let body = slices.map { inlineSlice(rectangular($0), compact: compact) }.joined(separator: ";;; ")
        return prefix + "[" + body + (slices.count == 1 ? ";;;" : "") + "]"
    }

    /// The `text/plain` display of a three-dimensional array: `1×1×6 Array{Float64, 3}:` then each slice
    /// labelled `[:, :, k] =` (Julia elides slices beyond the tenth like `show_nd`, keeping 3 at each end).
    public static func array3(elementTypeName: String, slices: [[[JuliaElement]]],
                              screen: ScreenSize = .standard) -> String {
        let m = slices.first?.count ?? 0, n = slices.first?.first?.count ?? 0
        let header = "\(m)×\(n)×\(slices.count) Array{\(elementTypeName), 3}"
        if m == 0 || n == 0 || slices.isEmpty { return header }
        var parts: [String] = []
        for (k, slice) in slices.enumerated() {
            if slices.count > 10 {
                if k == 3 { parts.append("...\n\n"); continue }
                if k > 3 && k < slices.count - 3 { continue }
            }
            let compact = n > 1
            let cells = rectangular(slice, columns: n).map { $0.map { $0.cell(compact: compact) } }
            let body = MatrixLayout(rowCount: cells.count, columnCount: n, cell: { i, j in cells[i][j] }, screen: screen)
            parts.append("[:, :, \(k + 1)] =\n" + body.render() + (k == slices.count - 1 ? "" : "\n\n"))
        }
        return header + ":\n" + parts.joined()
    }

    /// Rows padded to a common length with Julia's `#undef` marker, so ragged input cannot index out of range.
    static func rectangular(_ rows: [[JuliaElement]], columns: Int? = nil) -> [[JuliaElement]] {
        let n = columns ?? rows.map(\.count).max() ?? 0
        return rows.map { row in
            Array(row.prefix(n)) + Array(repeating: .text("#undef"), count: max(0, n - row.count))
        }
    }

    /// A matrix's rows joined without brackets (Julia's `_show_nonempty` with `drop_brackets`).
    private static func inlineSlice(_ rows: [[JuliaElement]], compact: Bool) -> String {
        let nr = rows.count, nc = rows.first?.count ?? 0
        let rowGroups = nr > 4 ? [[0, 1], [nr - 2, nr - 1]] : [Array(0..<nr)]
        let colGroups = nc > 4 ? [[0, 1], [nc - 2, nc - 1]] : [Array(0..<nc)]
        var out = ""
        for (g, group) in rowGroups.enumerated() {
            for i in group {
                for (h, cols) in colGroups.enumerated() {
                    out += cols.map { rows[i][$0].rendered(compact: compact) }.joined(separator: " ")
                    if cols.last == nc - 1 {
                        if i < nr - 1 { out += "; " }
                    } else if h == 0 && colGroups.count > 1 {
                        out += " \u{2026} "
                    }
                }
            }
            if g == 0 && rowGroups.count > 1 { out += "\u{2026} ; " }
        }
        return out
    }
}
