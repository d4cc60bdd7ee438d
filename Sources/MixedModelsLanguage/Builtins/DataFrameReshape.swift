import DataTables

extension BuiltinLibrary {
    /// DataFrames' `stack` and `unstack`.
    mutating func registerDataFrameReshape() {
        add("stack", keywords: ["variable_name", "value_name"]) { c in
            try c.expectCount(1...3, "stack(df, [:a, :b]) or stack(df, [:a, :b], [:id])")
            let t = try DataFrameValues.table(c, 0)
            let measure = c.count >= 2
                ? try DataFrameValues.names(c.positional[1])
                : t.columns.filter { $0.elementType.isFloatingPoint }.map(\.name)
            try DataFrameValues.check(measure, in: t)
            let id = c.count == 3 ? try DataFrameValues.names(c.positional[2])
                                  : t.columnNames.filter { !measure.contains($0) }
            try DataFrameValues.check(id, in: t)
            let variable = try c.keyword("variable_name").map(DataFrameValues.name) ?? "variable"
            let value = try c.keyword("value_name").map(DataFrameValues.name) ?? "value"
            return .object(TableObject(try reshaping { try t.stacked(measure: measure, id: id, variableName: variable,
                                                                     valueName: value) }, kind: .dataFrame))
        }
        add("unstack") { c in
            try c.expectCount(3...4, "unstack(df, :id, :variable, :value) or unstack(df, :variable, :value)")
            let t = try DataFrameValues.table(c, 0)
            let variable = try DataFrameValues.name(c.positional[c.count - 2])
            let value = try DataFrameValues.name(c.positional[c.count - 1])
            let keys = c.count == 4 ? try DataFrameValues.names(c.positional[1])
                                    : t.columnNames.filter { $0 != variable && $0 != value }
            try DataFrameValues.check(keys + [variable, value], in: t)
            return .object(TableObject(try reshaping { try t.unstacked(rowKeys: keys, variable: variable, value: value) },
                                       kind: .dataFrame))
        }
    }
}

/// Runs a reshape, reporting its errors in DataFrames' words.
private func reshaping(_ body: () throws -> DataTable) throws -> DataTable {
    do {
        return try body()
    } catch let e as ReshapeError {
        throw LanguageError("ArgumentError: \(e)")
    }
}
