/// The terminal size a display is laid out for (Julia's `displaysize`; the spec's outputs use 24×80).
public struct ScreenSize: Equatable, Sendable {
    public var rows: Int
    public var columns: Int
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }
    /// The 24-row, 80-column screen of the spec's outputs.
    public static let standard = ScreenSize(rows: 24, columns: 80)
}

/// Julia's `print_matrix` with `:limit => true`: aligned columns separated by two spaces, each row indented by
/// one space, `⋮` / `…` / `⋱` elisions when the matrix does not fit the screen.
struct MatrixLayout {
    let rowCount: Int
    let columnCount: Int
    let cell: (Int, Int) -> AlignedCell
    let screen: ScreenSize

    private let pre = " "
    private let sep = "  "
    private let hdots = "  \u{2026}  "
    private let vdots = "\u{22EE}"
    private let ddots = "  \u{22F1}  "
    private let hmod = 5
    private let vmod = 5

    func render() -> String {
        let screenHeight = screen.rows - 4
        let screenWidth = screen.columns - pre.count
        let halfHeight = screenHeight / 2
        var rows = Array(0..<rowCount)
        if rowCount > screenHeight {
            rows = Array(0..<halfHeight) + Array((rowCount - (screenHeight - 1) / 2)..<rowCount)
        }
        var cols = Array(0..<columnCount)
        let maxPossibleCols = screenWidth / (1 + sep.count)
        if columnCount > maxPossibleCols {
            cols = Array(0..<maxPossibleCols) + Array((columnCount - maxPossibleCols)..<columnCount)
        }
        let lookup = cell
        let full = alignment(rows: rows, cols: cols, width: screenWidth, lookup: lookup)
        let columnsFit = columnCount <= full.count
        var left = full, right: [(Int, Int)] = []
        if !columnsFit {
            let half = (screenWidth - hdots.count + 1) / 2 + 1
            right = alignment(rows: rows, cols: cols.reversed(), width: half, lookup: lookup).reversed()
            let rest = screenWidth - right.reduce(0) { $0 + $1.0 + $1.1 } - (right.count - 1) * sep.count - hdots.count
            left = alignment(rows: rows, cols: cols, width: rest, lookup: lookup)
        }
        let rightColumns = Array((columnCount - right.count)..<columnCount)
        var lines: [String] = []
        for (k, i) in rows.enumerated() {
            var line = pre
            line += row(i, columns: Array(cols.prefix(left.count)), align: left, lookup: lookup)
            if !columnsFit {
                line += i % hmod == 0 ? hdots : String(repeating: " ", count: hdots.count)
                line += row(i, columns: rightColumns, align: right, lookup: lookup)
            }
            lines.append(line)
            if rowCount > screenHeight && k == halfHeight - 1 {
                if columnsFit {
                    lines.append(pre + verticalDots(full, phase: 1, padRight: false))
                } else {
                    let phase = ((right.count - columnCount + 1) % vmod + vmod) % vmod
                    lines.append(pre + verticalDots(left, phase: 1, padRight: true) + ddots
                                 + verticalDots(right, phase: phase, padRight: false))
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Julia's `alignment`: widest left and right parts per column, keeping only the columns that fit in `width`.
    private func alignment(rows: [Int], cols: [Int], width: Int,
                           lookup: (Int, Int) -> AlignedCell) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        func total() -> Int { result.reduce(0) { $0 + $1.0 + $1.1 } + sep.count * result.count }
        for j in cols {
            var l = 0, r = 0
            for i in rows {
                let c = lookup(i, j)
                l = max(l, c.left)
                r = max(r, c.right)
            }
            result.append((l, r))
            if result.count > 1 && total() >= width {
                result.removeLast()
                break
            }
        }
        if 1 < result.count && result.count < columnCount {
            while total() >= width { result.removeLast() }
        }
        return result
    }

    /// Julia's `print_matrix_row`: pad each element to its column's alignment; the matrix's last column
    /// gets no right padding.
    private func row(_ i: Int, columns: [Int], align: [(Int, Int)], lookup: (Int, Int) -> AlignedCell) -> String {
        var out = ""
        for (k, j) in columns.enumerated() where k < align.count {
            let c = lookup(i, j)
            out += String(repeating: " ", count: max(0, align[k].0 - c.left)) + c.text
            if j != columnCount - 1 { out += String(repeating: " ", count: max(0, align[k].1 - c.right)) }
            if k < align.count - 1 { out += sep }
        }
        return out
    }

    /// Julia's `print_matrix_vdots`: a `⋮` under every `vmod`-th column.
    private func verticalDots(_ align: [(Int, Int)], phase: Int, padRight: Bool) -> String {
        var out = ""
        for (index, (left, right)) in align.enumerated() {
            let k = index + 1
            let w = left + right
            let isLast = k == align.count
            if k % vmod == phase {
                let l = max(0, left - vdots.count)
                out += String(repeating: " ", count: l) + vdots
                if !isLast || padRight { out += String(repeating: " ", count: max(0, w - vdots.count - l)) }
            } else if !isLast || padRight {
                out += String(repeating: " ", count: w)
            }
            if !isLast { out += sep }
        }
        return out
    }
}
