/// One cell as a value that can be hashed and ordered as Julia's `isequal` and `isless` do:
/// numbers by value (so `1 == 1.0`, NaN after every other number), strings by code point, `missing` last.
public enum CellKey: Hashable, Comparable, Sendable {
    case number(Double)
    case string(String)
    case missing

    public static func < (a: CellKey, b: CellKey) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            if x.isNaN { return false }
            if y.isNaN { return true }
            // isless orders -0.0 before 0.0.
            return x < y || (x == 0 && y == 0 && x.sign == .minus && y.sign == .plus)
        case (.string(let x), .string(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        case (.missing, _): return false
        case (_, .missing): return true
        case (.number, .string): return true
        case (.string, .number): return false
        }
    }
}

extension Column {
    /// The key of row `row`, for grouping, sorting and joining.
    public func key(_ row: Int) -> CellKey {
        if isMissing(row) { return .missing }
        switch values {
        case .string(let v): return .string(v[row])
        case .integer(let v): return .number(Double(v[row]))
        case .float(let v): return .number(v[row])
        case .bool(let v): return .number(v[row] ? 1 : 0)
        }
    }
}

extension DataTable {
    /// The keys of `names` (columns, in that order) for every row.
    func rowKeys(_ names: [String]) throws -> [[CellKey]] {
        let keyColumns = try names.map(column)
        return (0..<rowCount).map { row in keyColumns.map { $0.key(row) } }
    }
}
