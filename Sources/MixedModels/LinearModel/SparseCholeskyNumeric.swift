import CBLAS
import CCholmod
import Foundation

// The per-evaluation work of the sparse diagonal block: forming M(P, P), the numeric supernodal factorization and
// the triangular solves on the supernodes. No Swift allocation; CHOLMOD reuses the factor and its workspace.
extension SparseCholeskyBlock {
    /// Forms M = λ²·diag(a) + I − Σ S Sᵀ in the permuted lower pattern and factors it. False when M is not
    /// positive definite. `alongside` (the fixed-effects rows, independent of M: parts of a C function of a
    /// context, so that no closure context is allocated, run in order) runs on a spare core during the numeric
    /// factorization, whose first supernodes are too small to share, and is done on return.
    func factorize(aDiagonal: UnsafePointer<Double>, lambda: Double,
                   alongside: (work: PartHelper.Work, context: UnsafeMutableRawPointer, parts: Int)? = nil)
        -> Bool {
        // Column ranges of M, each with its own accumulator: every entry is summed in the same order whichever
        // thread forms it.
        var job = FormationJob(block: Unmanaged.passUnretained(self), aDiagonal: aDiagonal, lambda: lambda,
                               values: permuted.pointee.x.assumingMemoryBound(to: Double.self))
        withUnsafeMutablePointer(to: &job) { job in
            SpareCores.share(parts: formCuts.count - 1, context: job) { job, part in
                let j = job.assumingMemoryBound(to: FormationJob.self).pointee
                let block = j.block.takeUnretainedValue()
                block.form(columns: block.formCuts[part]..<block.formCuts[part + 1],
                           accumulator: block.accumulator + part * block.q, aDiagonal: j.aDiagonal,
                           lambda: j.lambda, values: j.values)
            }
        }
        guard let factor else {
            if let alongside { for part in 0..<alongside.parts { alongside.work(alongside.context, part) } }
            return false
        }
        // The root supernode's dpotrf may take a spare core (TwoCoreCholesky); CHOLMOD's OpenMP regions stay off.
        setOpenMPMaxActiveLevels?(0)
        var beta: (Double, Double) = (0, 0)
        let ok = TwoCoreCholesky.enabled {
            SpareCores.alongside(alongside) {
                withUnsafeMutablePointer(to: &beta) { pointer in
                    pointer.withMemoryRebound(to: Double.self, capacity: 2) { beta in
                        cholmod_super_numeric(permuted, nil, beta, factor, common)
                    }
                }
            }
        }
        return ok != 0 && common.pointee.status == CHOLMOD_OK
    }

    /// What each part of M's formation reads (on the caller's stack while the parts run).
    struct FormationJob {
        let block: Unmanaged<SparseCholeskyBlock>
        let aDiagonal: UnsafePointer<Double>
        let lambda: Double
        let values: UnsafeMutablePointer<Double>
    }

    /// The columns `columns` of M, each through the scatter accumulator `acc` (zero on entry and on exit).
    private func form(columns: Range<Int>, accumulator acc: UnsafeMutablePointer<Double>,
                      aDiagonal: UnsafePointer<Double>, lambda: Double, values: UnsafeMutablePointer<Double>) {
        rows.withUnsafeBufferPointer { rows in
            position.withUnsafeBufferPointer { position in
                for i in columns {
                    for (b, s) in blocks.enumerated() { accumulate(level: i, block: b, s, into: acc) }
                    let first = columnStart[i]
                    values[Int(position[first])] = lambda * aDiagonal[i] * lambda + 1 - acc[i]
                    acc[i] = 0
                    for e in (first + 1)..<columnStart[i + 1] {
                        let r = Int(rows[e])
                        values[Int(position[e])] = -acc[r]
                        acc[r] = 0
                    }
                }
            }
        }
    }

