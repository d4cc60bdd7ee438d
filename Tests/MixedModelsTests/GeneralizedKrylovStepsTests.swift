import DataTables
import Foundation
import Testing
@testable import MixedModels

/// PIRLS's Newton steps by conjugate gradients preconditioned with the held factor (`PIRLSConjugateGradient`):
/// the same modes, deviances and fits as the direct steps, with one factorization per PIRLS run.
@Suite("GLMM PIRLS Krylov steps")
struct GeneralizedKrylovStepsTests {
    /// Crossed Bernoulli intercepts with many items for few observations: a factorization (800 dense items)
    /// costs far more than a pass over the 10 000 observations, so the Krylov steps are chosen automatically.
    static func manyItems() throws -> GeneralizedLinearMixedModel {
        let frame = SimulatedDesigns.crossed(n: 10_000, seed: 3, bernoulli: true, users: 1500, items: 800)
        return try GeneralizedLinearMixedModel(modelFrame: frame, formula: "y ~ 1 + x + (1|user) + (1|item)",
                                               family: .bernoulli)
    }

    static func verbagg() throws -> GeneralizedLinearMixedModel {
        try GeneralizedLinearMixedModel(
            formula: Formula("r2 ~ 1 + anger + gender + btype + situ + (1|subj) + (1|item)"),
            data: dataset("verbagg"), family: .bernoulli)
    }

    @Test func chosenWhenAFactorizationCostsFarMoreThanAPass() throws {
        #expect(try Self.manyItems().usesKrylovSteps)
        #expect(try !Self.verbagg().usesKrylovSteps)
        let bernoulli = SimulatedDesigns.crossed(n: 20_000, seed: 3, bernoulli: true)
        let model = try GeneralizedLinearMixedModel(modelFrame: bernoulli, formula: "y ~ 1 + x + (1|user) + (1|item)",
                                                    family: .bernoulli)
        #expect(!model.usesKrylovSteps)
    }

