import Testing
@testable import MixedModels

/// Objectives and parameters of the spec's linear mixed models.
@Suite struct LinearFitTests {
    func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }

    @Test func dyestuffML() throws {
        let m = try LinearMixedModel(frame: LinearTestFrames.dyestuff(), formulaText: "yield ~ 1 + (1 | batch)")
        try m.fit()
        #expect(relativeError(m.optsum.fmin, 327.327059881143) < 1e-6)
    }

    @Test func dyestuffREML() throws {
        let m = try LinearMixedModel(frame: LinearTestFrames.dyestuff(), formulaText: "yield ~ 1 + (1 | batch)")
        try m.fit(reml: true)
        #expect(relativeError(m.optsum.fmin, 319.65427684225943) < 1e-6)
    }

    @Test func sleepstudy() throws {
        let m = try LinearMixedModel(frame: LinearTestFrames.sleepstudy(), formulaText: "")
        try m.fit()
        #expect(relativeError(m.optsum.fmin, 1751.9393) < 1e-6)
        print(m.optsum.final, m.optsum.feval)
    }

    @Test func penicillin() throws {
        let m = try LinearMixedModel(frame: LinearTestFrames.penicillin(), formulaText: "")
        try m.fit()
        #expect(relativeError(m.optsum.fmin, 332.1883) < 1e-6)
        try m.fit(reml: true)
        #expect(relativeError(m.optsum.fmin, 330.86058899096145) < 1e-6)
    }

    @Test func pastes() throws {
        let m = try LinearMixedModel(frame: LinearTestFrames.pastes(), formulaText: "")
        try m.fit()
        #expect(relativeError(m.optsum.fmin, 247.9945) < 1e-6)
    }
}
