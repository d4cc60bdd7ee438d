import CBLAS
import CCholmod
import Foundation

/// The diagonal block of L for the last scalar random-effects term of a crossed model, factored as a sparse
/// supernodal Cholesky factor (CHOLMOD) with a fill-reducing ordering P: P M Pᵀ = L Lᵀ, where
/// M = ΛᵀAΛ + I − Σ S Sᵀ over the term's off-diagonal blocks S of L.
///
/// The symbolic analysis (pattern of M, ordering, supernodes) runs once; each evaluation forms M in place,
/// factors it numerically and solves with it. The fixed-effects rows of L for this term are kept in the permuted
/// order (L_X = A_X Pᵀ L⁻ᵀ), so L_X L_Xᵀ, the log-determinant and the solutions are those of the dense path.
final class SparseCholeskyBlock {
    /// Order of M (levels of the term).
    let q: Int
    /// The analysed factor's flop count and non-zeros, for the choice between this and the dense path.
    let flops: Double
    let factorNonZeros: Double

    let common: UnsafeMutablePointer<cholmod_common>
    var factor: UnsafeMutablePointer<cholmod_factor>?
    /// M(P, P), lower triangle, the matrix handed to the numeric factorization each evaluation.
    let permuted: UnsafeMutablePointer<cholmod_sparse>
    /// Lower pattern of M in the original order: rows of column c, ascending (the first is c itself).
    let columnStart: [Int]
    let rows: [Int32]
    /// Position in `permuted`'s values of each entry of the original pattern.
    let position: [Int32]
    /// Perm[k]: the original index of permuted position k.
    let permutation: [Int32]

    /// The off-diagonal blocks S (one row level per term level, `vc` columns per column level) and, per block,
    /// the transposed index: for level i, the sub-blocks of row i and their column levels.
    let blocks: [BlockSparseBlock]
    let transposeStart: [[Int]]
    let transposeBlock: [[Int32]]
    let transposeColumn: [[Int32]]
    /// Each block's row levels as 32-bit indices (half the bytes the formation reads per product).
    let rowLevel32: [UnsafeMutablePointer<Int32>]

    /// Bounds of the column ranges M's formation is cut into (about equal numbers of products of S's entries),
    /// shared between two cores: `formParts` ranges, each with its own scatter accumulator, taken by whichever
    /// thread is free next (small enough that the last one taken leaves the other thread idle only briefly).
    let formCuts: [Int]
    static let formParts = 8

    // Workspaces: the scatter accumulators (one per part of the formation), a permuted copy of right-hand sides,
    // the gathered update rows.
    let accumulator: UnsafeMutablePointer<Double>
    let work: UnsafeMutablePointer<Double>
    let update: UnsafeMutablePointer<Double>
    let maxRightHandSides: Int

