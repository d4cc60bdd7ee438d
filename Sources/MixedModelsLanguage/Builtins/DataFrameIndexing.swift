import DataTables

/// DataFrames' indexing: `df[!, :c]`, `df[:, :c]`, `df[:, [:a, :b]]`, `df[rows, :]`, `df[i, :c]`, `df[i, :]`,
/// and the assignments `df[!, :c] = v`, `df[i, :c] = x`, `df.c = v`.
enum DataFrameIndexing {
    /// Rows picked by a row selector: every row, one row (a scalar index), or several.
    private enum Rows {
        case all
        case single(Int)
        case some([Int])
    }

    /// Columns picked by a column selector: one column (a vector result) or several (a table result).
    private enum Columns {
        case single(String)
        case some([String])
    }

    static func get(_ object: TableObject, _ indices: [Value]) throws -> Value {
        let t = object.table
        if indices.count == 1 {
            guard case .symbol(let name) = indices[0] else {
                throw LanguageError("index a data frame by rows and columns, e.g. df[!, :name] or df[1:3, :]")
            }
            return .array(TableObject.vector(try DataFrameValues.column(t, name)))
        }
        guard indices.count == 2 else {
            throw LanguageError("a data frame takes two indices, rows and columns, got \(indices.count)")
        }
        let rows = try rowSelection(indices[0], count: t.rowCount)
        let columns = try columnSelection(indices[1], in: t)
        switch (rows, columns) {
        case (.single(let r), .single(let name)):
            return DataFrameValues.cell(try DataFrameValues.column(t, name), r)
        case (.single(let r), .some(let names)):
            return .object(DataFrameRowObject(try t.selecting(names), row: r))
        case (.all, .single(let name)):
            return .array(TableObject.vector(try DataFrameValues.column(t, name)))
        case (.some(let r), .single(let name)):
            return .array(TableObject.vector(try DataFrameValues.column(t, name).taking(r)))
        case (.all, .some(let names)):
            return .object(TableObject(try t.selecting(names), kind: .dataFrame))
        case (.some(let r), .some(let names)):
            return .object(TableObject(try t.selecting(names).taking(rows: r), kind: .dataFrame))
        }
    }

    /// `df[!, :c] = v`, `df[:, :c] = v` (a whole column) and `df[i, :c] = x` (one cell).
    static func set(_ object: TableObject, _ indices: [Value], _ value: Value) throws {
        guard object.kind == .dataFrame else {
            throw LanguageError("an Arrow.Table is read-only: convert it with DataFrame(…) to add or change columns")
        }
        guard indices.count == 2, case .single(let name) = try columnSelection(indices[1], in: nil) else {
            throw LanguageError("assign a column as df[!, :name] = vector or one cell as df[i, :name] = value")
        }
        if case .single(let r) = try rowSelection(indices[0], count: object.table.rowCount) {
            let column = try DataFrameValues.column(object.table, name)
            var values = TableObject.vector(column).elements
            values[r] = value
            let rebuilt = try TableObject.column(name, from: .array(ArrayBox(values, elementType: "Any")),
                                                 rows: values.count)
            try object.table.setColumn(column.elementType.isFloatingPoint && rebuilt.elementType.isInteger
                                       ? Column(name: name, doubles: rebuilt.doubles ?? [], missing: rebuilt.missing)
                                       : rebuilt)
            return
        }
        try setColumn(object, name, value)
    }

    /// Adds or replaces a whole column, as `df.c = v` and `df[!, :c] = v` do.
    static func setColumn(_ object: TableObject, _ name: String, _ value: Value) throws {
        guard DataFrameValues.isVector(value) else {
            throw LanguageError("ArgumentError: It is only allowed to pass a vector as a column of a DataFrame. "
                                + "Instead use `df[!, col_ind] .= v` if you want to use broadcasting.")
        }
        let column = try DataFrameValues.column(name, from: value)
        if object.table.columnCount > 0 && column.count != object.table.rowCount {
            throw LanguageError("ArgumentError: New columns must have the same length as old columns")
        }
        try object.table.setColumn(column)
    }

    static func isBang(_ v: Value) -> Bool {
        if case .function(let f) = v, f.name == "!" { return true }
        return false
    }

    static func isColon(_ v: Value) -> Bool {
        if case .type("Colon") = v { return true }
        return false
    }

    private static func rowSelection(_ v: Value, count: Int) throws -> Rows {
        if isBang(v) || isColon(v) { return .all }
        func checked(_ i: Int) throws -> Int {
            guard i >= 1 && i <= count else {
                throw LanguageError("BoundsError: attempt to access \(count)-element row index at index [\(i)]")
            }
            return i - 1
        }
        switch v {
        case .int(let i): return .single(try checked(i))
        case .range, .array:
            let items = try Iteration.elements(of: v)
            if !items.isEmpty, items.allSatisfy({ if case .bool = $0 { true } else { false } }) {
                guard items.count == count else {
                    throw LanguageError("BoundsError: a Bool mask of length \(items.count) cannot select rows of a "
                                        + "data frame with \(count) rows")
                }
                return .some(items.indices.filter { if case .bool(true) = items[$0] { true } else { false } })
            }
            return .some(try items.map { item in
                guard case .int(let i) = item else {
                    throw LanguageError("ArgumentError: rows are selected by integers or a Bool mask, got \(item.described)")
                }
                return try checked(i)
            })
        default:
            throw LanguageError("ArgumentError: rows are selected by an integer, a range, a vector, `!` or `:`, "
                                + "got \(v.described)")
        }
    }

    /// The columns a selector names; with a table, names are checked and positions and `:` resolved.
    private static func columnSelection(_ v: Value, in t: DataTable?) throws -> Columns {
        let all = t?.columnNames ?? []
        func byPosition(_ i: Int) throws -> String {
            guard i >= 1 && i <= all.count else {
                throw LanguageError("BoundsError: attempt to access data frame with \(all.count) columns at index [\(i)]")
            }
            return all[i - 1]
        }
        func checked(_ name: String) throws -> String {
            if let t, t[name] == nil { throw DataFrameValues.unknownColumn(name, among: all) }
            return name
        }
        if isBang(v) || isColon(v) { return .some(all) }
        switch v {
        case .object(let o as NotObject): return .some(try o.remaining(all))
        case .symbol(let s), .string(let s): return .single(try checked(s))
        case .int(let i): return .single(try byPosition(i))
        case .range, .array:
            return .some(try Iteration.elements(of: v).map { item in
                if case .int(let i) = item { return try byPosition(i) }
                return try checked(try DataFrameValues.name(item))
            })
        default:
            throw LanguageError("ArgumentError: columns are selected by a name, a vector of names, `!` or `:`, "
                                + "got \(v.described)")
        }
    }
}

/// `df[rows, cols] = v`.
extension TableObject {
    func setIndex(_ indices: [Value], _ value: Value) throws {
        try DataFrameIndexing.set(self, indices, value)
    }
}
