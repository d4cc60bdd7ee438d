import DataTables

extension BuiltinLibrary {
    /// `select`, `transform`, `combine`, `subset`, `filter`, `groupby`, `sort`, `innerjoin`, `leftjoin`.
    mutating func registerDataFrameVerbs() {
        for (name, keepAll) in [("select", false), ("transform", true)] {
            add(name) { c in .object(TableObject(try rowwise(c, keepingAll: keepAll), kind: .dataFrame)) }
            add(name + "!") { c in
                guard case .object(let o as TableObject) = try c.argument(0), o.kind == .dataFrame else {
                    throw c.wrongType(0, expected: "a DataFrame")
                }
                o.table = try rowwise(c, keepingAll: keepAll)
                return .object(o)
            }
        }
        add("combine") { c in
            try c.expectCount(1...Int.max, "combine(gdf, :y => f, …)")
            let specs = try specifications(c)
            let runner = TransformRunner(interpreter: c.interpreter)
            switch c.positional[0] {
            case .object(let o as GroupedDataFrameObject):
                return .object(TableObject(try runner.combined(specs, on: o.grouped), kind: .dataFrame))
            case .object(let o as TableObject):
                return .object(TableObject(try runner.combined(specs, on: o.table), kind: .dataFrame))
            default:
                throw c.wrongType(0, expected: "a DataFrame or a GroupedDataFrame")
            }
        }
        add("subset", keywords: ["skipmissing"]) { c in
            try c.expectCount(2...Int.max, "subset(df, :a => ByRow(f), …)")
            let t = try DataFrameValues.table(c, 0)
            let specs = try specifications(c)
            let rows = try TransformRunner(interpreter: c.interpreter)
                .subsetRows(specs, on: t, skipMissing: try c.boolKeyword("skipmissing", default: false))
            return .object(TableObject(t.taking(rows: rows), kind: .dataFrame))
        }
        extend("filter") { c, next in
            guard c.count == 2, case .object(let o as TableObject) = c.positional[1] else { return try next(c) }
            return .object(TableObject(try filterRows(c, o.table), kind: .dataFrame))
        }
        add("groupby", keywords: ["sort"]) { c in
            try c.expectCount(2, "groupby(df, :g) or groupby(df, [:g, :h])")
            let t = try DataFrameValues.table(c, 0)
            let keys = try DataFrameValues.names(c.positional[1])
            try DataFrameValues.check(keys, in: t)
            var sort: Bool?
            if let v = c.keyword("sort"), !v.isNothing { sort = try c.boolKeyword("sort", default: false) }
            return .object(GroupedDataFrameObject(try GroupedTable(t, by: keys, sort: sort)))
        }
        extend("sort", keywords: ["rev"]) { c, next in
            guard c.count == 2, case .object(let o as TableObject) = c.positional[0] else { return try next(c) }
            return .object(TableObject(try sortedTable(c, o.table), kind: .dataFrame))
        }
        extend("sort!", keywords: ["rev"]) { c, next in
            guard case .object(let o as TableObject) = try c.argument(0), o.kind == .dataFrame else { return try next(c) }
            try c.expectCount(2, "sort!(df, cols)")
            o.table = try sortedTable(c, o.table)
            return .object(o)
        }
        add("rename") { c in .object(TableObject(try renamed(c), kind: .dataFrame)) }
        add("rename!") { c in
            guard case .object(let o as TableObject) = try c.argument(0), o.kind == .dataFrame else {
                throw c.wrongType(0, expected: "a DataFrame")
            }
            o.table = try renamed(c)
            return .object(o)
        }
        add("dropmissing") { c in
            try c.expectCount(1...2, "dropmissing(df) or dropmissing(df, cols)")
            let t = try DataFrameValues.table(c, 0)
            let names = c.count == 2 ? try DataFrameValues.names(c.positional[1]) : t.columnNames
            try DataFrameValues.check(names, in: t)
            return .object(TableObject(try t.droppingMissing(in: names), kind: .dataFrame))
        }
        add("Not", isType: true) { c in
            try c.expectCount(1...Int.max, "Not(:col) or Not([:a, :b])")
            return .object(NotObject(try c.positional.flatMap(DataFrameValues.names)))
        }
        for (name, kind) in [("innerjoin", JoinKind.inner), ("leftjoin", JoinKind.left), ("rightjoin", JoinKind.right),
                             ("outerjoin", JoinKind.outer)] {
            add(name, keywords: ["on", "makeunique"]) { c in
                try c.expectCount(2, "\(name)(df1, df2; on = :key)")
                let left = try DataFrameValues.table(c, 0), right = try DataFrameValues.table(c, 1)
                guard let on = c.keyword("on") else {
                    throw LanguageError("ArgumentError: missing join argument `on`")
                }
                let keys = try DataFrameValues.names(on)
                try DataFrameValues.check(keys, in: left)
                try DataFrameValues.check(keys, in: right)
                do {
                    // Each result row takes 8 bytes per column and 24 for the row indices while the join is built:
                    // refuse a join the memory budget cannot hold.
                    let columns = left.columnCount + right.columnCount
                    let joined = try join(left, right, on: keys, kind: kind,
                                          makeUnique: try c.boolKeyword("makeunique", default: false),
                                          maximumRows: Memory.budget / (8 * columns + 24))
                    return .object(TableObject(joined, kind: .dataFrame))
                } catch let e as JoinError {
                    throw LanguageError("ArgumentError: \(e)")
                }
            }
        }
    }
}

