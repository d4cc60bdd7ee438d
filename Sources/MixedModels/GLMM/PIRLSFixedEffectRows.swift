import CBLAS

extension PIRLSSystem {
    /// XᵀWX (lower triangle) and XᵀWZΛ for the current weights.
    mutating func accumulateFixedEffectRows(weights w: [Double]) {
        if p <= 8 && rawTerms.allSatisfy({ $0.vsize == 1 }) {
            accumulateFixedEffectRowsVectorized(weights: w)
        } else {
            accumulateFixedEffectRowsByColumn(weights: w)
        }
    }

    /// Scalar terms and p ≤ 8: XᵀWX two columns at a time (see `weightedCrossProduct`), then one pass over the
    /// observations with X rows as 8-lane vectors, each term's XᵀWZΛ column gathering a run of equal levels in a
    /// register (see accumulateRuns). Accumulating XᵀWX in that pass too cost p 8-lane products per observation,
    /// over half of them on the unused upper triangle.
    mutating func accumulateFixedEffectRowsVectorized(weights w: [Double]) {
        let p = self.p, n = self.n, k = rawTerms.count
        for index in lx.indices { lx[index] = 0 }
        weightedCrossProduct(weights: w)
        for t in 0..<k {
            runSums[t] = .zero
            runLevels[t] = n > 0 ? Int(rawTerms[t].refs[0]) : 0
        }
        w.withUnsafeBufferPointer { w in
        rawTerms.withUnsafeBufferPointer { raw in
        paddedRows.withUnsafeBufferPointer { rows in
        runSums.withUnsafeMutableBufferPointer { sums in
        runLevels.withUnsafeMutableBufferPointer { levels in
        lx.withUnsafeMutableBufferPointer { lx in
            func flush(_ t: Int) {
                let column = lx.baseAddress! + (raw[t].offset + levels[t]) * p
                for r in 0..<p { column[r] += sums[t][r] }
            }
            for i in 0..<n {
                let row = rows[i]
                let weighted = w[i] * row
                for t in 0..<k {
                    let level = Int(raw[t].refs[i])
                    if level != levels[t] {
                        flush(t)
                        sums[t] = .zero
                        levels[t] = level
                    }
                    sums[t] += raw[t].scaledZ[i] * weighted
                }
            }
            if n > 0 { for t in 0..<k { flush(t) } }
        }}}}}}
    }

    /// lxx ← XᵀWX (its lower triangle). Two columns per pass over the
    /// padded rows, their sums in registers; each entry is summed over the observations in order, as the
    /// single-pass accumulation did (a BLAS product reorders the sums, which moves fits on flat ridges).
    private mutating func weightedCrossProduct(weights w: [Double]) {
        let p = self.p, n = self.n
        guard p > 0 else { return }
        w.withUnsafeBufferPointer { w in
        xColumns.withUnsafeBufferPointer { x in
        paddedRows.withUnsafeBufferPointer { rows in
        lxx.withUnsafeMutableBufferPointer { lxx in
            var b = 0
            while b < p {
                let first = x.baseAddress! + b * n
                let second = x.baseAddress! + min(b + 1, p - 1) * n
                var sum0 = SIMD8<Double>.zero, sum1 = SIMD8<Double>.zero
                for i in 0..<n {
                    let row = rows[i], wi = w[i]
                    sum0 += (wi * first[i]) * row
                    sum1 += (wi * second[i]) * row
                }
                for a in b..<p { lxx[a + b * p] = sum0[a] }
                if b + 1 < p { for a in (b + 1)..<p { lxx[a + (b + 1) * p] = sum1[a] } }
                b += 2
            }
        }}}}
    }

    /// XᵀWX (lower triangle) and XᵀWZΛ, column by column of X: long loops over the observations, which
    /// pipeline far better than short loops over p per observation.
    mutating func accumulateFixedEffectRowsByColumn(weights w: [Double]) {
        let p = self.p, n = self.n
        for k in lx.indices { lx[k] = 0 }
        w.withUnsafeBufferPointer { w in
        rawTerms.withUnsafeBufferPointer { raw in
        xColumns.withUnsafeBufferPointer { x in
        weightedX.withUnsafeMutableBufferPointer { wx in
        lx.withUnsafeMutableBufferPointer { lx in
        lxx.withUnsafeMutableBufferPointer { lxx in
            let wx = wx.baseAddress!, lx = lx.baseAddress!
            for b in 0..<p {
                let xb = x.baseAddress! + b * n
                for i in 0..<n { wx[i] = w[i] * xb[i] }
                for a in b..<p {
                    lxx[a + b * p] = cblas_ddot(Int32(n), x.baseAddress! + a * n, 1, wx, 1)
                }
                for term in raw {
                    let v = term.vsize, refs = term.refs, z = term.scaledZ
                    if v == 1 {
                        accumulateRuns(into: lx + term.offset * p + b, count: n,
                                       index: { Int(refs[$0]) * p }, value: { wx[$0] * z[$0] })
                    } else {
                        for i in 0..<n {
                            let level = lx + (term.offset + Int(refs[i]) * v) * p + b
                            for k in 0..<v { level[k * p] += wx[i] * z[i * v + k] }
                        }
                    }
                }
            }
        }}}}}}
    }

}
