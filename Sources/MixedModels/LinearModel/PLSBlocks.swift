import CBLAS

/// One block of MixedModels.jl's blocked matrices `A` and `L`, dense, with the storage type Julia keeps it in.
public struct PLSBlock: Equatable, Sendable {
    /// How MixedModels.jl 4.x stores the block (`createAL`).
    public enum Storage: Equatable, Sendable {
        /// `Diagonal{Float64, Vector{Float64}}`: a scalar term's diagonal block.
        case diagonal
        /// `UniformBlockDiagonal{Float64}`: a vector-valued term's diagonal block, one `size × size` face per level.
        case uniformBlockDiagonal(size: Int)
        /// `SparseMatrixCSC{Float64, Int32}` in `A`; `BlockedSparse{Float64, rowSize, columnSize}` in `L`.
        case sparse(rowSize: Int, columnSize: Int)
        /// `Matrix{Float64}`.
        case dense
    }

    public var storage: Storage
    public var matrix: ColumnMajorMatrix
}

/// Why the blocks cannot be shown.
public enum PLSBlockError: Error, CustomStringConvertible, Equatable {
    case tooLarge(order: Int, limit: Int)
    case notPositiveDefinite

    public var description: String {
        switch self {
        case .tooLarge(let order, let limit):
            "the blocks of A and L are formed densely here, and this model's system has order \(order) (limit \(limit))"
        case .notPositiveDefinite: "Λᵀ ZᵀWZ Λ + I is not positive definite at the current θ"
        }
    }
}

/// The penalized system [Z X y]ᵀ W [Z X y] formed densely, for showing its blocks (not for fitting).
struct DenseBlockedSystem {
    /// The largest system whose blocks are formed (densely: order² doubles).
    static let blockInspectionLimit = 5000

    let terms: [RandomEffectsTerm]
    /// λ of each term, `vsize × vsize` column-major lower triangular.
    let lambda: [[Double]]
    /// The `p` full-rank columns of X (pivoted), column-major n × p.
    let x: [Double]
    let p: Int
    let y: [Double]
    let sqrtWeights: [Double]

    var n: Int { y.count }
    var q: Int { terms.reduce(0) { $0 + $1.randomEffectCount } }
    var offsets: [Int] { terms.reduce(into: [0]) { $0.append($0.last! + $1.randomEffectCount) }.dropLast() }

    /// The blocks of `A = [Z X y]ᵀ W [Z X y]` and of its factor `L` at the current Λ, in MixedModels.jl's packed
    /// order (block (i, j), j ≤ i, at index i(i−1)/2 + j), typed by `description`. Formed densely from the stored
    /// columns, independently of the factorization the fits use. Julia's `L` keeps in its strict upper
    /// triangles what the in-place factorization leaves there: each `UniformBlockDiagonal` face keeps
    /// Λᵀ Aᶠ Λ + I, the `[X y]` block keeps `A`'s, and the dense blocks of crossed terms keep zeros.
    func blocks(description: BlockDescription) throws -> (a: [PLSBlock], l: [PLSBlock]) {
        let order = q + p + 1
        let (a, s, factor) = try formed()
        let starts = offsets + [q]
        let sizes = terms.map(\.randomEffectCount) + [p + 1]
        var aBlocks: [PLSBlock] = []
        var lBlocks: [PLSBlock] = []
        for i in sizes.indices {
            for j in 0...i {
                let (aStorage, lStorage) = storages(description.types[i][j], row: i, column: j)
                func slice(_ m: [Double]) -> ColumnMajorMatrix {
                    var values = [Double](repeating: 0, count: sizes[i] * sizes[j])
                    for c in 0..<sizes[j] {
                        for r in 0..<sizes[i] { values[r + c * sizes[i]] = m[(starts[i] + r) + (starts[j] + c) * order] }
                    }
                    return ColumnMajorMatrix(rows: sizes[i], cols: sizes[j], values: values)
                }
                let aBlock = slice(a)
                var lBlock = slice(factor)
                if i == j {
                    // The strict upper triangle of L's diagonal block, as Julia's in-place factorization leaves it.
                    let n = sizes[i]
                    let kept: ([Double], Int)? = switch lStorage {
                    case .uniformBlockDiagonal(let v): (slice(s).values, v)
                    case .dense where i == sizes.count - 1: (aBlock.values, n)
                    default: nil
                    }
                    for c in 0..<n {
                        for r in 0..<c {
                            if let (source, face) = kept, r / face == c / face {
                                lBlock.values[r + c * n] = source[r + c * n]
                            } else {
                                lBlock.values[r + c * n] = 0
                            }
                        }
                    }
                }
                aBlocks.append(PLSBlock(storage: aStorage, matrix: aBlock))
                lBlocks.append(PLSBlock(storage: lStorage, matrix: lBlock))
            }
        }
        return (aBlocks, lBlocks)
    }

