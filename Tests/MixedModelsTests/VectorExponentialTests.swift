import Foundation
import Testing
@testable import MixedModels

@Suite("GLMM: exp(−a) in four lanes for the logit update on large data")
struct VectorExponentialTests {
    /// Units in the last place between two non-negative doubles (subnormals included).
    static func ulps(_ x: Double, _ y: Double) -> UInt64 {
        x.bitPattern > y.bitPattern ? x.bitPattern - y.bitPattern : y.bitPattern - x.bitPattern
    }

    static func lanes(_ a: [Double]) -> [Double] {
        let v = VectorExponential.negativeExponential(SIMD4(a))
        return (0..<4).map { v[$0] }
    }

    /// Across the whole range, the centre where the logit's η lives, the k = round(a/log 2) switch points and the
    /// subnormal results: within one ulp of the C library's exp, which is itself within an ulp of exact.
    @Test func agreesWithTheCLibraryWithinOneUlp() {
        var random = SplitMix64(seed: 12)
        var a: [Double] = (0..<40_000).map { _ in 40 * random.uniform() }
        a += (0..<20_000).map { _ in 745 * random.uniform() }
        a += (0..<2_000).map { Double($0) * log(2) / 2 }
        a += (0..<2_000).map { _ in 708 + 37 * random.uniform() }
        a += [0, 1e-300, 5e-324, 1e-17, 0.5, 1, 2, 36.7, 708.3, 709.8, 744.4, 745.1]
        var worst: UInt64 = 0
        for start in stride(from: 0, to: a.count - 3, by: 4) {
            let values = Self.lanes(Array(a[start..<start + 4]))
            for lane in 0..<4 {
                let expected = exp(-a[start + lane])
                let distance = Self.ulps(values[lane], expected)
                worst = max(worst, distance)
                #expect(distance <= 1, "exp(−\(a[start + lane])): \(values[lane]) against \(expected)")
            }
        }
        #expect(worst <= 1)
    }

    @Test func exactAtZeroAndLimitsBeyondTheRange() {
        let values = Self.lanes([0, -0.0, 746, .infinity])
        #expect(values[0] == 1 && values[1] == 1)
        #expect(values[2] == 0 && values[3] == 0)
        let nan = Self.lanes([.nan, 1, 1e6, 745.2])
        #expect(nan[0].isNaN)
        #expect(nan[1] == exp(-1.0).nextDown || nan[1] == exp(-1.0) || nan[1] == exp(-1.0).nextUp)
        #expect(nan[2] == 0 && nan[3] == exp(-745.2))
    }

    /// The logit update takes it from `vectorExponentialCount` observations on: the deviance, μ and weights agree
    /// with the C library's path to rounding.
    @Test func largeUpdateAgreesWithTheScalarFormulas() {
        let n = GLMResponse.vectorExponentialCount + 3
        var random = SplitMix64(seed: 13)
        let eta = (0..<n).map { _ in 24 * random.uniform() - 12 }
        let y = (0..<n).map { _ in random.uniform() < 0.5 ? 0.0 : 1.0 }
        var response = GLMResponse(family: .bernoulli, link: .logit, y: y,
                                   priorWeights: [Double](repeating: 1, count: n),
                                   offset: [Double](repeating: 0, count: n))
        response.update(eta: eta)
        var total = 0.0
        for i in 0..<n {
            let r = GeneralizedLogitLanesTests.reference(eta[i], y[i])
            total += r.deviance
            #expect(abs(response.mu[i] - r.mu) <= 4e-16 * r.mu)
            #expect(abs(response.workingWeight[i] - r.muEta) <= 8e-16 * r.muEta)
            #expect(abs(response.workingResidual[i] - r.wr) <= 8e-16 * abs(r.wr))
        }
        #expect(abs(response.deviance - total) <= 1e-13 * total)
    }
}
