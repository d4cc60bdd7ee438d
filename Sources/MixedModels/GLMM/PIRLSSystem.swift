import CBLAS
import Foundation

/// The blocked Cholesky factor L of the penalized, weighted system of a GLMM's local linear approximation,
///
///     [ ΛᵀZᵀWZΛ + I   ΛᵀZᵀWX ]   =  L Lᵀ,    L = [ L_ZZ   0   ]
///     [ XᵀWZΛ         XᵀWX   ]                   [ L_XZ  L_XX ]
///
/// with L_ZZ itself blocked by terms: the first (largest) term's block is block-diagonal (one vsize × vsize
/// block per level), the block below it is stored by its pattern (`PIRLSCrossBlock`), the remaining terms form one
/// dense block. This mirrors MixedModels.jl's blocked L for the shapes GLMMs meet. The X rows are optional: PIRLS
/// with β held fixed needs only L_ZZ.
struct PIRLSSystem {
    let n: Int
    /// Fixed-effects columns used (full-rank X).
    let p: Int
    /// X row-major, n × p.
    let xRows: [Double]
    /// Random effects in the first term, and in all the others together.
    let q1: Int
    let q2: Int
    let v1: Int

    /// Diagonal blocks of the first term: block j (v1 × v1, column-major) at j·v1².
    private(set) var l11: [Double]
    /// The pattern of the q2 × q1 block L21 …
    let cross: PIRLSCrossBlock
    /// … and its values, level by level of the first term (see `PIRLSCrossBlock`).
    private(set) var l21: [Double]
    /// q2 × q2, column-major, lower triangle.
    private(set) var l22: [Double]
    /// p × (q1 + q2), column-major.
    var lx: [Double]
    /// p × p, lower triangle.
    var lxx: [Double]
    /// X column-major, n × p.
    let xColumns: [Double]
    /// X rows padded to 8 lanes, for the vectorized accumulation when p ≤ 8.
    let paddedRows: [SIMD8<Double>]
    /// Scratch: one column of W·X.
    var weightedX: [Double]
    /// Scratch of the vectorized XᵀWZΛ accumulation: per term the running sum and level of its current run of
    /// equal levels.
    var runSums: [SIMD8<Double>]
    var runLevels: [Int]
    /// The terms as raw pointers for the accumulation loops; `termStorage` keeps their buffers alive.
    let rawTerms: [RawTerm]
    private let termStorage: [AnyObject]
    /// log det(ΛᵀZᵀWZΛ + I).
    private(set) var logDet = 0.0
    /// Whether `lx` and `lxx` belong to the current weights.
    private(set) var hasFixedEffectRows = false
    /// Whether L_ZZ holds a complete factor (of the system at some weights and θ): a factorization that failed
    /// part way leaves none.
    private(set) var isFactored = false

    /// The system for `terms` and the fixed-effects columns `xColumns` (column-major n × p, shared, not copied).
    init(terms: [PIRLSTerm], xColumns: [Double], n: Int, p: Int) {
        self.n = n
        self.p = p
        self.xColumns = xColumns
        var rows = [Double](repeating: 0, count: n * p)
        for j in 0..<p { for i in 0..<n { rows[i * p + j] = xColumns[i + j * n] } }
        xRows = rows
        q1 = terms.first?.randomEffectCount ?? 0
        v1 = terms.first?.vsize ?? 1
        q2 = terms.dropFirst().reduce(0) { $0 + $1.randomEffectCount }
        l11 = [Double](repeating: 0, count: (terms.first?.levelCount ?? 0) * v1 * v1)
        l22 = [Double](repeating: 0, count: q2 * q2)
        lx = [Double](repeating: 0, count: p * (q1 + q2))
        lxx = [Double](repeating: 0, count: p * p)
        weightedX = [Double](repeating: 0, count: n)
        runSums = [SIMD8<Double>](repeating: .zero, count: terms.count)
        runLevels = [Int](repeating: 0, count: terms.count)
        rawTerms = terms.map {
            RawTerm(vsize: $0.vsize, offset: $0.offset, refs: $0.levelIndex.pointer, scaledZ: $0.scaledZ.pointer,
                    isIntercept: $0.vsize == 1 && $0.z.allSatisfy { $0 == 1 })
        }
        termStorage = terms.flatMap { [$0.levelIndex, $0.scaledZ] as [AnyObject] }
        cross = PIRLSCrossBlock(first: rawTerms.first, levels: terms.first?.levelCount ?? 0,
                                later: Array(rawTerms.dropFirst()), q1: q1, q2: q2, n: n)
        l21 = [Double](repeating: 0, count: cross.valueCount)
        paddedRows = p <= 8 ? (0..<n).map { i in
            var row = SIMD8<Double>.zero
            for j in 0..<p { row[j] = rows[i * p + j] }
            return row
        } : []
    }

