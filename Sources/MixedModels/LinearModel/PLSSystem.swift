/// One random-effects term as the penalized least-squares system sees it.
struct TermLayout {
    /// Random effects per level.
    let v: Int
    /// Levels of the grouping factor.
    let levels: Int
    /// Offset of this term's random effects in the stacked vector u (level-major: `offset + level * v + t`).
    let offset: Int
    /// Offset of this term's parameters in θ.
    let thetaOffset: Int
    /// Column-major linear indices into the `v × v` λ of this term's θ entries.
    let lambdaIndices: [Int]
    /// 0-based level of each observation.
    let refs: [Int32]
    /// Unweighted model columns, observation-major (`z[o * v + t]`).
    let z: [Double]

    var q: Int { v * levels }
}

/// The blocked penalized least-squares system of Bates et al. (2015) for `[Z₁ … Z_k X y]`, with its
/// Cholesky factor L(θ) — the computational core shared by linear and generalized linear mixed models.
///
/// Layout: block rows/columns are the random-effects terms (ordered by size, as in the model frame) followed by
/// one block for `[X y]` (`X` reduced to its `rank` pivoted columns, `y` last). Lower-triangular blocks only.
///
/// Internal API for the GLMM code (all allocation-free once constructed):
/// - `setResponse(_:)` replaces y (e.g. the working response); `setSqrtWeights(_:)` installs √w per observation;
///   then `updateA()` re-forms every block of A = [Z X y]ᵀ W [Z X y] from the stored unweighted columns.
/// - `updateL(theta:)` scales A by Λ(θ), adds I and computes the blocked Cholesky factor; false if not
///   positive definite.
/// - after `updateL`: `logDeterminant()` (log|Λᵀ ZᵀWZ Λ + I|), `fixedEffectsLogDeterminant()` (REML term),
///   `penalizedRSS()` (‖√W(y − Xβ − ZΛu)‖² + ‖u‖²), `solveBeta(into:)` (β at the PLS solution, length `p`),
///   `solveU(beta:into:)` (u given β, length `q`), `multiplyLambda(u:into:)` (b = Λu),
///   `objective(reml:)` (profiled deviance or REML criterion).
final class PLSSystem {
    let n: Int
    /// Number of fixed-effects columns used (the rank of X).
    let p: Int
    let terms: [TermLayout]
    /// Total number of random effects.
    let q: Int
    let thetaCount: Int

    /// Unweighted [X y], observation-major: `(p + 1) × n` column-major, one observation per column.
    let xyRows: DenseBlock
    /// √weights per observation (all 1 unless `setSqrtWeights` was called).
    let sqrtWeights: UnsafeMutablePointer<Double>
    var isWeighted = false
    /// Weighted working copies of [X y] (same layout as `xyRows`) and of each term's z, allocated by the first
    /// `setSqrtWeights`: an unweighted system forms A from the stored columns themselves.
    var weightedXy: DenseBlock?
    var weightedZ: [UnsafeMutablePointer<Double>] = []

    // Blocks of A: diagonal per term, term × term below the diagonal, [X y] × term, [X y] × [X y].
    let aDiagonal: [BlockDiagonalBlock]
    let aOff: [[BlockSparseBlock]]
    let aXZ: [DenseBlock]
    let aXX: DenseBlock
    /// Sub-block of the A block (i, j) that each observation adds to.
    let observationBlock: [[[Int32]]]

    // Blocks of L, same layout (with fill-in).
    let lDiagonal: [DiagonalBlock]
    let lOff: [[BlockSparseBlock]]
    let lXZ: [DenseBlock]
    let lXX: DenseBlock
    /// Where each sub-block of A's (i, j) block lands in L's (i, j) block.
    let aToL: [[[Int]]]

    /// Λ of each term, `v × v` column-major lower triangular.
    let lambda: [UnsafeMutablePointer<Double>]
    /// Scratch of length max(q_j, p + 1).
    let scratch: UnsafeMutablePointer<Double>

