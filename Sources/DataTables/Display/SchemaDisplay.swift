import Foundation

/// Julia's `show` of a column name as a Symbol: `:batch`, or `Symbol("(Intercept)")` when it is not an identifier.
public func juliaSymbol(_ name: String) -> String {
    guard let first = name.unicodeScalars.first,
          first == "_" || first.properties.isAlphabetic,
          name.unicodeScalars.allSatisfy({ $0 == "_" || $0 == "!" || $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    else {
        return "Symbol(\"\(name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\")"
    }
    return ":" + name
}

/// Arrow.jl's display of a table read from an Arrow file:
/// `Arrow.Table with 30 rows, 2 columns, and schema:` then ` :batch  String` lines, names padded to a common width.
public func arrowSchemaDisplay(_ t: DataTable) -> String {
    let names = t.columns.map { juliaSymbol($0.name) }
    let width = names.map(\.count).max() ?? 0
    var lines = ["Arrow.Table with \(t.rowCount) rows, \(t.columnCount) columns, and schema:"]
    for (name, column) in zip(names, t.columns) {
        lines.append(" " + name + String(repeating: " ", count: width - name.count) + "  " + column.juliaTypeName)
    }
    return lines.joined(separator: "\n")
}