    /// At fixed θ (β fixed, and β varying), cold and warm: the Krylov steps reach the direct steps' modes and
    /// Laplace deviance, and a warm run with a held factor factors once (at the modes).
    @Test func sameModesAndDevianceAsDirectSteps() throws {
        let direct = try Self.verbagg(), krylov = try Self.verbagg()
        direct.krylovPolicy = .never
        krylov.krylovPolicy = .always
        for varyBeta in [false, true] {
            for theta in [[1.3, 0.5], [1.31, 0.49], [0.8, 0.9]] {
                for m in [direct, krylov] {
                    m.setTheta(theta[...])
                    try m.pirls(varyBeta: varyBeta)
                }
                let tolerance = 1e-10 * direct.laplaceDeviance()
                #expect(abs(krylov.laplaceDeviance() - direct.laplaceDeviance()) <= tolerance,
                        "θ \(theta), varyBeta \(varyBeta)")
                for (a, b) in zip(krylov.sphericalEffects, direct.sphericalEffects) { #expect(abs(a - b) <= 1e-6) }
                for (a, b) in zip(krylov.fullRankBeta, direct.fullRankBeta) { #expect(abs(a - b) <= 1e-6) }
            }
            // A warm start at a nearby θ: conjugate gradients, then one factorization at the modes.
            let factorizations = krylov.factorizationCount, steps = krylov.krylovStepCount
            for m in [direct, krylov] {
                m.setTheta([0.81, 0.9][...])
                try m.pirls(varyBeta: varyBeta, warmStart: true)
            }
            #expect(krylov.factorizationCount == factorizations + 1)
            #expect(krylov.krylovStepCount > steps)
            #expect(abs(krylov.laplaceDeviance() - direct.laplaceDeviance()) <= 1e-10 * direct.laplaceDeviance())
        }
    }

    /// The product with H in the first term's level order (used from 2¹⁷ observations on) equals the product in
    /// the observation order.
    @Test func levelOrderedProductEqualsTheObservationOrder() throws {
        let m = try Self.manyItems()
        let q = m.sphericalEffects.count
        var w = KrylovWorkspace()
        w.prepare(count: q, randomEffects: q, fixedEffects: m.rank)
        var random = SplitMix64(seed: 7)
        for k in 0..<q { w.direction[k] = random.normal() }
        m.applyHessian(&w, jointly: false)
        let plain = w.product
        let raw = m.system.rawTerms
        w.ordering = LevelOrdering(first: raw[0], levels: raw[1].offset - raw[0].offset, second: raw[1],
                                   count: m.observationCount, q: q)
        w.ordering?.order(weights: m.response.workingWeight)
        w.usesOrdering = true
        m.applyHessian(&w, jointly: false)
        #expect(w.product.count == plain.count && plain.contains { abs($0) > 1 })
        for (a, b) in zip(w.product, plain) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b))) }
    }

    /// Fits `model()` with the direct steps and with `policy`, `fast` and default: the direct steps' objective
    /// within 1e-9 relative and θ, β within 2e-4, with Krylov steps taken and fewer factorizations. Returns the
    /// two summaries of each fit (Krylov first).
    static func expectSameFits(policy: KrylovSteps.Policy, _ model: () throws -> GeneralizedLinearMixedModel)
        throws -> [(GLMMOptimizationSummary, GLMMOptimizationSummary)] {
        try [true, false].map { fast in
            let direct = try model(), krylov = try model()
            direct.krylovPolicy = .never
            krylov.krylovPolicy = policy
            try direct.fit(fast: fast)
            try krylov.fit(fast: fast)
            let a = krylov.optimizationSummary, b = direct.optimizationSummary
            #expect(abs(a.minimumObjective - b.minimumObjective) <= 1e-9 * b.minimumObjective,
                    "fast \(fast): \(a.minimumObjective) against \(b.minimumObjective)")
            for (x, y) in zip(a.final, b.final) { #expect(abs(x - y) <= 2e-4 * max(1, abs(y)), "fast \(fast)") }
            #expect(krylov.krylovStepCount > 0)
            #expect(krylov.factorizationCount < direct.factorizationCount)
            return (a, b)
        }
    }

    /// A vector-valued term (the general product with H, and 2 × 2 diagonal blocks in the preconditioner): the
    /// direct steps' fit.
    @Test func vectorValuedTermMatchesTheDirectSteps() throws {
        let fits = try Self.expectSameFits(policy: .always) {
            try GeneralizedLinearMixedModel(formula: Formula("use ~ 1 + age + urban + livch + (1 + urban|dist)"),
                                            data: dataset("contra"), family: .bernoulli)
        }
        // Nine parameters (six fixed effects and three θ): the [β; θ] run is Newton's method, with about half
        // the evaluations of BOBYQA (127 against 232 when this test was written).
        #expect(fits[1].0.optimizer == GLMMOptimizationSummary.newtonOptimizer)
        #expect(fits[1].0.warnings.isEmpty)
        #expect(fits[1].0.evaluations < fits[1].1.evaluations)
    }

    /// Whole fits, `fast` (θ only: the joint steps precondition with the X rows too) and default ([β; θ]), on a
    /// model that chooses the Krylov steps: the direct steps' optimum, with far fewer factorizations. The default
    /// fit's [β; θ] run is Newton's method (`GLMMNewtonRun`), the direct steps' BOBYQA.
    @Test func fitsMatchTheDirectSteps() throws {
        let fits = try Self.expectSameFits(policy: .automatic, Self.manyItems)
        for (a, b) in fits { #expect(a.warnings == b.warnings) }
        #expect(fits.map(\.0.optimizer) == ["LN_BOBYQA", GLMMOptimizationSummary.newtonOptimizer])
        #expect(fits.map(\.1.optimizer) == ["LN_BOBYQA", "LN_BOBYQA"])
        #expect(fits[1].0.evaluations < fits[1].1.evaluations)
    }

    /// Items without effects: the item θ's optimum is on its bound, where Newton's run stops (a step would reach
    /// the bound) and BOBYQA takes over, with its first steps worked out only then. The fit ends on the boundary
    /// and passes the check.
    @Test func newtonRunHandsABoundaryOptimumToBOBYQA() throws {
        let frame = SimulatedDesigns.crossed(n: 40_000, seed: 3, itemSD: 0, bernoulli: true, users: 1500, items: 800)
        let model = try GeneralizedLinearMixedModel(modelFrame: frame, formula: "y ~ 1 + x + (1|user) + (1|item)",
                                                    family: .bernoulli)
        #expect(model.usesKrylovSteps)
        try model.fit()
        let summary = model.optimizationSummary
        #expect(summary.optimizer == "LN_BOBYQA")
        #expect(summary.final.last! < 1e-3, "\(summary.final)")
        #expect(summary.warnings.allSatisfy { !$0.contains("failed to converge") }, "\(summary.warnings)")
    }
}
