import CBLAS
import Foundation

// The per-θ work: L = blocked Cholesky factor of [ΛᵀZᵀWZΛ + I, ΛᵀZᵀW[X y]; …]. Allocation-free.
extension PLSSystem {
    /// Installs θ into each term's Λ.
    func setTheta(_ theta: UnsafePointer<Double>) {
        for (j, t) in terms.enumerated() {
            let l = lambda[j]
            l.update(repeating: 0, count: t.v * t.v)
            for (e, index) in t.lambdaIndices.enumerated() { l[index] = theta[t.thetaOffset + e] }
        }
    }

    /// Computes L(θ). Returns false when a block is not positive definite (only possible through X or y).
    @discardableResult
    func updateL(theta: UnsafePointer<Double>) -> Bool {
        setTheta(theta)
        let fixedRowsAside = fixedRowsBesideSparseFactor
        scaleAndInflate(fixedRows: !fixedRowsAside)
        let k = terms.count
        let w = p + 1
        for j in 0..<k {
            let lx = lXZ[j]
            if case .sparse(let m) = lDiagonal[j] {
                // The last term: forms M from the off-diagonal blocks itself, no term below it. The fixed-effects
                // rows (of every term when `fixedRowsAside`, else of this one) are downdated beside the numeric
                // factorization: they do not depend on it.
                var job = FixedRowsJob(system: Unmanaged.passUnretained(self), term: j, allTerms: fixedRowsAside)
                let factored = withUnsafeMutablePointer(to: &job) { job in
                    let work: PartHelper.Work = { job, part in
                        let d = job.assumingMemoryBound(to: FixedRowsJob.self).pointee
                        d.system.takeUnretainedValue().fixedRows(part: part, of: d)
                    }
                    return m.factorize(aDiagonal: aDiagonal[j].data, lambda: lambda[j][0],
                                       alongside: (work, UnsafeMutableRawPointer(job), 1 + j * Self.downdateChunks))
                }
                guard factored else { return false }
                m.divideRows(lx.data, rows: w)
                subtractGram(lXX, lx)
                continue
            }
            if !fixedRowsAside { downdateFixedRows(term: j) }
            for jj in 0..<j { downdateDiagonal(j, with: lOff[j][jj]) }
            // A large dense block divides the fixed-effects rows panel by panel while it is factored.
            var fixedRowsDivided = false
            if case .dense(let d) = lDiagonal[j], d.rows >= blockedCholeskyLimit {
                guard blockedCholeskyLower(d.data, n: d.rows, ld: d.rows, dividing: lx.data, rows: w, ldb: w) else {
                    return false
                }
                fixedRowsDivided = true
            } else {
                guard factorDiagonal(j) else { return false }
            }
            for i in (j + 1)..<max(j + 1, k) {
                for jj in 0..<j { downdateOff(lOff[i][j], lOff[i][jj], lOff[j][jj]) }
                divideOff(lOff[i][j], by: j)
            }
            if fixedRowsAside { continue }
            if !fixedRowsDivided { divideFixedRows(term: j) }
            subtractGram(lXX, lx)
        }
        return choleskyLower(lXX.data, n: w, ld: w)
    }

    /// Whether the last diagonal block is sparse and no earlier one divides its fixed-effects rows while it is
    /// factored: then the fixed-effects rows of every term, which no random-effects block depends on, are all
    /// computed beside the sparse factorization, in the same order as otherwise (the same results).
    private var fixedRowsBesideSparseFactor: Bool {
        guard case .sparse = lDiagonal.last else { return false }
        return !lDiagonal.dropLast().contains { block in
            if case .dense(let d) = block { return d.rows >= blockedCholeskyLimit }
            return false
        }
    }

    /// Part `part` of `job`, the parts run in order: first the fixed-effects rows of the earlier terms (when
    /// `allTerms`), then the downdate of the sparse term's rows by each earlier term in `downdateChunks` column
    /// ranges (so that the helper running them takes the parts of a shared kernel between two of them).
    fileprivate func fixedRows(part: Int, of job: FixedRowsJob) {
        let j = job.term
        guard part > 0 else {
            guard job.allTerms else { return }
            lXX.copy(from: aXX)
            for t in 0..<j {
                scaleFixedRows(term: t)
                completeFixedRows(term: t)
            }
            scaleFixedRows(term: j)
            return
        }
        let jj = (part - 1) / Self.downdateChunks, chunk = (part - 1) % Self.downdateChunks
        let s = lOff[j][jj]
        let columns = s.colLevels * chunk / Self.downdateChunks..<s.colLevels * (chunk + 1) / Self.downdateChunks
        downdateFixedRows(lXZ[j], with: s, lXZ[jj], columns: columns)
    }

    /// Column ranges of each downdate of the sparse term's fixed-effects rows run beside its factorization.
    static let downdateChunks = 8

