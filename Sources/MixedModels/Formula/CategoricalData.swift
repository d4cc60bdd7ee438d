import DataTables
import TextDisplay

/// A categorical variable over the rows of a model: its levels in Julia's sort order and each row's level.
/// Built with a hash map and one remap, never a contrast matrix, so grouping factors with many levels are cheap.
struct CategoricalData {
    /// Level labels in level order: strings by code point, numbers numerically (labelled as Julia's `string(x)`),
    /// `false` before `true`.
    let levels: [String]
    /// 0-based level of each row.
    let refs: [Int32]

    /// The levels of `column` over `rows` (table row indices).
    init(column: Column, rows: [Int]) {
        switch column.values {
        case .string(let values):
            self = CategoricalData.strings(values, rows: rows)
        case .bool(let values):
            self = CategoricalData.make(rows.lazy.map { values[$0] }, count: rows.count,
                                        sort: { !$0 && $1 }, label: { $0 ? "true" : "false" })
        case .integer(let values):
            self = CategoricalData.make(rows.lazy.map { values[$0] }, count: rows.count, sort: <, label: { String($0) })
        case .float(let values):
            self = CategoricalData.make(rows.lazy.map { values[$0].bitPattern }, count: rows.count,
                                        sort: { $0 != $1 && Double(bitPattern: $0).isTotallyOrdered(
                                            belowOrEqualTo: Double(bitPattern: $1)) },
                                        label: { JuliaFloatFormat.shortest(Double(bitPattern: $0)) })
        }
    }

    init(levels: [String], refs: [Int32]) {
        self.levels = levels
        self.refs = refs
    }

    /// The levels rearranged to follow a `CategoricalArray`'s level order (its first level becomes the reference
    /// level of dummy coding); levels that do not occur in the model's rows are left out.
    func ordered(as poolLevels: [String]) -> CategoricalData {
        var rank: [String: Int] = [:]
        for (i, level) in poolLevels.enumerated() where rank[level] == nil { rank[level] = i }
        let order = levels.indices.sorted { (rank[levels[$0]] ?? Int.max, $0) < (rank[levels[$1]] ?? Int.max, $1) }
        var remap = [Int32](repeating: 0, count: levels.count)
        for (position, original) in order.enumerated() { remap[original] = Int32(position) }
        return CategoricalData(levels: order.map { levels[$0] }, refs: refs.map { remap[Int($0)] })
    }

    /// Codes values in order of first appearance, then renumbers the codes in sorted level order.
    private static func make<Value: Hashable, Values: Sequence>(
        _ values: Values, count: Int, sort: (Value, Value) -> Bool, label: (Value) -> String
    ) -> CategoricalData where Values.Element == Value {
        var codes: [Value: Int32] = [:]
        var uniques: [Value] = []
        var firstSeenRefs = [Int32]()
        firstSeenRefs.reserveCapacity(count)
        for value in values {
            if let code = codes[value] {
                firstSeenRefs.append(code)
            } else {
                let code = Int32(uniques.count)
                codes[value] = code
                uniques.append(value)
                firstSeenRefs.append(code)
            }
        }
        let order = uniques.indices.sorted { sort(uniques[$0], uniques[$1]) }
        var remap = [Int32](repeating: 0, count: uniques.count)
        for (rank, original) in order.enumerated() { remap[original] = Int32(rank) }
        return CategoricalData(levels: order.map { label(uniques[$0]) },
                               refs: firstSeenRefs.map { remap[Int($0)] })
    }

    /// String levels, coded with an open-addressing table on an FNV-1a hash of the UTF-8 bytes (much cheaper
    /// than `Dictionary`'s seeded hashing for the many short labels of large grouping factors), reusing the
    /// previous row's code when the value repeats, as in data sorted by a factor.
    private static func strings(_ values: [String], rows: [Int]) -> CategoricalData {
        var slots = [Int32](repeating: -1, count: 64)
        var uniques: [String] = []
        var hashes: [UInt64] = []
        var refs = [Int32](repeating: 0, count: rows.count)
        var previous: String?
        var previousCode: Int32 = 0
        for (i, row) in rows.enumerated() {
            let value = values[row]
            if let previous, previous == value {
                refs[i] = previousCode
                continue
            }
            let hash = fnv1a(value)
            var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            var code: Int32
            while true {
                code = slots[slot]
                if code < 0 {
                    code = Int32(uniques.count)
                    uniques.append(value)
                    hashes.append(hash)
                    slots[slot] = code
                    if uniques.count * 2 > slots.count { slots = rehash(hashes, capacity: slots.count * 4) }
                    break
                }
                if hashes[Int(code)] == hash && uniques[Int(code)] == value { break }
                slot = (slot + 1) & (slots.count - 1)
            }
            refs[i] = code
            previous = value
            previousCode = code
        }
        let order = uniques.indices.sorted { uniques[$0].utf8.lexicographicallyPrecedes(uniques[$1].utf8) }
        var remap = [Int32](repeating: 0, count: uniques.count)
        for (rank, original) in order.enumerated() { remap[original] = Int32(rank) }
        for i in refs.indices { refs[i] = remap[Int(refs[i])] }
        return CategoricalData(levels: order.map { uniques[$0] }, refs: refs)
    }

    /// FNV-1a of the UTF-8 bytes, read in place (native strings, short ones included, are contiguous UTF-8).
    private static func fnv1a(_ value: String) -> UInt64 {
        func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }
        return value.utf8.withContiguousStorageIfAvailable { hash($0) } ?? hash(value.utf8)
    }

    private static func rehash(_ hashes: [UInt64], capacity: Int) -> [Int32] {
        var slots = [Int32](repeating: -1, count: capacity)
        for (code, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(code)
        }
        return slots
    }

    /// The interaction of several factors as a grouping factor (`batch & cask`): the combinations that occur,
    /// in order of first appearance as MixedModels.jl numbers them, labelled like Julia tuples `("A", "a")`.
    static func combinations(of factors: [CategoricalData], quoted: [Bool]) -> CategoricalData {
        let n = factors.first?.refs.count ?? 0
        var codes: [[Int32]: Int32] = [:]
        var labels: [String] = []
        var refs = [Int32](repeating: 0, count: n)
        var key = [Int32](repeating: 0, count: factors.count)
        for i in 0..<n {
            for (f, factor) in factors.enumerated() { key[f] = factor.refs[i] }
            if let code = codes[key] {
                refs[i] = code
            } else {
                let code = Int32(labels.count)
                codes[key] = code
                let parts = factors.indices.map { f in
                    let level = factors[f].levels[Int(key[f])]
                    return quoted[f] ? "\"\(level)\"" : level
                }
                labels.append("(\(parts.joined(separator: ", ")))")
                refs[i] = code
            }
        }
        return CategoricalData(levels: labels, refs: refs)
    }
}
