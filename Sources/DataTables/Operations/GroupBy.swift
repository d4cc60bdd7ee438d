/// A table split into groups of rows with equal values in the key columns (DataFrames' `GroupedDataFrame`).
public struct GroupedTable: Equatable, Sendable {
    public let table: DataTable
    public let keys: [String]
    /// The rows of each group, in table order.
    public let groups: [[Int]]

    /// Groups `table` by `keys`. Groups come in order of first appearance, or sorted by key when `sort` is true;
    /// with `sort` nil, integer and boolean keys are sorted (DataFrames' fast path for them) and others are not.
    public init(_ table: DataTable, by keys: [String], sort: Bool? = nil) throws {
        self.table = table
        self.keys = keys
        let rowKeys = try table.rowKeys(keys)
        var index: [[CellKey]: Int] = [:]
        var groups: [[Int]] = []
        var groupKeys: [[CellKey]] = []
        for (row, key) in rowKeys.enumerated() {
            if let g = index[key] {
                groups[g].append(row)
            } else {
                index[key] = groups.count
                groups.append([row])
                groupKeys.append(key)
            }
        }
        let numericKeys = try keys.allSatisfy { name in
            let c = try table.column(name)
            return c.elementType.isInteger || c.elementType == .bool
        }
        if sort ?? numericKeys {
            let order = groupKeys.indices.sorted { groupKeys[$0].lexicographicallyPrecedes(groupKeys[$1]) }
            groups = order.map { groups[$0] }
        }
        self.groups = groups
    }

    public var count: Int { groups.count }

    /// The rows of group `g` as a table.
    public func group(_ g: Int) -> DataTable { table.taking(rows: groups[g]) }
}
