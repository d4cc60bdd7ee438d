import Foundation
import Testing
@testable import MixedModels

/// Bad input gives one clear error, never a crash.
@Suite struct LinearBadInputTests {
    @Test func groupingFactorWithOneLevelPerObservation() {
        let d = LinearTestFrames.readCSV("dyestuff")
        let y = LinearTestFrames.doubles(d["yield"])
        let perObservation = LinearTestFrames.term("obs", y.indices.map { String(format: "%02d", $0) },
                                                   columns: ["(Intercept)"], values: { _ in [1] }, lambdaIndices: [0])
        let frame = LinearTestFrames.frame(y: y, xColumns: [y.map { _ in 1 }], names: ["(Intercept)"],
                                           terms: [perObservation])
        #expect(throws: MixedModelError.tooManyLevels(groupingFactor: "obs", levels: 30, observations: 30)) {
            try LinearMixedModel(frame: frame, formulaText: "yield ~ 1 + (1 | obs)")
        }
        let message = MixedModelError.tooManyLevels(groupingFactor: "obs", levels: 30, observations: 30).description
        #expect(message.hasPrefix("number of levels of each grouping factor must be < number of observations"))
    }

    @Test func nonFiniteResponse() {
        var frame = LinearTestFrames.dyestuff()
        frame.y[3] = .nan
        #expect(throws: MixedModelError.nonFiniteValue(column: "response", row: 3)) {
            try LinearMixedModel(frame: frame, formulaText: "")
        }
    }

    @Test func infiniteCovariate() {
        var frame = LinearTestFrames.sleepstudy()
        frame.x[180 + 7] = .infinity
        #expect(throws: MixedModelError.nonFiniteValue(column: "days", row: 7)) {
            try LinearMixedModel(frame: frame, formulaText: "")
        }
        var random = LinearTestFrames.sleepstudy()
        random.randomEffectsTerms[0].z[2 * 5 + 1] = -.infinity
        #expect(throws: MixedModelError.nonFiniteValue(column: "days", row: 5)) {
            try LinearMixedModel(frame: random, formulaText: "")
        }
    }

    @Test func constantResponse() {
        var frame = LinearTestFrames.dyestuff()
        frame.y = frame.y.map { _ in 1500 }
        // The model can be built (to simulate into, as MixedModels.jl allows) but not fit.
        #expect(throws: MixedModelError.constantResponse(value: 1500)) {
            try LinearMixedModel(frame: frame, formulaText: "").fit()
        }
    }

    @Test func noRandomEffects() {
        var frame = LinearTestFrames.dyestuff()
        frame.randomEffectsTerms = []
        #expect(throws: MixedModelError.noRandomEffects) { try LinearMixedModel(frame: frame, formulaText: "") }
    }
}
