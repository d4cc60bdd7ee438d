/// Julia's array layouts: the REPL's `text/plain` display (`print_matrix` with a 24×80 screen) and the
/// one-line `show` form used for arrays inside other containers.
enum ArrayDisplay {
    static let screenRows = 24
    static let screenColumns = 80

    // MARK: text/plain

    static func textPlain(_ a: ArrayBox) -> String {
        let summary = summaryLine(a)
        guard a.count > 0 else { return summary }
        switch a.shape.count {
        case 1:
            return summary + ":\n" + printMatrix(a.elements.map { cell($0, compact: false) }, rows: a.count, columns: 1)
        case 2:
            return summary + ":\n" + printMatrix(a.elements.map { cell($0, compact: true) },
                                                 rows: a.shape[0], columns: a.shape[1])
        default:
            let sliceSize = a.shape[0] * a.shape[1]
            let slices = a.count / max(sliceSize, 1)
            let trailing = Array(a.shape.dropFirst(2))
            var parts: [String] = []
            for s in 0..<slices {
                var index: [Int] = []
                var rest = s
                for d in trailing { index.append(rest % d + 1); rest /= d }
                let cells = a.elements[(s * sliceSize)..<((s + 1) * sliceSize)].map { cell($0, compact: true) }
                parts.append("[:, :, \(index.map(String.init).joined(separator: ", "))] =\n"
                             + printMatrix(Array(cells), rows: a.shape[0], columns: a.shape[1]))
            }
            return summary + ":\n" + parts.joined(separator: "\n\n")
        }
    }

    /// `30-element Vector{Float64}`, `2×2 Matrix{Float64}`, `1×1×6 Array{Float64, 3}`.
    static func summaryLine(_ a: ArrayBox) -> String {
        a.shape.count == 1
            ? "\(a.count)-element \(a.typeName)"
            : "\(a.shape.map(String.init).joined(separator: "×")) \(a.typeName)"
    }

    /// One element's text and its (left, right) alignment widths, as Julia's `alignment`.
    struct Cell {
        var text: String
        var left: Int
        var right: Int
    }

    static func cell(_ v: Value, compact: Bool) -> Cell {
        let text = Display.repr(v, compact: compact)
        switch v {
        case .float:
            let chars = Array(text)
            let split = chars.firstIndex { ".eEfF".contains($0) } ?? chars.count
            return Cell(text: text, left: split, right: chars.count - split)
        case .int, .bool:
            return Cell(text: text, left: text.count, right: 0)
        default:
            return Cell(text: text, left: 0, right: text.count)
        }
    }

    private typealias Alignment = (left: Int, right: Int)

    /// Column alignments from the left, stopping once `width` is reached (Julia's `alignment` for matrices).
    private static func alignments(_ cells: [Cell], rows: [Int], columns: [Int], rowCount: Int, width: Int,
                                   totalColumns: Int) -> [Alignment] {
        var result: [Alignment] = []
        for j in columns {
            var l = 0, r = 0
            for i in rows {
                let c = cells[i + j * rowCount]
                l = max(l, c.left)
                r = max(r, c.right)
            }
            result.append((l, r))
            if result.count > 1 && total(result) >= width {
                result.removeLast()
                break
            }
        }
        if result.count > 1 && result.count < totalColumns {
            while total(result) >= width { result.removeLast() }
        }
        return result
    }

    private static let separator = "  "
    private static let hdots = "  …  "

    private static func total(_ a: [Alignment]) -> Int {
        a.reduce(0) { $0 + $1.left + $1.right } + separator.count * a.count
    }

