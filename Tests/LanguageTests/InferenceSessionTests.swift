import Testing
@testable import MixedModelsLanguage

/// Model comparison, prediction and Wald intervals through a session.
@Suite struct InferenceSessionTests {
    static func session() -> (String) -> BlockResult {
        let session = Session(baseDirectory: "/tmp")
        return { session.run($0, file: "nb.md", firstLine: 1, timeout: 120) }
    }

    @Test func likelihoodRatioTestsOfSleepstudyModels() {
        let run = Self.session()
        let setup = run("""
            sleepstudy = MixedModels.dataset(:sleepstudy)
            fm0 = fit(MixedModel, @formula(reaction ~ 1 + days + (1|subj)), sleepstudy)
            fm1 = fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days|subj)), sleepstudy)
            """)
        #expect(setup.error == nil, "\(setup.output)")
        let lrt = run("MixedModels.likelihoodratiotest(fm0, fm1)")
        #expect(lrt.output.hasPrefix("Model Formulae\n1: reaction ~ 1 + days + (1 | subj)\n"), "\(lrt.output)")
        #expect(lrt.output.contains("[2]          6  1751.9393  42.1393       2  <1e-09"), "\(lrt.output)")
        #expect(run("lrtest(fm0, fm1)").output.contains("Likelihood-ratio test: 2 models fitted on 180 observations"))
        #expect(run("isnested(fm0, fm1)").output == "true")
        let reml = run("fmr = fit(MixedModel, @formula(reaction ~ 1 + (1|subj)), sleepstudy; REML=true)\n"
                       + "MixedModels.likelihoodratiotest(fmr, fm1)")
        #expect(reml.error?.contains("Models must all be fit with the same objective") == true, "\(reml.output)")
        let other = run("dyestuff = MixedModels.dataset(:dyestuff)\n"
                        + "fmd = fit(MixedModel, @formula(yield ~ 1 + (1|batch)), dyestuff)\nlrtest(fmd, fm1)")
        #expect(other.error?.contains("number of observations differ") == true, "\(other.output)")
    }

    @Test func predictionWithNewLevels() {
        let run = Self.session()
        let setup = run("""
            sleepstudy = MixedModels.dataset(:sleepstudy)
            fm1 = fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days|subj)), sleepstudy)
            """)
        #expect(setup.error == nil, "\(setup.output)")
        #expect(run("predict(fm1) == fitted(fm1)").output == "true")
        #expect(run("predict(fm1, sleepstudy) ≈ fitted(fm1)").output == "true")
        let population = run("new = DataFrame(subj = [\"S308\", \"new\"], days = [1, 1])\npredict(fm1, new)")
        #expect(population.error == nil, "\(population.output)")
        #expect(run("predict(fm1, new)[2] ≈ fixef(fm1)[1] + fixef(fm1)[2]").output == "true")
        #expect(run("ismissing(predict(fm1, new; new_re_levels = :missing)[2])").output == "true")
        let error = run("predict(fm1, new; new_re_levels = :error)")
        #expect(error.error?.contains("New level encountered in subj: new") == true, "\(error.output)")
        let missingColumn = run("predict(fm1, DataFrame(subj = [\"S308\"]))")
        #expect(missingColumn.error?.contains("newdata has no column :days") == true, "\(missingColumn.output)")
        let wald = run("confint(fm1)")
        #expect(wald.output.hasPrefix("DictTable with 2 columns and 2 rows:\n coef"), "\(wald.output)")
    }
}
