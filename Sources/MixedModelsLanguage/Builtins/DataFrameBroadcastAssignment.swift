import DataTables

/// DataFrames' broadcasting assignment to a column: `df[!, :c] .= v` (a new column from the broadcast, created if
/// absent), `df[:, :c] .= v` and `df.c .= v` (in place, keeping an existing column's element type; created if
/// absent), and the updating forms such as `df.c .+= v`.
extension DataFrameIndexing {
    /// Assigns into column `name`; `replacing` is the `!` row selector (a fresh column rather than in place).
    static func broadcastAssign(_ object: TableObject, column name: String, replacing: Bool, _ value: Value,
                                op: String?, interpreter: Interpreter) throws {
        guard object.kind == .dataFrame else {
            throw LanguageError("an Arrow.Table is read-only: convert it with DataFrame(…) to add or change columns")
        }
        let rows = object.table.rowCount
        let existing = object.table[name]
        var source = value
        if let op {
            guard let existing else { throw DataFrameValues.unknownColumn(name, among: object.table.columnNames) }
            source = try Operators.binary("." + op, .array(TableObject.vector(existing)), value, interpreter)
        }
        let values = try broadcastToColumn(source, rows: rows)
        var column = try TableObject.column(name, from: .array(ArrayBox(values, elementType: "Any")), rows: rows)
        if let existing, !replacing {
            column = try keepingType(of: existing, column, name: name)
        }
        try object.table.setColumn(column)
    }

    /// The value repeated to `rows` (a scalar) or the vector itself when it has `rows` elements.
    private static func broadcastToColumn(_ value: Value, rows: Int) throws -> [Value] {
        guard DataFrameValues.isVector(value) else { return Array(repeating: value, count: rows) }
        let items = try DataFrameValues.vectorElements(value)
        if items.count == 1 { return Array(repeating: items[0], count: rows) }
        guard items.count == rows else {
            throw JuliaException.dimensionMismatch("array could not be broadcast to match destination")
        }
        return items
    }

    /// In-place assignment converts to the column's element type, as `setindex!` on a Julia vector does.
    private static func keepingType(of existing: Column, _ column: Column, name: String) throws -> Column {
        if existing.elementType.isFloatingPoint && column.elementType.isInteger {
            return Column(name: name, doubles: column.doubles ?? [], missing: column.missing)
        }
        if existing.elementType.isInteger && column.elementType.isFloatingPoint, let doubles = column.doubles {
            if let bad = doubles.first(where: { $0 != $0.rounded() || !$0.isFinite }) {
                throw LanguageError("InexactError: Int64(\(bad))")
            }
            return Column(name: name, integers: doubles.map { Int64($0) }, missing: column.missing)
        }
        return column
    }
}
