import TextDisplay

/// Summary statistics of one column, as a row of DataFrames.jl's `describe(df)`.
public struct ColumnSummary: Equatable, Sendable {
    public var variable: String
    /// Mean of the non-missing values; nil for string columns (printed blank).
    public var mean: Double?
    /// Smallest and largest non-missing values, formatted as the column's own elements (`1440`, `A`, `54.2`).
    public var min: String?
    public var median: Double?
    public var max: String?
    public var nmissing: Int
    /// Julia element type name (`Int16`, `Union{Missing, Float64}`).
    public var eltype: String
    /// The non-missing element type of the column.
    public var elementType: ElementType
}

/// The result of `describe(df)`: one summary row per column, displayed exactly as DataFrames.jl prints it.
public struct TableDescription: Equatable, Sendable {
    public var rows: [ColumnSummary]

    /// The display columns: variable, mean, min, median, max, nmissing, eltype.
    public var displayColumns: [DisplayColumn] {
        let means = rows.map(\.mean), medians = rows.map(\.median)
        let extremaType = joinedTypeName(rows.filter { $0.min != nil }.map(\.elementType))
        let statisticType = statisticTypeName(means)
        return [
            DisplayColumn(name: "variable", typeName: "Symbol", cells: rows.map { displayString($0.variable) }, alignment: .left),
            DisplayColumn(name: "mean", typeName: statisticType, cells: means.map(formatStatistic),
                          alignment: alignment(forType: statisticType)),
            DisplayColumn(name: "min", typeName: extremaType, cells: rows.map { $0.min ?? "" },
                          alignment: alignment(forType: extremaType)),
            DisplayColumn(name: "median", typeName: statisticTypeName(medians), cells: medians.map(formatStatistic),
                          alignment: alignment(forType: statisticTypeName(medians))),
            DisplayColumn(name: "max", typeName: extremaType, cells: rows.map { $0.max ?? "" },
                          alignment: alignment(forType: extremaType)),
            DisplayColumn(name: "nmissing", typeName: "Int64", cells: rows.map { String($0.nmissing) }, alignment: .decimalPoint),
            DisplayColumn(name: "eltype", typeName: rows.contains { $0.nmissing > 0 } ? "Type" : "DataType",
                          cells: rows.map(\.eltype), alignment: .left),
        ]
    }

    /// `3×7 DataFrame` followed by the table, as shown on a 24×80 display.
    public var text: String { text(displayHeight: 24, displayWidth: 80) }

    /// The table cropped to the given display size (nil: no cropping).
    public func text(displayHeight: Int?, displayWidth: Int?) -> String {
        dataFrameText(title: dataFrameSummary(rows: rows.count, columns: 7), columns: displayColumns,
                      displayHeight: displayHeight, displayWidth: displayWidth)
    }

    public var renderedTable: RenderedTable {
        dataFrameRenderedTable(title: dataFrameSummary(rows: rows.count, columns: 7), columns: displayColumns)
    }
}

/// DataFrames.jl's `describe(df)`: mean, min, median, max, number missing and element type of every column.
public func describe(_ t: DataTable) -> TableDescription {
    TableDescription(rows: t.columns.map(summarize))
}

private func summarize(_ column: Column) -> ColumnSummary {
    let present = (0..<column.count).filter { !column.isMissing($0) }
    var summary = ColumnSummary(variable: column.name, mean: nil, min: nil, median: nil, max: nil,
                                nmissing: column.missingCount, eltype: column.juliaTypeName,
                                elementType: column.elementType)
    guard let first = present.first else { return summary }
    switch column.values {
    case .string(let v):
        // Julia orders strings by code point, which is the order of their UTF-8 bytes.
        var lo = v[first], hi = v[first]
        for i in present {
            if v[i].utf8.lexicographicallyPrecedes(lo.utf8) { lo = v[i] }
            if hi.utf8.lexicographicallyPrecedes(v[i].utf8) { hi = v[i] }
        }
        summary.min = displayString(lo)
        summary.max = displayString(hi)
    default:
        let x = (column.doubles ?? []).enumerated().filter { !column.isMissing($0.offset) }.map(\.element)
        summary.mean = x.reduce(0, +) / Double(x.count)
        let sorted = x.sorted()
        let m = sorted.count / 2
        summary.median = sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
        let lo = present.min { lessThan(column.values, $0, $1) } ?? first
        let hi = present.max { lessThan(column.values, $0, $1) } ?? first
        summary.min = formatCell(column.values, lo)
        summary.max = formatCell(column.values, hi)
    }
    return summary
}

private func lessThan(_ values: ColumnValues, _ i: Int, _ j: Int) -> Bool {
    switch values {
    case .integer(let v): return v[i] < v[j]
    case .float(let v): return v[i] < v[j]
    case .bool(let v): return !v[i] && v[j]
    case .string(let v): return v[i].utf8.lexicographicallyPrecedes(v[j].utf8)
    }
}

private func formatStatistic(_ x: Double?) -> String {
    x.map(JuliaFloatFormat.compact) ?? ""
}

/// Element type of a column of optional Float64 statistics: `Float64`, `Nothing`, or `Union…` when mixed.
private func statisticTypeName(_ values: [Double?]) -> String {
    if values.allSatisfy({ $0 != nil }) { return "Float64" }
    if values.allSatisfy({ $0 == nil }) { return "Nothing" }
    return "Union…"
}

/// Julia's `typejoin` of the columns' element types, as a name.
private func joinedTypeName(_ types: [ElementType]) -> String {
    let distinct = Set(types)
    guard let only = distinct.first else { return "Union{}" }
    if distinct.count == 1 { return only.juliaName }
    if distinct.contains(.string) { return "Any" }
    if distinct.allSatisfy({ $0.isFloatingPoint }) { return "AbstractFloat" }
    if distinct.allSatisfy({ [.int8, .int16, .int32, .int64].contains($0) }) { return "Signed" }
    if distinct.allSatisfy({ [.uint8, .uint16, .uint32, .uint64].contains($0) }) { return "Unsigned" }
    if distinct.allSatisfy({ $0.isInteger || $0 == .bool }) { return "Integer" }
    return "Real"
}

/// DataFrames right-aligns (on the decimal point) columns whose element type is a real number.
private func alignment(forType name: String) -> CellAlignment {
    let real: Set<String> = ["Float64", "Float32", "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64",
                             "Bool", "Signed", "Unsigned", "Integer", "AbstractFloat", "Real"]
    return real.contains(name) ? .decimalPoint : .left
}
