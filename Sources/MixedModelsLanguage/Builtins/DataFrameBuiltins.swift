import DataTables

extension BuiltinLibrary {
    /// DataFrames.jl's constructors, verbs and helpers: `DataFrame(…)`, `select`, `transform`, `combine`,
    /// `groupby`, `subset`, `filter`, `sort`, joins, `vcat`, `unique`, `first`/`last`, `Tables.columntable`.
    mutating func registerDataFrames() {
        registerDataFrameConstruction()
        registerDataFrameVerbs()
        registerDataFrameRows()
    }

    private mutating func registerDataFrameConstruction() {
        add("DataFrame", keywords: [Function.anyKeyword], isType: true) { c in
            .object(TableObject(try makeDataFrame(c), kind: .dataFrame))
        }
        add("ByRow", isType: true) { c in
            try c.expectCount(1, "ByRow(f)")
            return .object(ByRowObject(c.positional[0]))
        }
        add("order", keywords: ["rev"]) { c in
            try c.expectCount(1, "order(:column; rev = false)")
            return .object(SortOrderObject(SortKey(try c.name(0), reverse: try c.boolKeyword("rev", default: false))))
        }
        modules.insert("Tables")
        qualifiedOnly["Tables", default: [:]]["columntable"] = Function("columntable") { c in
            try c.expectCount(1, "Tables.columntable(df)")
            let t = try DataFrameValues.table(c, 0)
            return .namedTuple(names: t.columnNames, values: t.columns.map { .array(TableObject.vector($0)) })
        }
        qualifiedOnly["Tables", default: [:]]["rowtable"] = Function("rowtable") { c in
            try c.expectCount(1, "Tables.rowtable(df)")
            let t = try DataFrameValues.table(c, 0)
            return .array(ArrayBox.literal((0..<t.rowCount).map { DataFrameRowObject(t, row: $0).namedTuple }))
        }
        extend("propertynames") { c, next in
            guard c.count == 1, case .object(let o as TableObject) = c.positional[0], o.kind != .arrow else {
                return try next(c)
            }
            return .array(ArrayBox(o.table.columnNames.map(Value.symbol), elementType: "Symbol"))
        }
        extend("copy") { c, next in
            guard c.count == 1, case .object(let o as TableObject) = c.positional[0] else { return try next(c) }
            return .object(TableObject(o.table, kind: o.kind == .arrow ? .arrow : .dataFrame))
        }
        extend("vcat") { c, next in
            guard !c.positional.isEmpty, c.positional.allSatisfy({ if case .object(_ as TableObject) = $0 { true } else { false } })
            else { return try next(c) }
            let tables = try c.positional.indices.map { try DataFrameValues.table(c, $0) }
            do {
                return .object(TableObject(try verticalConcatenation(tables), kind: .dataFrame))
            } catch let e as TableCombinationError {
                throw LanguageError("ArgumentError: \(e)")
            }
        }
    }