    /// Julia's `print_matrix` with `pre = " "`, `sep = "  "`, `hmod = vmod = 5`.
    static func printMatrix(_ cells: [Cell], rows m: Int, columns n: Int) -> String {
        let screenHeight = screenRows - 4
        let screenWidth = screenColumns - 1
        let half = screenHeight / 2
        let shownRows: [Int] = m > screenHeight
            ? Array(0..<half) + Array((m - (screenHeight - 1) / 2)..<m)
            : Array(0..<m)
        let all = alignments(cells, rows: shownRows, columns: Array(0..<n), rowCount: m, width: screenWidth,
                             totalColumns: n)
        var left = all
        var right: [Alignment] = []
        if n > all.count {
            let c = (screenWidth - hdots.count + 1) / 2 + 1
            right = alignments(cells, rows: shownRows, columns: Array((0..<n).reversed()), rowCount: m, width: c,
                               totalColumns: n).reversed()
            let remaining = screenWidth - right.reduce(0) { $0 + $1.left + $1.right }
                - (right.count - 1) * separator.count - hdots.count
            left = alignments(cells, rows: shownRows, columns: Array(0..<n), rowCount: m, width: remaining,
                              totalColumns: n)
        }
        let elided = n > all.count
        var lines: [String] = []
        for (k, i) in shownRows.enumerated() {
            var line = " "
            line += row(cells, i, m, left, Array(0..<left.count), lastColumn: n - 1)
            if elided {
                line += k % 5 == 0 ? hdots : String(repeating: " ", count: hdots.count)
                line += row(cells, i, m, right, Array((n - right.count)..<n), lastColumn: n - 1)
            }
            lines.append(line)
            if m > screenHeight && k == half - 1 {
                var dots = " " + vdots(left, padRight: elided)
                if elided { dots += "  ⋱  " + vdots(right, padRight: false) }
                lines.append(dots)
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func row(_ cells: [Cell], _ i: Int, _ m: Int, _ align: [Alignment], _ columns: [Int],
                            lastColumn: Int) -> String {
        var out = ""
        for (k, j) in columns.enumerated() {
            let c = cells[i + j * m]
            out += String(repeating: " ", count: max(0, align[k].left - c.left)) + c.text
            if j != lastColumn { out += String(repeating: " ", count: max(0, align[k].right - c.right)) }
            if k < columns.count - 1 { out += separator }
        }
        return out
    }

    private static func vdots(_ align: [Alignment], padRight: Bool) -> String {
        var out = ""
        for (k, a) in align.enumerated() {
            let width = a.left + a.right
            if (k + 1) % 5 == 1 {
                let l = String(repeating: " ", count: max(0, a.left - 1))
                let r = (k == align.count - 1 && !padRight) ? "" : String(repeating: " ", count: max(0, width - 1 - l.count))
                out += l + "⋮" + r
            } else if k != align.count - 1 || padRight {
                out += String(repeating: " ", count: width)
            }
            if k < align.count - 1 { out += separator }
        }
        return out
    }

    // MARK: one-line show

    /// `[1.0, 2.0]`, `[1 2; 3 4]`, `[a;;; b]`, eliding long arrays as Julia does under `:limit`.
    static func inline(_ a: ArrayBox) -> String {
        let prefix = a.elementType == "Any" && a.shape.count == 1 ? "Any" : ""
        switch a.shape.count {
        case 1:
            let items = a.elements.map { Display.repr($0) }
            if items.count > 20 {
                return prefix + "[" + items.prefix(10).joined(separator: ", ") + "  …  "
                    + items.suffix(10).joined(separator: ", ") + "]"
            }
            return prefix + "[" + items.joined(separator: ", ") + "]"
        case 2:
            return "[" + matrixBody(a.elements, rows: a.shape[0], columns: a.shape[1], limit: true) + "]"
        default:
            let sliceSize = a.shape[0] * a.shape[1]
            let slices = stride(from: 0, to: a.count, by: max(sliceSize, 1)).map {
                matrixBody(Array(a.elements[$0..<($0 + sliceSize)]), rows: a.shape[0], columns: a.shape[1],
                           limit: false)
            }
            return "[" + slices.joined(separator: ";;; ") + "]"
        }
    }

    private static func matrixBody(_ elements: [Value], rows: Int, columns: Int, limit: Bool) -> String {
        func picks(_ n: Int) -> [[Int]] { limit && n > 4 ? [[0, 1], [n - 2, n - 1]] : [Array(0..<n)] }
        var out = ""
        let rowGroups = picks(rows), columnGroups = picks(columns)
        for (gi, rowGroup) in rowGroups.enumerated() {
            for i in rowGroup {
                for (gj, columnGroup) in columnGroups.enumerated() {
                    out += columnGroup.map { Display.repr(elements[i + $0 * rows]) }.joined(separator: " ")
                    if gj < columnGroups.count - 1 { out += " … " }
                }
                if i < rows - 1 { out += "; " }
            }
            if gi < rowGroups.count - 1 { out += "… ; " }
        }
        return out
    }
}
