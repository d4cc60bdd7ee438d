import DataTables

/// `df.col .= v`, `df[!, :col] .= v`, `df[:, :col] .= v` and their updating forms (`df.col .+= 1`): DataFrames'
/// broadcasting assignment into a column.
///
/// `df.col .=` and `df[:, :col] .=` write into an existing column, keeping its element type (as Julia's in-place
/// broadcast does: `1.5` into an `Int64` column is an `InexactError`); `df[!, :col] .=` replaces the column with a
/// fresh one of the broadcast's type. A column that does not exist yet is created with the frame's row count.
enum DataFrameColumnBroadcast {
    /// Assigns into the column `name` of `frame`; `op` is the updating operator (`+` for `.+=`), nil for `.=`.
    static func assign(_ frame: TableObject, column name: String, replacing: Bool, _ value: Value, op: String?,
                       _ interpreter: Interpreter) throws -> Value {
        guard frame.kind == .dataFrame else {
            throw LanguageError("an Arrow.Table is read-only: convert it with DataFrame(…) to add or change columns")
        }
        let rows = frame.table.rowCount
        let existing = frame.table[name]
        var source = value
        if let op {
            guard let existing else { throw DataFrameValues.unknownColumn(name, among: frame.table.columnNames) }
            source = try Operators.binary("." + op, .array(TableObject.vector(existing)), value, interpreter)
        }
        let target: ArrayBox
        if let existing, !replacing {
            target = TableObject.vector(existing)
        } else {
            // A fresh column takes the element type of the broadcast values, as `similar` of the result would.
            let sample = try Broadcasting.map([.array(ArrayBox(ints: [Int](repeating: 0, count: rows))), source]) {
                $0[1]
            }
            guard case .array(let fresh) = sample, fresh.shape == [rows] else {
                throw JuliaException.dimensionMismatch("array could not be broadcast to match destination")
            }
            try DataFrameIndexing.setColumn(frame, name, .array(fresh))
            return .array(fresh)
        }
        if Broadcasting.shape(of: source) != nil {
            let expanded = try Broadcasting.map([.array(target), source]) { $0[1] }
            guard case .array(let e) = expanded, e.shape == target.shape else {
                throw JuliaException.dimensionMismatch(
                    "array could not be broadcast to match destination: column :\(name) has \(rows) rows")
            }
            source = expanded
        }
        try Indexing.broadcastSet(target, [.type("Colon")], source)
        try DataFrameIndexing.setColumn(frame, name, .array(target))
        return .array(target)
    }

    /// The column a `df[rows, col]` broadcast target names: `!` replaces, `:` writes in place; nil for other forms
    /// (a row subset, several columns), which the caller refuses.
    static func column(of indices: [Value]) throws -> (name: String, replacing: Bool)? {
        guard indices.count == 2 else { return nil }
        let replacing = DataFrameIndexing.isBang(indices[0])
        guard replacing || DataFrameIndexing.isColon(indices[0]) else { return nil }
        switch indices[1] {
        case .symbol(let s), .string(let s): return (s, replacing)
        default: return nil
        }
    }
}
