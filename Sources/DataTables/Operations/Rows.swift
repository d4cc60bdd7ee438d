extension ColumnValues {
    /// The values at `rows`, in that order (a row may repeat).
    public func taking(_ rows: [Int]) -> ColumnValues {
        switch self {
        case .string(let v): .string(rows.map { v[$0] })
        case .bool(let v): .bool(rows.map { v[$0] })
        case .integer(let v): .integer(rows.map { v[$0] })
        case .float(let v): .float(rows.map { v[$0] })
        }
    }

    /// One default value of the same kind (`""`, `false`, `0`).
    func placeholder() -> ColumnValues {
        switch self {
        case .string: .string([""])
        case .bool: .bool([false])
        case .integer: .integer([0])
        case .float: .float([0])
        }
    }
}

extension Column {
    /// The column restricted to `rows`; a `nil` row is a missing entry (as for unmatched rows of a `leftjoin`).
    public func taking(optionalRows rows: [Int?]) -> Column {
        // Unmatched rows hold a placeholder value: row 0's, or a default when the column is empty.
        let source = count > 0 ? self.values : self.values.placeholder()
        let values = source.taking(rows.map { $0 ?? 0 })
        let mask = rows.map { $0.map(isMissing) ?? true }
        var out = Column(name: name, elementType: elementType, values: values, missing: mask,
                         allowsMissing: allowsMissing || rows.contains(nil))
        out.categorical = categorical
        return out
    }

    /// The column restricted to `rows`, keeping its element type.
    public func taking(_ rows: [Int]) -> Column {
        var out = Column(name: name, elementType: elementType, values: values.taking(rows),
                         missing: missing.map { m in rows.map { m[$0] } }, allowsMissing: allowsMissing)
        out.categorical = categorical
        return out
    }

    /// The same column under another name.
    public func renamed(_ newName: String) -> Column {
        var c = self
        c.name = newName
        return c
    }

    /// The same values with an element type that admits `missing`.
    public func allowingMissing() -> Column {
        var c = self
        c.allowsMissing = true
        return c
    }

    /// The same values with an element type that does not admit `missing`; nil when some entry is missing.
    public func disallowingMissing() -> Column? {
        guard !hasMissing else { return nil }
        var c = self
        c.allowsMissing = false
        return c
    }
}

extension DataTable {
    /// The rows at `rows`, in that order.
    public func taking(rows: [Int]) -> DataTable {
        // Same names, equal lengths: the initializer cannot fail.
        (try? DataTable(columns: columns.map { $0.taking(rows) })) ?? self
    }

    /// The columns called `names`, in that order.
    public func selecting(_ names: [String]) throws -> DataTable {
        try DataTable(columns: names.map(column))
    }

    /// Removes the column called `name`, if present.
    public mutating func removeColumn(_ name: String) throws {
        self = try DataTable(columns: columns.filter { $0.name != name })
    }

    /// DataFrames' `dropmissing(df, cols)`: the rows with no missing value in `names`, whose columns then no longer
    /// admit `missing`.
    public func droppingMissing(in names: [String]) throws -> DataTable {
        let checked = try names.map(column)
        let kept = (0..<rowCount).filter { row in !checked.contains { $0.isMissing(row) } }
        var out = taking(rows: kept)
        for name in names {
            if let c = out[name]?.disallowingMissing() { try out.setColumn(c) }
        }
        return out
    }

    /// DataFrames' `rename(df, old => new, …)`: renames in order, each rename seeing the names the previous left.
    public func renaming(_ pairs: [(old: String, new: String)]) throws -> DataTable {
        var renamed = columns
        for (old, new) in pairs {
            guard let i = renamed.firstIndex(where: { $0.name == old }) else {
                throw DataTableError.unknownColumn(old, suggestions: closeNames(to: old, among: renamed.map(\.name)))
            }
            if old != new && renamed.contains(where: { $0.name == new }) { throw DataTableError.duplicateColumn(new) }
            renamed[i] = renamed[i].renamed(new)
        }
        return try DataTable(columns: renamed)
    }

    /// The first row of every distinct combination of values in `names`, in order of appearance
    /// (DataFrames' `unique(df, cols)`).
    public func uniqueRows(by names: [String]) throws -> DataTable {
        var seen = Set<[CellKey]>()
        var kept: [Int] = []
        for (row, key) in try rowKeys(names).enumerated() where seen.insert(key).inserted { kept.append(row) }
        return taking(rows: kept)
    }
}

/// Errors of `vcat` on tables whose columns do not line up.
public enum TableCombinationError: Error, Equatable, CustomStringConvertible, Sendable {
    case columnNamesDiffer(argument: Int, missing: [String])
    case incompatibleColumn(String)

    public var description: String {
        switch self {
        case .columnNamesDiffer(let argument, let missing):
            let list = missing.map { ":\($0)" }.joined(separator: ", ")
            return "column(s) \(list) are missing from argument(s) \(argument)"
        case .incompatibleColumn(let name):
            return "column :\(name) holds strings in one table and numbers in another"
        }
    }
}

/// DataFrames' `vcat` of tables with the same column names (taken in the first table's order); integer and float
/// columns of the same name join as floats, and a column admits `missing` when any part does.
public func verticalConcatenation(_ tables: [DataTable]) throws -> DataTable {
    guard let first = tables.first else { return DataTable() }
    let names = first.columnNames
    for (i, t) in tables.enumerated() {
        let absent = names.filter { t[$0] == nil } + t.columnNames.filter { first[$0] == nil }
        if !absent.isEmpty { throw TableCombinationError.columnNamesDiffer(argument: i + 1, missing: absent) }
    }
    return try DataTable(columns: names.map { name in
        try concatenate(tables.map { $0[name]! })
    })
}

private func concatenate(_ parts: [Column]) throws -> Column {
    let first = parts[0]
    let mask = parts.flatMap { p in (0..<p.count).map(p.isMissing) }
    let allowsMissing = parts.contains { $0.allowsMissing }
    if parts.allSatisfy({ $0.elementType == first.elementType }) {
        var values = first.values
        for p in parts.dropFirst() { values.append(contentsOf: p.values) }
        return Column(name: first.name, elementType: first.elementType, values: values, missing: mask,
                      allowsMissing: allowsMissing)
    }
    guard parts.allSatisfy({ $0.elementType.isNumeric || $0.elementType == .bool }) else {
        throw TableCombinationError.incompatibleColumn(first.name)
    }
    let floats = parts.contains { $0.elementType.isFloatingPoint }
    if floats {
        let doubles = parts.flatMap { p in (0..<p.count).map { p.isMissing($0) ? 0 : p.doubles![$0] } }
        return Column(name: first.name, doubles: doubles, missing: mask).with(allowsMissing: allowsMissing)
    }
    let integers = parts.flatMap { p in (0..<p.count).map { p.isMissing($0) ? 0 : Int64(p.doubles![$0]) } }
    return Column(name: first.name, integers: integers, missing: mask).with(allowsMissing: allowsMissing)
}

private extension Column {
    func with(allowsMissing flag: Bool) -> Column {
        flag ? allowingMissing() : self
    }
}
