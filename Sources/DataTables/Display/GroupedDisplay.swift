import TextDisplay

/// DataFrames.jl's display of one row, `df[i, :]`: the title `DataFrameRow`, then the row under its number in the
/// parent table.
public func dataFrameRowDisplay(_ t: DataTable, row: Int, displayWidth: Int? = 80) -> String {
    renderDataFrame(title: "DataFrameRow", columns: t.columns.map { displayColumn($0, rows: [row]) },
                    rowNumbers: [row + 1], elisionAfter: nil, omitted: 0, displayWidth: displayWidth)
}

/// DataFrames.jl's display of a `GroupedDataFrame`: the summary line, then the first and the last group,
/// each headed by its size and key values and shown as a table without its own summary line.
public func groupedDataFrameDisplay(_ g: GroupedTable, displayHeight: Int? = 24, displayWidth: Int? = 80) -> String {
    let keyword = g.keys.count > 1 ? "keys" : "key"
    var text = "GroupedDataFrame with \(g.count) \(g.count == 1 ? "group" : "groups") based on \(keyword): "
        + g.keys.joined(separator: ", ")
    func section(_ label: String, _ index: Int) -> String {
        let rows = g.groups[index]
        let keys = g.keys.map { name in "\(name) = \(keyRepr(g.table[name]!, rows[0]))" }.joined(separator: ", ")
        let table = dataFrameDisplay(g.group(index), displayHeight: displayHeight, displayWidth: displayWidth)
        let body = table.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        return "\n\(label) (\(rows.count) \(rows.count == 1 ? "row" : "rows")): \(keys)\n" + body
    }
    if g.count > 0 { text += section("First Group", 0) }
    if g.count > 1 { text += "\n⋮" + section("Last Group", g.count - 1) }
    return text
}

/// Julia's `repr` of one cell: strings quoted, numbers as `show` prints them.
func keyRepr(_ column: Column, _ row: Int) -> String {
    if column.isMissing(row) { return "missing" }
    switch column.values {
    case .string(let v): return JuliaStringLiteral.quoted(v[row])
    case .integer(let v): return String(v[row])
    case .float(let v): return JuliaFloatFormat.shortest(v[row])
    case .bool(let v): return v[row] ? "true" : "false"
    }
}
