/// One key of a sort: a column and its direction (DataFrames' `order(:b, rev = true)`).
public struct SortKey: Equatable, Sendable {
    public var column: String
    public var reverse: Bool

    public init(_ column: String, reverse: Bool = false) {
        self.column = column
        self.reverse = reverse
    }
}

extension DataTable {
    /// The row order that sorts the table by `keys` (the first key first), as `sortperm` does: stable, by
    /// `isless` (missing last, NaN after the other numbers); `reverse` flips every key that does not set its own.
    /// `checkpoint` runs at every comparison and may throw to abandon the sort (a caller's deadline).
    public func sortPermutation(by keys: [SortKey], checkpoint: () throws -> Void = {}) throws -> [Int] {
        let columns = try keys.map { try column($0.column) }
        let cellKeys = columns.map { c in (0..<rowCount).map(c.key) }
        return try Array(0..<rowCount).sorted { i, j in
            try checkpoint()
            for (k, key) in keys.enumerated() {
                let a = cellKeys[k][i], b = cellKeys[k][j]
                if a == b { continue }
                return key.reverse ? b < a : a < b
            }
            return i < j
        }
    }

    /// The table sorted by `keys`.
    public func sorted(by keys: [SortKey], checkpoint: () throws -> Void = {}) throws -> DataTable {
        taking(rows: try sortPermutation(by: keys, checkpoint: checkpoint))
    }
}
