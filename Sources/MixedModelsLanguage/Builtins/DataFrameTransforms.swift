import DataTables

/// One transformation of DataFrames' `select`/`transform`/`combine` mini-language: `:a`, `:a => :b`,
/// `:a => f`, `:a => f => :b`, `[:a, :b] => f => :c`, `:a => ByRow(f) => :b`, `nrow`, `nrow => :n`.
struct TransformSpec {
    enum Source {
        case columns([String])
        case rowCount
    }

    var source: Source
    /// nil for selecting or renaming a column.
    var function: Value?
    var byRow: Bool
    var output: String

    /// The specifications a `select`/`combine` argument stands for (a vector or `Not(…)` gives several);
    /// `columns` are the table's names, which `Not` selects from.
    static func parse(_ v: Value, columns all: [String]) throws -> [TransformSpec] {
        switch v {
        case .symbol(let s), .string(let s):
            return [TransformSpec(source: .columns([s]), function: nil, byRow: false, output: s)]
        case .object(let o as NotObject):
            return try o.remaining(all).map { TransformSpec(source: .columns([$0]), function: nil, byRow: false, output: $0) }
        case .array(let a):
            return try a.elements.flatMap { try parse($0, columns: all) }
        case .function(let f) where f.name == "nrow":
            return [TransformSpec(source: .rowCount, function: nil, byRow: false, output: "nrow")]
        case .pair(let p):
            if case .function(let f) = p.first, f.name == "nrow" {
                return [TransformSpec(source: .rowCount, function: nil, byRow: false, output: try outputName(p.second))]
            }
            let columns = try DataFrameValues.names(p.first)
            switch p.second {
            case .symbol(let s), .string(let s):
                guard columns.count == 1 else {
                    throw LanguageError("ArgumentError: a rename `old => :new` takes one source column, got "
                                        + "\(columns.count)")
                }
                return [TransformSpec(source: .columns(columns), function: nil, byRow: false, output: s)]
            case .pair(let inner):
                let (f, byRow) = try callable(inner.first)
                return [TransformSpec(source: .columns(columns), function: f, byRow: byRow,
                                      output: try outputName(inner.second))]
            default:
                let (f, byRow) = try callable(p.second)
                let name = (columns + [functionName(f)]).joined(separator: "_")
                return [TransformSpec(source: .columns(columns), function: f, byRow: byRow, output: name)]
            }
        default:
            throw LanguageError("ArgumentError: a transformation is a column name or a pair such as :a => f => :b, "
                                + "got \(v.described)")
        }
    }

    private static func outputName(_ v: Value) throws -> String {
        switch v {
        case .symbol(let s), .string(let s): return s
        default: throw LanguageError("ArgumentError: the output of a transformation is a column name, got \(v.described)")
        }
    }

    private static func callable(_ v: Value) throws -> (Value, Bool) {
        if case .object(let o as ByRowObject) = v { return (o.function, true) }
        return (v, false)
    }

    /// The name DataFrames derives a column name from: a named function's name, else `function`.
    static func functionName(_ f: Value) -> String {
        if case .function(let fn) = f { return fn.name }
        return "function"
    }

    var columns: [String] {
        if case .columns(let c) = source { return c }
        return []
    }
}

/// What one transformation gave for one table: a column as it is, computed values (one per row), or one value.
enum TransformResult {
    case column(Column)
    case values([Value])
    case scalar(Value)

    var length: Int? {
        switch self {
        case .column(let c): c.count
        case .values(let v): v.count
        case .scalar: nil
        }
    }

    /// The result as `n` values (a scalar repeated).
    func values(count n: Int) -> [Value] {
        switch self {
        case .column(let c): (0..<c.count).map { DataFrameValues.cell(c, $0) }
        case .values(let v): v
        case .scalar(let x): Array(repeating: x, count: n)
        }
    }
}

/// Runs transformations, calling functions through the interpreter (builtins and user functions alike).
struct TransformRunner {
    let interpreter: Interpreter

    func apply(_ spec: TransformSpec, to t: DataTable) throws -> TransformResult {
        let columns: [Column]
        switch spec.source {
        case .rowCount: return .scalar(.int(t.rowCount))
        case .columns(let names): columns = try names.map { try DataFrameValues.column(t, $0) }
        }
        guard let f = spec.function else { return .column(columns[0].renamed(spec.output)) }
        if spec.byRow {
            return .values(try (0..<t.rowCount).map { row in
                try interpreter.call(f, columns.map { DataFrameValues.cell($0, row) })
            })
        }
        let result = try interpreter.call(f, columns.map { .array(TableObject.vector($0)) })
        if case .array(let a) = result, a.categoricalPool != nil, a.shape.count == 1 {
            return .column(try DataFrameValues.column("", from: result))
        }
        if DataFrameValues.isVector(result) { return .values(try DataFrameValues.vectorElements(result)) }
        return .scalar(result)
    }

