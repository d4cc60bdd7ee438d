import TextDisplay

/// DataFrames.jl's summary line: `30×2 DataFrame` (or `2×3 SubDataFrame` for a group).
public func dataFrameSummary(rows: Int, columns: Int, typeName: String = "DataFrame") -> String {
    "\(rows)×\(columns) \(typeName)"
}

/// The text DataFrames.jl prints for `DataFrame(t)` on a 24×80 display (long tables elided with `⋮`, wide ones
/// cut with `⋯`); pass nil for `displayHeight` or `displayWidth` to show every row or column.
public func dataFrameDisplay(_ t: DataTable, displayHeight: Int? = 24, displayWidth: Int? = 80,
                             typeName: String = "DataFrame") -> String {
    let selection = RowSelection(rowCount: t.rowCount, displayHeight: displayHeight)
    let rows = selection.all
    return renderDataFrame(title: dataFrameSummary(rows: t.rowCount, columns: t.columnCount, typeName: typeName),
                           columns: t.columns.map { displayColumn($0, rows: rows) },
                           rowNumbers: rows.map { $0 + 1 },
                           elisionAfter: selection.tail.isEmpty ? nil : selection.head.count,
                           omitted: selection.omitted,
                           displayWidth: displayWidth)
}

/// The table in rendered-table form (for HTML output), as DataFrames.jl's HTML display in a limited context
/// (Jupyter, Documenter) shows it: a `Row` column, at most `maxRows` rows (the first and last halves around a row
/// of `⋮`) and `maxColumns` columns (then a `⋯` column), and a note counting what was left out.
public func dataFrameRenderedTable(_ t: DataTable, maxRows: Int? = 25, maxColumns: Int? = 100,
                                   typeName: String = "DataFrame") -> RenderedTable {
    let rowLimit = maxRows.map { max($0, 2) } ?? t.rowCount
    let elided = t.rowCount > rowLimit
    let top = elided ? (rowLimit + 1) / 2 : t.rowCount
    let rows = elided ? Array(0..<top) + Array((t.rowCount - (rowLimit - top))..<t.rowCount) : Array(0..<t.rowCount)
    let columnLimit = maxColumns.map { max($0, 1) } ?? t.columnCount
    let shownColumns = Array(t.columns.prefix(columnLimit))
    let display = shownColumns.map { displayColumn($0, rows: rows) }
    var header = ["Row"] + display.map(\.name)
    var subheader = [""] + display.map(\.typeName)
    var body = rows.indices.map { i in [String(rows[i] + 1)] + display.map { $0.cells[i] } }
    var rightAligned = [true] + display.map { $0.alignment != .left }
    let hiddenColumns = t.columnCount - shownColumns.count
    if hiddenColumns > 0 {
        header.append("⋯")
        subheader.append("")
        body = body.map { $0 + ["⋯"] }
        rightAligned.append(false)
    }
    if elided { body.insert(Array(repeating: "⋮", count: header.count), at: top) }
    var omissions: [String] = []
    if hiddenColumns > 0 { omissions.append("\(hiddenColumns) \(hiddenColumns == 1 ? "column" : "columns")") }
    let hiddenRows = t.rowCount - rows.count
    if hiddenRows > 0 { omissions.append("\(hiddenRows) \(hiddenRows == 1 ? "row" : "rows")") }
    return RenderedTable(caption: dataFrameSummary(rows: t.rowCount, columns: t.columnCount, typeName: typeName),
                         header: header,
                         subheader: subheader, rows: body, rightAligned: rightAligned,
                         footnote: omissions.isEmpty ? nil : omissions.joined(separator: " and ") + " omitted")
}

/// A column's name, compact type name, formatted cells for `rows`, and DataFrames' alignment for its type.
public func displayColumn(_ column: Column, rows: [Int]) -> DisplayColumn {
    let maxWidth = max(9, textWidth(column.name))
    let typeName = compactTypeName(column.juliaTypeName, nonMissing: column.elementName,
                                   hasMissing: column.allowsMissing, maxWidth: maxWidth)
    let cells = rows.map { column.isMissing($0) ? "missing" : formatCell(column.values, $0) }
    return DisplayColumn(name: column.name, typeName: typeName, cells: cells,
                         alignment: column.elementType == .string || column.categorical != nil ? .left : .decimalPoint)
}

/// One value as DataFrames prints it: compact floats (6 significant digits), strings escaped and cut at 32.
func formatCell(_ values: ColumnValues, _ row: Int) -> String {
    switch values {
    case .string(let v): return displayString(v[row])
    case .integer(let v): return String(v[row])
    case .float(let v): return JuliaFloatFormat.compact(v[row])
    case .bool(let v): return v[row] ? "true" : "false"
    }
}

/// A string escaped as `escape_string` does and cut to 32 characters plus `…`.
func displayString(_ s: String) -> String {
    let out = JuliaStringLiteral.escaped(s, quotesAndDollars: false)
    return out.count > 32 ? String(out.prefix(32)) + "…" : out
}

/// DataFrames' `compacttype`: the type name when it fits in `maxWidth`, `T?` for a missing-allowing `T`, else cut with `…`.
func compactTypeName(_ full: String, nonMissing: String, hasMissing: Bool, maxWidth: Int) -> String {
    if textWidth(full) <= maxWidth { return full }
    var name = full
    var suffix = ""
    if hasMissing {
        name = nonMissing
        suffix = "?"
        if textWidth(name) <= maxWidth { return name + suffix }
    }
    if name.hasPrefix("CategoricalValue{") {
        // DataFrames shortens categorical types by name: `CategoricalValue…`, `Categorical…` or `Cat…`.
        let room = maxWidth - 1
        return (room >= 16 ? "CategoricalValue…" : (room >= 11 ? "Categorical…" : "Cat…")) + suffix
    }
    if name.hasPrefix("Union{") { return "Union…" + suffix }
    return String(name.prefix(maxWidth - 1)) + "…" + suffix
}
