import TextDisplay

/// How a column's cells are placed, following DataFrames.jl's `show` (PrettyTables text back end).
public enum CellAlignment: Equatable, Sendable {
    case left
    case right
    /// Real numbers: cells are lined up on their first `.`; cells without one are right-aligned to that point.
    case decimalPoint
}

/// One column of a DataFrames-style text table, with its cells already formatted.
public struct DisplayColumn: Equatable, Sendable {
    public var name: String
    /// The element-type row entry (`String`, `Float64`, `Union…`).
    public var typeName: String
    public var cells: [String]
    public var alignment: CellAlignment

    public init(name: String, typeName: String, cells: [String], alignment: CellAlignment) {
        self.name = name
        self.typeName = typeName
        self.cells = cells
        self.alignment = alignment
    }
}

/// Which rows a display shows: all of them, or a head and a tail around a `⋮` line.
struct RowSelection {
    var head: [Int]
    var tail: [Int]
    var omitted: Int

    var all: [Int] { head + tail }

    /// Rows shown on a display `height` lines tall (DataFrames in a 24-line REPL or Documenter page):
    /// up to `height - 7` rows print in full; longer tables show `height - 9` rows, the extra one at the top.
    init(rowCount: Int, displayHeight: Int?) {
        guard let height = displayHeight, rowCount > max(height - 7, 1) else {
            head = Array(0..<rowCount)
            tail = []
            omitted = 0
            return
        }
        let shown = max(height - 9, 2)
        let top = (shown + 1) / 2
        head = Array(0..<top)
        tail = Array((rowCount - (shown - top))..<rowCount)
        omitted = rowCount - shown
    }
}

/// Display width of a string (one column per character; our tables hold no wide characters).
func textWidth(_ s: String) -> Int { s.count }

private func padLeft(_ s: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - textWidth(s))) + s
}

private func padRight(_ s: String, _ width: Int) -> String {
    s + String(repeating: " ", count: max(0, width - textWidth(s)))
}

/// A `⋮` centred as PrettyTables centres it (extra space on the right).
private func centredEllipsis(_ width: Int) -> String {
    let left = (width - 1) / 2
    return String(repeating: " ", count: left) + "⋮" + String(repeating: " ", count: max(0, width - 1 - left))
}

/// PrettyTables' anchor alignment: pad each cell on the left so the first `.` lines up (cells without one end
/// just before it), then pad on the right to a common width.
func alignOnDecimalPoint(_ cells: [String]) -> [String] {
    let anchors = cells.map { cell -> Int in
        if let dot = cell.firstIndex(of: ".") { return cell.distance(from: cell.startIndex, to: dot) + 1 }
        return textWidth(cell) + 1
    }
    let column = anchors.max() ?? 0
    let shifted = zip(cells, anchors).map { String(repeating: " ", count: column - $1) + $0 }
    let width = shifted.map(textWidth).max() ?? 0
    return shifted.map { padRight($0, width) }
}

