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
            func add(_ sum: SIMD8<Double>, term t: Int, level: Int) {
                let column = lx.baseAddress! + (raw[t].offset + level) * p
                for r in 0..<p { column[r] += sum[r] }
            }
            func flush(_ t: Int) { add(sums[t], term: t, level: levels[t]) }
            if k == 2 {
                // Two terms (crossed intercepts), the common case: the running sums stay in registers.
                let z0 = raw[0].scaledZ, refs0 = raw[0].refs, z1 = raw[1].scaledZ, refs1 = raw[1].refs
                var sum0 = SIMD8<Double>.zero, sum1 = SIMD8<Double>.zero
                var level0 = levels[0], level1 = levels[1]
                for i in 0..<n {
                    let weighted = w[i] * rows[i]
                    let next0 = Int(refs0[i]), next1 = Int(refs1[i])
                    if next0 != level0 {
                        add(sum0, term: 0, level: level0)
                        sum0 = .zero
                        level0 = next0
                    }
                    sum0 += z0[i] * weighted
                    if next1 != level1 {
                        add(sum1, term: 1, level: level1)
                        sum1 = .zero
                        level1 = next1
                    }
                    sum1 += z1[i] * weighted
                }
                if n > 0 {
                    add(sum0, term: 0, level: level0)
                    add(sum1, term: 1, level: level1)
                }
                return
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

    /// lxx ← XᵀWX (its lower triangle), for p ≤ 8. Each entry is summed over the observations in order (a BLAS
    /// product reorders the sums, which moves fits on flat ridges), its running sum in a register: columns 0 and 1
    /// over all 8 lanes of the padded rows, columns 2 and 3 over lanes 2..<8, columns 4 to 7 over lanes 4..<8 or
    /// 6..<8 — only the lanes on or below the diagonal.
    private mutating func weightedCrossProduct(weights w: [Double]) {
        let p = self.p, n = self.n
        guard p > 0 else { return }
        w.withUnsafeBufferPointer { w in
        xColumns.withUnsafeBufferPointer { x in
        paddedRows.withUnsafeBufferPointer { rows in
        lxx.withUnsafeMutableBufferPointer { lxx in
            // Columns past p repeat the last one; their sums are not stored.
            func column(_ b: Int) -> UnsafePointer<Double> { x.baseAddress! + min(b, p - 1) * n }
            func store(_ b: Int, _ sum: SIMD8<Double>) {
                if b < p { for a in b..<p { lxx[a + b * p] = sum[a] } }
            }
            let c0 = column(0), c1 = column(1)
            var s0 = SIMD8<Double>.zero, s1 = SIMD8<Double>.zero
            for i in 0..<n {
                let row = rows[i], wi = w[i]
                s0 += (wi * c0[i]) * row
                s1 += (wi * c1[i]) * row
            }
            store(0, s0)
            store(1, s1)
            guard p > 2 else { return }
            let c2 = column(2), c3 = column(3)
            var low2 = SIMD2<Double>.zero, high2 = SIMD4<Double>.zero
            var low3 = SIMD2<Double>.zero, high3 = SIMD4<Double>.zero
            for i in 0..<n {
                let row = rows[i], wi = w[i]
                let low = row.lowHalf.highHalf, high = row.highHalf
                let f2 = wi * c2[i], f3 = wi * c3[i]
                low2 += f2 * low
                high2 += f2 * high
                low3 += f3 * low
                high3 += f3 * high
            }
            store(2, SIMD8(lowHalf: SIMD4(lowHalf: .zero, highHalf: low2), highHalf: high2))
            store(3, SIMD8(lowHalf: SIMD4(lowHalf: .zero, highHalf: low3), highHalf: high3))
            guard p > 4 else { return }
            let c4 = column(4), c5 = column(5), c6 = column(6), c7 = column(7)
            var s4 = SIMD4<Double>.zero, s5 = SIMD4<Double>.zero
            var s6 = SIMD2<Double>.zero, s7 = SIMD2<Double>.zero
            for i in 0..<n {
                let high = rows[i].highHalf, wi = w[i]
                s4 += (wi * c4[i]) * high
                s5 += (wi * c5[i]) * high
                s6 += (wi * c6[i]) * high.highHalf
                s7 += (wi * c7[i]) * high.highHalf
            }
            store(4, SIMD8(lowHalf: .zero, highHalf: s4))
            store(5, SIMD8(lowHalf: .zero, highHalf: s5))
            store(6, SIMD8(lowHalf: .zero, highHalf: SIMD4(lowHalf: .zero, highHalf: s6)))
            store(7, SIMD8(lowHalf: .zero, highHalf: SIMD4(lowHalf: .zero, highHalf: s7)))
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
