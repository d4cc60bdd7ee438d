import CBLAS

// Solutions of the penalized least-squares problem at the current L(θ): β, the spherical random effects u and
// b = Λu. Allocation-free: callers pass the destination buffers.
extension PLSSystem {
    /// β̂ (length `p`, in the order of the pivoted columns used).
    func solveBeta(into beta: UnsafeMutablePointer<Double>) {
        for e in 0..<p { beta[e] = lXX[p, e] }
        solveLowerTransposed(lXX.data, n: p, ld: p + 1, beta)
    }

    /// ũ given β (length `q`, stacked term by term, level-major within a term): solves L_ZZᵀ u = c_y − L_XZᵀ... β.
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
