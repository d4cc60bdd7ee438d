import CBLAS

// Forming A = [Z X y]ᵀ W [Z X y] from the stored columns: done once for a linear mixed model, and after every
// reweighting. Allocation-free, but for the weighted copies the first `setSqrtWeights` makes.
extension PLSSystem {
    /// Replaces the response (the last column of [X y]); call `updateA()` afterwards.
    func setResponse(_ y: UnsafeBufferPointer<Double>) {
        for o in 0..<min(n, y.count) { xyRows[p, o] = y[o] }
    }

    /// Installs √w per observation; call `updateA()` afterwards. The first call allocates the weighted working
    /// copies of the columns (never inside an objective evaluation: a system's weights are set before its fit).
    func setSqrtWeights(_ w: UnsafeBufferPointer<Double>) {
        for o in 0..<min(n, w.count) { sqrtWeights[o] = w[o] }
        if weightedXy == nil {
            weightedXy = DenseBlock(rows: p + 1, cols: n)
            weightedZ = terms.map { t in
                let buffer = UnsafeMutablePointer<Double>.allocate(capacity: max(1, t.z.count))
                buffer.initialize(repeating: 0, count: max(1, t.z.count))
                return buffer
            }
        }
        isWeighted = true
    }

    /// Re-forms every block of A from the unweighted columns, the response and the weights. Unweighted, A is
    /// formed from the stored columns themselves: the same products in the same order as from copies scaled by 1.
    func updateA() {
        let w = p + 1
        let xy = weightedXy.map { weighted in
            for o in 0..<n {
                let s = sqrtWeights[o]
                for c in 0..<w { weighted[c, o] = s * xyRows[c, o] }
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
            return weighted
        } ?? xyRows
        for (j, t) in terms.enumerated() {
            withColumns(j) { z in
                formDiagonal(j, t, z)
                formFixedCross(j, t, z, xy)
            }
            for i in (j + 1)..<max(j + 1, terms.count) { formOffDiagonal(i, j) }
        }
        aXX.zero()
        _ = singleThreadedBLAS
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(w), Int32(n), 1, xy.data, Int32(w), 0,
                    aXX.data, Int32(w))
    }

    /// Calls `body` with term j's columns as A is formed from them: the weighted copy, or z itself when unweighted.
    private func withColumns<R>(_ j: Int, _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
        guard weightedXy == nil else { return body(UnsafeBufferPointer(start: weightedZ[j], count: terms[j].z.count)) }
        return terms[j].z.withUnsafeBufferPointer(body)
    }

    /// ZⱼᵀWZⱼ: one `v × v` block per level.
    private func formDiagonal(_ j: Int, _ t: TermLayout, _ wz: UnsafeBufferPointer<Double>) {
        let a = aDiagonal[j]
        a.zero()
        let v = t.v
        t.refs.withUnsafeBufferPointer { refs in
            for o in 0..<n {
                let block = a.block(Int(refs[o]))
                for c in 0..<v {
                    for r in 0..<v { block[r + c * v] += wz[o * v + r] * wz[o * v + c] }
                }
            }
        }
    }

    /// [X y]ᵀWZⱼ, `(p + 1) × q_j`.
    private func formFixedCross(_ j: Int, _ t: TermLayout, _ wz: UnsafeBufferPointer<Double>, _ xy: DenseBlock) {
        let a = aXZ[j]
        a.zero()
        let v = t.v
        let w = p + 1
        t.refs.withUnsafeBufferPointer { refs in
            for o in 0..<n {
                let column = a.data + Int(refs[o]) * v * w
                let xo = xy.data + o * w
                for e in 0..<v {
                    let ze = wz[o * v + e]
                    if ze == 0 { continue }
                    Self.addScaled(xo, ze, to: column + e * w, count: w)
                }
            }
        }
    }

    /// y[c] += x[c]·a for c in 0..<count, four entries per vector operation (each entry's product and sum as in
    /// the scalar loop, which the compiler does not vectorize for fear of x and y overlapping).
    @inline(__always)
    private static func addScaled(_ x: UnsafePointer<Double>, _ a: Double, to y: UnsafeMutablePointer<Double>,
                                  count: Int) {
        var c = 0
        while c + 4 <= count {
            let target = UnsafeMutableRawPointer(y + c)
            let sum = target.loadUnaligned(as: SIMD4<Double>.self)
                + UnsafeRawPointer(x + c).loadUnaligned(as: SIMD4<Double>.self) * a
            target.storeBytes(of: sum, as: SIMD4<Double>.self)
            c += 4
        }
        while c < count {
            y[c] += x[c] * a
            c += 1
        }
    }

    /// ZᵢᵀWZⱼ for i > j, into its sparse level pattern.
    private func formOffDiagonal(_ i: Int, _ j: Int) {
        let a = aOff[i][j]
        a.zero()
        let vi = terms[i].v
        let vj = terms[j].v
        withColumns(i) { zi in
            withColumns(j) { zj in
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
    }
}
