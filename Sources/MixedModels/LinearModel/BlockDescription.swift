/// The block structure of the symmetric matrix `A` and its Cholesky factor `L` as MixedModels.jl 4.x stores them
/// (its `BlockDescription`): one block row per random-effects term and one for `[X y]`, each block described by
/// the type Julia keeps it in — `Diagonal`, `BlkDiag` (UniformBlockDiagonal), `Sparse`, `Dense` — and, when `L`
/// holds the block in another type than `A` (fill-in from crossed grouping factors), `A/L` as `Diag/Dense`.
public struct BlockDescription: Equatable, Sendable {
    /// Grouping-factor names, then `fixed`.
    public var names: [String]
    /// Rows of each diagonal block: levels × columns for a term, rank + 1 for `[X y]`.
    public var rows: [Int]
    /// `types[i][j]` for `j ≤ i`.
    public var types: [[String]]

    /// MixedModels.jl's density threshold (`densify`): an off-diagonal block with a larger proportion of
    /// non-zeros is stored dense.
    static let densityThreshold = 0.1

    /// The description of a model frame's blocks, worked out from the grouping factors as MixedModels.jl's
    /// `createAL` builds them.
    public init(frame: ModelFrame) {
        let terms = frame.randomEffectsTerms
        let k = terms.count
        names = terms.map(\.groupingName) + ["fixed"]
        rows = terms.map(\.randomEffectCount) + [frame.rank + 1]
        var a = [[BlockStorage]](repeating: [], count: k + 1)
        for i in 0..<k {
            for j in 0..<i { a[i].append(Self.offDiagonalStorage(terms[i], terms[j])) }
            a[i].append(terms[i].vsize == 1 ? .diagonal : .blockDiagonal)
        }
        a[k] = Array(repeating: .dense, count: k + 1)
        var l = a
        // Fill-in: a term crossed with an earlier one makes its column of L dense.
        for i in 1..<max(1, k) where (0..<i).contains(where: { !Self.isNested(terms[$0], in: terms[i]) }) {
            for r in i..<k { l[r][i] = .dense }
        }
        func name(_ s: BlockStorage) -> String {
            switch s {
            case .diagonal: "Diag"
            case .blockDiagonal: "BlkDiag"
            case .sparse: "Sparse"
            case .dense: "Dense"
            }
        }
        types = (0...k).map { i in
            (0...i).map { j in
                switch (a[i][j], l[i][j]) {
                case (.diagonal, .diagonal): "Diagonal"
                case let (x, y) where x == y: name(x)
                case let (x, y): name(x) + "/" + name(y)
                }
            }
        }
    }

    /// `densify(Zᵢ'Zⱼ)`: diagonal when square with matching levels only, sparse up to the density threshold.
    static func offDiagonalStorage(_ ti: RandomEffectsTerm, _ tj: RandomEffectsTerm) -> BlockStorage {
        var pairs = Set<Int>()
        for (ri, rj) in zip(ti.refs, tj.refs) { pairs.insert(Int(ri) * tj.levelCount + Int(rj)) }
        let m = ti.randomEffectCount, n = tj.randomEffectCount
        if m == n && ti.vsize == 1 && tj.vsize == 1
            && pairs.allSatisfy({ $0 / tj.levelCount == $0 % tj.levelCount }) {
            return .diagonal
        }
        let nonzeros = Double(pairs.count * ti.vsize * tj.vsize)
        return nonzeros / (Double(m) * Double(n)) <= densityThreshold ? .sparse : .dense
    }

    /// Whether every level of `inner` occurs with one level of `outer` only (MixedModels.jl's `isnested`).
    static func isNested(_ inner: RandomEffectsTerm, in outer: RandomEffectsTerm) -> Bool {
        var parent = [Int32](repeating: -1, count: inner.levelCount)
        for (a, b) in zip(inner.refs, outer.refs) {
            if parent[Int(a)] < 0 { parent[Int(a)] = b } else if parent[Int(a)] != b { return false }
        }
        return true
    }
}

/// How MixedModels.jl stores one block of `A` or `L`.
enum BlockStorage: Equatable { case diagonal, blockDiagonal, sparse, dense }