    /// A, Λ̃ᵀAΛ̃ + blockdiag(I, 0) and its lower Cholesky factor L, dense `order × order` column-major
    /// (order = q + p + 1; L's strict upper triangle as LAPACK leaves it).
    func formed() throws -> (a: [Double], scaled: [Double], factor: [Double]) {
        let order = q + p + 1
        guard order <= Self.blockInspectionLimit else {
            throw PLSBlockError.tooLarge(order: order, limit: Self.blockInspectionLimit)
        }
        let a = crossProductMatrix(order: order)
        var s = a
        scaleByLambda(&s, order: order)
        for k in 0..<q { s[k + k * order] += 1 }
        var factor = s
        let info = factor.withUnsafeMutableBufferPointer {
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(order), $0.baseAddress, Int32(order))
        }
        guard info == 0 else { throw PLSBlockError.notPositiveDefinite }
        return (a, s, factor)
    }

    /// The storages of block (i, j) in A and in L, from its `BlockDescription` entry (`Diag/Dense` means A's is
    /// diagonal and L's dense).
    private func storages(_ type: String, row i: Int, column j: Int) -> (PLSBlock.Storage, PLSBlock.Storage) {
        func storage(_ name: String) -> PLSBlock.Storage {
            switch name {
            case "Diagonal", "Diag": .diagonal
            case "BlkDiag": .uniformBlockDiagonal(size: terms[i].vsize)
            case "Sparse": .sparse(rowSize: terms[i].vsize, columnSize: terms[j].vsize)
            default: .dense
            }
        }
        let parts = type.split(separator: "/").map(String.init)
        return (storage(parts[0]), storage(parts.last ?? parts[0]))
    }

    /// [Z X y]ᵀ W [Z X y], dense `order × order`, both triangles.
    private func crossProductMatrix(order: Int) -> [Double] {
        var m = [Double](repeating: 0, count: order * order)
        var index: [Int] = []
        var value: [Double] = []
        let q = self.q
        let offsets = self.offsets
        for o in 0..<n {
            index.removeAll(keepingCapacity: true)
            value.removeAll(keepingCapacity: true)
            let w = sqrtWeights[o]
            for (t, offset) in zip(terms, offsets) {
                let v = t.vsize
                let base = offset + Int(t.refs[o]) * v
                for k in 0..<v {
                    index.append(base + k)
                    value.append(t.z[o * v + k] * w)
                }
            }
            for c in 0..<p {
                index.append(q + c)
                value.append(x[o + c * n] * w)
            }
            index.append(q + p)
            value.append(y[o] * w)
            for (b, cb) in index.enumerated() {
                for (a, ra) in index.enumerated() { m[ra + cb * order] += value[a] * value[b] }
            }
        }
        return m
    }

    /// M ← Λ̃ᵀ M Λ̃ with Λ̃ = blockdiag(Λ, I): each level's columns, then rows, times its term's λ.
    private func scaleByLambda(_ m: inout [Double], order: Int) {
        for (j, (t, offset)) in zip(terms, offsets).enumerated() {
            let v = t.vsize
            let lam = lambda[j]
            var buffer = [Double](repeating: 0, count: v)
            for level in 0..<t.levelCount {
                let base = offset + level * v
                for r in 0..<order {
                    for c in 0..<v {
                        var sum = 0.0
                        for k in c..<v { sum += m[r + (base + k) * order] * lam[k + c * v] }
                        buffer[c] = sum
                    }
                    for c in 0..<v { m[r + (base + c) * order] = buffer[c] }
                }
                for c in 0..<order {
                    for r in 0..<v {
                        var sum = 0.0
                        for k in r..<v { sum += lam[k + r * v] * m[(base + k) + c * order] }
                        buffer[r] = sum
                    }
                    for r in 0..<v { m[(base + r) + c * order] = buffer[r] }
                }
            }
        }
    }
}

extension LinearMixedModel {
    /// MixedModels.jl's `m.A` and `m.L`: the blocks of the penalized system and of its Cholesky factor at the
    /// θ of the last factorization, in Julia's packed lower-triangular order.
    public func blockedMatrices() throws -> (a: [PLSBlock], l: [PLSBlock]) {
        let n = frame.observationCount
        return try DenseBlockedSystem(terms: frame.randomEffectsTerms, lambda: lambda.map(\.values),
                                      x: frame.fullRankColumns, p: frame.rank, y: frame.y,
                                      sqrtWeights: [Double](repeating: 1, count: n))
            .blocks(description: BlockDescription(frame: frame))
    }
}

extension ModelFrame {
    /// The `rank` pivoted columns of X, column-major n × rank.
    var fullRankColumns: [Double] {
        let n = observationCount
        var columns = [Double](repeating: 0, count: n * rank)
        for (t, column) in pivot.prefix(rank).enumerated() {
            for o in 0..<n { columns[o + t * n] = x[o + column * n] }
        }
        return columns
    }
}

extension GeneralizedLinearMixedModel {
    /// `m.A` and `m.L` of a GLMM (its inner LMM's): the system at the working weights and working response L was
    /// last factored at (a PIRLS step; `updateη!` moves them without refactoring).
    public func blockedMatrices() throws -> (a: [PLSBlock], l: [PLSBlock]) {
        try innerSystem.blocks(description: BlockDescription(frame: modelFrame))
    }

    /// The inner linear mixed model's system (`m.LMM`): Z, X, λ(θ), and the working response and weights L was
    /// last factored at.
    var innerSystem: DenseBlockedSystem {
        let state = factoredWorkingState.flatMap { $0.logDet == system.logDet ? $0 : nil }
            ?? (weights: response.workingWeight, response: workingResponse, logDet: system.logDet)
        return DenseBlockedSystem(terms: modelFrame.randomEffectsTerms, lambda: terms.map(\.lambda),
                                  x: modelFrame.fullRankColumns, p: modelFrame.rank, y: state.response,
                                  sqrtWeights: state.weights.map { $0.squareRoot() })
    }
}
