import DataTables
import TextDisplay

/// `df[i, :]`: one row of a data frame (a copy of its values), shown as DataFrames shows a `DataFrameRow`.
final class DataFrameRowObject: LanguageObject {
    let table: DataTable
    let row: Int

    init(_ table: DataTable, row: Int) {
        self.table = table
        self.row = row
    }

    var typeName: String { "DataFrameRow{DataFrame, DataFrames.Index}" }
    func display() -> String { dataFrameRowDisplay(table, row: row) }
    func printed() -> String {
        "DataFrameRow(" + table.columns.map { "\($0.name) = \(Display.repr(DataFrameValues.cell($0, row)))" }
            .joined(separator: ", ") + ")"
    }

    var propertyNames: [String] { table.columnNames }

    func property(_ name: String) throws -> Value? {
        table[name].map { DataFrameValues.cell($0, row) }
    }

    /// `r[:a]`, `r["a"]` or `r[2]`.
    func index(_ indices: [Value]) throws -> Value? {
        guard indices.count == 1 else { throw LanguageError("a DataFrameRow takes one index") }
        if case .int(let i) = indices[0] {
            guard i >= 1 && i <= table.columnCount else {
                throw LanguageError("BoundsError: attempt to access DataFrameRow with \(table.columnCount) columns "
                                    + "at index [\(i)]")
            }
            return DataFrameValues.cell(table.columns[i - 1], row)
        }
        return DataFrameValues.cell(try DataFrameValues.column(table, try DataFrameValues.name(indices[0])), row)
    }

    /// The row as a named tuple (`NamedTuple(r)`, `copy(r)`).
    var namedTuple: Value {
        .namedTuple(names: table.columnNames, values: table.columns.map { DataFrameValues.cell($0, row) })
    }
}

/// `groupby(df, :g)`: the groups of a data frame.
final class GroupedDataFrameObject: LanguageObject {
    let grouped: GroupedTable

    init(_ grouped: GroupedTable) {
        self.grouped = grouped
    }

    var typeName: String { "GroupedDataFrame{DataFrame}" }
    func display() -> String { groupedDataFrameDisplay(grouped) }

    /// `gdf[i]`: the i-th group as a data frame.
    func index(_ indices: [Value]) throws -> Value? {
        guard indices.count == 1, case .int(let i) = indices[0] else {
            throw LanguageError("index a GroupedDataFrame by a group number, e.g. gdf[1]")
        }
        guard i >= 1 && i <= grouped.count else {
            throw LanguageError("BoundsError: attempt to access GroupedDataFrame with \(grouped.count) groups "
                                + "at index [\(i)]")
        }
        return .object(TableObject(grouped.group(i - 1), kind: .subDataFrame))
    }
}

/// `ByRow(f)`: marks a function in a transformation as applied to each row rather than to whole columns.
final class ByRowObject: LanguageObject {
    let function: Value

    init(_ function: Value) {
        self.function = function
    }

    var typeName: String { "ByRow{\(function.typeName)}" }
    func display() -> String { "ByRow{\(function.typeName)}(\(Display.repr(function)))" }
}

/// `order(:b, rev = true)`: one key of a `sort` with its own direction.
final class SortOrderObject: LanguageObject {
    let key: SortKey

    init(_ key: SortKey) {
        self.key = key
    }

    var typeName: String { "DataFrames.UserColOrdering{Symbol}" }
    func display() -> String {
        "DataFrames.UserColOrdering{Symbol}(\(Display.symbolRepr(key.column)), (rev = \(key.reverse),))"
    }
}

/// `Not(:a)` or `Not([:a, :b])`: every column except these.
final class NotObject: LanguageObject {
    let names: [String]

    init(_ names: [String]) {
        self.names = names
    }

    var typeName: String { "InvertedIndices.InvertedIndex{Symbol}" }
    func display() -> String {
        "InvertedIndex{Symbol}(" + (names.count == 1 ? Display.symbolRepr(names[0])
            : "[" + names.map(Display.symbolRepr).joined(separator: ", ") + "]") + ")"
    }

    /// The names of `all` not excluded, in order; excluding an unknown column is an error.
    func remaining(_ all: [String]) throws -> [String] {
        for n in names where !all.contains(n) { throw DataFrameValues.unknownColumn(n, among: all) }
        return all.filter { !names.contains($0) }
    }
}
