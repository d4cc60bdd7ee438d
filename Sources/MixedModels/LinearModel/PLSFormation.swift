import CBLAS

// Forming A = [Z X y]ᵀ W [Z X y] from the stored columns: done once for a linear mixed model, and after every
// reweighting for a generalized one. Allocation-free.
extension PLSSystem {
    /// Replaces the response (the last column of [X y]); call `updateA()` afterwards.
    func setResponse(_ y: UnsafeBufferPointer<Double>) {
        for o in 0..<min(n, y.count) { xyRows[p, o] = y[o] }
    }

    /// Installs √w per observation; call `updateA()` afterwards.
    func setSqrtWeights(_ w: UnsafeBufferPointer<Double>) {
        for o in 0..<min(n, w.count) { sqrtWeights[o] = w[o] }
        isWeighted = true
    }

    /// Re-forms every block of A from the unweighted columns, the response and the weights.
    func updateA() {
        let w = p + 1
        for o in 0..<n {
            let s = sqrtWeights[o]
            for c in 0..<w { weightedXy[c, o] = s * xyRows[c, o] }
        }
        for (j, t) in terms.enumerated() {
            let wz = weightedZ[j]
            t.z.withUnsafeBufferPointer { z in
                for o in 0..<n {
                    let s = sqrtWeights[o]
                    for e in 0..<t.v { wz[o * t.v + e] = s * z[o * t.v + e] }
                }
            }
        }
        for (j, t) in terms.enumerated() {
            formDiagonal(j, t)
            formFixedCross(j, t)
            for i in (j + 1)..<max(j + 1, terms.count) { formOffDiagonal(i, j) }
        }
        aXX.zero()
        _ = singleThreadedBLAS
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(w), Int32(n), 1, weightedXy.data, Int32(w), 0,
                    aXX.data, Int32(w))
    }

    /// ZⱼᵀWZⱼ: one `v × v` block per level.
    private func formDiagonal(_ j: Int, _ t: TermLayout) {
        let a = aDiagonal[j]
        a.zero()
        let wz = weightedZ[j]
        let v = t.v
        t.refs.withUnsafeBufferPointer { refs in
            for o in 0..<n {
                let block = a.block(Int(refs[o]))
                let zo = wz + o * v
                for c in 0..<v {
                    for r in 0..<v { block[r + c * v] += zo[r] * zo[c] }
                }
            }
        }
    }

    /// [X y]ᵀWZⱼ, `(p + 1) × q_j`.
    private func formFixedCross(_ j: Int, _ t: TermLayout) {
        let a = aXZ[j]
        a.zero()
        let wz = weightedZ[j]
        let v = t.v
        let w = p + 1
        t.refs.withUnsafeBufferPointer { refs in
            for o in 0..<n {
                let column = a.data + Int(refs[o]) * v * w
                let xo = weightedXy.data + o * w
                for e in 0..<v {
                    let ze = wz[o * v + e]
                    if ze == 0 { continue }
                    for c in 0..<w { column[c + e * w] += xo[c] * ze }
                }
            }
        }
    }

    /// ZᵢᵀWZⱼ for i > j, into its sparse level pattern.
    private func formOffDiagonal(_ i: Int, _ j: Int) {
        let a = aOff[i][j]
        a.zero()
        let vi = terms[i].v
        let vj = terms[j].v
        let zi = weightedZ[i]
        let zj = weightedZ[j]
        observationBlock[i][j].withUnsafeBufferPointer { blocks in
            for o in 0..<n {
                let block = a.block(Int(blocks[o]))
                for c in 0..<vj {
                    let zc = zj[o * vj + c]
                    for r in 0..<vi { block[r + c * vi] += zi[o * vi + r] * zc }
                }
            }
        }
    }
}
