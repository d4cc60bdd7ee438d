import Foundation
import JuliaRandom
import Testing
@testable import MixedModels

/// `gm.LMM`: the inner linear mixed model of a fitted GLMM, checked against an independent unweighted linear mixed
/// model of the √w-scaled working response, X and Z (the weighted problem's objective is that one's − Σ log wᵢ).
@Suite struct GLMMInnerLinearModelTests {
    @Test func innerModelIsTheWeightedLinearModelOfTheWorkingResponse() throws {
        let (m, _, _) = try GLMMSimulationTests.cbpp()
        let inner = m.innerSystem
        let root = inner.sqrtWeights
        let n = m.nobs
        var frame = m.modelFrame
        frame.y = zip(inner.y, root).map { $0 * $1 }
        for c in 0..<frame.fixedEffectCount { for o in 0..<n { frame.x[o + c * n] *= root[o] } }
        for t in frame.randomEffectsTerms.indices {
            let v = frame.randomEffectsTerms[t].vsize
            for o in 0..<n { for j in 0..<v { frame.randomEffectsTerms[t].z[j + o * v] *= root[o] } }
        }
        let lmm = try LinearMixedModel(frame: frame, formulaText: m.formulaDescription)
        let unweighted = lmm.evaluateObjective(at: m.theta, reml: false)
        let logWeights = root.reduce(0) { $0 + 2 * log($1) }
        let fit = try m.innerLinearModel()
        #expect(abs(fit.objective - (unweighted - logWeights)) < 1e-9 * abs(fit.objective))
        var beta = [Double](repeating: 0, count: m.rank)
        beta.withUnsafeMutableBufferPointer { lmm.system.solveBeta(into: $0.baseAddress!) }
        for (a, b) in zip(fit.beta, beta) { #expect(abs(a - b) < 1e-9) }
        #expect(abs(fit.sigma - lmm.sigma) < 1e-9)
        for (a, b) in zip(fit.se, lmm.stderror) { #expect(abs(a - b) < 1e-9) }
        // For this non-fast fit the inner model's β̂ (where a PIRLS step on β would go) is not the GLMM's β.
        #expect(abs(fit.beta[0] - m.fixef[0]) > 1e-2)
        let text = try #require(try m.innerLinearModelSummary())
        #expect(text.hasPrefix("Linear mixed model fit by maximum likelihood\n \(m.formulaDescription)\n"))
        #expect(text.contains("Residual") && text.contains("Number of obs: 56; levels of grouping factors: 15"))
        try m.simulateResponse(using: MersenneTwister(seed: 1))
        #expect(try m.innerLinearModelSummary() == nil)
    }
}
