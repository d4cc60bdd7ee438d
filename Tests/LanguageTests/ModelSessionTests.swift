import Testing
@testable import MixedModelsLanguage

/// Models, tables and rich outputs through a session (the spec's smallest example).
@Suite struct ModelSessionTests {
    @Test func dyestuffModelValuesAndTables() {
        let session = Session(baseDirectory: "/tmp")
        func run(_ code: String) -> BlockResult { session.run(code, file: "nb.md", firstLine: 1, timeout: 120) }
        let fit = run("dyestuff = MixedModels.dataset(:dyestuff)\nfm1 = fit(MixedModel, @formula(yield ~ 1 + (1|batch)), dyestuff)")
        #expect(fit.error == nil, "\(fit.output)")
        #expect(fit.tables.map(\.caption) == ["Fixed-effects parameters", "Variance components"])
        #expect(run("fm1.β == fm1.beta").output == "true")
        #expect(run("n, p, q, k = size(fm1)").output == "(30, 1, 6, 1)")
        #expect(run("q").output == "6")
        #expect(run("typeof(fm1)").output == "LinearMixedModel{Float64}")
        #expect(run("dof(fm1)   # 1 fixed effect, 2 variances").output == "3")
        let frame = run("DataFrame(only(raneftables(fm1)))")
        #expect(frame.output.hasPrefix("6×2 DataFrame"), "\(frame.output)")
        #expect(frame.tables.count == 1)
        let bad = run("fm1.betta")
        #expect(bad.error?.contains("did you mean `beta`") == true, "\(bad.output)")
        let missingKeyword = run("fit(MixedModel, @formula(yield ~ 1 + (1|batch)), dyestuff, REMl=true)")
        #expect(missingKeyword.error?.contains("unknown keyword argument `REMl`") == true, "\(missingKeyword.output)")
    }

    @Test func vcovAsCorrelations() {
        // SMLP2025's sleepstudy page prints the correlation of the two estimates as −0.137545.
        let session = Session(baseDirectory: "/tmp")
        func run(_ code: String) -> BlockResult { session.run(code, file: "nb.md", firstLine: 1, timeout: 120) }
        _ = run("m1 = fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days|subj)), MixedModels.dataset(:sleepstudy))")
        #expect(run("vcov(m1; corr=true)").output == "2×2 Matrix{Float64}:\n  1.0       -0.137545\n -0.137545   1.0")
        #expect(run("vcov(m1; corr=false) == vcov(m1)").output == "true")
    }

    @Test func binomialModelWithWeightsAndItsExtractors() {
        let session = Session(baseDirectory: "/tmp")
        func run(_ code: String) -> BlockResult { session.run(code, file: "nb.md", firstLine: 1, timeout: 120) }
        let fit = run("cbpp = MixedModels.dataset(:cbpp)\n"
            + "gm = fit(MixedModel, @formula((incid / hsz) ~ 1 + period + (1|herd)), cbpp, Binomial(); wts = cbpp.hsz)")
        #expect(fit.error == nil, "\(fit.output)")
        #expect(fit.output.contains("Distribution: Binomial{Float64}"))
        #expect(run("(varest(gm), sdest(gm))").output == "(missing, missing)")
        #expect(run("(dof(gm), nobs(gm))").output == "(5, 56)")
        let tables = run("DataFrame(only(raneftables(gm)))")
        #expect(tables.output.hasPrefix("15×2 DataFrame"), "\(tables.output)")
        #expect(tables.output.contains(" Row │ herd    (Intercept)"), "\(tables.output)")
    }

    @Test func dataFrameColumnsCanBeAdded() {
        let out = outputs("pastes = DataFrame(MixedModels.dataset(:pastes))",
                          "pastes.sample = (string.(pastes.cask, \"&\",  pastes.batch));",
                          "first(pastes.sample)", "length(unique(pastes.sample))")
        #expect(out[2] == "\"a&A\"")
        #expect(out[3] == "30")
    }
}
