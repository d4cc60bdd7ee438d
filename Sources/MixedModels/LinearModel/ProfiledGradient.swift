/// The analytic gradient of the profiled objective (ML deviance or REML criterion) with respect to θ, for models
/// whose random-effects terms all share one grouping factor (one term, or `(1|g) + (x|g)`): there Λᵀ ZᵀZ Λ + I is
/// block-diagonal with one `V × V` block M_ℓ per level (V the total number of random effects per level), and
///
///   ∂/∂θ_k [log|M| + d·log r²] = 2 Σ_ℓ [ (M_ℓ⁻¹ Λᵀ A_ℓ)_{cr} − (d / r²) u_ℓc (Z_ℓᵀ r̂_ℓ)_r ]
///
/// for θ_k at Λ(r, c), with A_ℓ = Z_ℓᵀZ_ℓ, r̂ the residual at the PLS solution (β and u profiled: envelope theorem)
/// and d = n (ML) or n − p (REML). REML adds ∂ log|X'V⁻¹X| = −2 Σ_ℓ (Λᵀ W_ℓ P⁻¹ W_ℓᵀ)_{cr} with
/// W_ℓ = Z_ℓᵀV⁻¹X = (I − A_ℓ Λ M_ℓ⁻¹ Λᵀ) Z_ℓᵀX and P = X'V⁻¹X = R_X R_Xᵀ.
/// Unweighted systems only (linear mixed models). Allocation-free once built.
final class ProfiledGradient {
    private let system: PLSSystem
    /// Random effects per level, all terms together.
    private let width: Int
    private let levels: Int
    /// First row of each term within the combined per-level vector.
    private let termStart: [Int]
    /// Row and column in the combined Λ of each θ entry.
    private let thetaRow: [Int]
    private let thetaColumn: [Int]
    /// Per level A_ℓ = Z_ℓᵀZ_ℓ (`V × V`) and Z_ℓᵀ[X y] (`V × (p + 1)`), stacked.
    private let zz: UnsafeMutablePointer<Double>
    private let zxy: UnsafeMutablePointer<Double>
    /// Scratch: combined Λ, M, Λᵀ A, the accumulated G (G[c + r·V]), β, u, per-level vectors and V × p work.
    private let lambda: UnsafeMutablePointer<Double>
    private let m: UnsafeMutablePointer<Double>
    private let t: UnsafeMutablePointer<Double>
    private let g: UnsafeMutablePointer<Double>
    private let beta: UnsafeMutablePointer<Double>
    private let u: UnsafeMutablePointer<Double>
    private let vectors: UnsafeMutablePointer<Double>
    private let work: UnsafeMutablePointer<Double>
    private let work2: UnsafeMutablePointer<Double>
    private let buffers: [UnsafeMutablePointer<Double>]