    private mutating func registerDataFrameRows() {
        for (name, fromStart) in [("first", true), ("last", false)] {
            extend(name) { c, next in
                if c.count == 1, case .object(let g as GroupedDataFrameObject) = c.positional[0], g.grouped.count > 0 {
                    let group = g.grouped.group(fromStart ? 0 : g.grouped.count - 1)
                    return .object(TableObject(group, kind: .subDataFrame))
                }
                guard c.count >= 1, case .object(let o as TableObject) = c.positional[0] else { return try next(c) }
                let t = o.table
                if c.count == 1 {
                    guard t.rowCount > 0 else {
                        throw LanguageError("BoundsError: attempt to access 0×\(t.columnCount) DataFrame at index [1]")
                    }
                    return .object(DataFrameRowObject(t, row: fromStart ? 0 : t.rowCount - 1))
                }
                try c.expectCount(2, "\(name)(df, n)")
                let n = min(max(try c.integer(1), 0), t.rowCount)
                let rows = fromStart ? Array(0..<n) : Array((t.rowCount - n)..<t.rowCount)
                return .object(TableObject(t.taking(rows: rows), kind: .dataFrame))
            }
        }
        add("eachrow") { c in
            try c.expectCount(1)
            let t = try DataFrameValues.table(c, 0)
            return .array(ArrayBox((0..<t.rowCount).map { .object(DataFrameRowObject(t, row: $0)) },
                                   elementType: "DataFrameRow"))
        }
        add("eachcol") { c in
            try c.expectCount(1)
            let t = try DataFrameValues.table(c, 0)
            return .array(ArrayBox(t.columns.map { .array(TableObject.vector($0)) }, elementType: "AbstractVector"))
        }
        extend("unique") { c, next in
            guard c.count >= 1, case .object(let o as TableObject) = c.positional[0] else { return try next(c) }
            try c.expectCount(1...2, "unique(df) or unique(df, cols)")
            let names = c.count == 2 ? try DataFrameValues.names(c.positional[1]) : o.table.columnNames
            try DataFrameValues.check(names, in: o.table)
            return .object(TableObject(try o.table.uniqueRows(by: names), kind: .dataFrame))
        }
        extend("length") { c, next in
            guard c.count == 1, case .object(let o as GroupedDataFrameObject) = c.positional[0] else { return try next(c) }
            return .int(o.grouped.count)
        }
    }
}

extension Function {
    /// In `keywords`, accepts every keyword (`DataFrame(a = …, b = …)` names columns by keywords).
    static let anyKeyword = "…"

    func accepts(keyword: String) -> Bool {
        keywords.contains(keyword) || keywords.contains(Function.anyKeyword)
    }
}

/// `DataFrame(a = v, …)`, `DataFrame(:a => v, …)`, `DataFrame(nt)`, `DataFrame(vector of named tuples)`,
/// `DataFrame(table)`, `DataFrame()`.
func makeDataFrame(_ c: CallContext) throws -> DataTable {
    if !c.keywords.isEmpty {
        guard c.positional.isEmpty else {
            throw LanguageError("DataFrame takes columns either as keywords or as arguments, not both")
        }
        return try DataFrameValues.table(c.keywords.map { ($0.name, $0.value) })
    }
    if c.positional.isEmpty { return DataTable() }
    if c.positional.allSatisfy({ if case .pair = $0 { true } else { false } }) {
        return try DataFrameValues.table(c.positional.map { v in
            guard case .pair(let p) = v else { preconditionFailure("checked above") }
            return (try DataFrameValues.name(p.first), p.second)
        })
    }
    try c.expectCount(1, "DataFrame(table), DataFrame(a = …, …) or DataFrame(:a => …, …)")
    switch c.positional[0] {
    case .object(let o as TableObject): return o.table
    case .object(let o as DataFrameRowObject): return o.table.taking(rows: [o.row])
    case .object(let o as LanguageObject & TableConvertible): return try o.dataTable()
    case .namedTuple(let names, let values): return try DataFrameValues.table(Array(zip(names, values)))
    case .array(let a) where a.shape.count == 1:
        guard case .namedTuple(let names, _)? = a.elements.first else {
            if a.elements.isEmpty { return DataTable() }
            throw c.wrongType(0, expected: "a vector of named tuples")
        }
        var columns = Array(repeating: [Value](), count: names.count)
        for (i, element) in a.elements.enumerated() {
            guard case .namedTuple(let rowNames, let values) = element, rowNames == names else {
                throw LanguageError("ArgumentError: element \(i + 1) of the vector does not have the fields "
                                    + names.map { ":\($0)" }.joined(separator: ", ") + " of the first")
            }
            for k in values.indices { columns[k].append(values[k]) }
        }
        return try DataFrameValues.table(zip(names, columns).map { ($0, .array(ArrayBox($1, elementType: "Any"))) })
    default:
        throw c.wrongType(0, expected: "a table, a named tuple of vectors or a vector of named tuples")
    }
}
