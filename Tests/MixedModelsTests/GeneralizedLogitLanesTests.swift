import Foundation
import Testing
@testable import MixedModels

@Suite("GLMM Bernoulli logit update, four observations at a time")
struct GeneralizedLogitLanesTests {
    /// Linear predictors on both sides of 0, signed zeros, and far tails; responses alternating in pairs so that
    /// every (sign of η, y) combination meets every lane.
    static let etas: [Double] = [0, -0.0, 0.3, -0.3, 2.5, -2.5, 17, -17, 40, -40, 1e-300, -1e-300, 700, -745, 0.7]
    static let ys: [Double] = [1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1]

    /// The one-observation formulas: the lanes must reproduce them bit for bit.
    static func reference(_ h: Double, _ y: Double) -> (mu: Double, wr: Double, muEta: Double, deviance: Double) {
        let e = exp(-abs(h))
        let d = 1 + e
        let inverse = 1 / d
        let positive = y == 1
        let magnitude = positive == (h < 0) ? d / e : d
        return ((h < 0 ? e : 1) * inverse, positive ? magnitude : -magnitude, e * inverse * inverse,
                2 * (log(d) + max(0, positive ? -h : h)))
    }

    @Test func lanesMatchTheScalarFormulasExactly() {
        for i in Self.etas.indices {
            for j in Self.etas.indices {
                // Four lanes: (i, j) and, crossed, (j, i), each with the response of its neighbour as well.
                let pairs = [(Self.etas[i], Self.ys[i]), (Self.etas[j], Self.ys[(j + 1) % 15]),
                             (Self.etas[j], Self.ys[j]), (Self.etas[i], Self.ys[(i + 1) % 15])]
                let lanes = LogitLanes(eta: SIMD4(pairs.map(\.0)), y: SIMD4(pairs.map(\.1)))
                for (lane, (h, y)) in pairs.enumerated() {
                    let r = Self.reference(h, y)
                    #expect(lanes.mu[lane].bitPattern == r.mu.bitPattern, "μ at η = \(h), y = \(y)")
                    #expect(lanes.workingResidual[lane].bitPattern == r.wr.bitPattern, "working residual at η = \(h)")
                    #expect(lanes.muEta[lane].bitPattern == r.muEta.bitPattern, "dμ/dη at η = \(h)")
                    let deviance = 2 * (log(lanes.d[lane]) + lanes.excess[lane])
                    #expect(deviance.bitPattern == r.deviance.bitPattern, "unit deviance at η = \(h), y = \(y)")
                }
            }
        }
    }

    /// Counts of 14 and 15 exercise a partial last group of lanes; the deviance is the sum of the residuals formed on
    /// demand — in order with prior weights, through products of runs of d with unit weights, equal to the in-order
    /// sum to rounding — and the Bernoulli values agree with the family's own formulas.
    @Test(arguments: [(14, false), (15, false), (14, true), (15, true)])
    func responseUpdateSumsTheResiduals(count: Int, weighted: Bool) {
        let y = Array(Self.ys.prefix(count))
        var response = GLMResponse(family: .bernoulli, link: .logit, y: y,
                                   priorWeights: (0..<count).map { weighted ? 1 + Double($0 % 3) / 4 : 1 },
                                   offset: [Double](repeating: 0, count: count))
        let eta = Array(Self.etas.prefix(count)).map { max(-30, min(30, $0)) }
        response.update(eta: eta)
        var total = 0.0
        for i in 0..<count {
            let residual = response.devianceResidual(i)
            total += residual
            let r = Self.reference(eta[i], y[i])
            let w = response.priorWeights[i]
            #expect(residual == w * r.deviance)
            #expect(response.mu[i] == r.mu && response.workingResidual[i] == r.wr
                    && response.workingWeight[i] == w * r.muEta)
            // The family's formula from μ loses digits to 1 − μ in the tails, so it is compared only for |η| ≤ 5.
            if abs(eta[i]) <= 5 {
                let mu = Link.logit.linkinv(eta[i])
                #expect(abs(residual - w * Family.bernoulli.unitDeviance(y[i], mu)) <= 1e-12 * max(1, residual))
            }
        }
        if weighted {
            #expect(response.deviance == total)
        } else {
            #expect(abs(response.deviance - total) <= 1e-14 * total)
        }
    }

    /// Many observations, runs of `productRun` and a partial last run, η from the centre to far tails (d from 2 down
    /// to 1 + 1e-300): the deviance from the products agrees with the sum of the logarithms of d to rounding.
    @Test
    func runProductsOfDAgreeWithTheSumOfLogarithms() {
        let count = 5 * GLMResponse.productRun + 7
        let eta: [Double] = (0..<count).map { i in
            let scale: Double = i % 2 == 0 ? 1.7 : 0.017
            return Double(i % 41 - 20) * Double(1 + i % 7) * scale
        }
        let y: [Double] = (0..<count).map { ($0 * 7919) % 3 == 0 ? 1 : 0 }
        var response = GLMResponse(family: .bernoulli, link: .logit, y: y,
                                   priorWeights: [Double](repeating: 1, count: count),
                                   offset: [Double](repeating: 0, count: count))
        response.update(eta: eta)
        let total = (0..<count).reduce(0.0) { $0 + response.devianceResidual($1) }
        #expect(abs(response.deviance - total) <= 1e-14 * total)
    }
}
