import DataTables
import Foundation
import Testing
import MixedModels

/// Binomial and Poisson fits, and the properties weights and offsets must have.
@Suite("GLMM binomial and Poisson fits")
struct GeneralizedFamiliesFitTests {
    @Test func cbppBinomialWithTrialsAsWeights() throws {
        let cbpp = try dataset("cbpp")
        let hsz = try #require(try cbpp.column("hsz").doubles)
        let m = try fitGeneralizedLinearMixedModel(Formula("(incid / hsz) ~ 1 + period + (1|herd)"), cbpp,
                                                   .binomial, weights: hsz)
        #expect(m.family == .binomial && m.link == .logit)
        // lme4's glmer(cbind(incid, size - incid) ~ period + (1 | herd), cbpp, binomial).
        let expected = [-1.3983, -0.9919, -1.1282, -1.5797]
        let se = [0.2312, 0.3032, 0.3228, 0.4220]
        for j in 0..<4 {
            #expect(abs(m.coef[j] - expected[j]) < 1e-3, "coefficient \(j): \(m.coef[j])")
            // lme4's standard errors come from the Hessian over (θ, β); MixedModels.jl's (and ours) from L_XX
            // given θ, which runs a little smaller.
            #expect(abs(m.stderror[j] - se[j]) < 0.03 * se[j], "standard error \(j): \(m.stderror[j])")
        }
        #expect(abs(m.sigmas[0].standardDeviations[0] - 0.6421) < 1e-3)
        #expect(abs(m.loglikelihood() - -92.03) < 0.01)
        #expect(abs(m.aic() - 194.05) < 0.01)
        #expect(m.wt == hsz)
    }

    @Test func binomialWithoutWeightsIsBernoulli() throws {
        let m = try GeneralizedLinearMixedModel(
            formula: Formula("use ~ 1 + urban + (1|dist)"), data: dataset("contra"), family: .binomial)
        #expect(m.family == .bernoulli)
    }

    @Test func poissonOffsetShiftsTheIntercept() throws {
        let ticks = try dataset("grouseticks")
        let formula = try Formula("ticks ~ 1 + year + (1|location)")
        let plain = try fitGeneralizedLinearMixedModel(formula, ticks, .poisson)
        let shift = 0.75
        let offset = [Double](repeating: shift, count: ticks.rowCount)
        let shifted = try fitGeneralizedLinearMixedModel(formula, ticks, .poisson, offset: offset)
        #expect(plain.family == .poisson && plain.link == .log && plain.varest == nil)
        #expect(abs(shifted.deviance - plain.deviance) < 1e-4)
        #expect(abs(shifted.coef[0] - (plain.coef[0] - shift)) < 1e-3)
        for j in 1..<plain.coef.count { #expect(abs(shifted.coef[j] - plain.coef[j]) < 1e-3) }
        // Fitted means are the same model's: the offset is part of η.
        let difference = zip(plain.fitted, shifted.fitted).map { abs($0 - $1) }.max() ?? 0
        #expect(difference < 1e-3 * (plain.fitted.max() ?? 1))
    }

    @Test func fastFitAndRefitAreConsistent() throws {
        let m = try GeneralizedLinearMixedModel(formula: Formula("use ~ 1 + age + urban + (1|dist)"),
                                                data: dataset("contra"), family: .bernoulli)
        try m.fit()
        let full = m.deviance
        try m.fit(fast: true)
        #expect(m.deviance >= full - 1e-6)
        #expect(m.lowerbd == [0])
        try m.fit()
        #expect(abs(m.deviance - full) < 1e-8)
        #expect(m.lowerbd.count == 4 && m.lowerbd.last == 0)
        let agq = try m.deviance(nAGQ: 9)
        #expect(agq.isFinite && abs(agq - full) < 1)
        #expect(m.ranef().count == 1 && m.ranef()[0][0].count == 60)
        #expect(m.raneftables()[0].levels.first == "D01")
    }
}
