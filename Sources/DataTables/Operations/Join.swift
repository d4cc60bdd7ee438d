/// The kinds of join DataFrames offers that a report needs.
public enum JoinKind: Sendable {
    /// Rows whose keys appear in both tables.
    case inner
    /// Every row of the left table; right-hand columns are `missing` where nothing matches.
    case left
}

/// Errors a join can raise, in DataFrames' words.
public enum JoinError: Error, Equatable, CustomStringConvertible, Sendable {
    case duplicateNames([String])
    case missingKeys(String)

    public var description: String {
        switch self {
        case .duplicateNames(let names):
            return "Duplicate variable names: \(names.map { ":\($0)" }.joined(separator: ", ")). "
                + "Pass makeunique=true to make them unique using a suffix automatically."
        case .missingKeys(let name):
            return "Missing values in key columns are not allowed when matchmissing == :error. "
                + "`missing` found in column :\(name) in left data frame."
        }
    }
}

/// Joins `left` and `right` on the columns `on`: the left table's columns, then the right table's non-key columns. Matched rows come in left-table order (each left row with its right matches in
/// right-table order); a `leftjoin` puts the left rows without a match after them, as DataFrames does.
/// Clashing non-key names are an error unless `makeUnique`, which renames right-hand ones `x_1`, `x_2`, ….
public func join(_ left: DataTable, _ right: DataTable, on: [String], kind: JoinKind,
                 makeUnique: Bool = false) throws -> DataTable {
    let leftKeys = try left.rowKeys(on)
    let rightKeys = try right.rowKeys(on)
    for name in on {
        if try left.column(name).hasMissing { throw JoinError.missingKeys(name) }
        if try right.column(name).hasMissing { throw JoinError.missingKeys(name) }
    }
    var matches: [[CellKey]: [Int]] = [:]
    for (row, key) in rightKeys.enumerated() { matches[key, default: []].append(row) }
    var leftRows: [Int] = []
    var rightRows: [Int?] = []
    var unmatched: [Int] = []
    for (row, key) in leftKeys.enumerated() {
        if let found = matches[key] {
            leftRows += Array(repeating: row, count: found.count)
            rightRows += found.map { Optional($0) }
        } else {
            unmatched.append(row)
        }
    }
    if kind == .left {
        leftRows += unmatched
        rightRows += Array(repeating: nil, count: unmatched.count)
    }
    var columns = left.columns.map { $0.taking(leftRows) }
    var used = Set(columns.map(\.name))
    var clashes: [String] = []
    for c in right.columns where !on.contains(c.name) {
        var taken = c.taking(optionalRows: rightRows)
        if kind == .left { taken = taken.allowingMissing() }
        if used.contains(c.name) {
            guard makeUnique else {
                clashes.append(c.name)
                continue
            }
            var k = 1
            while used.contains("\(c.name)_\(k)") { k += 1 }
            taken = taken.renamed("\(c.name)_\(k)")
        }
        used.insert(taken.name)
        columns.append(taken)
    }
    if !clashes.isEmpty { throw JoinError.duplicateNames(clashes) }
    return try DataTable(columns: columns)
}
