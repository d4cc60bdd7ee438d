import Foundation
import Testing
@testable import MixedModels

/// Gradient and Hessian of the objective with respect to θ (MixedModels.jl's ForwardDiff and FiniteDiff
/// extensions), against the analytic profiled gradient and MixedModels.jl's published values (docs, derivatives page:
/// Julia 1.10, MixedModels.jl 5).
@Suite struct ObjectiveDerivativeTests {
    func fitted(_ frame: ModelFrame, reml: Bool = false) throws -> LinearMixedModel {
        try LinearMixedModel(frame: frame, formulaText: "").fit(reml: reml)
    }

    func matrixError(_ got: [Double], _ expected: [Double]) -> Double {
        zip(got, expected).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? .infinity
    }

    /// dyestuff2 converges to θ = 0, where the objective is even in θ: the gradient is exactly zero and the Hessian
    /// is 60 − 60 Σ_b s_b² / Σ e², 28.768680764139734 in exact rational arithmetic (Julia prints 28.768680157921427).
    @Test func boundaryFitHasExactZeroGradient() throws {
        let m = try fitted(LinearTestFrames.dyestuff("dyestuff2"))
        #expect(m.theta == [0])
        #expect(try m.forwardGradient() == [0])
        let h = try m.forwardHessian()
        #expect(abs(h[0] - 28.768680764139734) < 1e-11)
        #expect(abs(h[0] - 28.768680157921427) < 1e-6)
    }

    /// Julia's ForwardDiff.hessian(fm2) on sleepstudy, shown to six significant digits.
    @Test func sleepstudyForwardHessianMatchesJulia() throws {
        let m = try fitted(LinearTestFrames.sleepstudy())
        let julia = [45.4121, 35.9342, 6.35331, 35.9342, 465.731, 203.975, 6.35331, 203.975, 963.918]
        let h = try m.forwardHessian()
        #expect(matrixError(h, julia) < 5e-4)
        for i in 0..<3 { for j in 0..<3 { #expect(h[i + 3 * j] == h[j + 3 * i]) } }
    }

    /// FiniteDiff's Hessian is of the profiled objective (σ not fixed), hence smaller than the σ-fixed one.
    @Test func sleepstudyFiniteDifferenceHessianMatchesJulia() throws {
        let m = try fitted(LinearTestFrames.sleepstudy())
        let julia = [40.8873, 31.5147, -14.5312, 31.5147, 461.416, 183.578, -14.5312, 183.578, 867.528]
        #expect(matrixError(try m.finiteDifferenceHessian(), julia) < 2e-3)
    }

    /// At the optimum σ̂² = r²/ν, so the σ-fixed gradient equals the profiled one (envelope theorem): forward mode,
    /// the analytic profiled gradient and central differences agree; all three are near zero.
    @Test(arguments: [false, true]) func gradientsAgreeAtTheOptimum(reml: Bool) throws {
        let m = try fitted(LinearTestFrames.sleepstudy(), reml: reml)
        let forward = try m.forwardGradient()
        let central = try m.finiteDifferenceGradient()
        let analyticEvaluator = try #require(ProfiledGradient(system: m.system))
        var analytic = [Double](repeating: 0, count: 3)
        analytic.withUnsafeMutableBufferPointer { analyticEvaluator.evaluate(reml: reml, into: $0.baseAddress!) }
        for k in 0..<3 {
            #expect(abs(forward[k] - analytic[k]) < 1e-7)
            #expect(abs(forward[k] - central[k]) < 1e-5)
            #expect(abs(forward[k]) < 0.05)
        }
    }

    /// Crossed terms (penicillin): exact gradient against central differences at a θ away from the optimum, where
    /// the σ-fixed and profiled functions differ in value but the σ-fixed gradient is still checkable by differences
    /// of its own value; here both at θ̂ where they coincide.
    @Test func crossedTermsGradient() throws {
        let m = try fitted(LinearTestFrames.penicillin())
        let forward = try m.forwardGradient()
        let central = try m.finiteDifferenceGradient()
        for k in forward.indices { #expect(abs(forward[k] - central[k]) < 1e-4) }
        let h = try m.forwardHessian()
        let hc = try m.finiteDifferenceHessian()
        #expect(h.count == 4 && hc.count == 4)
        // The profiled Hessian is the σ-fixed one less a positive semidefinite rank-one term.
        #expect(hc[0] <= h[0] + 1e-3 && hc[3] <= h[3] + 1e-3)
    }

    /// The forward-mode Hessian against second differences of the σ-fixed deviance assembled from the sparse PLS
    /// factor (log-determinant and penalized RSS at each θ): independent code paths.
    @Test(arguments: [false, true]) func forwardHessianMatchesSecondDifferences(reml: Bool) throws {
        let m = try fitted(LinearTestFrames.sleepstudy(), reml: reml)
        let theta = m.theta
        let sigma2 = m.varest
        let nu = Double(reml ? m.system.n - m.system.p : m.system.n)
        func deviance(_ x: [Double]) -> Double {
            _ = m.evaluateObjective(at: x, reml: reml)
            var d = nu * log(2 * Double.pi * sigma2) + m.system.logDeterminant() + m.system.penalizedRSS() / sigma2
            if reml { d += m.system.fixedEffectsLogDeterminant() }
            return d
        }
        let h = 1e-4
        let forward = try m.forwardHessian()
        for i in 0..<3 {
            for j in 0..<3 {
                func at(_ si: Double, _ sj: Double) -> Double {
                    var x = theta
                    x[i] += si * h
                    x[j] += sj * h
                    return deviance(x)
                }
                let numeric = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h * h)
                #expect(abs(forward[i + 3 * j] - numeric) < 1e-3 * max(1, abs(numeric)))
            }
        }
        try m.install(theta: theta)
    }

    @Test func derivativesLeaveTheFitAsItWas() throws {
        let m = try fitted(LinearTestFrames.sleepstudy())
        let (theta, objective, beta, sigma) = (m.theta, m.objective, m.fixef, m.sigma)
        _ = try m.finiteDifferenceHessian()
        _ = try m.finiteDifferenceGradient(at: [1, 0, 1])
        _ = try m.forwardHessian(at: [0.5, 0.1, 0.5])
        #expect(m.theta == theta && m.objective == objective && m.fixef == beta && m.sigma == sigma)
    }

    @Test func badInput() throws {
        let m = try fitted(LinearTestFrames.sleepstudy())
        #expect(throws: DerivativeError.self) { try m.forwardGradient(at: [1, 0]) }
        #expect(throws: DerivativeError.self) { try m.finiteDifferenceHessian(at: [1, .nan, 1]) }
        let unfitted = try LinearMixedModel(frame: LinearTestFrames.sleepstudy(), formulaText: "")
        #expect(throws: MixedModelError.self) { try unfitted.forwardHessian() }
    }
}
