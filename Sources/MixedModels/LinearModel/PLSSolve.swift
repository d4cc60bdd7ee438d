import CBLAS

// Solutions of the penalized least-squares problem at the current L(θ): β, the spherical random effects u and
// b = Λu. Allocation-free: callers pass the destination buffers.
extension PLSSystem {
    /// β̂ (length `p`, in the order of the pivoted columns used).
    func solveBeta(into beta: UnsafeMutablePointer<Double>) {
        for e in 0..<p { beta[e] = lXX[p, e] }
        solveLowerTransposed(lXX.data, n: p, ld: p + 1, beta)
    }

    /// ũ given β (length `q`, stacked term by term, level-major within a term): solves L_ZZᵀ u = c − L_XZᵀ β,
    /// where c and L_XZ are the response and fixed-effects rows of L below the random-effects blocks.
    func solveU(beta: UnsafePointer<Double>, into u: UnsafeMutablePointer<Double>) {
        let w = p + 1
        var j = terms.count - 1
        while j >= 0 {
            let t = terms[j]
            let uj = u + t.offset
            let lx = lXZ[j]
            for col in 0..<t.q {
                let column = lx.data + col * w
                var s = column[p]
                for e in 0..<p { s -= column[e] * beta[e] }
                uj[col] = s
            }
            for i in (j + 1)..<max(j + 1, terms.count) {
                let l = lOff[i][j]
                let ui = u + terms[i].offset
                for c in 0..<l.colLevels {
                    for a in l.colStart[c]..<l.colStart[c + 1] {
                        let b = l.block(a)
                        let r = l.rowLevel[a]
                        for e in 0..<l.vc {
                            var s = 0.0
                            for f in 0..<l.vr { s += b[f + e * l.vr] * ui[r * l.vr + f] }
                            uj[c * l.vc + e] -= s
                        }
                    }
                }
            }
            switch lDiagonal[j] {
            case .blockDiagonal(let d):
                for c in 0..<d.count { solveLowerTransposed(d.block(c), n: d.v, ld: d.v, uj + c * d.v) }
            case .dense(let d):
                _ = singleThreadedBLAS
                cblas_dtrsv(CblasColMajor, CblasLower, CblasTrans, CblasNonUnit, Int32(d.rows), d.data,
                            Int32(d.rows), uj, 1)
            case .sparse(let m):
                // L_Xj is in the factor's permuted order, so uj is too until the back solve.
                m.backSolve(uj)
            }
            j -= 1
        }
    }

    /// b = Λu, term by term and level by level (both length `q`).
    func multiplyLambda(u: UnsafePointer<Double>, into b: UnsafeMutablePointer<Double>) {
        for (j, t) in terms.enumerated() {
            let lam = lambda[j]
            for c in 0..<t.levels {
                let base = t.offset + c * t.v
                for r in 0..<t.v {
                    var s = 0.0
                    for e in 0...r { s += lam[r + e * t.v] * u[base + e] }
                    b[base + r] = s
                }
            }
        }
    }
}

// Forward solves with the random-effects and fixed-effects parts of L, for conditional variances and leverages.
extension PLSSystem {
    /// Solves L_ZZ w = w in place for the terms from `first` on (entries of earlier terms are taken as zero).
    func forwardSolveRandom(_ w: UnsafeMutablePointer<Double>, from first: Int) {
        for j in first..<terms.count {
            let wj = w + terms[j].offset
            for jj in first..<j {
                let l = lOff[j][jj]
                let wjj = w + terms[jj].offset
                for c in 0..<l.colLevels {
                    for a in l.colStart[c]..<l.colStart[c + 1] {
                        let b = l.block(a)
                        let r = l.rowLevel[a]
                        for e in 0..<l.vc {
                            let x = wjj[c * l.vc + e]
                            if x == 0 { continue }
                            for f in 0..<l.vr { wj[r * l.vr + f] -= b[f + e * l.vr] * x }
                        }
                    }
                }
            }
            switch lDiagonal[j] {
            case .blockDiagonal(let d):
                for c in 0..<d.count { solveLower(d.block(c), n: d.v, ld: d.v, wj + c * d.v) }
            case .dense(let d):
                _ = singleThreadedBLAS
                cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(d.rows), d.data,
                            Int32(d.rows), wj, 1)
            case .sparse(let m):
                // Leaves wj in the factor's permuted order, the order of L_Xj (norms are unchanged).
                m.divideRows(wj, rows: 1)
            }
        }
    }

    /// Given the solved random-effects part `w` (length q), solves the fixed-effects rows: x ← R_X⁻¹(x − L_XZ w).
    func forwardSolveFixed(_ x: UnsafeMutablePointer<Double>, random w: UnsafePointer<Double>) {
        let width = p + 1
        for (j, t) in terms.enumerated() {
            let lx = lXZ[j]
            for col in 0..<t.q {
                let value = w[t.offset + col]
                if value == 0 { continue }
                for e in 0..<p { x[e] -= lx.data[e + col * width] * value }
            }
        }
        solveLower(lXX.data, n: p, ld: width, x)
    }
}