    /// The fixed-effects rows of term j (above the last) and their share of L_XX, once the random-effects blocks
    /// of the terms up to j are factored.
    private func completeFixedRows(term j: Int) {
        downdateFixedRows(term: j)
        divideFixedRows(term: j)
        subtractGram(lXX, lXZ[j])
    }

    /// L_Xj ← L_Xj L_jj⁻ᵀ for a block-diagonal or dense diagonal block.
    private func divideFixedRows(term j: Int) {
        let vj = terms[j].v
        let w = p + 1
        let lx = lXZ[j]
        switch lDiagonal[j] {
        case .blockDiagonal(let d):
            for c in 0..<d.count {
                divideByLowerTransposed(lx.data + c * vj * w, rows: w, ldb: w, d.block(c), n: vj, ldl: vj)
            }
        case .dense(let d):
            divideByLowerTransposed(lx.data, rows: w, ldb: w, d.data, n: d.rows, ldl: d.rows)
        case .sparse:
            preconditionFailure("the sparse diagonal block divides its fixed-effects rows after its factorization")
        }
    }

    /// Copies A into L, scaling by Λ and adding I on the random-effects diagonal; the fixed-effects rows too
    /// when `fixedRows`.
    private func scaleAndInflate(fixedRows: Bool) {
        let w = p + 1
        for (j, t) in terms.enumerated() {
            let v = t.v
            let lam = lambda[j]
            let a = aDiagonal[j]
            switch lDiagonal[j] {
            case .blockDiagonal(let d):
                d.data.update(from: a.data, count: v * v * t.levels)
                for c in 0..<t.levels {
                    let b = d.block(c)
                    multiplyLeftLambdaTransposed(b, cols: v, ldb: v, lam, v: v)
                    multiplyRightLambda(b, rows: v, ldb: v, lam, v: v)
                    for e in 0..<v { b[e + e * v] += 1 }
                }
            case .dense(let d):
                // Only the lower triangle is ever written or read: the upper one stays zero from allocation.
                let ld = d.rows
                for col in 0..<ld { (d.data + col + col * ld).update(repeating: 0, count: ld - col) }
                for c in 0..<t.levels {
                    let b = d.data + c * v + c * v * ld
                    let source = a.block(c)
                    for col in 0..<v {
                        for row in 0..<v { b[row + col * ld] = source[row + col * v] }
                    }
                    multiplyLeftLambdaTransposed(b, cols: v, ldb: ld, lam, v: v)
                    multiplyRightLambda(b, rows: v, ldb: ld, lam, v: v)
                    for e in 0..<v { b[e + e * ld] += 1 }
                }
            case .sparse:
                // Formed from A's diagonal during the factorization.
                break
            }
            for i in (j + 1)..<max(j + 1, terms.count) {
                let l = lOff[i][j]
                let source = aOff[i][j]
                let vi = terms[i].v
                let lamI = lambda[i]
                if vi == 1 && v == 1 && l.blockCount == source.blockCount {
                    // Scalar terms without fill-in (patterns equal): one pass, same products as the general path.
                    let left = lamI[0]
                    let right = lam[0]
                    for s in 0..<l.blockCount { l.data[s] = source.data[s] * left * right }
                    continue
                }
                l.zero()
                let size = l.blockSize
                let map = aToL[i][j]
                for s in 0..<source.blockCount {
                    l.block(map[s]).update(from: source.block(s), count: size)
                }
                for s in 0..<l.blockCount {
                    let b = l.block(s)
                    multiplyLeftLambdaTransposed(b, cols: v, ldb: vi, lamI, v: vi)
                    multiplyRightLambda(b, rows: vi, ldb: vi, lam, v: v)
                }
            }
            if fixedRows { scaleFixedRows(term: j) }
        }
        if fixedRows { lXX.copy(from: aXX) }
    }

    /// L_Xj ← A_Xj Λ_j.
    private func scaleFixedRows(term j: Int) {
        let v = terms[j].v
        let w = p + 1
        let lx = lXZ[j]
        lx.copy(from: aXZ[j])
        for c in 0..<terms[j].levels { multiplyRightLambda(lx.data + c * v * w, rows: w, ldb: w, lambda[j], v: v) }
    }

