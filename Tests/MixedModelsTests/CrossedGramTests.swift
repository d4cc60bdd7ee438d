import Foundation
import Testing
@testable import MixedModels

/// The crossed-terms downdate on Zipf-skewed data: the heaviest users' columns go to one BLAS product over a dense
/// copy and the rest is split across two cores (`DenseColumnGram`, `SpareCores`). Checked against computations that
/// share none of that code: CHOLMOD's sparse factor (LMM) and a dense LAPACK factor of the whole system (GLMM).
@Suite struct CrossedGramTests {
    /// Users × items where user u has max(3, heaviest/(u + 1)) observations (so the first users see nearly every
    /// item), items uniform; a Gaussian or a Bernoulli response.
    static func skewed(users: Int = 600, items: Int = 520, heaviest: Int = 12_000, bernoulli: Bool = false,
                       seed: UInt64) -> ModelFrame {
        var random = SparseCholeskyTests.Stream(state: seed)
        var user: [Int] = [], item: [Int] = [], x: [Double] = [], y: [Double] = []
        let itemEffect = (0..<items).map { _ in random.uniform() - 0.5 }
        for u in 0..<users {
            let effect = 2 * random.uniform() - 1
            for _ in 0..<max(3, heaviest / (u + 1)) {
                let i = random.index(items)
                let xo = random.uniform() * 2 - 1
                let eta = 0.5 * xo + effect + itemEffect[i]
                user.append(u)
                item.append(i)
                x.append(xo)
                if bernoulli {
                    let p = random.uniform()
                    y.append(eta + log(p / (1 - p)) > 0 ? 1 : 0)
                } else {
                    y.append(1 + eta + random.uniform() - 0.5)
                }
            }
        }
        return LinearTestFrames.frame(y: y, xColumns: [[Double](repeating: 1, count: y.count), x],
                                      names: ["(Intercept)", "x"],
                                      terms: [SparseCholeskyTests.term("u", user, levels: users),
                                              SparseCholeskyTests.term("i", item, levels: items)])
    }

    @Test func denseColumnsAndSplitMatchTheSparseFactor() {
        let frame = Self.skewed(seed: 17)
        let dense = SparseCholeskyTests.system(frame, .dense)
        let plan = dense.lOff[1][0].gramPlan
        // The design exercises both parts: heavy users copied densely, and enough scattered work to split.
        #expect((plan.dense?.columns.count ?? 0) >= 10)
        #expect(plan.work >= PLSSystem.parallelGramWork)
        #expect(plan.split > 0 && plan.split < frame.randomEffectsTerms[1].levelCount)
        SparseCholeskyTests.compare(frame, thetas: [[1, 1], [0.9, 0.45], [0.05, 2]])
    }

    @Test func resultsDoNotDependOnAFreeCore() {
        let frame = Self.skewed(seed: 5)
        let system = SparseCholeskyTests.system(frame, .dense)
        let theta = [0.8, 0.6]
        #expect(theta.withUnsafeBufferPointer { system.updateL(theta: $0.baseAddress!) })
        let free = system.objective(reml: false)
        // With the spare core held, both parts run on this thread, one after the other.
        let held = SpareCores.reserve(ProcessInfo.processInfo.activeProcessorCount)
        #expect(theta.withUnsafeBufferPointer { system.updateL(theta: $0.baseAddress!) })
        let sequential = system.objective(reml: false)
        SpareCores.release(held)
        #expect(free == sequential)
    }

    @Test func bernoulliCrossBlockMatchesADenseFactor() throws {
        let frame = Self.skewed(bernoulli: true, seed: 23)
        let model = try GeneralizedLinearMixedModel(modelFrame: frame, formula: "y ~ 1 + x + (1|u) + (1|i)",
                                                    family: .bernoulli)
        let cross = model.system.cross
        #expect(!cross.isDense)
        #expect((cross.gramPlan?.dense?.columns.count ?? 0) >= 10)
        #expect((cross.gramPlan?.work ?? 0) >= PLSSystem.parallelGramWork)
        model.setTheta([0.9, 0.4][...])
        try model.pirls(varyBeta: false)
        let reference = try model.innerSystem.formed().factor
        let order = model.innerSystem.q + model.innerSystem.p + 1
        var logDet = 0.0
        for k in 0..<model.innerSystem.q { logDet += 2 * log(reference[k + k * order]) }
        #expect(abs(model.system.logDet - logDet) <= 1e-10 * abs(logDet))
    }

    /// On large data PIRLS forms its blocks and η on two cores (`accumulateScalar`, `updateLinearPredictor`): the
    /// same deviance and modes, to the bit, as with the spare core held.
    @Test func bernoulliResultsDoNotDependOnAFreeCore() throws {
        let frame = Self.skewed(heaviest: 24_000, bernoulli: true, seed: 29)
        #expect(frame.observationCount >= PIRLSSystem.parallelAccumulationWork)
        let model = try GeneralizedLinearMixedModel(modelFrame: frame, formula: "y ~ 1 + x + (1|u) + (1|i)",
                                                    family: .bernoulli)
        model.setTheta([0.9, 0.4][...])
        try model.pirls(varyBeta: false)
        let free = (model.laplaceDeviance(), model.sphericalEffects)
        let held = SpareCores.reserve(ProcessInfo.processInfo.activeProcessorCount)
        try model.pirls(varyBeta: false)
        SpareCores.release(held)
        #expect(model.laplaceDeviance() == free.0)
        #expect(model.sphericalEffects == free.1)
    }
}
