import DataTables
import Foundation
import Testing
@testable import MixedModels

@Suite("GLMM families, links, quadrature rules and the GLM start")
struct GeneralizedFamilyTests {
    @Test(arguments: Link.allCases)
    func linkInverseAndDerivative(link: Link) {
        let means: [Double] = link == .log || link == .identity ? [0.3, 1, 4.5] : [0.01, 0.3, 0.5, 0.9, 0.999]
        for mu in means {
            let eta = link.linkfun(mu)
            #expect(abs(link.linkinv(eta) - mu) <= 1e-12 * max(1, mu), "\(link) at μ = \(mu)")
            let h = 1e-6
            let numeric = (link.linkinv(eta + h) - link.linkinv(eta - h)) / (2 * h)
            #expect(abs(link.muEta(eta) - numeric) <= 1e-7 * max(1, abs(numeric)), "\(link) dμ/dη at η = \(eta)")
        }
    }

    @Test func probitQuantileIsAccurate() {
        for p in [1e-10, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.9999] {
            let x = Link.standardNormalQuantile(p)
            #expect(abs(0.5 * erfc(-x / 2.0.squareRoot()) - p) <= 1e-14 * max(p, 1e-3))
        }
        #expect(abs(Link.standardNormalQuantile(0.975) - 1.959963984540054) < 1e-12)
    }

    @Test func unitDeviancesAndLogLikelihoods() {
        #expect(abs(Family.bernoulli.unitDeviance(1, 0.25) - -2 * log(0.25)) < 1e-15)
        #expect(abs(Family.bernoulli.unitDeviance(0, 0.25) - -2 * log(0.75)) < 1e-15)
        #expect(Family.poisson.unitDeviance(3, 3) == 0)
        #expect(abs(Family.poisson.unitDeviance(0, 2) - 4) < 1e-15)
        // Binomial: 3 successes in 10 trials at p = 0.2: log C(10,3) + 3 log 0.2 + 7 log 0.8.
        let expected = log(120.0) + 3 * log(0.2) + 7 * log(0.8)
        #expect(abs(Family.binomial.logLikelihood(0.3, 0.2, weight: 10) - expected) < 1e-12)
        // Poisson: y = 2 at μ = 1.5.
        #expect(abs(Family.poisson.logLikelihood(2, 1.5, weight: 1) - (2 * log(1.5) - 1.5 - log(2.0))) < 1e-12)
        #expect(Family.bernoulli.admits(.probit) && !Family.poisson.admits(.logit))
    }

    @Test func gaussHermiteRulesIntegrateNormalMoments() throws {
        let three = try GaussHermiteRule.normalized(3)
        #expect(three.nodes[1] == 0)
        #expect(abs(three.nodes[2] - 3.0.squareRoot()) < 1e-14 && three.nodes[0] == -three.nodes[2])
        #expect(abs(three.weights[1] - 2.0 / 3) < 1e-14 && abs(three.weights[0] - 1.0 / 6) < 1e-14)
        for k in [1, 2, 5, 9, 20] {
            let rule = try GaussHermiteRule.normalized(k)
            func moment(_ power: Double) -> Double { zip(rule.nodes, rule.weights).reduce(0) { $0 + $1.1 * pow($1.0, power) } }
            #expect(abs(moment(0) - 1) < 1e-13)
            if k >= 2 { #expect(abs(moment(2) - 1) < 1e-12) }
            if k >= 3 { #expect(abs(moment(4) - 3) < 1e-11) }
            if k >= 5 { #expect(abs(moment(8) - 105) < 1e-9) }
            #expect(zip(rule.nodes, rule.nodes.reversed()).allSatisfy { $0 == -$1 })
        }
        #expect(try GaussHermiteRule.normalized(9) == GaussHermiteRule.normalized(9))
        #expect(throws: GLMMError.self) { try GaussHermiteRule.normalized(0) }
    }

    @Test func glmStartSolvesTheScoreEquations() throws {
        let frame = try ModelFrame(Formula("use ~ 1 + age + abs2(age) + livch + urban + (1|dist)"),
                                   data: dataset("contra"))
        let n = frame.observationCount, p = frame.fixedEffectCount
        var response = GLMResponse(family: .bernoulli, link: .logit, y: frame.y,
                                   priorWeights: [Double](repeating: 1, count: n),
                                   offset: [Double](repeating: 0, count: n))
        _ = try GLMFit.fit(x: frame.x, columns: p, response: &response)
        for j in 0..<p {
            var score = 0.0, norm = 0.0
            for i in 0..<n {
                score += frame.x[i + j * n] * (frame.y[i] - response.mu[i])
                norm += frame.x[i + j * n] * frame.x[i + j * n]
            }
            // IRLS stops on a relative deviance change of 1e-6, so the score is small, not zero.
            #expect(abs(score) < 1e-3 * norm.squareRoot(), "score \(j) = \(score)")
        }
    }
}
