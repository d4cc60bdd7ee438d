/// The kinds of join DataFrames offers that a report needs.
public enum JoinKind: Sendable {
    /// Rows whose keys appear in both tables.
    case inner
    /// Every row of the left table; right-hand columns are `missing` where nothing matches.
    case left
    /// Every row of the right table; left-hand columns are `missing` where nothing matches.
    case right
    /// Every row of both tables.
    case outer

    /// True when the left rows without a match are kept.
    var keepsLeft: Bool { self == .left || self == .outer }
    /// True when the right rows without a match are kept.
    var keepsRight: Bool { self == .right || self == .outer }
}

/// Errors a join can raise, in DataFrames' words.
public enum JoinError: Error, Equatable, CustomStringConvertible, Sendable {
    case duplicateNames([String])
    case missingKeys(String)
    case tooManyRows

    public var description: String {
        switch self {
        case .duplicateNames(let names):
            return "Duplicate variable names: \(names.map { ":\($0)" }.joined(separator: ", ")). "
                + "Pass makeunique=true to make them unique using a suffix automatically."
        case .missingKeys(let name):
            return "Missing values in key columns are not allowed when matchmissing == :error. "
                + "`missing` found in column :\(name) in left data frame."
        case .tooManyRows:
            return "the joined table would not fit in the memory budget: its keys match too many pairs of rows"
        }
    }
}

/// Joins `left` and `right` on the columns `on`: the left table's columns (key columns first where the right table
/// supplies them), then the right table's non-key columns. Matched rows come in left-table order (each left row with
/// its right matches in right-table order); then, as DataFrames does, the left rows without a match (`leftjoin`,
/// `outerjoin`) and the right rows without a match (`rightjoin`, `outerjoin`), whose key values come from the right.
/// Clashing non-key names are an error unless `makeUnique`, which renames right-hand ones `x_1`, `x_2`, ….
/// A result of more than `maximumRows` rows (many-to-many keys multiply) is refused before it is built.
public func join(_ left: DataTable, _ right: DataTable, on: [String], kind: JoinKind,
                 makeUnique: Bool = false, maximumRows: Int = Int.max) throws -> DataTable {
    let leftKeys = try left.rowKeys(on)
    let rightKeys = try right.rowKeys(on)
    for name in on {
        if try left.column(name).hasMissing { throw JoinError.missingKeys(name) }
        if try right.column(name).hasMissing { throw JoinError.missingKeys(name) }
    }
    var matches: [[CellKey]: [Int]] = [:]
    for (row, key) in rightKeys.enumerated() { matches[key, default: []].append(row) }
    // Count the result first: many-to-many keys can multiply it far beyond what memory holds.
    var total = 0
    for key in leftKeys {
        total += matches[key]?.count ?? (kind.keepsLeft ? 1 : 0)
        if total > maximumRows { throw JoinError.tooManyRows }
    }
    var leftRows: [Int?] = []
    var rightRows: [Int?] = []
    var unmatched: [Int] = []
    var rightMatched = [Bool](repeating: false, count: right.rowCount)
    for (row, key) in leftKeys.enumerated() {
        if let found = matches[key] {
            leftRows += Array(repeating: row, count: found.count)
            rightRows += found.map { Optional($0) }
            for r in found { rightMatched[r] = true }
        } else {
            unmatched.append(row)
        }
    }
    if kind.keepsLeft {
        leftRows += unmatched.map { Optional($0) }
        rightRows += Array(repeating: nil, count: unmatched.count)
    }
    let rightOnly = kind.keepsRight ? rightMatched.indices.filter { !rightMatched[$0] } : []
    let fromLeft = leftRows.count
    leftRows += Array(repeating: nil, count: rightOnly.count)
    rightRows += rightOnly.map { Optional($0) }
    var columns: [Column] = []
    for c in left.columns {
        if on.contains(c.name) {
            // Key values of right-only rows come from the right table.
            let leftPart = c.taking(leftRows[..<fromLeft].map { $0! })
            let rightPart = try right.column(c.name).taking(rightOnly).renamed(c.name)
            let keys = try verticalConcatenation([try DataTable(columns: [leftPart]),
                                                  try DataTable(columns: [rightPart])])
            columns.append(try keys.column(c.name))
        } else {
            let taken = c.taking(optionalRows: leftRows)
            columns.append(kind.keepsRight ? taken.allowingMissing() : taken)
        }
    }
    var used = Set(columns.map(\.name))
    var clashes: [String] = []
    for c in right.columns where !on.contains(c.name) {
        var taken = c.taking(optionalRows: rightRows)
        if kind.keepsLeft { taken = taken.allowingMissing() }
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
