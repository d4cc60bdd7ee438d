import DataTables
import Testing
@testable import MixedModels

/// Models built from formulas and the bundled datasets, end to end.
@Suite struct LinearFormulaTests {
    @Test func dyestuffFromFormula() throws {
        let m = try LinearMixedModel.fit(Formula("yield ~ 1 + (1|batch)"), Datasets.load("dyestuff"))
        #expect(matchesSpec(m.description, LinearSpecDisplays.fm1))
        #expect(close(m.varCorr.residualStandardDeviation ?? 0, 49.5101, rtol: 2e-6))
        #expect(m.varCorr.description.hasPrefix("Variance components:\n"))
    }

    @Test func nestedFromFormula() throws {
        let m = try LinearMixedModel.fit(Formula("strength ~ 1 + (1|batch/cask)"), Datasets.load("pastes"))
        #expect(matchesSpec(m.description, LinearSpecDisplays.fm4a))
    }

    @Test func sleepstudyFromFormula() throws {
        let m = try LinearMixedModel.fit(Formula("reaction ~ 1 + days + (1 + days|subj)"), Datasets.load("sleepstudy"))
        #expect(matchesSpec(m.description, LinearSpecDisplays.fm2))
        #expect(matchesSpec(m.coeftable.description, """
        ──────────────────────────────────────────────────
                        Coef.  Std. Error      z  Pr(>|z|)
        ──────────────────────────────────────────────────
        (Intercept)  251.405      6.63226  37.91    <1e-99
        days          10.4673     1.50224   6.97    <1e-11
        ──────────────────────────────────────────────────
        """))
    }

    @Test func dummyCodedFromFormula() throws {
        let m = try LinearMixedModel.fit(Formula("reaction ~ 1 + days + zerocorr(1 + days|subj)"),
                                         Datasets.load("sleepstudy"), contrasts: ["days": .dummy()])
        #expect(matchesSpec(m.description, LinearSpecDisplays.dummyZerocorr))
    }

    @Test func randomTermOnMissingColumn() throws {
        let data = try Datasets.load("dyestuff")
        #expect(throws: (any Error).self) { try LinearMixedModel(formula: Formula("yield ~ 1 + (1|plate)"), data: data) }
        do {
            _ = try LinearMixedModel(formula: Formula("yield ~ 1 + (1|plate)"), data: data)
        } catch {
            #expect(String(describing: error).contains("plate"))
        }
    }
}