    var q: Int { q1 + q2 }

    /// Entry k of the first term's part of L's diagonal (for a scalar first term: L's diagonal on row k).
    func firstTermDiagonalEntry(_ k: Int) -> Double {
        let block = k / v1, a = k % v1
        return l11[block * v1 * v1 + a * (v1 + 1)]
    }

    /// Forms and factors the system for weights `w`; with `includeFixedEffects`, also the X rows.
    mutating func factor(weights w: [Double], includeFixedEffects: Bool) throws {
        isFactored = false
        hasFixedEffectRows = false
        accumulateRandomEffectBlocks(weights: w)
        try factorRandomEffectBlocks()
        isFactored = true
        if includeFixedEffects { try factorFixedEffects(weights: w) }
    }

    /// Adds the X rows to a factor whose random-effects blocks are current for the same weights.
    mutating func factorFixedEffects(weights w: [Double]) throws {
        hasFixedEffectRows = false
        if p > 0 {
            accumulateFixedEffectRows(weights: w)
            try factorFixedEffectRows()
        }
        hasFixedEffectRows = true
    }

    /// The pieces of a term the accumulation loops read, as plain values (no reference counting per row).
    struct RawTerm {
        let vsize: Int
        /// Position of the term's first random effect in u.
        let offset: Int
        let refs: UnsafeMutablePointer<Int32>
        let scaledZ: UnsafeMutablePointer<Double>
        /// A scalar term whose Z is all ones (random intercepts): ZΛ's entries are all λ.
        let isIntercept: Bool
    }

    private mutating func accumulateRandomEffectBlocks(weights w: [Double]) {
        guard let first = rawTerms.first else {
            for k in l22.indices { l22[k] = 0 }
            return
        }
        let v1 = self.v1, q2 = self.q2, q1 = self.q1, n = self.n
        let s1 = first.scaledZ, r1 = first.refs
        let laterTerms = cross.laterTerms
        w.withUnsafeBufferPointer { w in
        rawTerms.withUnsafeBufferPointer { terms in
            // The terms after the first, whose rows (offset − q1) lie in the second block.
            let rest = UnsafeBufferPointer(rebasing: terms.dropFirst())
        cross.rowStart.withUnsafeBufferPointer { rowStart in
        cross.positions.withUnsafeBufferPointer { positions in
        l11.withUnsafeMutableBufferPointer { l11 in
        l21.withUnsafeMutableBufferPointer { l21 in
        l22.withUnsafeMutableBufferPointer { l22 in
            if v1 == 1 && rest.allSatisfy({ $0.vsize == 1 }) {
                Self.accumulateScalar(n: n, q1: q1, q2: q2, w: w.baseAddress!, s1: s1, r1: r1, rest: rest,
                                      rowStart: rowStart.baseAddress!, positions: positions.baseAddress,
                                      l11: l11, l21: l21, l22: l22)
                return
            }
            l11.update(repeating: 0)
            l21.update(repeating: 0)
            l22.update(repeating: 0)
            for i in 0..<n {
                let wi = w[i]
                let level1 = Int(r1[i])
                if v1 == 1 {
                    l11[level1] += s1[i] * s1[i] * wi
                } else {
                    let block = level1 * v1 * v1
                    for b in 0..<v1 {
                        let sb = wi * s1[i * v1 + b]
                        for a in b..<v1 { l11[block + a + b * v1] += s1[i * v1 + a] * sb }
                    }
                }
                // Level j's block of L21 (m × v1, column-major) and this observation's rows in it.
                let start = rowStart[level1], m = rowStart[level1 + 1] - start
                for t in 0..<rest.count {
                    let term = rest[t]
                    let vt = term.vsize
                    let row = term.offset - q1 + Int(term.refs[i]) * vt
                    let position = start * v1 + Int(positions[i * laterTerms + t])
                    for b in 0..<v1 {
                        let sb = wi * s1[i * v1 + b]
                        let col = position + b * m
                        for a in 0..<vt { l21[col + a] += term.scaledZ[i * vt + a] * sb }
                    }
                    for s in 0...t {
                        let other = rest[s]
                        let vs = other.vsize
                        let col0 = other.offset - q1 + Int(other.refs[i]) * vs
                        for b in 0..<vs {
                            let sb = wi * other.scaledZ[i * vs + b]
                            for a in 0..<vt where row + a >= col0 + b {
                                l22[row + a + (col0 + b) * q2] += term.scaledZ[i * vt + a] * sb
                            }
                        }
                    }
                }
            }
        }}}}}}}
    }