    /// Analyses M for the term's off-diagonal blocks `blocks` (all with one row per level). `maxRightHandSides`
    /// is the widest right-hand side solved with the factor (the fixed-effects rows, p + 1). Nil when M has more
    /// than `maxNonZeros` entries in its lower triangle: the analysis stops as soon as M is known to be too dense.
    init?(levels: Int, blocks: [BlockSparseBlock], maxRightHandSides: Int, maxNonZeros: Int = .max) {
        q = levels
        self.blocks = blocks
        self.maxRightHandSides = max(1, maxRightHandSides)
        var tStart: [[Int]] = []
        var tBlock: [[Int32]] = []
        var tColumn: [[Int32]] = []
        for s in blocks {
            var count = [Int](repeating: 0, count: levels + 1)
            for r in s.rowLevel { count[r + 1] += 1 }
            for i in 0..<levels { count[i + 1] += count[i] }
            var next = count
            var block = [Int32](repeating: 0, count: s.blockCount)
            var column = [Int32](repeating: 0, count: s.blockCount)
            for c in 0..<s.colLevels {
                for a in s.colStart[c]..<s.colStart[c + 1] {
                    let r = s.rowLevel[a]
                    block[next[r]] = Int32(a)
                    column[next[r]] = Int32(c)
                    next[r] += 1
                }
            }
            tStart.append(count)
            tBlock.append(block)
            tColumn.append(column)
        }
        transposeStart = tStart
        transposeBlock = tBlock
        transposeColumn = tColumn

        rowLevel32 = blocks.map { s in
            let rows = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, s.blockCount))
            for (a, r) in s.rowLevel.enumerated() { rows[a] = Int32(r) }
            return rows
        }
        guard let (start, pattern) = Self.lowerPattern(levels: levels, blocks: blocks, rowLevel32: rowLevel32,
                                                      transposeStart: tStart, transposeBlock: tBlock,
                                                      transposeColumn: tColumn, maxNonZeros: maxNonZeros) else {
            for rows in rowLevel32 { rows.deallocate() }
            return nil
        }
        columnStart = start
        rows = pattern

        common = .allocate(capacity: 1)
        cholmod_start(common)
        common.pointee.print = 0
        common.pointee.supernodal = CHOLMOD_SUPERNODAL
        let nnz = pattern.count
        let original = cholmod_allocate_sparse(levels, levels, nnz, 1, 1, -1, CHOLMOD_PATTERN, common)!
        Self.fill(original, columnStart: start, rows: pattern)
        factor = cholmod_analyze(original, common)
        var originalHandle: UnsafeMutablePointer<cholmod_sparse>? = original
        cholmod_free_sparse(&originalHandle, common)
        flops = common.pointee.fl
        factorNonZeros = common.pointee.lnz
        let perm = factor.map { f in
            f.pointee.Perm.assumingMemoryBound(to: Int32.self)
        }
        permutation = (0..<levels).map { perm?[$0] ?? Int32($0) }

        let (counts, permutedRows, target) = Self.permutedPattern(columnStart: start, rows: pattern,
                                                                  permutation: permutation)
        position = target
        permuted = cholmod_allocate_sparse(levels, levels, nnz, 1, 1, -1, CHOLMOD_REAL, common)!
        Self.fill(permuted, columnStart: counts, rows: permutedRows)

        accumulator = .allocate(capacity: max(1, Self.formParts * levels))
        accumulator.initialize(repeating: 0, count: max(1, Self.formParts * levels))
        formCuts = SpareCores.balancedCuts(levels, parts: Self.formParts) { i in
            var products = 0.0
            for (b, s) in blocks.enumerated() {
                for t in tStart[b][i]..<tStart[b][i + 1] {
                    products += Double(s.colStart[Int(tColumn[b][t]) + 1] - Int(tBlock[b][t]))
                }
            }
            return products
        }
        work = .allocate(capacity: max(1, levels * self.maxRightHandSides))
        work.initialize(repeating: 0, count: max(1, levels * self.maxRightHandSides))
        var widest = 1
        if let f = factor, f.pointee.is_super != 0 {
            let pi = f.pointee.pi.assumingMemoryBound(to: Int32.self)
            let superStart = f.pointee.super.assumingMemoryBound(to: Int32.self)
            for s in 0..<Int(f.pointee.nsuper) {
                let below = Int(pi[s + 1] - pi[s]) - Int(superStart[s + 1] - superStart[s])
                widest = max(widest, below)
            }
        }
        update = .allocate(capacity: widest * self.maxRightHandSides)
        update.initialize(repeating: 0, count: widest * self.maxRightHandSides)
    }

    deinit {
        var p: UnsafeMutablePointer<cholmod_sparse>? = permuted
        cholmod_free_sparse(&p, common)
        cholmod_free_factor(&factor, common)
        cholmod_finish(common)
        common.deallocate()
        accumulator.deallocate()
        for rows in rowLevel32 { rows.deallocate() }
        work.deallocate()
        update.deallocate()
    }

    /// Whether the analysis produced a usable supernodal factor.
    var isAnalysed: Bool { factor?.pointee.is_super ?? 0 != 0 }

    private static func fill(_ m: UnsafeMutablePointer<cholmod_sparse>, columnStart: [Int], rows: [Int32]) {
        let p = m.pointee.p.assumingMemoryBound(to: Int32.self)
        let i = m.pointee.i.assumingMemoryBound(to: Int32.self)
        for (k, s) in columnStart.enumerated() { p[k] = Int32(s) }
        for (k, r) in rows.enumerated() { i[k] = r }
    }
}

/// CHOLMOD's numeric factorization opens OpenMP regions of a compiled-in 4 threads for its copies and scatters;
/// on 2 shared cores their wake-ups and barriers cost more than the work (a third of an insteval evaluation's wall
/// time under load). With OpenMP's max-active-levels at 0 no region is active: CHOLMOD runs them on the calling
/// thread, as the project runs OpenBLAS. The setting belongs to the calling thread, so `factorize` applies it
/// each time. Found through `dlsym`, as the OpenMP runtime is only an indirect dependency of CHOLMOD.
let setOpenMPMaxActiveLevels: (@convention(c) (Int32) -> Void)? = {
    guard let symbol = dlsym(nil, "omp_set_max_active_levels") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Void).self)
}()