    /// L_jj ← L_jj − S Sᵀ for an off-diagonal block S = L_{j,jj}.
    private func downdateDiagonal(_ j: Int, with s: BlockSparseBlock) {
        let vr = s.vr
        let vc = s.vc
        switch lDiagonal[j] {
        case .blockDiagonal(let d):
            // The symbolic analysis made this block-diagonal only when each column holds one row level.
            for c in 0..<s.colLevels {
                for a in s.colStart[c]..<s.colStart[c + 1] {
                    let b = s.block(a)
                    subtractProductTransposed(d.block(s.rowLevel[a]), ldc: vr, b, lda: vr, b, ldb: vr,
                                              m: vr, n: vr, k: vc)
                }
            }
        case .dense(let d):
            let ld = d.rows
            if vr == 1 && vc == 1 {
                // The hot loop of crossed scalar terms: unchecked buffers, one scatter per product. On large
                // crossed data its target columns are split across two cores (each entry still receives its
                // products in the same order), and the columns meeting many rows go to one BLAS product.
                let plan = s.gramPlan
                let (split, dense) = (plan.split, plan.dense)
                let parts = plan.work >= Self.parallelGramWork ? 2 : 1
                s.colStart.withUnsafeBufferPointer { colStart in
                    s.rowLevel.withUnsafeBufferPointer { rowLevel in
                        let values = s.data
                        func update(columns: Range<Int>) {
                            plan.forEachSource(columns: columns) { i, c, x in
                                let a = colStart[c] + x, end = colStart[c + 1]
                                let xa = values[a]
                                let column = d.data + i * ld
                                for b in a..<end { column[rowLevel[b]] -= values[b] * xa }
                            }
                        }
                        if parts == 1 {
                            update(columns: 0..<s.rowLevels)
                        } else {
                            SpareCores.split { update(columns: $0 == 0 ? 0..<split : split..<s.rowLevels) }
                        }
                        dense?.subtract(from: d.data, ld: ld) { c, column in
                            for a in colStart[c]..<colStart[c + 1] { column[rowLevel[a]] = values[a] }
                        }
                    }
                }
                return
            }
            for c in 0..<s.colLevels {
                let start = s.colStart[c]
                let end = s.colStart[c + 1]
                for a in start..<end {
                    for b in a..<end {
                        // Rows ascend within a column, so block (row of b, row of a) is on or below the diagonal.
                        let target = d.data + s.rowLevel[b] * vr + s.rowLevel[a] * vr * ld
                        subtractProductTransposed(target, ldc: ld, s.block(b), lda: vr, s.block(a), ldb: vr,
                                                  m: vr, n: vr, k: vc)
                    }
                }
            }
        case .sparse:
            break
        }
    }

    /// Products in `downdateDiagonal` from which the crossed-terms update is split across two cores.
    static let parallelGramWork = 1 << 18

    /// The fixed-effects rows computed beside the sparse factorization of term `term`: its downdate by every
    /// earlier term, after the whole fixed-effects rows of those terms (from A_X and A_XX) when `allTerms`.
    struct FixedRowsJob {
        let system: Unmanaged<PLSSystem>
        let term: Int
        let allTerms: Bool
    }

    private func downdateFixedRows(term j: Int) {
        for jj in 0..<j { downdateFixedRows(lXZ[j], with: lOff[j][jj], lXZ[jj]) }
    }

    /// L_Xj ← L_Xj − L_X,jj Sᵀ for S = L_{j,jj}: the fixed-effects rows of column block j (the products of S's
    /// column levels `columns`, all by default).
    private func downdateFixedRows(_ lx: DenseBlock, with s: BlockSparseBlock, _ source: DenseBlock,
                                   columns: Range<Int>? = nil) {
        let columns = columns ?? 0..<s.colLevels
        let w = p + 1
        let vj = s.vr
        let vjj = s.vc
        s.colStart.withUnsafeBufferPointer { colStart in
            s.rowLevel.withUnsafeBufferPointer { rowLevel in
                if vj == 1 && vjj == 1 {
                    // Scalar terms (crossed, as in insteval): one contiguous axpy of length p + 1 per sub-block.
                    for c in columns {
                        let from = source.data + c * w
                        for b in colStart[c]..<colStart[c + 1] {
                            let to = lx.data + rowLevel[b] * w
                            let x = s.data[b]
                            for i in 0..<w { to[i] -= from[i] * x }
                        }
                    }
                    return
                }
                for c in columns {
                    let from = source.data + c * vjj * w
                    for b in colStart[c]..<colStart[c + 1] {
                        subtractProductTransposed(lx.data + rowLevel[b] * vj * w, ldc: w, from, lda: w, s.block(b),
                                                  ldb: vj, m: w, n: vj, k: vjj)
                    }
                }
            }
        }
    }

    /// T ← T − Sᵢ Sⱼᵀ where Sᵢ = L_{i,jj}, Sⱼ = L_{j,jj} and T = L_{i,j} contains the fill-in.
    private func downdateOff(_ t: BlockSparseBlock, _ si: BlockSparseBlock, _ sj: BlockSparseBlock) {
        for c in 0..<si.colLevels {
            for a in si.colStart[c]..<si.colStart[c + 1] {
                for b in sj.colStart[c]..<sj.colStart[c + 1] {
                    guard let index = t.index(row: si.rowLevel[a], column: sj.rowLevel[b]) else { continue }
                    subtractProductTransposed(t.block(index), ldc: t.vr, si.block(a), lda: si.vr, sj.block(b),
                                              ldb: sj.vr, m: t.vr, n: t.vc, k: si.vc)
                }
            }
        }
    }