    /// Observations × later terms from which the scalar accumulation runs its two parts on two cores.
    static let parallelAccumulationWork = 1 << 17

    /// The all-scalar-terms case of the accumulation (random intercepts only), without the inner loops; zeroes
    /// the blocks first. L₂₁'s sums and those of L₁₁ and A₂₂ are separate passes over the observations writing
    /// separate blocks: on large data they run on two cores, each block receiving its sums in the same order.
    private static func accumulateScalar(n: Int, q1: Int, q2: Int, w: UnsafePointer<Double>,
                                         s1: UnsafePointer<Double>, r1: UnsafePointer<Int32>,
                                         rest: UnsafeBufferPointer<RawTerm>, rowStart: UnsafePointer<Int>,
                                         positions: UnsafePointer<Int32>?, l11: UnsafeMutableBufferPointer<Double>,
                                         l21: UnsafeMutableBufferPointer<Double>,
                                         l22: UnsafeMutableBufferPointer<Double>) {
        let laterTerms = rest.count
        func diagonalBlocks() {
            l11.update(repeating: 0)
            l22.update(repeating: 0)
            accumulateRuns(into: l11.baseAddress!, count: n, index: { Int(r1[$0]) },
                           value: { w[$0] * s1[$0] * s1[$0] })
            guard let l22 = l22.baseAddress else { return }
            for t in 0..<laterTerms {
                let term = rest[t]
                let base = term.offset - q1
                // Terms are stacked in order, so term t's rows never precede term s's columns (s ≤ t): lower
                // triangle.
                for s in 0...t {
                    let other = rest[s]
                    let otherBase = other.offset - q1
                    accumulateRuns(into: l22, count: n,
                                   index: { base + Int(term.refs[$0]) + (otherBase + Int(other.refs[$0])) * q2 },
                                   value: { w[$0] * term.scaledZ[$0] * other.scaledZ[$0] })
                }
            }
        }
        func crossBlock() {
            l21.update(repeating: 0)
            guard let values = l21.baseAddress, let positions else { return }
            for t in 0..<laterTerms {
                let term = rest[t]
                // Scalar first term: level j's single column of L21 starts at rowStart[j].
                accumulateRuns(into: values, count: n,
                               index: { rowStart[Int(r1[$0])] + Int(positions[$0 * laterTerms + t]) },
                               value: { w[$0] * s1[$0] * term.scaledZ[$0] })
            }
        }
        if n * laterTerms < parallelAccumulationWork {
            diagonalBlocks()
            crossBlock()
        } else {
            SpareCores.split { $0 == 0 ? crossBlock() : diagonalBlocks() }
        }
    }