/// `select`/`transform` (and their `!` forms) on a data frame or on groups.
private func rowwise(_ c: CallContext, keepingAll: Bool) throws -> DataTable {
    try c.expectCount(1...Int.max, "\(c.name)(df, :a => f => :b, …)")
    let specs = try specifications(c)
    let runner = TransformRunner(interpreter: c.interpreter)
    switch c.positional[0] {
    case .object(let o as GroupedDataFrameObject):
        return try runner.rowwise(specs, on: o.grouped, keepingAll: keepingAll)
    case .object(let o as TableObject):
        return try runner.rowwise(specs, on: o.table, keepingAll: keepingAll)
    default:
        throw c.wrongType(0, expected: "a DataFrame or a GroupedDataFrame")
    }
}

/// The transformations given after the table (or groups) in argument 1.
private func specifications(_ c: CallContext) throws -> [TransformSpec] {
    let names: [String]
    switch c.positional[0] {
    case .object(let o as GroupedDataFrameObject): names = o.grouped.table.columnNames
    case .object(let o as TableObject): names = o.table.columnNames
    default: names = []
    }
    return try c.positional.dropFirst().flatMap { try TransformSpec.parse($0, columns: names) }
}

/// `filter(row -> …, df)` calls the function with each `DataFrameRow`; `filter(:a => f, df)` and
/// `filter([:a, :b] => f, df)` with the cells of those columns.
private func filterRows(_ c: CallContext, _ t: DataTable) throws -> DataTable {
    let predicate = c.positional[0]
    var columns: [Column]?
    var f = predicate
    if case .pair(let p) = predicate {
        columns = try DataFrameValues.names(p.first).map { try DataFrameValues.column(t, $0) }
        f = p.second
    }
    let kept = try (0..<t.rowCount).filter { row in
        let arguments = columns.map { $0.map { DataFrameValues.cell($0, row) } }
            ?? [.object(DataFrameRowObject(t, row: row))]
        switch try c.interpreter.call(f, arguments) {
        case .bool(let b): return b
        case let v:
            throw LanguageError("TypeError: non-boolean (\(v.typeName)) used in boolean context")
        }
    }
    return t.taking(rows: kept)
}

/// `sort(df, :a)`, `sort(df, [:a, :b])`, `sort(df, [:a, order(:b, rev = true)])`, `sort(df, :a, rev = true)`.
private func sortedTable(_ c: CallContext, _ t: DataTable) throws -> DataTable {
    let reverse = try c.boolKeyword("rev", default: false)
    func key(_ v: Value) throws -> SortKey {
        if case .object(let o as SortOrderObject) = v { return o.key }
        return SortKey(try DataFrameValues.name(v), reverse: reverse)
    }
    let keys: [SortKey]
    if case .array(let a) = c.positional[1] { keys = try a.elements.map(key) } else { keys = [try key(c.positional[1])] }
    try DataFrameValues.check(keys.map(\.column), in: t)
    return try t.sorted(by: keys, checkpoint: { try c.checkDeadline() })
}

/// `rename(df, :old => :new, …)`, with DataFrames' messages for a missing source or an existing target.
private func renamed(_ c: CallContext) throws -> DataTable {
    try c.expectCount(2...Int.max, "\(c.name)(df, :old => :new, …)")
    let t = try DataFrameValues.table(c, 0)
    let pairs = try c.positional.dropFirst().flatMap { v -> [(old: String, new: String)] in
        let items: [Value]
        if case .array(let a) = v { items = a.elements } else { items = [v] }
        return try items.map { item in
            guard case .pair(let p) = item else {
                throw LanguageError("ArgumentError: rename takes pairs such as :old => :new, got \(item.described)")
            }
            return (try DataFrameValues.name(p.first), try DataFrameValues.name(p.second))
        }
    }
    do {
        return try t.renaming(pairs)
    } catch DataTableError.unknownColumn(let old, _) {
        let new = pairs.first { $0.old == old }?.new ?? old
        throw LanguageError("ArgumentError: Tried renaming :\(old) to :\(new), when :\(old) does not exist in the Index.")
    } catch DataTableError.duplicateColumn(let new) {
        let old = pairs.first { $0.new == new }?.old ?? new
        throw LanguageError("ArgumentError: Tried renaming :\(old) to :\(new), when :\(new) already exists in the Index.")
    }
}
