import TextDisplay

/// DataFrames.jl's summary line: `30×2 DataFrame`.
public func dataFrameSummary(rows: Int, columns: Int) -> String { "\(rows)×\(columns) DataFrame" }

/// The text DataFrames.jl prints for `DataFrame(t)` on a 24×80 display (long tables elided with `⋮`, wide ones
/// cut with `⋯`); pass nil for `displayHeight` or `displayWidth` to show every row or column.
public func dataFrameDisplay(_ t: DataTable, displayHeight: Int? = 24, displayWidth: Int? = 80) -> String {
    let selection = RowSelection(rowCount: t.rowCount, displayHeight: displayHeight)
    let rows = selection.all
    return renderDataFrame(title: dataFrameSummary(rows: t.rowCount, columns: t.columnCount),
                           columns: t.columns.map { displayColumn($0, rows: rows) },
                           rowNumbers: rows.map { $0 + 1 },
                           elisionAfter: selection.tail.isEmpty ? nil : selection.head.count,
                           omitted: selection.omitted,
                           displayWidth: displayWidth)
}

/// The whole table in rendered-table form (for HTML output).
public func dataFrameRenderedTable(_ t: DataTable) -> RenderedTable {
    dataFrameRenderedTable(title: dataFrameSummary(rows: t.rowCount, columns: t.columnCount),
                           columns: t.columns.map { displayColumn($0, rows: Array(0..<t.rowCount)) })
}

/// A column's name, compact type name, formatted cells for `rows`, and DataFrames' alignment for its type.
public func displayColumn(_ column: Column, rows: [Int]) -> DisplayColumn {
    let maxWidth = max(9, textWidth(column.name))
    let typeName = compactTypeName(column.juliaTypeName, nonMissing: column.elementType.juliaName,
                                   hasMissing: column.hasMissing, maxWidth: maxWidth)
    let cells = rows.map { column.isMissing($0) ? "missing" : formatCell(column.values, $0) }
    return DisplayColumn(name: column.name, typeName: typeName, cells: cells,
                         alignment: column.elementType == .string ? .left : .decimalPoint)
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
    if name.hasPrefix("Union{") { return "Union…" + suffix }
    return String(name.prefix(maxWidth - 1)) + "…" + suffix
}
