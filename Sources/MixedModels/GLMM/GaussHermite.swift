import Foundation
import CBLAS

/// Gauss–Hermite nodes and weights normalized for the standard normal density: Σ wᵢ f(zᵢ) ≈ E[f(Z)], Z ~ N(0, 1),
/// as MixedModels.jl's `GHnorm(k)`. Computed by Golub–Welsch (eigen-decomposition of the Jacobi matrix of the
/// probabilists' Hermite polynomials) and symmetrized so that odd rules have an exact zero node.
public struct GaussHermiteRule: Equatable, Sendable {
    public let nodes: [Double]
    public let weights: [Double]

    /// The k-point rule (k ≥ 1), from the cache when already computed.
    public static func normalized(_ k: Int) throws -> GaussHermiteRule {
        guard k >= 1 else { throw GLMMError.invalidArgument("the number of quadrature points must be ≥ 1, got \(k)") }
        return try cache.rule(k)
    }

    private static let cache = GaussHermiteCache()

    /// Golub–Welsch, as MixedModels.jl's `GaussHermiteNormalized(k)`: the nodes are the eigenvalues (LAPACK's
    /// `dstegr`, Julia's `eigen` of a `SymTridiagonal`) of the symmetric tridiagonal matrix with zero diagonal and
    /// off-diagonal √1, √2, …, √(k−1); the weights are the squared first components of the unit eigenvectors,
    /// symmetrized and scaled to sum to one. Rules 1 to 3 are MixedModels.jl's exact memoized values.
    static func compute(_ k: Int) throws -> GaussHermiteRule {
        switch k {
        case 1: return GaussHermiteRule(nodes: [0], weights: [1])
        case 2: return GaussHermiteRule(nodes: [-1, 1], weights: [0.5, 0.5])
        case 3:
            return GaussHermiteRule(nodes: [-3.0.squareRoot(), 0, 3.0.squareRoot()],
                                    weights: [1.0 / 6, 2.0 / 3, 1.0 / 6])
        default: break
        }
        var diagonal = [Double](repeating: 0, count: k)
        var offDiagonal = (1..<k).map { Double($0).squareRoot() } + [0]
        var values = [Double](repeating: 0, count: k)
        var vectors = [Double](repeating: 0, count: k * k)
        var jobz: CChar = 86, range: CChar = 65 // "V", "A"
        var n = Int32(k), ldz = Int32(k), found: Int32 = 0, info: Int32 = 0, il: Int32 = 0, iu: Int32 = 0
        var vl = 0.0, vu = 0.0, abstol = 0.0
        var support = [Int32](repeating: 0, count: 2 * k)
        var lwork = Int32(18 * k), liwork = Int32(10 * k)
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dstegr_(&jobz, &range, &n, &diagonal, &offDiagonal, &vl, &vu, &il, &iu, &abstol, &found, &values,
                &vectors, &ldz, &support, &work, &lwork, &iwork, &liwork, &info, 1, 1)
        guard info == 0, found == n else {
            throw GLMMError.numerical("eigenvalues of the Gauss-Hermite Jacobi matrix (info \(info))")
        }
        let rawWeights = (0..<k).map { vectors[$0 * k] * vectors[$0 * k] }
        var nodes = [Double](repeating: 0, count: k)
        var weights = nodes
        for i in 0..<k {
            nodes[i] = (values[i] - values[k - 1 - i]) / 2
            weights[i] = (rawWeights[i] + rawWeights[k - 1 - i]) / 2
        }
        // LinearAlgebra.normalize(w, 1): the sum of |w| in order, then a multiplication by its inverse.
        var total = 0.0
        for w in weights { total += abs(w) }
        let inverse = 1 / total
        for i in 0..<k { weights[i] *= inverse }
        return GaussHermiteRule(nodes: nodes, weights: weights)
    }
}

/// Rules already computed, shared by all models.
private final class GaussHermiteCache: @unchecked Sendable {
    private var rules: [Int: GaussHermiteRule] = [:]
    private let lock = NSLock()

    func rule(_ k: Int) throws -> GaussHermiteRule {
        lock.lock()
        defer { lock.unlock() }
        if let r = rules[k] { return r }
        let r = try GaussHermiteRule.compute(k)
        rules[k] = r
        return r
    }
}
