import DataTables
import Foundation
import Testing
import MixedModels

/// The spec's GLMM examples: verbagg (two crossed scalar terms) and contra (one scalar term, nAGQ).
@Suite("GLMM acceptance: the spec's verbagg and contra fits")
struct GeneralizedAcceptanceTests {
    static let verbaggFormula = "r2 ~ 1 + anger + gender + btype + situ + mode + (1|subj) + (1|item)"
    static let contraFormula = "use ~ 1 + age + abs2(age) + livch + urban + (1|dist)"

    static func close(_ a: Double, _ b: Double, rtol: Double = 0, atol: Double = 0) -> Bool {
        abs(a - b) <= atol + rtol * abs(b)
    }

    @Test func verbaggLaplaceFit() throws {
        let gm1 = try fitGeneralizedLinearMixedModel(Formula(Self.verbaggFormula), dataset("verbagg"), .bernoulli)
        // Judge the optimum by the deviance; the printed statistics to one unit of their last printed digit.
        #expect(Self.close(gm1.deviance, 8135.8329, atol: 1e-4))
        #expect(Self.close(gm1.loglikelihood(), -4067.9164, atol: 1e-4))
        #expect(Self.close(gm1.aic(), 8153.8329, atol: 1e-4))
        #expect(Self.close(gm1.aicc(), 8153.8566, atol: 1e-4))
        #expect(Self.close(gm1.bic(), 8216.2370, atol: 1e-4))
        #expect(gm1.dof == 9 && gm1.nobs == 7584)

        let sds = gm1.sigmas.map(\.standardDeviations)
        #expect(sds.count == 2 && gm1.sigmas.map(\.groupingName) == ["subj", "item"])
        // The deviance is flat in θ too: agreement to 5e-4 relative (the doctest fails at 1e-3).
        #expect(Self.close(sds[0][0] * sds[0][0], 1.793543, rtol: 5e-4))
        #expect(Self.close(sds[1][0] * sds[1][0], 0.117147, rtol: 5e-4))
        #expect(Self.close(sds[0][0], 1.339232, rtol: 5e-4))
        #expect(Self.close(sds[1][0], 0.342267, rtol: 5e-4))

        // Coefficients: flat directions, so within 1% of a standard error of the spec's estimates.
        let beta = [-0.15262587614271778, 0.057383652955092006, 0.3206338746900981, -1.0599299278921983,
                    -2.1039198441853832, -1.0543571545244896, 0.7069786443049767]
        let se = [0.3852254474367752, 0.016752997330556033, 0.19120975137113166, 0.18415712378963275,
                  0.18651583779233935, 0.15119305761173202, 0.15100598592331346]
        #expect(gm1.coefnames == ["(Intercept)", "anger", "gender: M", "btype: scold", "btype: shout",
                                  "situ: self", "mode: want"])
        for j in 0..<7 {
            #expect(Self.close(gm1.coef[j], beta[j], atol: 0.01 * se[j]), "coefficient \(j)")
            #expect(Self.close(gm1.stderror[j], se[j], rtol: 1e-3), "standard error \(j)")
        }
        #expect(gm1.beta == gm1.coef && gm1.fixef == gm1.coef)

        // vcov(gm1) as printed (6 significant digits): first row and column, and the diagonal corner.
        let v = try gm1.vcov()
        let firstRow = [0.148399, -0.00561503, -0.00982367, -0.0167986, -0.0166226, -0.0112071, -0.0113468]
        for j in 0..<7 {
            #expect(Self.close(v[0][j], firstRow[j], rtol: 5e-3), "vcov[1, \(j + 1)]")
            #expect(v[0][j] == v[j][0])
        }
        #expect(Self.close(v[1][1], 0.000280663, rtol: 2e-3))
        #expect(Self.close(v[1][2], 7.19131e-5, rtol: 5e-3))
        #expect(Self.close(v[5][5], 0.0228593, rtol: 2e-3))
        #expect(Self.close(v[6][6], 0.0228028, rtol: 2e-3))
        #expect(Self.close(v[5][6], -0.000247781, rtol: 1e-2))

        // MixedModels.deviance!(gm1) recomputes the same deviance at the optimum.
        let updated = try gm1.updatingDeviance()
        #expect(Self.close(updated, 8135.832862564683, atol: 5e-5))
        #expect(Self.close(updated, gm1.deviance, atol: 1e-8))
        #expect(gm1.varest == nil && gm1.sdest == nil)
        #expect(gm1.optimizationSummary.nAGQ == 1 && !gm1.optimizationSummary.fast)

        // fast = true: θ only; its deviance is larger by 0.338.
        let gm1a = try fitGeneralizedLinearMixedModel(Formula(Self.verbaggFormula), dataset("verbagg"), .bernoulli,
                                                      fast: true)
        #expect(Self.close(gm1a.deviance - gm1.deviance, 0.33800914130279125, atol: 0.01))
    }

    @Test func contraDeviances() throws {
        let formula = try Formula(Self.contraFormula)
        let data = try dataset("contra")
        let expected: [(fast: Bool, nAGQ: Int, deviance: Double)] = [
            (false, 1, 2372.73), (true, 1, 2372.78), (false, 9, 2372.46), (true, 9, 2372.51),
        ]
        for case let (fast, nAGQ, deviance) in expected {
            let m = try fitGeneralizedLinearMixedModel(formula, data, .bernoulli, fast: fast, nAGQ: nAGQ)
            #expect(Self.close(m.deviance, deviance, atol: 0.005), "fast \(fast) nAGQ \(nAGQ): \(m.deviance)")
            #expect(m.optimizationSummary.nAGQ == nAGQ)
        }
    }
}