    /// acc[r] += Σ S[r, c] S[i, c] over the columns c of row i of S, for the rows r ≥ i.
    @inline(__always)
    private func accumulate(level i: Int, block b: Int, _ s: BlockSparseBlock, into acc: UnsafeMutablePointer<Double>) {
        let vc = s.vc
        let data = s.data
        s.colStart.withUnsafeBufferPointer { colStart in
            s.rowLevel.withUnsafeBufferPointer { rowLevel in
                transposeBlock[b].withUnsafeBufferPointer { tBlock in
                    transposeColumn[b].withUnsafeBufferPointer { tColumn in
                        transposeStart[b].withUnsafeBufferPointer { tStart in
                            if vc == 1 {
                                // Scalar terms (insteval): the same products in the same order, without the
                                // index arithmetic of a sub-block's columns, the next column's rows fetched ahead.
                                let rows32 = rowLevel32[b]
                                let last = tStart[i + 1]
                                for t in tStart[i]..<last {
                                    if t &+ 2 < last {
                                        let ahead = Int(tBlock[t &+ 2])
                                        mixedmodels_prefetch(data + ahead)
                                        mixedmodels_prefetch(rows32 + ahead)
                                    }
                                    let a = Int(tBlock[t])
                                    let end = colStart[Int(tColumn[t]) &+ 1]
                                    let x = data[a]
                                    var k = a
                                    while k < end {
                                        acc[Int(rows32[k])] += data[k] * x
                                        k &+= 1
                                    }
                                }
                                return
                            }
                            for t in tStart[i]..<tStart[i + 1] {
                                let a = Int(tBlock[t])
                                let end = colStart[Int(tColumn[t]) + 1]
                                for e in 0..<vc {
                                    let x = data[a * vc + e]
                                    for k in a..<end { acc[rowLevel[k]] += data[k * vc + e] * x }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Σ log diag(L), after a successful `factorize`.
    func logDiagonalSum() -> Double {
        guard let f = factor else { return .nan }
        var sum = 0.0
        for sn in 0..<Int(f.pointee.nsuper) {
            let (_, columns, height, block, _) = supernode(f, sn)
            for k in 0..<columns { sum += log(block[k + k * height]) }
        }
        return sum
    }

    /// x ← x(:, P) L⁻ᵀ for x of `m` rows (column-major, leading dimension m, q columns): the fixed-effects rows
    /// of L for this term (m = p + 1), or, with m = 1, the forward solve L⁻¹ P w.
    func divideRows(_ x: UnsafeMutablePointer<Double>, rows m: Int) {
        for k in 0..<q { (work + k * m).update(from: x + Int(permutation[k]) * m, count: m) }
        solveRightTransposed(work, rows: m)
        x.update(from: work, count: q * m)
    }

    /// u ← Pᵀ L⁻ᵀ u (u in the permuted order on entry, the original order on exit): the back solve for ũ.
    func backSolve(_ u: UnsafeMutablePointer<Double>) {
        work.update(from: u, count: q)
        solveRight(work, rows: 1)
        for k in 0..<q { u[Int(permutation[k])] = work[k] }
    }

    /// Supernode `sn` of the factor: its first column, width, height (rows incl. the diagonal block), its
    /// column-major values and the row indices below its diagonal block.
    private func supernode(_ f: UnsafeMutablePointer<cholmod_factor>, _ sn: Int)
        -> (first: Int, columns: Int, height: Int, values: UnsafeMutablePointer<Double>,
            below: UnsafeMutablePointer<Int32>) {
        let superStart = f.pointee.super.assumingMemoryBound(to: Int32.self)
        let pi = f.pointee.pi.assumingMemoryBound(to: Int32.self)
        let px = f.pointee.px.assumingMemoryBound(to: Int32.self)
        let first = Int(superStart[sn])
        let columns = Int(superStart[sn + 1]) - first
        let rowIndex = f.pointee.s.assumingMemoryBound(to: Int32.self) + Int(pi[sn]) + columns
        return (first, columns, Int(pi[sn + 1] - pi[sn]),
                f.pointee.x.assumingMemoryBound(to: Double.self) + Int(px[sn]), rowIndex)
    }

    /// X ← X L⁻ᵀ, supernode by supernode in order.
    private func solveRightTransposed(_ x: UnsafeMutablePointer<Double>, rows m: Int) {
        guard let f = factor else { return }
        _ = singleThreadedBLAS
        for sn in 0..<Int(f.pointee.nsuper) {
            let (first, columns, height, block, rowIndex) = supernode(f, sn)
            let below = height - columns
            let xs = x + first * m
            cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(m), Int32(columns), 1,
                        block, Int32(height), xs, Int32(m))
            guard below > 0 else { continue }
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(below), Int32(columns), 1, xs,
                        Int32(m), block + columns, Int32(height), 0, update, Int32(m))
            for r in 0..<below {
                let target = x + Int(rowIndex[r]) * m
                let source = update + r * m
                for e in 0..<m { target[e] -= source[e] }
            }
        }
    }

    /// X ← X L⁻¹, supernode by supernode in reverse order.
    private func solveRight(_ x: UnsafeMutablePointer<Double>, rows m: Int) {
        guard let f = factor else { return }
        _ = singleThreadedBLAS
        var sn = Int(f.pointee.nsuper) - 1
        while sn >= 0 {
            let (first, columns, height, block, rowIndex) = supernode(f, sn)
            let below = height - columns
            let xs = x + first * m
            if below > 0 {
                for r in 0..<below { (update + r * m).update(from: x + Int(rowIndex[r]) * m, count: m) }
                cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(columns), Int32(below), -1,
                            update, Int32(m), block + columns, Int32(height), 1, xs, Int32(m))
            }
            cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasNoTrans, CblasNonUnit, Int32(m), Int32(columns),
                        1, block, Int32(height), xs, Int32(m))
            sn -= 1
        }
    }
}
