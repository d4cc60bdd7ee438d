/// A table split into groups of rows with equal values in the key columns (DataFrames' `GroupedDataFrame`).
public struct GroupedTable: Equatable, Sendable {
    public let table: DataTable
    public let keys: [String]
    /// The rows of each group, in table order.
    public let groups: [[Int]]

    /// Groups `table` by `keys`. Groups come in order of first appearance, or sorted by key when `sort` is true;
    /// with `sort` nil, groups are sorted when every key holds integers (DataFrames' fast path for such columns,
    /// whose order DataFrames leaves unspecified) and come in order of appearance otherwise.
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
        let integerKeys = try keys.allSatisfy { try table.column($0).holdsIntegers }
        if sort ?? integerKeys {
            let order = groupKeys.indices.sorted { groupKeys[$0].lexicographicallyPrecedes(groupKeys[$1]) }
            groups = order.map { groups[$0] }
        }
        self.groups = groups
    }

    public var count: Int { groups.count }

    /// The rows of group `g` as a table.
    public func group(_ g: Int) -> DataTable { table.taking(rows: groups[g]) }
}

extension Column {
    /// True for DataFrames' "integer column": integer or Bool elements, or floats that are all whole and none `-0.0`.
    var holdsIntegers: Bool {
        switch values {
        case .integer, .bool: return true
        case .string: return false
        case .float(let v):
            return v.indices.allSatisfy { i in
                isMissing(i) || (v[i].isFinite && v[i].rounded() == v[i] && !(v[i] == 0 && v[i].sign == .minus))
            }
        }
    }
}