    /// L_{i,j} ← L_{i,j} L_jj⁻ᵀ.
    private func divideOff(_ t: BlockSparseBlock, by j: Int) {
        switch lDiagonal[j] {
        case .blockDiagonal(let d):
            if t.vr == 1 && t.vc == 1 {
                // Scalar terms (crossed, as in insteval): divideByLowerTransposed's product by 1/l, inline.
                for c in 0..<t.colLevels {
                    let inverse = 1 / d.block(c)[0]
                    for a in t.colStart[c]..<t.colStart[c + 1] { t.data[a] *= inverse }
                }
                return
            }
            for c in 0..<t.colLevels {
                for a in t.colStart[c]..<t.colStart[c + 1] {
                    divideByLowerTransposed(t.block(a), rows: t.vr, ldb: t.vr, d.block(c), n: t.vc, ldl: t.vc)
                }
            }
        case .dense(let d):
            // The symbolic analysis made t full, so row level r sits at position r of every column.
            let qj = d.rows
            for r in 0..<t.rowLevels {
                for s in 0..<t.vr {
                    for c in 0..<t.colLevels {
                        let b = t.block(t.colStart[c] + r)
                        for e in 0..<t.vc { scratch[c * t.vc + e] = b[s + e * t.vr] }
                    }
                    solveLower(d.data, n: qj, ld: qj, scratch)
                    for c in 0..<t.colLevels {
                        let b = t.block(t.colStart[c] + r)
                        for e in 0..<t.vc { b[s + e * t.vr] = scratch[c * t.vc + e] }
                    }
                }
            }
        case .sparse:
            preconditionFailure("only the last term has a sparse diagonal block")
        }
    }

    private func factorDiagonal(_ j: Int) -> Bool {
        switch lDiagonal[j] {
        case .blockDiagonal(let d):
            for c in 0..<d.count where !choleskyLower(d.block(c), n: d.v, ld: d.v) { return false }
            return true
        case .dense(let d):
            return choleskyLower(d.data, n: d.rows, ld: d.rows)
        case .sparse:
            preconditionFailure("the sparse diagonal block is factored with its off-diagonal blocks")
        }
    }

    /// C ← C − A Aᵀ (lower triangle) for the small `(p + 1)`-row blocks.
    private func subtractGram(_ c: DenseBlock, _ a: DenseBlock) {
        let m = c.rows
        if m * a.cols > 256 {
            _ = singleThreadedBLAS
            cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(m), Int32(a.cols), -1, a.data, Int32(m), 1,
                        c.data, Int32(m))
            return
        }
        for col in 0..<m {
            for row in col..<m {
                var s = 0.0
                for t in 0..<a.cols { s += a.data[row + t * m] * a.data[col + t * m] }
                c.data[row + col * m] -= s
            }
        }
    }

    // MARK: Pieces of the objective (valid after `updateL`)

    /// log |ΛᵀZᵀWZΛ + I| = 2 Σ log diag(L_ZZ).
    func logDeterminant() -> Double {
        var s = 0.0
        for block in lDiagonal {
            switch block {
            case .blockDiagonal(let d):
                for c in 0..<d.count {
                    let b = d.block(c)
                    for e in 0..<d.v { s += log(b[e + e * d.v]) }
                }
            case .dense(let d):
                for e in 0..<d.rows { s += log(d[e, e]) }
            case .sparse(let m):
                s += m.logDiagonalSum()
            }
        }
        return 2 * s
    }

    /// log |R_X|² where R_X is the fixed-effects part of L (the extra term of the REML criterion).
    func fixedEffectsLogDeterminant() -> Double {
        var s = 0.0
        for e in 0..<p { s += log(lXX[e, e]) }
        return 2 * s
    }

    /// Penalized weighted residual sum of squares, the square of the last diagonal element of L.
    func penalizedRSS() -> Double {
        let r = lXX[p, p]
        return r * r
    }

    /// −2 log-likelihood (ML) or the REML criterion, with β and σ profiled out.
    func objective(reml: Bool) -> Double {
        let pwrss = penalizedRSS()
        let dof = Double(reml ? n - p : n)
        var value = logDeterminant() + dof * (1 + log(2 * Double.pi * pwrss / dof))
        if reml { value += fixedEffectsLogDeterminant() }
        if isWeighted {
            var s = 0.0
            for o in 0..<n { s += log(sqrtWeights[o]) }
            value -= 2 * s
        }
        return value
    }
}
