/// DataFrames' `stack` (wide to long) and `unstack` (long to wide).
public enum ReshapeError: Error, Equatable, CustomStringConvertible, Sendable {
    case duplicateEntry(row: Int, variable: String)
    case clashingName(String)

    public var description: String {
        switch self {
        case .duplicateEntry(let row, let variable):
            return "Duplicate entries in unstack at row \(row) for key and variable \(variable). "
                + "Pass `combine` keyword argument to specify how they should be handled."
        case .clashingName(let name):
            return "column name :\(name) of the result clashes with an existing column"
        }
    }
}

extension DataTable {
    /// The measure columns stacked into two, `variable` (the column's name) and `value`: one block of rows per
    /// measure column, in the order given, each repeating the `id` columns.
    public func stacked(measure: [String], id: [String], variableName: String = "variable",
                        valueName: String = "value") throws -> DataTable {
        for name in [variableName, valueName] where id.contains(name) { throw ReshapeError.clashingName(name) }
        let rows = Array(0..<rowCount)
        let tiled = Array(repeatElement(rows, count: measure.count).joined())
        var columns = try id.map { try column($0).taking(tiled) }
        let variables = measure.flatMap { Array(repeating: $0, count: rowCount) }
        columns.append(Column(name: variableName, strings: variables))
        let parts = try measure.map { try DataTable(columns: [try column($0).renamed(valueName)]) }
        if parts.isEmpty {
            columns.append(Column(name: valueName, doubles: []))
        } else {
            columns.append(try verticalConcatenation(parts).column(valueName))
        }
        return try DataTable(columns: columns)
    }

    /// One row per distinct combination of the `rowKeys` columns (in order of first appearance) and one column per
    /// distinct entry of `variable` (likewise), holding `value`; absent combinations are `missing`.
    public func unstacked(rowKeys: [String], variable: String, value: String) throws -> DataTable {
        let keys = try self.rowKeys(rowKeys)
        let labels = try column(variable).labels
        let values = try column(value)
        var rowOf: [[CellKey]: Int] = [:]
        var firstRows: [Int] = []
        var columnOf: [String: Int] = [:]
        var names: [String] = []
        for row in 0..<rowCount {
            if rowOf[keys[row]] == nil {
                rowOf[keys[row]] = firstRows.count
                firstRows.append(row)
            }
            if columnOf[labels[row]] == nil {
                columnOf[labels[row]] = names.count
                names.append(labels[row])
            }
        }
        for name in names where rowKeys.contains(name) { throw ReshapeError.clashingName(name) }
        var sources = [[Int?]](repeating: [Int?](repeating: nil, count: firstRows.count), count: names.count)
        for row in 0..<rowCount {
            let r = rowOf[keys[row]]!, c = columnOf[labels[row]]!
            if sources[c][r] != nil { throw ReshapeError.duplicateEntry(row: row + 1, variable: labels[row]) }
            sources[c][r] = row
        }
        var columns = try rowKeys.map { try column($0).taking(firstRows) }
        for (c, name) in names.enumerated() {
            columns.append(values.taking(optionalRows: sources[c]).renamed(name).allowingMissing())
        }
        return try DataTable(columns: columns)
    }
}
