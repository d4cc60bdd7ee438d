import Foundation
import Testing
@testable import MixedModelsLanguage

/// Model comparison, prediction and Wald intervals through a session.
@Suite struct InferenceSessionTests {
    static func session(_ base: String = "/tmp") -> (String) -> BlockResult {
        let session = Session(baseDirectory: base)
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

    @Test func generalizedModelsAreComparedByDeviance() {
        let run = Self.session()
        let setup = run("""
            contra = MixedModels.dataset(:contra)
            gm0 = fit(MixedModel, @formula(use ~ 1 + age + urban + livch + (1|urban & dist)), contra, Bernoulli(); fast=true)
            gm1 = fit(MixedModel, @formula(use ~ 1 + age + abs2(age) + urban + livch + (1|urban & dist)), contra, Bernoulli(); fast=true)
            gmp = fit(MixedModel, @formula(use ~ 1 + age + urban + livch + (1|urban & dist)), contra, Poisson(); fast=true)
            """)
        #expect(setup.error == nil, "\(setup.output)")
        // MixedModels.jl's test: 2 Δ log L = 38.0713 for these fast fits.
        let lrt = run("MixedModels.likelihoodratiotest(gm0, gm1)")
        #expect(lrt.output.contains("model-dof   deviance"), "\(lrt.output)")
        let chisq = run("lrt = MixedModels.likelihoodratiotest(gm0, gm1);\nlrt.tests.deviancediff[1]")
        #expect(abs((Double(chisq.output) ?? 0) - 38.0713) < 1e-3, "\(chisq.output)")
        let family = run("MixedModels.likelihoodratiotest(gm0, gmp)")
        #expect(family.error?.contains("Models must be fit to the same distribution") == true, "\(family.output)")
    }

    @Test func shortConstructorsAndTheDatasetsModule() {
        let run = Self.session()
        let fit = run("""
            dyestuff = MixedModelsDatasets.dataset(:dyestuff)
            m = lmm(@formula(yield ~ 1 + (1|batch)), dyestuff)
            objective(m) == objective(fit(MixedModel, @formula(yield ~ 1 + (1|batch)), dyestuff))
            """)
        #expect(fit.output == "true", "\(fit.output)")
        let g = run("cbpp = MixedModels.dataset(:cbpp)\n"
                    + "typeof(glmm(@formula((incid / hsz) ~ 1 + period + (1|herd)), cbpp, Binomial(); wts = cbpp.hsz))")
        #expect(g.output == "GeneralizedLinearMixedModel{Float64, Binomial{Float64}}", "\(g.output)")
    }

    @Test func predictionWithNewLevels() throws {
        let run = Self.session(Self.data)
        let setup = run("""
            sleepstudy = MixedModels.dataset(:sleepstudy)
            fm1 = fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days|subj)), sleepstudy)
            new = read_csv("sleepstudy-new.csv")
            """)
        #expect(setup.error == nil, "\(setup.output)")
        #expect(run("predict(fm1) == fitted(fm1)").output == "true")
        // lme4: predict(fm1, new, allow.new.levels = TRUE) = 254.2208939, 220.4729214, 272.3396768 (lme4 stops its
        // optimizer about 1e-6 relative from our optimum, hence the tolerance).
        // A linear model's default for new levels is MixedModels.jl's `:missing`.
        #expect(run("ismissing(predict(fm1, new)[3])").output == "true")
        let population = run("predict(fm1, new; new_re_levels = :population)")
        #expect(population.error == nil, "\(population.output)")
        let values = population.output.split(separator: "\n").dropFirst().compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        for (value, lme4) in zip(values, [254.2208939, 220.4729214, 272.3396768]) { #expect(abs(value - lme4) < 5e-6 * lme4) }
        #expect(values.count == 3)
        #expect(run("ismissing(predict(fm1, new; new_re_levels = :missing)[3])").output == "true")
        let error = run("predict(fm1, new; new_re_levels = :error)")
        #expect(error.error?.contains("New level encountered in subj: new") == true, "\(error.output)")
        let missingColumn = run("predict(fm1, read_csv(\"sleepstudy-nodays.csv\"))")
        #expect(missingColumn.error?.contains("newdata has no column :days") == true, "\(missingColumn.output)")
        let wald = run("confint(fm1)")
        #expect(wald.output.hasPrefix("DictTable with 2 columns and 2 rows:\n coef"), "\(wald.output)")
    }

    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("notebooks/data").path
}