    /// `select`/`transform` on a whole table: every result has one value per row (scalars are repeated).
    func rowwise(_ specs: [TransformSpec], on t: DataTable, keepingAll: Bool) throws -> DataTable {
        var out = keepingAll ? t : DataTable()
        for (k, spec) in specs.enumerated() {
            let result = try apply(spec, to: t)
            if let n = result.length, n != t.rowCount {
                throw LanguageError("ArgumentError: length \(n) of vector returned from function #\(k + 1) is "
                                    + "different from number of rows \(t.rowCount) of the source data frame.")
            }
            try out.setColumn(try column(spec.output, result, rows: t.rowCount))
        }
        return out
    }

    /// `combine` on a whole table: scalars give one row, vectors as many rows as they have.
    func combined(_ specs: [TransformSpec], on t: DataTable) throws -> DataTable {
        let results = try specs.map { try apply($0, to: t) }
        let n = try commonLength(results)
        var out = DataTable()
        for (spec, result) in zip(specs, results) { try out.setColumn(try column(spec.output, result, rows: n)) }
        return out
    }

    /// `combine` on groups: the key columns, then each result, one block of rows per group.
    func combined(_ specs: [TransformSpec], on g: GroupedTable) throws -> DataTable {
        var keyRows: [Int] = []
        var outputs = Array(repeating: [Value](), count: specs.count)
        for rows in g.groups {
            let part = g.table.taking(rows: rows)
            let results = try specs.map { try apply($0, to: part) }
            let n = try commonLength(results)
            keyRows += Array(repeating: rows[0], count: n)
            for (k, result) in results.enumerated() { outputs[k] += result.values(count: n) }
        }
        var out = try g.table.selecting(g.keys).taking(rows: keyRows)
        for (spec, values) in zip(specs, outputs) where !g.keys.contains(spec.output) {
            try out.setColumn(try DataFrameValues.column(spec.output, from: .array(ArrayBox(values, elementType: "Any"))))
        }
        return out
    }

    /// `select`/`transform` on groups: results computed per group, put back in the rows of the whole table.
    func rowwise(_ specs: [TransformSpec], on g: GroupedTable, keepingAll: Bool) throws -> DataTable {
        var outputs = Array(repeating: [Value](repeating: .nothing, count: g.table.rowCount), count: specs.count)
        for rows in g.groups {
            let part = g.table.taking(rows: rows)
            for (k, spec) in specs.enumerated() {
                let result = try apply(spec, to: part)
                if let n = result.length, n != rows.count {
                    throw LanguageError("ArgumentError: all functions must return vectors of the same length as "
                                        + "their group (\(rows.count) rows), got \(n) from function #\(k + 1)")
                }
                for (value, row) in zip(result.values(count: rows.count), rows) { outputs[k][row] = value }
            }
        }
        var out = keepingAll ? g.table : try g.table.selecting(g.keys)
        for (spec, values) in zip(specs, outputs) {
            try out.setColumn(try DataFrameValues.column(spec.output, from: .array(ArrayBox(values, elementType: "Any"))))
        }
        return out
    }

    /// Rows kept by `subset`: every condition must give true (missing only with `skipmissing`).
    func subsetRows(_ specs: [TransformSpec], on t: DataTable, skipMissing: Bool) throws -> [Int] {
        var keep = Array(repeating: true, count: t.rowCount)
        for (k, spec) in specs.enumerated() {
            let values = try apply(spec, to: t).values(count: t.rowCount)
            guard values.count == t.rowCount else {
                throw LanguageError("ArgumentError: condition number \(k + 1) gave \(values.count) values for "
                                    + "\(t.rowCount) rows")
            }
            for (i, v) in values.enumerated() {
                switch v {
                case .bool(let b): keep[i] = keep[i] && b
                case .missing where skipMissing: keep[i] = false
                case .missing:
                    throw LanguageError("ArgumentError: missing was returned in condition number \(k + 1) but only "
                                        + "true or false are allowed; pass skipmissing=true to skip missing values")
                default:
                    throw LanguageError("ArgumentError: values returned by a subset condition must be Bool or "
                                        + "missing, got \(v.described) in condition number \(k + 1)")
                }
            }
        }
        return keep.indices.filter { keep[$0] }
    }

    private func commonLength(_ results: [TransformResult]) throws -> Int {
        let lengths = Set(results.compactMap(\.length))
        guard lengths.count <= 1 else {
            throw LanguageError("ArgumentError: all functions must return vectors of the same length, got lengths "
                                + lengths.sorted().map(String.init).joined(separator: ", "))
        }
        return lengths.first ?? 1
    }

    private func column(_ name: String, _ result: TransformResult, rows: Int) throws -> Column {
        if case .column(let c) = result { return c.renamed(name) }
        return try DataFrameValues.column(name, from: .array(ArrayBox(result.values(count: rows), elementType: "Any")))
    }
}