    private mutating func factorRandomEffectBlocks() throws {
        let v1 = self.v1, q1 = self.q1, q2 = self.q2
        let levels = v1 == 0 ? 0 : q1 / v1
        var logDet = 0.0
        try l11.withUnsafeMutableBufferPointer { l11 in
            for j in 0..<levels {
                let block = l11.baseAddress! + j * v1 * v1
                for a in 0..<v1 { block[a * (v1 + 1)] += 1 }
                guard choleskyLower(block, n: v1, ld: v1, dividingByPivot: true) else {
                    throw GLMMError.numerical("the random-effects system is not positive definite (non-finite weights)")
                }
                for a in 0..<v1 { logDet += 2 * log(block[a * (v1 + 1)]) }
            }
        }
        guard q2 > 0 else { self.logDet = logDet; return }
        // L21 = A21 L11⁻ᵀ, one block column per level of the first term; then A22 − L21 L21ᵀ and its factor.
        let cross = self.cross
        l11.withUnsafeBufferPointer { l11 in
        l21.withUnsafeMutableBufferPointer { l21 in
        l22.withUnsafeMutableBufferPointer { l22 in
            guard let values = l21.baseAddress else { return }
            cross.divide(values, byTransposed: l11.baseAddress!)
            cross.subtractOuterProducts(values, from: l22.baseAddress!, q2: q2)
        }}}
        for a in 0..<q2 { l22[a * (q2 + 1)] += 1 }
        let ok = l22.withUnsafeMutableBufferPointer {
            choleskyLower($0.baseAddress!, n: q2, ld: q2, dividingByPivot: true)
        }
        guard ok else { throw GLMMError.numerical("the random-effects system is not positive definite") }
        for a in 0..<q2 { logDet += 2 * log(l22[a * (q2 + 1)]) }
        self.logDet = logDet
    }

    private mutating func factorFixedEffectRows() throws {
        let p = self.p, q1 = self.q1, q2 = self.q2, v1 = self.v1
        let levels = v1 == 0 ? 0 : q1 / v1
        l11.withUnsafeBufferPointer { l11 in
            lx.withUnsafeMutableBufferPointer { lx in
                Self.solveRightTransposed(lx.baseAddress!, rows: p, diagonalBlocks: l11.baseAddress!,
                                          blockSize: v1, blockCount: levels)
            }
        }
        if q2 > 0 {
            lx.withUnsafeMutableBufferPointer { lx in
                let lx1 = lx.baseAddress!, lx2 = lx.baseAddress! + p * q1
                // LX2 = (XᵀWZΛ₂ − LX1 L21ᵀ) L22⁻ᵀ
                l21.withUnsafeBufferPointer { l21 in
                    if let values = l21.baseAddress { cross.subtractRightProduct(values, lx1, from: lx2, p: p) }
                }
                cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(p), Int32(q2), 1,
                            l22, Int32(q2), lx2, Int32(p))
            }
        }
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(p), Int32(q1 + q2), -1, lx, Int32(p), 1,
                    &lxx, Int32(p))
        let ok = lxx.withUnsafeMutableBufferPointer {
            choleskyLower($0.baseAddress!, n: p, ld: p, dividingByPivot: true)
        }
        guard ok else {
            throw GLMMError.numerical("the fixed-effects block of the weighted system is not positive definite")
        }
    }

    /// M ← M B⁻ᵀ for B block-diagonal lower triangular (blocks of `blockSize`), M with `rows` rows.
    private static func solveRightTransposed(_ m: UnsafeMutablePointer<Double>, rows: Int,
                                             diagonalBlocks l: UnsafePointer<Double>, blockSize v: Int,
                                             blockCount: Int) {
        for j in 0..<blockCount {
            divideByLowerTransposed(m + j * v * rows, rows: rows, ldb: rows, l + j * v * v, n: v, ldl: v)
        }
    }
}
