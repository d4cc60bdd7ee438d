import DataTables

/// DataFrameMacros.jl's row-wise macros: `@transform(df, :new = expression, …)`, `@transform!`, `@subset(df,
/// condition, …)` and `@subset!`. Each expression is evaluated once per row; every symbol literal in it (`:age`)
/// stands for that row's value of the column of that name, as DataFrameMacros.jl defines it.
extension Interpreter {
    func evaluateDataFrameMacro(_ name: String, _ arguments: [Expr], at offset: SourceOffset) throws -> Value {
        guard let first = arguments.first, arguments.count > 1 else {
            throw LanguageError("@\(name) needs a data frame and at least one expression", at: offset)
        }
        guard case .object(let frame as TableObject) = try evaluate(first), frame.kind == .dataFrame else {
            throw LanguageError("@\(name): the first argument must be a DataFrame", at: first.offset)
        }
        let source = frame.table
        var result = source
        if name.hasPrefix("transform") {
            // Every expression sees the source table, as DataFrames' `transform` applies its specifications.
            for spec in arguments.dropFirst() {
                guard case .assign(let target, let value, nil) = spec.kind, case .symbol(let column) = target.kind else {
                    throw LanguageError("@\(name) expects `:column = expression` arguments", at: spec.offset)
                }
                let values = try rowValues(of: value, in: source)
                try result.setColumn(try DataFrameValues.column(column, from: .array(ArrayBox(values, elementType: "Any"))))
            }
        } else {
            var keep = [Bool](repeating: true, count: source.rowCount)
            for condition in arguments.dropFirst() {
                for (row, v) in try rowValues(of: condition, in: source).enumerated() {
                    guard case .bool(let b) = v else {
                        throw LanguageError("ArgumentError: @\(name) conditions must give true or false, got \(v.described)",
                                            at: condition.offset)
                    }
                    keep[row] = keep[row] && b
                }
            }
            result = source.taking(rows: keep.indices.filter { keep[$0] })
        }
        if name.hasSuffix("!") {
            frame.table = result
            return .object(frame)
        }
        return .object(TableObject(result, kind: .dataFrame))
    }

    /// The expression's value for each row, its symbol literals bound to the row's cells.
    private func rowValues(of e: Expr, in table: DataTable) throws -> [Value] {
        var references: [(offset: SourceOffset, column: Column)] = []
        func collect(_ x: Expr) throws {
            if case .symbol(let s) = x.kind {
                guard let column = table[s] else {
                    throw LanguageError("ArgumentError: column name :\(s) not found in the data frame", at: x.offset)
                }
                references.append((x.offset, column))
            }
            for child in x.children { try collect(child) }
        }
        try collect(e)
        let saved = interpolated
        defer { interpolated = saved }
        return try (0..<table.rowCount).map { row in
            for r in references { interpolated[r.offset] = DataFrameValues.cell(r.column, row) }
            return try evaluate(e)
        }
    }
}
