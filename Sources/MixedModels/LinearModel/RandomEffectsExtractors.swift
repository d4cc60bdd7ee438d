// Random-effects extractors: conditional modes, their variances, the covariance estimates, and leverages.
extension LinearMixedModel {
    /// Conditional modes of the random effects, one `v × levels` matrix per term; on the spherical (u) scale when
    /// `uscale` is true.
    public func ranef(uscale: Bool = false) -> [ColumnMajorMatrix] {
        let source = uscale ? currentU : currentB
        return system.terms.map { t in
            ColumnMajorMatrix(rows: t.v, cols: t.levels, values: Array(source[t.offset..<(t.offset + t.q)]))
        }
    }

    /// `b`, the conditional modes on the original scale.
    public var b: [ColumnMajorMatrix] { ranef() }
    /// `u`, the conditional modes on the spherical scale.
    public var u: [ColumnMajorMatrix] { ranef(uscale: true) }

    /// The conditional modes with their level names, one table per grouping factor.
    public func raneftables(uscale: Bool = false) -> [RandomEffectsTable] {
        zip(frame.randomEffectsTerms, ranef(uscale: uscale)).map { term, modes in
            RandomEffectsTable(groupingName: term.groupingName, levels: term.levels, columnNames: term.columnNames,
                               values: (0..<modes.cols).map { modes.column($0) })
        }
    }

    /// Covariance matrix ΛΛᵀ (relative to σ²) of term `j`.
    func relativeCovariance(_ j: Int) -> ColumnMajorMatrix {
        let v = system.terms[j].v
        let lam = system.lambda[j]
        var c = ColumnMajorMatrix(rows: v, cols: v)
        for r in 0..<v {
            for s in 0..<v {
                var sum = 0.0
                for k in 0...min(r, s) { sum += lam[r + k * v] * lam[s + k * v] }
                c[r, s] = sum
            }
        }
        return c
    }

    /// Standard deviations of the random effects, per grouping factor (`σs`).
    public var sigmas: [RandomEffectsStandardDeviations] {
        sigmarhos.map { RandomEffectsStandardDeviations(groupingName: $0.groupingName, columnNames: $0.columnNames,
                                                        standardDeviations: $0.standardDeviations) }
    }

    /// Standard deviations and correlations of the random effects, per grouping factor (`σρs`).
    public var sigmarhos: [RandomEffectsCovariance] {
        let s = sigma
        return frame.randomEffectsTerms.enumerated().map { j, term in
            let c = relativeCovariance(j)
            let v = term.vsize
            let sd = (0..<v).map { s * c[$0, $0].squareRoot() }
            let free = Set(term.lambdaIndices)
            var rho: [Double?] = []
            for r in 1..<max(1, v) {
                for k in 0..<r {
                    // Two effects are structurally uncorrelated when no θ links them (zerocorr, separate terms).
                    rho.append(free.contains(r + k * v) ? c[r, k] / (c[r, r] * c[k, k]).squareRoot() : nil)
                }
            }
            return RandomEffectsCovariance(groupingName: term.groupingName, columnNames: term.columnNames,
                                           standardDeviations: sd, correlations: rho)
        }
    }

    /// Conditional covariance matrices of the random effects given the data, σ² Λ (ΛᵀZᵀZΛ + I)⁻¹ Λᵀ, as
    /// `v × v` blocks per level of each term.
    public func condVar() -> [ConditionalVariances] {
        let s2 = varest
        var work = [Double](repeating: 0, count: system.q)
        return frame.randomEffectsTerms.enumerated().map { j, term in
            let t = system.terms[j]
            let v = t.v
            let lam = system.lambda[j]
            var matrices: [ColumnMajorMatrix] = []
            for level in 0..<t.levels {
                // W = L⁻¹ΛᵀE for the level's unit vectors E; the block is σ² WᵀW.
                var columns: [[Double]] = []
                for e in 0..<v {
                    for i in t.offset..<system.q { work[i] = 0 }
                    for r in 0..<v { work[t.offset + level * v + r] = lam[e + r * v] }
                    work.withUnsafeMutableBufferPointer { system.forwardSolveRandom($0.baseAddress ?? theta0Storage, from: j) }
                    columns.append(Array(work[t.offset...]))
                }
                var m = ColumnMajorMatrix(rows: v, cols: v)
                for a in 0..<v {
                    for c in 0..<v {
                        var sum = 0.0
                        for (x, y) in zip(columns[a], columns[c]) { sum += x * y }
                        m[a, c] = s2 * sum
                    }
                }
                matrices.append(m)
            }
            return ConditionalVariances(groupingName: term.groupingName, columnNames: term.columnNames,
                                        matrices: matrices)
        }
    }

    /// Diagonal of the hat matrix: h_o = ‖L⁻¹ [ΛᵀZᵀ; Xᵀ] e_o‖² (y excluded), with the fit's weights.
    public func leverage() -> [Double] {
        let n = nobs
        let p = frame.rank
        var work = [Double](repeating: 0, count: system.q)
        var xPart = [Double](repeating: 0, count: p)
        var h = [Double](repeating: 0, count: n)
        let terms = system.terms
        for o in 0..<n {
            let weight = system.sqrtWeights[o]
            for i in work.indices { work[i] = 0 }
            for (j, t) in terms.enumerated() {
                let v = t.v
                let lam = system.lambda[j]
                let base = t.offset + Int(t.refs[o]) * v
                // Λᵀ z_o for this observation's level.
                for r in 0..<v {
                    var s = 0.0
                    for k in r..<v { s += lam[k + r * v] * t.z[o * v + k] }
                    work[base + r] = weight * s
                }
            }
            for e in 0..<p { xPart[e] = weight * system.xyRows[e, o] }
            work.withUnsafeMutableBufferPointer { w in
                guard let wb = w.baseAddress else { return }
                system.forwardSolveRandom(wb, from: 0)
                xPart.withUnsafeMutableBufferPointer { x in
                    if let xb = x.baseAddress { system.forwardSolveFixed(xb, random: wb) }
                }
            }
            var sum = 0.0
            for x in work { sum += x * x }
            for x in xPart { sum += x * x }
            h[o] = sum
        }
        return h
    }
}
