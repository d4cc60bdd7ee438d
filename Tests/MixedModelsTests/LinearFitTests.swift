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

/// The dummy-coded sleepstudy fits (up to 66 θ): the correlated ones reach lme4's optimum (1610.798, better than
/// the spec's 1611.9897); the zerocorr ones are no worse than the spec's objectives by more than 1e-3.
@Suite struct LinearDummyCodedFitTests {
    func fitted(fulldummy: Bool, zerocorr: Bool) throws -> LinearMixedModel {
        let frame = LinearTestFrames.sleepstudyDummy(fulldummy: fulldummy, zerocorr: zerocorr)
        return try LinearMixedModel(frame: frame, formulaText: "reaction ~ 1 + days + (1 + days | subj)").fit()
    }

    @Test func correlated() throws {
        let m = try fitted(fulldummy: false, zerocorr: false)
        print("dummy", m.optsum.fmin, m.optsum.feval)
        #expect(m.optsum.fmin <= 1610.7983)
        // L-BFGS (91 evaluations) and the convergence check (56); unconditional NEWUOA restarts took it to 542.
        #expect(m.optsum.feval < 250)
    }

    @Test func correlatedFullDummy() throws {
        let m = try fitted(fulldummy: true, zerocorr: false)
        print("fulldummy", m.optsum.fmin, m.optsum.feval)
        #expect(m.optsum.fmin <= 1610.7983)
        #expect(m.optsum.feval < 250)
    }

    @Test func zerocorr() throws {
        let m = try fitted(fulldummy: false, zerocorr: true)
        print("zc", m.optsum.fmin, m.optsum.feval)
        #expect(m.optsum.fmin <= 1765.8276 + 1e-3)
    }

    @Test func zerocorrFullDummy() throws {
        let m = try fitted(fulldummy: true, zerocorr: true)
        print("zcfull", m.optsum.fmin, m.optsum.feval)
        #expect(m.optsum.fmin <= 1757.9686 + 1e-3)
    }
}
