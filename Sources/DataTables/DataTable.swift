/// Errors a user can cause when working with tables: every message names the cause.
public enum DataTableError: Error, Equatable, CustomStringConvertible, Sendable {
    case unknownColumn(String, suggestions: [String])
    case lengthMismatch(column: String, expected: Int, actual: Int)
    case duplicateColumn(String)

    public var description: String {
        switch self {
        case .unknownColumn(let name, let suggestions):
            let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { ":\($0)" }.joined(separator: ", "))?"
            return "unknown column :\(name)\(hint)"
        case .lengthMismatch(let column, let expected, let actual):
            return "column :\(column) has \(actual) rows, the table has \(expected)"
        case .duplicateColumn(let name):
            return "duplicate column name :\(name)"
        }
    }
}

/// A table of named, typed columns of equal length.
public struct DataTable: Equatable, Sendable {
    public private(set) var columns: [Column]
    public private(set) var rowCount: Int

    /// The table with no columns and no rows (`DataFrame()`).
    public init() {
        columns = []
        rowCount = 0
    }

    public init(columns: [Column]) throws {
        var seen = Set<String>()
        for c in columns where !seen.insert(c.name).inserted { throw DataTableError.duplicateColumn(c.name) }
        let n = columns.first?.count ?? 0
        for c in columns where c.count != n {
            throw DataTableError.lengthMismatch(column: c.name, expected: n, actual: c.count)
        }
        self.columns = columns
        self.rowCount = n
    }

    public var columnNames: [String] { columns.map(\.name) }
    public var columnCount: Int { columns.count }

    public subscript(name: String) -> Column? {
        columns.first { $0.name == name }
    }

    /// The column called `name`, or an error that suggests close names.
    public func column(_ name: String) throws -> Column {
        if let c = self[name] { return c }
        throw DataTableError.unknownColumn(name, suggestions: closeNames(to: name, among: columnNames))
    }

    /// Adds `column`, or replaces the column of the same name in place.
    public mutating func setColumn(_ column: Column) throws {
        if !columns.isEmpty && column.count != rowCount {
            throw DataTableError.lengthMismatch(column: column.name, expected: rowCount, actual: column.count)
        }
        if let i = columns.firstIndex(where: { $0.name == column.name }) {
            columns[i] = column
        } else {
            if columns.isEmpty { rowCount = column.count }
            columns.append(column)
        }
    }
}

/// Names from `candidates` within a small edit distance of `name` (or differing only in case), closest first.
public func closeNames(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
    let target = Array(name.lowercased())
    let scored = candidates.compactMap { c -> (String, Int)? in
        let d = editDistance(target, Array(c.lowercased()))
        let threshold = max(1, min(3, target.count / 3 + 1))
        return d <= threshold ? (c, d) : nil
    }
    return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
}

private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
