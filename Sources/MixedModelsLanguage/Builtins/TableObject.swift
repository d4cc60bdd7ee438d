import DataTables
import TextDisplay

/// A table value: an `Arrow.Table` (read-only, shown by its schema), a `DataFrame` (mutable, shown by its rows),
/// or a `SubDataFrame` (one group of a `GroupedDataFrame`, a copy here).
final class TableObject: LanguageObject {
    enum Kind {
        case arrow
        case dataFrame
        case subDataFrame
    }

    var table: DataTable
    let kind: Kind

    init(_ table: DataTable, kind: Kind) {
        self.table = table
        self.kind = kind
    }

    var typeName: String {
        switch kind {
        case .arrow: "Arrow.Table"
        case .dataFrame: "DataFrame"
        case .subDataFrame: "SubDataFrame{DataFrame, DataFrames.Index, Vector{Int64}}"
        }
    }

    private var summaryName: String { kind == .subDataFrame ? "SubDataFrame" : "DataFrame" }

    func display() -> String {
        kind == .arrow ? arrowSchemaDisplay(table) : dataFrameDisplay(table, typeName: summaryName)
    }

    func renderedTables() -> [RenderedTable] {
        kind == .arrow ? [] : [dataFrameRenderedTable(table, typeName: summaryName)]
    }

    var propertyNames: [String] { table.columnNames }

    func property(_ name: String) throws -> Value? {
        guard let column = table[name] else {
            if kind == .arrow { return nil }
            throw DataFrameValues.unknownColumn(name, among: table.columnNames)
        }
        let box = TableObject.vector(column)
        if let pool = box.categoricalPool {
            pool.onChange = { [weak self, weak pool] in
                guard let self, let pool, var current = self.table[name], current.categorical != nil else { return }
                current.categorical = pool.columnLevels
                try? self.table.setColumn(current)
            }
        }
        return .array(box)
    }

    func setProperty(_ name: String, _ value: Value) throws {
        guard kind == .dataFrame else {
            throw LanguageError("an Arrow.Table is read-only: convert it with DataFrame(…) to add or change columns")
        }
        try DataFrameIndexing.setColumn(self, name, value)
    }

    /// `df[!, :col]`, `df[rows, cols]`, `df[i, :col]`, `df[i, :]`: see `DataFrameIndexing`.
    func index(_ indices: [Value]) throws -> Value? {
        try DataFrameIndexing.get(self, indices)
    }

    /// A column as a Julia vector; missing entries become `missing`.
    static func vector(_ column: Column) -> ArrayBox {
        var values: [Value]
        switch column.values {
        case .string(let v): values = v.map(Value.string)
        case .bool(let v): values = v.map(Value.bool)
        case .integer(let v): values = v.map { .int(Int($0)) }
        case .float(let v): values = v.map(Value.float)
        }
        if column.missing != nil {
            for i in values.indices where column.isMissing(i) { values[i] = .missing }
        }
        let plainType = column.allowsMissing ? "Union{Missing, \(column.elementType.juliaName)}"
            : column.elementType.juliaName
        let box = ArrayBox(values, elementType: plainType)
        box.categoricalPool = column.categorical.map { CategoricalPool.fromColumn($0, elementType: column.elementType) }
        return box
    }

    /// A vector value as a typed column of `rows` entries.
    static func column(_ name: String, from value: Value, rows: Int) throws -> Column {
        let items: [Value]
        switch value {
        case .array(let a) where a.shape.count == 1: items = a.elements
        case .range: items = try Iteration.elements(of: value)
        default: items = Array(repeating: value, count: rows)
        }
        guard items.count == rows else {
            throw LanguageError("a new column :\(name) needs \(rows) values, got \(items.count)")
        }
        if case .array(let a) = value, let pool = a.categoricalPool {
            var column = try column(name, from: .array(ArrayBox(items, elementType: "Any")), rows: rows)
            column.categorical = pool.columnLevels
            return column
        }
        let missing = items.map { if case .missing = $0 { return true } else { return false } }
        let present = zip(items, missing).filter { !$0.1 }.map(\.0)
        let mask = missing.contains(true) ? missing : nil
        if present.allSatisfy({ if case .string = $0 { true } else { false } }) {
            return Column(name: name, strings: items.map { if case .string(let s) = $0 { s } else { "" } }, missing: mask)
        }
        if present.allSatisfy({ if case .int = $0 { true } else { false } }) {
            return Column(name: name, integers: items.map { if case .int(let i) = $0 { Int64(i) } else { 0 } },
                          missing: mask)
        }
        if present.allSatisfy({ if case .bool = $0 { true } else { false } }) {
            return Column(name: name, bools: items.map { if case .bool(let b) = $0 { b } else { false } }, missing: mask)
        }
        if present.allSatisfy({ $0.asDouble != nil }) {
            return Column(name: name, doubles: items.map { $0.asDouble ?? 0 }, missing: mask)
        }
        throw LanguageError("a column must hold strings, numbers or booleans; :\(name) holds other values")
    }
}

/// The result of `describe(df)`: DataFrames' summary table.
final class DescriptionObject: LanguageObject {
    let description: TableDescription

    init(_ description: TableDescription) {
        self.description = description
    }

    var typeName: String { "DataFrame" }
    func display() -> String { description.text }
    func renderedTables() -> [RenderedTable] { [description.renderedTable] }
}
