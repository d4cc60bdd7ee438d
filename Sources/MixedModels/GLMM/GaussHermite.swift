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

    /// Golub–Welsch: the nodes are the eigenvalues of the symmetric tridiagonal matrix with zero diagonal and
    /// off-diagonal √1, √2, …, √(k−1); the weights are the squared first components of the unit eigenvectors.
    static func compute(_ k: Int) throws -> GaussHermiteRule {
        if k == 1 { return GaussHermiteRule(nodes: [0], weights: [1]) }
        var diagonal = [Double](repeating: 0, count: k)
        var offDiagonal = (1..<k).map { Double($0).squareRoot() }
        var vectors = [Double](repeating: 0, count: k * k)
        var jobz: CChar = 86 // "V"
        var n = Int32(k), ldz = Int32(k), info: Int32 = 0
        var work = [Double](repeating: 0, count: max(1, 2 * k - 2))
        dstev_(&jobz, &n, &diagonal, &offDiagonal, &vectors, &ldz, &work, &info, 1)
        guard info == 0 else { throw GLMMError.numerical("eigenvalues of the Gauss-Hermite Jacobi matrix (info \(info))") }
        let rawWeights = (0..<k).map { vectors[$0 * k] * vectors[$0 * k] }
        var nodes = [Double](repeating: 0, count: k)
        var weights = nodes
        for i in 0..<k {
            nodes[i] = (diagonal[i] - diagonal[k - 1 - i]) / 2
            weights[i] = (rawWeights[i] + rawWeights[k - 1 - i]) / 2
        }
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
