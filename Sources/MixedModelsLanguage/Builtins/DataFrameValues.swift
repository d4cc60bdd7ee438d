import DataTables

/// Conversions between table columns and language values, and DataFrames' errors about columns.
enum DataFrameValues {
    /// The value of one cell: `missing`, or the column's element as a language value.
    static func cell(_ column: Column, _ row: Int) -> Value {
        if column.isMissing(row) { return .missing }
        switch column.values {
        case .string(let v): return .string(v[row])
        case .bool(let v): return .bool(v[row])
        case .integer(let v): return .int(Int(v[row]))
        case .float(let v): return .float(v[row])
        }
    }

    /// A column name given as a Symbol or a String.
    static func name(_ v: Value) throws -> String {
        switch v {
        case .symbol(let s), .string(let s): return s
        default: throw LanguageError("ArgumentError: expected a column name such as :x, got \(v.described)")
        }
    }

    /// One or more column names: `:a`, `"a"` or a vector of them.
    static func names(_ v: Value) throws -> [String] {
        if case .array(let a) = v { return try a.elements.map(name) }
        return [try name(v)]
    }

    /// The column called `name`, or DataFrames' error naming it and the closest existing names.
    static func column(_ t: DataTable, _ name: String) throws -> Column {
        if let c = t[name] { return c }
        throw unknownColumn(name, among: t.columnNames)
    }

    static func unknownColumn(_ name: String, among names: [String]) -> LanguageError {
        let close = closeNames(to: name, among: names)
        let hint = close.isEmpty ? "" : "; existing most similar names are: " + listed(close.map { ":\($0)" })
        return LanguageError("ArgumentError: column name :\(name) not found in the data frame\(hint)")
    }

    /// Checks that every name is a column of `t`.
    static func check(_ names: [String], in t: DataTable) throws {
        for n in names where t[n] == nil { throw unknownColumn(n, among: t.columnNames) }
    }

    /// Julia's `join(items, ", ", " and ")`.
    static func listed(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// A column built from a vector value (array or range).
    static func column(_ name: String, from value: Value) throws -> Column {
        let items = try vectorElements(value)
        let box = ArrayBox(items, elementType: "Any")
        if case .array(let a) = value { box.categoricalPool = a.categoricalPool }
        return try TableObject.column(name, from: .array(box), rows: items.count)
    }

    /// The elements of a vector or range; nil-free error for anything else.
    static func vectorElements(_ value: Value) throws -> [Value] {
        switch value {
        case .array(let a) where a.shape.count == 1: return a.elements
        case .range: return try Iteration.elements(of: value)
        default: throw LanguageError("ArgumentError: a column must be a vector, got \(value.described)")
        }
    }

    static func isVector(_ value: Value) -> Bool {
        switch value {
        case .array(let a): a.shape.count == 1
        case .range: true
        default: false
        }
    }

    /// A table from named values as `DataFrame(a = …, b = …)` builds it: vectors must agree in length, scalars are
    /// repeated to that length (one row when every value is a scalar).
    static func table(_ pairs: [(name: String, value: Value)]) throws -> DataTable {
        var length: Int?
        var first = ""
        for (name, value) in pairs where isVector(value) {
            let n = try vectorElements(value).count
            if let length, length != n {
                throw LanguageError("DimensionMismatch: column :\(first) has length \(length) and column :\(name) "
                                    + "has length \(n)")
            }
            if length == nil { (length, first) = (n, name) }
        }
        let rows = length ?? 1
        var seen = Set<String>()
        return try DataTable(columns: pairs.map { name, value in
            guard seen.insert(name).inserted else {
                throw LanguageError("ArgumentError: Duplicate variable names: :\(name). Pass makeunique=true to make "
                                    + "them unique using a suffix automatically.")
            }
            if isVector(value) { return try column(name, from: value) }
            return try TableObject.column(name, from: value, rows: rows)
        })
    }

    /// The table held by a data-frame value, or a type error for argument `i`.
    static func table(_ c: CallContext, _ i: Int) throws -> DataTable {
        guard case .object(let o as TableObject) = try c.argument(i) else {
            throw c.wrongType(i, expected: "a DataFrame")
        }
        return o.table
    }
}