/// Renders a DataFrames.jl-style table: title, column names, element types, a rule, numbered rows.
/// `rowNumbers[i]` labels `cells[i]`; `elisionAfter` puts a `⋮` line after that many rows and `omitted` counts
/// the rows left out. A table wider than `displayWidth` is cut as PrettyTables cuts it: lines end at
/// `displayWidth - 2` with ` ⋯` on the header lines and every fourth row, ` ⋱` on the `⋮` line, and columns
/// not wholly shown are counted as omitted. Trailing spaces are trimmed from every line.
func renderDataFrame(title: String, columns: [DisplayColumn], rowNumbers: [Int], elisionAfter: Int?, omitted: Int,
                     displayWidth width: Int? = 80) -> String {
    let rowWidth = max(3, rowNumbers.map { textWidth(String($0)) }.max() ?? 0)
    var bodies: [[String]] = []
    var widths: [Int] = []
    for column in columns {
        let cells = column.alignment == .decimalPoint ? alignOnDecimalPoint(column.cells) : column.cells
        let width = max(textWidth(column.name), textWidth(column.typeName), cells.map(textWidth).max() ?? 0)
        bodies.append(cells.map { column.alignment == .left ? padRight($0, width) : padLeft($0, width) })
        widths.append(width)
    }
    let fullWidth = rowWidth + 3 + widths.reduce(0) { $0 + $1 + 2 }
    let cut = width.flatMap { fullWidth > $0 ? $0 - 2 : nil }
    func line(_ first: String, _ rest: [String], marker: String? = nil) -> String {
        var s = " " + first + " │"
        for cell in rest { s += " " + cell + " " }
        if let cut {
            s = String(s.prefix(cut))
            if let marker { return s + " " + marker }
        }
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
    var lines = [title]
    lines.append(line(padLeft("Row", rowWidth), zip(columns, widths).map { padRight($0.name, $1) }, marker: "⋯"))
    lines.append(line(String(repeating: " ", count: rowWidth), zip(columns, widths).map { padRight($0.typeName, $1) },
                      marker: "⋯"))
    let rule = String(repeating: "─", count: rowWidth + 2) + "┼" + widths.map { String(repeating: "─", count: $0 + 2) }.joined()
    lines.append(width.map { String(rule.prefix($0)) } ?? rule)
    var blockStart = 0
    for (i, number) in rowNumbers.enumerated() {
        if i == elisionAfter {
            lines.append(line(centredEllipsis(rowWidth), widths.map(centredEllipsis), marker: "⋱"))
            blockStart = i
        }
        lines.append(line(padLeft(String(number), rowWidth), bodies.map { $0[i] },
                          marker: (i - blockStart) % 4 == 0 ? "⋯" : nil))
    }
    var omissions: [String] = []
    if let cut {
        var end = rowWidth + 3
        let shown = widths.prefix { end += $0 + 2; return end <= cut }.count
        let hidden = columns.count - shown
        omissions.append("\(hidden) \(hidden == 1 ? "column" : "columns")")
    }
    if omitted > 0 { omissions.append("\(omitted) \(omitted == 1 ? "row" : "rows")") }
    if !omissions.isEmpty {
        lines.append(padLeft(omissions.joined(separator: " and ") + " omitted", cut.map { $0 + 2 } ?? fullWidth))
    }
    return lines.joined(separator: "\n")
}

/// The text DataFrames.jl prints for a table with these columns (cells for every row), cropped as on a display
/// `displayHeight` lines tall and `displayWidth` columns wide (Julia's default 24×80); nil shows everything.
public func dataFrameText(title: String, columns: [DisplayColumn], displayHeight: Int? = 24,
                          displayWidth: Int? = 80) -> String {
    let rowCount = columns.first?.cells.count ?? 0
    let selection = RowSelection(rowCount: rowCount, displayHeight: displayHeight)
    let shown = selection.all
    let trimmed = columns.map { c in
        DisplayColumn(name: c.name, typeName: c.typeName, cells: shown.map { c.cells[$0] }, alignment: c.alignment)
    }
    return renderDataFrame(title: title, columns: trimmed, rowNumbers: shown.map { $0 + 1 },
                           elisionAfter: selection.tail.isEmpty ? nil : selection.head.count, omitted: selection.omitted,
                           displayWidth: displayWidth)
}

/// The same columns as a table for HTML rendering (all rows, numbers right-aligned).
public func dataFrameRenderedTable(title: String, columns: [DisplayColumn]) -> RenderedTable {
    let rowCount = columns.first?.cells.count ?? 0
    return RenderedTable(caption: title, header: columns.map(\.name), subheader: columns.map(\.typeName),
                         rows: (0..<rowCount).map { i in columns.map { $0.cells[i] } },
                         rightAligned: columns.map { $0.alignment != .left })
}