    /// The gradient evaluator for `system`, or nil when its terms do not share one grouping factor or it is weighted.
    init?(system: PLSSystem) {
        guard let first = system.terms.first, !system.isWeighted,
              system.terms.allSatisfy({ $0.levels == first.levels && $0.refs == first.refs }) else { return nil }
        self.system = system
        levels = first.levels
        var starts: [Int] = []
        var total = 0
        var rows: [Int] = []
        var columns: [Int] = []
        for term in system.terms {
            starts.append(total)
            for index in term.lambdaIndices {
                rows.append(total + index % term.v)
                columns.append(total + index / term.v)
            }
            total += term.v
        }
        width = total
        termStart = starts
        thetaRow = rows
        thetaColumn = columns
        let v = total
        let w = system.p + 1
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let b = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
            b.initialize(repeating: 0, count: max(1, count))
            return b
        }
        zz = buffer(levels * v * v)
        zxy = buffer(levels * v * w)
        lambda = buffer(v * v)
        m = buffer(v * v)
        t = buffer(v * v)
        g = buffer(v * v)
        beta = buffer(system.p)
        u = buffer(system.q)
        vectors = buffer(3 * v)
        work = buffer(v * w)
        work2 = buffer(v * w)
        buffers = [zz, zxy, lambda, m, t, g, beta, u, vectors, work, work2]
        formCrossProducts()
    }

    deinit { for b in buffers { b.deallocate() } }

    /// A_ℓ and Z_ℓᵀ[X y] from the unweighted columns.
    private func formCrossProducts() {
        let v = width
        let w = system.p + 1
        let z = vectors
        let refs = system.terms[0].refs
        for o in 0..<system.n {
            for (j, term) in system.terms.enumerated() {
                for e in 0..<term.v { z[termStart[j] + e] = term.z[o * term.v + e] }
            }
            let level = Int(refs[o])
            let a = zz + level * v * v
            let c = zxy + level * v * w
            for col in 0..<v {
                for row in 0..<v { a[row + col * v] += z[row] * z[col] }
            }
            for col in 0..<w {
                let x = system.xyRows[col, o]
                for row in 0..<v { c[row + col * v] += z[row] * x }
            }
        }
    }

    /// The gradient at the θ of the last successful `system.updateL(theta:)`, into `gradient` (length θ).
    func evaluate(reml: Bool, into gradient: UnsafeMutablePointer<Double>) {
        let v = width
        let p = system.p
        let w = p + 1
        lambda.update(repeating: 0, count: v * v)
        for (j, term) in system.terms.enumerated() {
            let source = system.lambda[j]
            let s = termStart[j]
            for col in 0..<term.v {
                for row in 0..<term.v { lambda[(s + row) + (s + col) * v] = source[row + col * term.v] }
            }
        }
        system.solveBeta(into: beta)
        system.solveU(beta: beta, into: u)
        let rss = system.penalizedRSS()
        let scale = Double(reml ? system.n - p : system.n) / rss
        g.update(repeating: 0, count: v * v)
        let ul = vectors
        let bl = vectors + v
        let residual = vectors + 2 * v
        for level in 0..<levels {
            let a = zz + level * v * v
            let c = zxy + level * v * w
            // T = ΛᵀA, M = TΛ + I = L Lᵀ, then T ← M⁻¹T; G += T.
            multiplyTransposed(lambda, a, into: t, columns: v)
            multiplyLambda(t, into: m)
            for e in 0..<v { m[e + e * v] += 1 }
            guard choleskyLower(m, n: v, ld: v) else { continue }
            for col in 0..<v {
                solveLower(m, n: v, ld: v, t + col * v)
                solveLowerTransposed(m, n: v, ld: v, t + col * v)
            }
            for e in 0..<(v * v) { g[e] += t[e] }
            // Z_ℓᵀ r̂ = Z_ℓᵀy − Z_ℓᵀX β − A_ℓ Λ u_ℓ.
            for (j, term) in system.terms.enumerated() {
                for e in 0..<term.v { ul[termStart[j] + e] = u[term.offset + level * term.v + e] }
            }
            for row in 0..<v {
                var s = 0.0
                for col in 0...row { s += lambda[row + col * v] * ul[col] }
                bl[row] = s
            }
            for row in 0..<v {
                var s = c[row + p * v]
                for e in 0..<p { s -= c[row + e * v] * beta[e] }
                for col in 0..<v { s -= a[row + col * v] * bl[col] }
                residual[row] = s
            }
            for r in 0..<v {
                let factor = scale * residual[r]
                for col in 0..<v { g[col + r * v] -= factor * ul[col] }
            }
            if reml && p > 0 { subtractFixedEffectsTerm(a: a, c: c) }
        }
        for k in thetaRow.indices { gradient[k] = 2 * g[thetaColumn[k] + thetaRow[k] * v] }
    }

    /// G −= Λᵀ K Kᵀ with K = W_ℓ R_X⁻ᵀ, W_ℓ = C_X − A Λ M⁻¹ Λᵀ C_X (M's factor is in `m`).
    private func subtractFixedEffectsTerm(a: UnsafePointer<Double>, c: UnsafePointer<Double>) {
        let v = width
        let p = system.p
        // work = M⁻¹ Λᵀ C_X, then work2 = Λ work, then W = C_X − A work2 (into work).
        multiplyTransposed(lambda, c, into: work, columns: p)
        for col in 0..<p {
            solveLower(m, n: v, ld: v, work + col * v)
            solveLowerTransposed(m, n: v, ld: v, work + col * v)
        }
        for col in 0..<p {
            for row in 0..<v {
                var s = 0.0
                for e in 0...row { s += lambda[row + e * v] * work[e + col * v] }
                work2[row + col * v] = s
            }
        }
        for col in 0..<p {
            for row in 0..<v {
                var s = c[row + col * v]
                for e in 0..<v { s -= a[row + e * v] * work2[e + col * v] }
                work[row + col * v] = s
            }
        }
        // K = W R_X⁻ᵀ: each row of W solved against R_X (lower, leading dimension p + 1).
        divideByLowerTransposed(work, rows: v, ldb: v, system.lXX.data, n: p, ldl: p + 1)
        // work2 = Λᵀ K; G[c, r] −= Σ_s (ΛᵀK)_{cs} K_{rs}.
        multiplyTransposed(lambda, work, into: work2, columns: p)
        for s in 0..<p {
            for r in 0..<v {
                let k = work[r + s * v]
                if k == 0 { continue }
                for col in 0..<v { g[col + r * v] -= work2[col + s * v] * k }
            }
        }
    }

    /// out = Λᵀ B for `B` (`V × columns`), Λ lower triangular.
    private func multiplyTransposed(_ l: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                    into out: UnsafeMutablePointer<Double>, columns: Int) {
        let v = width
        for col in 0..<columns {
            for row in 0..<v {
                var s = 0.0
                for e in row..<v { s += l[e + row * v] * b[e + col * v] }
                out[row + col * v] = s
            }
        }
    }

    /// out = T Λ for `T` (`V × V`), Λ lower triangular.
    private func multiplyLambda(_ tm: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let v = width
        for col in 0..<v {
            for row in 0..<v {
                var s = 0.0
                for e in col..<v { s += tm[row + e * v] * lambda[e + col * v] }
                out[row + col * v] = s
            }
        }
    }
}
