import Testing
@testable import MixedModels

func close(_ a: Double, _ b: Double, rtol: Double = 1e-6, atol: Double = 0) -> Bool {
    abs(a - b) <= atol + rtol * abs(b)
}

/// Extractors against the values printed in the spec.
@Suite struct LinearExtractorTests {
    static let fm1: LinearMixedModel? = try? LinearMixedModel(frame: LinearTestFrames.dyestuff(),
                                                               formulaText: "yield ~ 1 + (1 | batch)").fit()
    static let fm2: LinearMixedModel? = try? LinearMixedModel(frame: LinearTestFrames.sleepstudy(),
                                                               formulaText: "reaction ~ 1 + days + (1 + days | subj)").fit()

    @Test func fm1Statistics() throws {
        let m = try #require(Self.fm1)
        #expect(close(try m.loglikelihood(), -163.6635299405715))
        #expect(close(m.aic, 333.327059881143))
        #expect(close(m.bic, 337.5306520261295))
        #expect(close(m.deviance, 327.327059881143))
        #expect(m.dof == 3)
        #expect(m.nobs == 30)
        #expect(m.size == (30, 1, 6, 1))
        #expect(close(m.beta[0], 1527.4999999999989))
        #expect(m.coefnames == ["(Intercept)"] && m.fixefnames == ["(Intercept)"])
        #expect(close(m.varest, 2451.2501, rtol: 1e-7))
        #expect(close(m.sigmas[0].standardDeviations[0], 37.2603, rtol: 2e-6))
        #expect(close(m.stderror[0], 17.6946, rtol: 3e-6))
        #expect(m.pvalues[0] < 1e-99)
        #expect(!m.issingular)
    }

    @Test func fm1RandomEffects() throws {
        let m = try #require(Self.fm1)
        let expected = [-16.628221011733622, 0.36951602248394705, 26.9747, -21.8014, 53.57982326003441,
                        -42.49434258554293]
        let b = m.ranef()[0]
        #expect(b.rows == 1 && b.cols == 6)
        for (x, e) in zip(b.values, expected) { #expect(close(x, e, rtol: 1e-5)) }
        let table = m.raneftables()[0]
        #expect(table.groupingName == "batch" && table.levels == ["A", "B", "C", "D", "E", "F"])
        #expect(close(table.values[5][0], -42.4943, rtol: 1e-5))
        for v in m.condVar()[0].matrices { #expect(close(v[0, 0], 362.3104675622471)) }
        let h = m.leverage()
        #expect(h.count == 30)
        for x in h { #expect(close(x, 0.15650534082766315)) }
        #expect(close(h.reduce(0, +), 4.695160224829894))
        let u = m.ranef(uscale: true)[0]
        let lambda = m.lambda[0][0, 0]
        #expect(close(u.values[0] * lambda, b.values[0], rtol: 1e-12))
    }

    @Test func fm2Estimates() throws {
        let m = try #require(Self.fm2)
        #expect(close(m.objective, 1751.9393, rtol: 1e-6))
        for (x, e) in zip(m.theta, [0.92923, 0.01816, 0.22265]) { #expect(close(x, e, atol: 2e-5)) }
        let v = m.vcov
        #expect(close(v[0, 0], 43.9868, rtol: 2e-6) && close(v[1, 1], 2.25671, rtol: 3e-6))
        #expect(close(v[0, 1], -1.37039, rtol: 5e-6) && v[0, 1] == v[1, 0])
        #expect(close(m.stderror[0], 6.6322577615178595, rtol: 1e-6))
        #expect(close(m.stderror[1], 1.5022354765205783, rtol: 1e-6))
        #expect(close(m.varest, 654.9414514334794, rtol: 1e-6))
        #expect(close(m.sdest, 25.591823917678852, rtol: 1e-6))
        #expect(close(m.coef[0], 251.405, rtol: 4e-6) && close(m.coef[1], 10.4673, rtol: 1e-5))
        #expect(close(m.leverage().reduce(0, +), 28.611526060668556, rtol: 1e-6))
        #expect(m.size == (180, 2, 36, 1))
        let sr = m.sigmarhos[0]
        #expect(close(sr.standardDeviations[0], 23.78047, rtol: 1e-6))
        #expect(close(sr.standardDeviations[1], 5.71683, rtol: 2e-6))
        #expect(close(sr.correlations[0] ?? .nan, 0.08, atol: 0.005))
        let residuals = m.residuals
        let fitted = m.fitted
        #expect(close(residuals[0] + fitted[0], 249.56, rtol: 1e-12))
    }

    @Test func singularDyestuff2() throws {
        let m = try LinearMixedModel(frame: LinearTestFrames.dyestuff("dyestuff2"), formulaText: "").fit()
        #expect(close(m.objective, 162.8730, rtol: 1e-6))
        #expect(m.theta == [0])
        #expect(m.issingular)
        #expect(close(m.leverage().reduce(0, +), 1.0, rtol: 1e-10))
        #expect(close(m.varest, 13.34610, rtol: 1e-6))
        #expect(close(m.stderror[0], 0.666986, rtol: 2e-6))
    }

    @Test func penicillinLeverage() throws {
        let m = try LinearMixedModel(frame: LinearTestFrames.penicillin(), formulaText: "").fit()
        #expect(close(m.leverage().reduce(0, +), 27.46531794839342, rtol: 1e-6))
        #expect(close(m.stderror[0], 0.744596, rtol: 2e-6))
        try m.fit(reml: true)
        #expect(close(m.leverage().reduce(0, +), 27.472361767063312, rtol: 1e-6))
        #expect(close(m.sigmas[1].standardDeviations[0], 1.931556, rtol: 2e-6))
    }

    @Test func remlLogLikelihoodThrows() throws {
        let m = try LinearMixedModel(frame: LinearTestFrames.dyestuff(), formulaText: "").fit(reml: true)
        #expect(throws: MixedModelError.remlLogLikelihood("loglikelihood")) { try m.loglikelihood() }
        #expect(close(m.objective, 319.65427684225943))
        #expect(close(m.stderror[0], 19.3834, rtol: 3e-6))
    }

    @Test func propertyNamesOrder() {
        #expect(LinearMixedModel.propertyNames.count == 36)
        #expect(LinearMixedModel.propertyNames.first == "formula" && LinearMixedModel.propertyNames.last == "pvalues")
    }
}
