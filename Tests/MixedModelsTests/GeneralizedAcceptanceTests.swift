import Foundation
import Testing
import MixedModels

@Suite("GLMM acceptance: the spec's verbagg and contra fits")
struct GeneralizedAcceptanceTests {
    @Test func verbaggLaplace() throws {
        let m = try GeneralizedLinearMixedModel(modelFrame: try GeneralizedTestFrames.verbagg(),
                                                formula: GeneralizedTestFrames.verbaggFormula, family: .bernoulli)
        let start = Date()
        try m.fit()
        print("verbagg default fit", Date().timeIntervalSince(start), m.optimizationSummary.evaluations, (try m.deviance()), m.theta, m.beta)
        #expect(abs((try m.deviance()) - 8135.8329) < 5e-5)
    }

    @Test func contraAll() throws {
        let m = try GeneralizedLinearMixedModel(modelFrame: try GeneralizedTestFrames.contra(),
                                                formula: GeneralizedTestFrames.contraFormula, family: .bernoulli)
        for (fast, nAGQ) in [(false, 1), (true, 1), (false, 9), (true, 9)] {
            let start = Date()
            try m.fit(fast: fast, nAGQ: nAGQ)
            print("contra", fast, nAGQ, Date().timeIntervalSince(start), m.optimizationSummary.evaluations, (try m.deviance()))
        }
    }
}
