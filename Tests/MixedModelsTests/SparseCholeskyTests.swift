import Foundation
import Testing
@testable import MixedModels

/// The sparse supernodal factor of the last crossed term against the dense path, on small generated designs with
/// both paths forced: objective, β, ũ and the forward solves to 1e-10 relative.
@Suite struct SparseCholeskyTests {
    /// A deterministic stream for the designs (xorshift64*).
    struct Stream {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
        mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func index(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func term(_ name: String, _ codes: [Int], levels: Int, z: [Double]? = nil) -> RandomEffectsTerm {
        let v = z.map { $0.count / codes.count } ?? 1
        return LinearTestFrames.term(name, codes.map { String(format: "%@%06d", name, $0) },
                                     columns: v == 1 ? ["(Intercept)"] : ["(Intercept)", "x"],
                                     values: { o in v == 1 ? [1] : Array(z![(o * v)..<(o * v + v)]) },
                                     lambdaIndices: LinearTestFrames.lowerTriangle(v))
    }

    /// Crossed users × items (and optionally a third factor), `perUser` observations per user, items uniform.
    static func design(users: Int, items: Int, perUser: Int, third: Int = 0, slope: Bool = false,
                       seed: UInt64) -> ModelFrame {
        var random = Stream(state: seed)
        var user: [Int] = [], item: [Int] = [], other: [Int] = [], x: [Double] = [], y: [Double] = []
        let itemEffect = (0..<items).map { _ in random.uniform() - 0.5 }
        for u in 0..<users {
            let effect = 2 * random.uniform() - 1
            for _ in 0..<perUser {
                let i = random.index(items)
                let xo = random.uniform() * 2 - 1
                user.append(u)
                item.append(i)
                other.append(third > 0 ? random.index(third) : 0)
                x.append(xo)
                y.append(1 + 0.5 * xo + effect * (slope ? 1 + xo : 1) + itemEffect[i] + random.uniform() - 0.5)
            }
        }
        var terms = [term("u", user, levels: users, z: slope ? x.flatMap { [1, $0] } : nil),
                     term("i", item, levels: items)]
        if third > 0 { terms.append(term("g", other, levels: third)) }
        return LinearTestFrames.frame(y: y, xColumns: [[Double](repeating: 1, count: y.count), x],
                                      names: ["(Intercept)", "x"], terms: terms)
    }

    static func system(_ frame: ModelFrame, _ choice: DiagonalFactorChoice) -> PLSSystem {
        PLSSystem(terms: frame.randomEffectsTerms, x: frame.x, p: frame.rank, y: frame.y, diagonalFactor: choice)
    }

    static func isSparse(_ s: PLSSystem) -> Bool {
        if case .sparse = s.lDiagonal.last { return true }
        return false
    }

    static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

    /// Every quantity the fit and the extractors read, at several θ, from both paths.
    static func compare(_ frame: ModelFrame, thetas: [[Double]]) {
        let dense = system(frame, .dense)
        let sparse = system(frame, .sparse)
        #expect(!isSparse(dense))
        #expect(isSparse(sparse))
        let q = dense.q
        for theta in thetas {
            #expect(dense.updateL(theta: theta))
            #expect(sparse.updateL(theta: theta))
            for reml in [false, true] {
                #expect(relative(sparse.objective(reml: reml), dense.objective(reml: reml)) < 1e-10)
            }
            var betaD = [Double](repeating: 0, count: dense.p), betaS = betaD
            dense.solveBeta(into: &betaD)
            sparse.solveBeta(into: &betaS)
            var uD = [Double](repeating: 0, count: q), uS = uD
            dense.solveU(beta: betaD, into: &uD)
            sparse.solveU(beta: betaS, into: &uS)
            let scale = uD.map(abs).max() ?? 1
            for (a, b) in zip(betaS, betaD) { #expect(relative(a, b) < 1e-10) }
            for (a, b) in zip(uS, uD) { #expect(abs(a - b) <= 1e-10 * scale) }
            // ‖L⁻¹e‖² for a unit vector in the last term: order-free, as condVar and leverage use it.
            let last = dense.terms.last!
            for level in [0, last.levels / 2, last.levels - 1] {
                var wD = [Double](repeating: 0, count: q)
                wD[last.offset + level] = 1
                var wS = wD
                dense.forwardSolveRandom(&wD, from: 0)
                sparse.forwardSolveRandom(&wS, from: 0)
                let nD = wD.reduce(0) { $0 + $1 * $1 }, nS = wS.reduce(0) { $0 + $1 * $1 }
                #expect(relative(nS, nD) < 1e-10)
            }
        }
    }

    @Test func crossedInterceptsMatchDense() {
        let frame = Self.design(users: 400, items: 300, perUser: 6, seed: 7)
        Self.compare(frame, thetas: [[1, 1], [1.03, 0.53], [0.2, 2.5], [0, 0.7], [1.5, 0]])
    }

    @Test func simulatedCrossedDesignMatchesDense() {
        let frame = SimulatedDesigns.crossed(n: 20_000, seed: 11)
        Self.compare(frame, thetas: [[1, 1], [0.9, 0.45]])
    }

    @Test func vectorValuedFirstTermMatchesDense() {
        let frame = Self.design(users: 200, items: 150, perUser: 5, slope: true, seed: 3)
        Self.compare(frame, thetas: [[1, 0.2, 0.8, 1], [0.5, -0.3, 0.4, 2]])
    }

    @Test func threeCrossedTermsMatchDense() {
        // The last term's predecessors include the dense middle term: M is full but must still be right.
        let frame = Self.design(users: 300, items: 120, perUser: 4, third: 60, seed: 5)
        Self.compare(frame, thetas: [[1, 1, 1], [0.7, 1.8, 0.3]])
    }

    /// M is formed in two column ranges, concurrently when a spare core is free: the factor must not depend on it.
    @Test func formationOnTwoCoresEqualsOneCore() {
        let frame = Self.design(users: 600, items: 400, perUser: 7, seed: 17)
        let split = Self.system(frame, .sparse)
        let serial = Self.system(frame, .sparse)
        guard case .sparse(let m) = split.lDiagonal.last else {
            Issue.record("the forced sparse path must give a sparse last block")
            return
        }
        #expect(m.formCuts.count == SparseCholeskyBlock.formParts + 1 && m.formCuts.first == 0 && m.formCuts.last == m.q)
        #expect(zip(m.formCuts, m.formCuts.dropFirst()).allSatisfy { $0 < $1 })
        Self.expectSameWithAndWithoutASpareCore(split, serial, thetas: [[1.0, 1.0], [0.37, 1.9], [2.5, 0.05]])
    }

    /// Three crossed terms: the fixed-effects rows of all of them are computed beside the sparse factorization
    /// (on the helper when a core is free): the same results as on the calling thread.
    @Test func fixedRowsBesideTheFactorizationEqualOneCore() {
        let frame = Self.design(users: 500, items: 300, perUser: 6, third: 40, seed: 23)
        Self.expectSameWithAndWithoutASpareCore(Self.system(frame, .sparse), Self.system(frame, .sparse),
                                                thetas: [[1.0, 1.0, 1.0], [0.6, 1.7, 0.4]])
    }

    /// Factors `free` with the spare cores free and `held` (the same model) with them held, at each θ: the
    /// objectives (ML and REML) and β must be identical.
    static func expectSameWithAndWithoutASpareCore(_ free: PLSSystem, _ held: PLSSystem, thetas: [[Double]]) {
        for theta in thetas {
            #expect(free.updateL(theta: theta))
            let cores = SpareCores.reserve(Int.max)
            #expect(held.updateL(theta: theta))
            SpareCores.release(cores)
            for reml in [false, true] { #expect(free.objective(reml: reml) == held.objective(reml: reml)) }
            var betaFree = [Double](repeating: 0, count: free.p), betaHeld = betaFree
            free.solveBeta(into: &betaFree)
            held.solveBeta(into: &betaHeld)
            #expect(betaFree == betaHeld)
        }
    }

    @Test func measuredFillChoosesThePath() {
        // Few observations per user: M is very sparse, the sparse factor wins.
        let sparseDesign = Self.design(users: 3000, items: 1500, perUser: 2, seed: 9)
        #expect(Self.isSparse(Self.system(sparseDesign, .automatic)))
        // Too few items for an analysis to pay.
        #expect(!Self.isSparse(Self.system(SimulatedDesigns.crossed(n: 20_000, seed: 1), .automatic)))
        // Many observations per user over few items: M is full, dense wins.
        let denseDesign = Self.design(users: 300, items: 300, perUser: 150, seed: 2)
        #expect(!Self.isSparse(Self.system(denseDesign, .automatic)))
    }

    /// CHOLMOD's OpenMP regions (4 threads, compiled in) must not run in parallel: after a sparse factorization
    /// the factoring thread's OpenMP max-active-levels is 0, so every region runs on that thread.
    @Test func sparseFactorRunsOnTheCallingThread() throws {
        let frame = Self.design(users: 400, items: 300, perUser: 6, seed: 7)
        let system = Self.system(frame, .sparse)
        #expect(Self.isSparse(system))
        #expect([1.0, 1.0].withUnsafeBufferPointer { system.updateL(theta: $0.baseAddress!) })
        typealias GetMaxActiveLevels = @convention(c) () -> Int32
        let symbol = try #require(dlsym(nil, "omp_get_max_active_levels"))
        #expect(unsafeBitCast(symbol, to: GetMaxActiveLevels.self)() == 0)
    }

    @Test func sparsePathFitMatchesDenseObjective() throws {
        let frame = Self.design(users: 3000, items: 1500, perUser: 2, seed: 9)
        let model = try LinearMixedModel(frame: frame, formulaText: "y ~ 1 + x + (1|u) + (1|i)")
        #expect(Self.isSparse(model.system))
        try model.fit()
        let dense = Self.system(frame, .dense)
        #expect(dense.updateL(theta: model.optsum.final))
        #expect(Self.relative(model.optsum.fmin, dense.objective(reml: false)) < 1e-10)
        #expect(model.optsum.fmin.isFinite)
    }

    @Test func notPositiveDefiniteIsReported() {
        // A non-finite θ makes M non-finite; the factorization must fail cleanly, not crash.
        let frame = Self.design(users: 400, items: 300, perUser: 6, seed: 7)
        let sparse = Self.system(frame, .sparse)
        #expect(!sparse.updateL(theta: [1, .nan]) || !sparse.objective(reml: false).isFinite)
        #expect(sparse.updateL(theta: [1, 1]))
    }
}
