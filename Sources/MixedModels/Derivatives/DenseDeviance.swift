import Foundation

/// The deviance of a linear mixed model as a function of θ with σ held fixed, evaluated densely in hyper-dual
/// arithmetic so that it can be differentiated exactly (forward mode):
///
///   d(θ) = ν log(2πσ²) + log|Λᵀ ZᵀZ Λ + I| [+ log|R_X|² for REML] + r²(θ) / σ²,
///
/// ν = n (ML) or n − p (REML), r² the penalized residual sum of squares with β and u at their PLS solution. At the
/// estimates σ² = r²/ν this equals the profiled objective and has the same gradient; its Hessian is the one of
/// MixedModels.jl's ForwardDiff extension (σ is not profiled there). Dense in q + p + 1, so sized for small models.
struct DenseDeviance {
    let q: Int
    let p: Int
    /// q + p + 1.
    let size: Int
    let n: Int
    /// [Z X y]ᵀ[Z X y], column-major `size × size` (both triangles).
    private let crossProduct: [Double]
    /// For each of the first q columns: its term, its index within that term's λ, and the first column of its block.
    private let columnTerm: [Int]
    private let columnLocal: [Int]
    private let columnBlockStart: [Int]
    private let terms: [TermLayout]
    let thetaCount: Int

    /// The dense system of `system`; unweighted models only.
    init(system: PLSSystem) {
        q = system.q
        p = system.p
        n = system.n
        size = q + p + 1
        terms = system.terms
        thetaCount = system.thetaCount
        var term = [Int](repeating: 0, count: q)
        var local = [Int](repeating: 0, count: q)
        var start = [Int](repeating: 0, count: q)
        for (j, t) in system.terms.enumerated() {
            for level in 0..<t.levels {
                for e in 0..<t.v {
                    let column = t.offset + level * t.v + e
                    term[column] = j
                    local[column] = e
                    start[column] = t.offset + level * t.v
                }
            }
        }
        columnTerm = term
        columnLocal = local
        columnBlockStart = start
        let size = self.size
        var a = [Double](repeating: 0, count: size * size)
        var indices: [Int] = []
        var values: [Double] = []
        for o in 0..<system.n {
            indices.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            for t in system.terms {
                let base = t.offset + Int(t.refs[o]) * t.v
                for e in 0..<t.v {
                    indices.append(base + e)
                    values.append(t.z[o * t.v + e])
                }
            }
            for col in 0...system.p {
                indices.append(system.q + col)
                values.append(system.xyRows[col, o])
            }
            for (s, column) in indices.enumerated() where values[s] != 0 {
                for (r, row) in indices.enumerated() {
                    a[row + column * size] += values[r] * values[s]
                }
            }
        }
        crossProduct = a
    }

    /// Dense work for one evaluation: `passes` evaluations of an `size`-square factorization.
    func work(passes: Int) -> Double { Double(passes) * pow(Double(size), 3) / 3 }

    /// d(θ) at hyper-dual θ, or nil where Λᵀ ZᵀZ Λ + I (or X's block) is not positive definite.
    func deviance(theta: [HyperDual], sigmaSquared: Double, reml: Bool) -> HyperDual? {
        let lambdas = terms.map { t -> [HyperDual] in
            var l = [HyperDual](repeating: .zero, count: t.v * t.v)
            for (e, index) in t.lambdaIndices.enumerated() { l[index] = theta[t.thetaOffset + e] }
            return l
        }
        let m = scaledSystem(lambdas)
        guard let factor = choleskyLower(m) else { return nil }
        var logDet = HyperDual.zero
        let last = reml ? q + p : q
        for i in 0..<last { logDet = logDet + 2 * factor[i + i * size].log }
        let r = factor[size * size - 1]
        let nu = Double(reml ? n - p : n)
        let constant = nu * Foundation.log(2 * Double.pi * sigmaSquared)
        return HyperDual(constant) + logDet + (1 / sigmaSquared) * (r * r)
    }

    /// The lower triangle of [Λ 0; 0 I]ᵀ A [Λ 0; 0 I] + [I 0; 0 0].
    private func scaledSystem(_ lambdas: [[HyperDual]]) -> [HyperDual] {
        let size = self.size
        // T = A Λ in the first q columns (all rows), A elsewhere.
        var t = [HyperDual](repeating: .zero, count: size * size)
        for b in 0..<size {
            if b >= q {
                for c in 0..<size { t[c + b * size] = HyperDual(crossProduct[c + b * size]) }
                continue
            }
            let term = terms[columnTerm[b]]
            let lambda = lambdas[columnTerm[b]]
            let start = columnBlockStart[b]
            let bl = columnLocal[b]
            for dl in bl..<term.v {
                let weight = lambda[dl + bl * term.v]
                let d = start + dl
                for c in 0..<size {
                    let x = crossProduct[c + d * size]
                    if x != 0 { t[c + b * size] = t[c + b * size] + x * weight }
                }
            }
        }
        // M = Λᵀ T in the first q rows; the lower triangle only.
        var m = [HyperDual](repeating: .zero, count: size * size)
        for b in 0..<size {
            for a in b..<size {
                if a >= q {
                    m[a + b * size] = t[a + b * size]
                    continue
                }
                let term = terms[columnTerm[a]]
                let lambda = lambdas[columnTerm[a]]
                let start = columnBlockStart[a]
                let al = columnLocal[a]
                var s = HyperDual.zero
                for cl in al..<term.v { s = s + lambda[cl + al * term.v] * t[start + cl + b * size] }
                if a == b { s = s + HyperDual(1) }
                m[a + b * size] = s
            }
        }
        return m
    }

    /// The lower Cholesky factor of the symmetric matrix whose lower triangle is `m`; nil if not positive definite.
    private func choleskyLower(_ m: [HyperDual]) -> [HyperDual]? {
        let size = self.size
        var l = m
        for j in 0..<size {
            var pivot = l[j + j * size]
            for k in 0..<j { pivot = pivot - l[j + k * size] * l[j + k * size] }
            guard pivot.a > 0 else { return nil }
            let root = pivot.squareRoot
            l[j + j * size] = root
            for i in (j + 1)..<max(j + 1, size) {
                var s = l[i + j * size]
                for k in 0..<j { s = s - l[i + k * size] * l[j + k * size] }
                l[i + j * size] = s / root
            }
        }
        return l
    }
}
