import Testing
@testable import MixedModels

/// `likelihoodratiotest` and `lrtest` against MixedModels.jl's printed table and lme4's `anova()`.
@Suite struct LikelihoodRatioTestTests {
    @Test func sleepstudyTableAsMixedModelsPrintsIt() throws {
        let fm0 = try InferenceModels.linear("reaction ~ 1 + (1 + days | subj)", "sleepstudy")
        let fm1 = try InferenceModels.linear("reaction ~ 1 + days + (1 + days | subj)", "sleepstudy")
        let lrt = try LikelihoodRatioTest([fm1.compared, fm0.compared])
        #expect(lrt.dof == [5, 6])
        #expect(lrt.description == """
            Model Formulae
            1: reaction ~ 1 + (1 + days | subj)
            2: reaction ~ 1 + days + (1 + days | subj)
            ──────────────────────────────────────────────────
                 model-dof  -2 logLik       χ²  χ²-dof  P(>χ²)
            ──────────────────────────────────────────────────
            [1]          5  1775.4759                         
            [2]          6  1751.9393  23.5365       1  <1e-05
            ──────────────────────────────────────────────────
            """)
    }

    @Test func chiSquaredAgainstLme4Anova() throws {
        // lme4: anova(fm0, fmz, fm1) on sleepstudy, ML fits.
        let fm0 = try InferenceModels.linear("reaction ~ 1 + days + (1 | subj)", "sleepstudy")
        let fmz = try InferenceModels.linear("reaction ~ 1 + days + zerocorr(1 + days | subj)", "sleepstudy")
        let fm1 = try InferenceModels.linear("reaction ~ 1 + days + (1 + days | subj)", "sleepstudy")
        let lrt = try LikelihoodRatioTest([fm0.compared, fmz.compared, fm1.compared])
        #expect(lrt.dofdiff == [1, 1])
        #expect(abs(lrt.deviancediff[0] - 42.07539) < 1e-4)
        #expect(abs(lrt.deviancediff[1] - 0.06391) < 1e-4)
        #expect(abs(lrt.pvalues[0] - 8.7822e-11) < 1e-14)
        #expect(abs(lrt.pvalues[1] - 0.80042) < 1e-5)
        let test = try LRTestResult([fm0.compared, fmz.compared, fm1.compared])
        #expect(test.pval[0].isNaN)
        #expect(abs(test.pval[1] - lrt.pvalues[0]) < 1e-15)
    }

    @Test func chiSquaredTailProbabilities() {
        #expect(abs(Distributions.chisqccdf(1, 3.841458820694124) - 0.05) < 1e-12)
        #expect(abs(Distributions.chisqccdf(2, 5.991464547107979) - 0.05) < 1e-12)
        #expect(abs(Distributions.chisqccdf(3, 0.5) - 0.918891411654) < 1e-9)
        #expect(Distributions.chisqccdf(1, 0) == 1)
    }

    @Test func remlAndMlCannotBeCompared() throws {
        let ml = try InferenceModels.linear("reaction ~ 1 + days + (1 | subj)", "sleepstudy")
        let reml = try InferenceModels.linear("reaction ~ 1 + days + (1 + days | subj)", "sleepstudy", reml: true)
        #expect(throws: ModelComparisonError(
            "Models must all be fit with the same objective (i.e. all ML or all REML)")) {
            try LikelihoodRatioTest([ml.compared, reml.compared])
        }
        let reml0 = try InferenceModels.linear("reaction ~ 1 + (1 + days | subj)", "sleepstudy", reml: true)
        #expect(throws: ModelComparisonError("Likelihood-ratio tests for REML-fitted models are only valid when "
                                             + "the fixed-effects specifications are identical")) {
            try LikelihoodRatioTest([reml0.compared, reml.compared])
        }
    }

    @Test func differentDataAndNonNestedModelsAreRefused() throws {
        let slp = try InferenceModels.linear("reaction ~ 1 + days + (1 | subj)", "sleepstudy")
        let dye = try InferenceModels.linear("yield ~ 1 + (1 | batch)", "dyestuff")
        #expect(throws: ModelComparisonError("Models must have the same number of observations")) {
            try LikelihoodRatioTest([slp.compared, dye.compared])
        }
        let slope = try InferenceModels.linear("reaction ~ 1 + (0 + days | subj)", "sleepstudy")
        let intercept = try InferenceModels.linear("reaction ~ 1 + days + (1 | subj)", "sleepstudy")
        #expect(!isnested(slope.compared, intercept.compared))
        #expect(throws: ModelComparisonError("LR test is only valid for nested models")) {
            try LRTestResult([slope.compared, intercept.compared])
        }
    }
}
