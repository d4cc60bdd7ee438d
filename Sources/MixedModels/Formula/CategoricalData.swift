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
            self = CategoricalData.make(rows.lazy.map { values[$0] }, count: rows.count,
                                        sort: { $0.utf8.lexicographicallyPrecedes($1.utf8) }, label: { $0 })
        case .bool(let values):
            self = CategoricalData.make(rows.lazy.map { values[$0] }, count: rows.count,
                                        sort: { !$0 && $1 }, label: { $0 ? "true" : "false" })
        case .integer(let values):
            self = CategoricalData.make(rows.lazy.map { values[$0] }, count: rows.count, sort: <, label: { String($0) })
        case .float(let values):
            self = CategoricalData.make(rows.lazy.map { values[$0].bitPattern }, count: rows.count,
                                        sort: { Double(bitPattern: $0) < Double(bitPattern: $1) },
                                        label: { JuliaFloatFormat.shortest(Double(bitPattern: $0)) })
        }
    }

    init(levels: [String], refs: [Int32]) {
        self.levels = levels
        self.refs = refs
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