    /// Builds the system from the terms (ordered as the model frame orders them), the fixed-effects columns used
    /// (`columns` of `x`, column-major `n × any`, in order; the first `p` when nil) and the response.
    /// `diagonalFactor` forces the dense or sparse factor of a large last crossed term (for tests); by default the
    /// analysed fill decides.
    init(terms frameTerms: [RandomEffectsTerm], x: [Double], columns: [Int]? = nil, p: Int, y: [Double],
         diagonalFactor: DiagonalFactorChoice = .automatic) {
        n = y.count
        self.p = p
        var layouts: [TermLayout] = []
        var offset = 0
        var thetaOffset = 0
        for t in frameTerms {
            layouts.append(TermLayout(v: t.vsize, levels: t.levelCount, offset: offset, thetaOffset: thetaOffset,
                                      lambdaIndices: t.lambdaIndices, refs: t.refs, z: t.z))
            offset += t.randomEffectCount
            thetaOffset += t.lambdaIndices.count
        }
        terms = layouts
        q = offset
        thetaCount = thetaOffset

        let w = p + 1
        xyRows = Self.observationMajor(x: x, columns: columns ?? Array(0..<p), y: y)
        sqrtWeights = .allocate(capacity: max(1, n))
        sqrtWeights.initialize(repeating: 1, count: max(1, n))

        let k = layouts.count
        aDiagonal = layouts.map { BlockDiagonalBlock(v: $0.v, count: $0.levels) }
        aXZ = layouts.map { DenseBlock(rows: w, cols: $0.q) }
        aXX = DenseBlock(rows: w, cols: w)
        lXZ = layouts.map { DenseBlock(rows: w, cols: $0.q) }
        lXX = DenseBlock(rows: w, cols: w)
        lambda = layouts.map { t in
            let buffer = UnsafeMutablePointer<Double>.allocate(capacity: t.v * t.v)
            buffer.initialize(repeating: 0, count: t.v * t.v)
            return buffer
        }

        // Symbolic analysis: patterns of A's off-diagonal blocks, then of L's with fill-in.
        var aPatterns: [[LevelPattern]] = []
        var obsBlocks: [[[Int32]]] = []
        for i in 0..<k {
            let row = (0..<i).map { j in Self.crossPattern(rows: layouts[i], cols: layouts[j]) }
            aPatterns.append(row.map(\.0))
            obsBlocks.append(row.map(\.1))
        }
        let aBlocks = (0..<k).map { i in
            (0..<i).map { j in
                BlockSparseBlock(vr: layouts[i].v, vc: layouts[j].v, rowLevels: layouts[i].levels,
                                 pattern: aPatterns[i][j])
            }
        }
        aOff = aBlocks
        observationBlock = obsBlocks

        let (lPatterns, denseDiagonal) = Self.filledPatterns(aPatterns, layouts)
        let lBlocks = (0..<k).map { i in
            (0..<i).map { j in
                BlockSparseBlock(vr: layouts[i].v, vc: layouts[j].v, rowLevels: layouts[i].levels,
                                 pattern: lPatterns[i][j])
            }
        }
        lOff = lBlocks
        aToL = (0..<k).map { i in (0..<i).map { j in Self.positions(of: aBlocks[i][j], in: lBlocks[i][j]) } }
        let last = k - 1
        let sparseLast = denseDiagonal.last == true && last >= 1
            ? Self.sparseDiagonal(layouts[last], blocks: lBlocks[last], width: w, choice: diagonalFactor) : nil
        lDiagonal = (0..<k).map { j in
            if j == last, let sparseLast { return .sparse(sparseLast) }
            return denseDiagonal[j] ? .dense(DenseBlock(rows: layouts[j].q, cols: layouts[j].q))
                : .blockDiagonal(BlockDiagonalBlock(v: layouts[j].v, count: layouts[j].levels))
        }
        let scratchSize = max(w, layouts.map(\.q).max() ?? 0)
        scratch = .allocate(capacity: scratchSize)
        scratch.initialize(repeating: 0, count: scratchSize)
        updateA()
    }

    deinit {
        sqrtWeights.deallocate()
        for b in weightedZ { b.deallocate() }
        for b in lambda { b.deallocate() }
        scratch.deallocate()
    }

    /// [X y] observation-major, `(p + 1) × n`, from `columns` of the column-major `x` and `y`; copied in tiles of
    /// observations so that both the reads of each column and the writes stay in cache.
    private static func observationMajor(x: [Double], columns: [Int], y: [Double]) -> DenseBlock {
        let n = y.count
        let w = columns.count + 1
        let tile = 64
        return DenseBlock(rows: w, cols: n) { xy in
            x.withUnsafeBufferPointer { x in
                for first in stride(from: 0, to: n, by: tile) {
                    let last = min(n, first + tile)
                    for (c, column) in columns.enumerated() {
                        let source = x.baseAddress! + column * n
                        for o in first..<last { xy[c + o * w] = source[o] }
                    }
                    for o in first..<last { xy[w - 1 + o * w] = y[o] }
                }
            }
        }
    }
}
