import Foundation
import Testing
@testable import MixedModels

/// Newton's method on the convergence check's derivatives, the [β; θ] run of expensive GLMM fits.
@Suite("GLMM: Newton run in place of BOBYQA")
struct GeneralizedNewtonRunTests {
    /// The quadratic bowl of `GeneralizedNewtonStepTests` with a quartic wall: minimum at (0.3, −1.2, 0.8), the
    /// curvature changing away from it, so that the steps converge over several iterations.
    static func wall(_ x: [Double]) -> Double {
        let d0 = x[0] - 0.3, d1 = x[1] + 1.2
        return GeneralizedNewtonStepTests.bowl(x) + 4e4 * (d0 * d0 + d1 * d1) * (d0 * d0 + d1 * d1)
    }

    /// The check as the fit makes it (forward cross differences, the off-diagonal entries reused after a step).
    static func check(_ objective: @escaping ([Double]) -> Double, lowerbd: [Double])
        -> ([Double], Double, ConvergenceCheck.Derivatives?, [Double]?, Double)
        -> (ConvergenceCheck, ConvergenceCheck.Derivatives) {
        { x, f, previous, plus, step in
            let d = try! ConvergenceCheck.derivatives(theta: x, f: f, lowerbd: lowerbd, objective: objective,
                                                      crossDifference: .forward, reusing: previous, plus: plus,
                                                      step: step)
            return (ConvergenceCheck(d, f: f), d)
        }
    }

    static func run(from x: [Double], lowerbd: [Double], heldHessianSteps: Bool = true,
                    objective: @escaping ([Double]) -> Double) -> (outcome: GLMMNewtonRun.Outcome, evaluations: Int) {
        var evaluations = 0
        let counted: ([Double]) -> Double = { x in
            evaluations += 1
            return objective(x)
        }
        let outcome = GLMMNewtonRun.minimize(from: x, f: objective(x), lowerbd: lowerbd, objective: counted,
                                             heldHessianSteps: heldHessianSteps,
                                             derivatives: check(counted, lowerbd: lowerbd))
        return (outcome, evaluations)
    }

    /// From a start outside the quadratic region (the wall term 14 times the bowl's), the run converges to the
    /// minimum and passes the check. The check bounds the Newton step left (its scaled gradient), so θ is as close
    /// as `GLMMNewtonStep.passedGradientShare` of lme4's tolerance allows.
    @Test func convergesFromAFarStart() throws {
        let lower: [Double] = [-.infinity, -.infinity, 0]
        let (outcome, evaluations) = Self.run(from: [0.36, -1.12, 0.9], lowerbd: lower, objective: Self.wall)
        guard case .converged(let x, let f, let check) = outcome else {
            Issue.record("the run stopped short: \(outcome)")
            return
        }
        #expect(check.converged)
        for (value, expected) in zip(x, [0.3, -1.2, 0.8] as [Double]) { #expect(abs(value - expected) < 4e-4) }
        #expect(f - 8135 < 1e-6)
        #expect(evaluations < 150, "\(evaluations) evaluations")
    }

    /// A minimum beyond a bound: the step that would reach the bound ends the run at its best point (BOBYQA
    /// takes over from there), never at a point outside the bounds.
    @Test func stopsBeforeABound() throws {
        let lower: [Double] = [-.infinity, -.infinity, 0]
        // The bowl's third parameter has its minimum at −0.2, below its bound.
        let shifted: ([Double]) -> Double = { x in GeneralizedNewtonStepTests.bowl([x[0], x[1], x[2] + 1.0]) }
        let start = [0.3, -1.2, 0.3]
        let (outcome, _) = Self.run(from: start, lowerbd: lower, objective: shifted)
        guard case .stopped(let x, let f) = outcome else {
            Issue.record("a minimum beyond the bound was reported as converged: \(outcome)")
            return
        }
        #expect(x[2] >= 0)
        #expect(f <= shifted(start))
    }

    /// Negative curvature (a saddle) gives no Newton direction: the run stops at its start.
    @Test func stopsAtASaddle() throws {
        let saddle: ([Double]) -> Double = { x in 100 + x[0] * x[0] - x[1] * x[1] }
        let start = [0.1, 0.2]
        let (outcome, evaluations) = Self.run(from: start, lowerbd: [-.infinity, -.infinity], objective: saddle)
        guard case .stopped(let x, let f) = outcome else {
            Issue.record("a saddle was reported as converged: \(outcome)")
            return
        }
        #expect(x == start)
        #expect(f == saddle(start))
        // The check's evaluations only, with lme4's step and again with the longer one: 2k axis evaluations
        // and one per pair each time.
        #expect(evaluations == 10)
    }

    /// The bowl with a gentle quartic term: the Hessian changes little between steps, as near a GLMM's optimum.
    static func gentle(_ x: [Double]) -> Double {
        let d0 = x[0] - 0.3, d1 = x[1] + 1.2, d2 = x[2] - 0.8
        return GeneralizedNewtonStepTests.bowl(x) + 20 * (d0 * d0 + d1 * d1 + d2 * d2) * (d0 * d0 + d1 * d1 + d2 * d2)
    }

    /// Steps on the held Hessian (a forward-difference gradient, k evaluations) reach the optimum the check's
    /// full differences (2k) reach, in fewer evaluations.
    @Test func heldHessianStepsSaveEvaluations() throws {
        let lower: [Double] = [-.infinity, -.infinity, 0]
        let start = [0.5, -1.0, 1.0]
        let held = Self.run(from: start, lowerbd: lower, objective: Self.gentle)
        let full = Self.run(from: start, lowerbd: lower, heldHessianSteps: false, objective: Self.gentle)
        guard case .converged(let x, let f, let check) = held.outcome,
              case .converged(let xFull, let fFull, _) = full.outcome else {
            Issue.record("a run stopped short: \(held.outcome), \(full.outcome)")
            return
        }
        #expect(check.converged)
        #expect(check.maximumGradient < ConvergenceCheck.gradientTolerance)
        for (value, expected) in zip(x, xFull) { #expect(abs(value - expected) < 1e-4) }
        #expect(abs(f - fFull) < 1e-7)
        #expect(held.evaluations < full.evaluations, "\(held.evaluations) against \(full.evaluations)")
    }

    /// The held Hessian's estimate: on a quadratic the corrected forward differences are the gradient (to the
    /// differences' rounding), and the BFGS update keeps the Hessian, which the secant of a quadratic confirms.
    @Test func heldHessianDerivativesOfAQuadratic() throws {
        let lower: [Double] = [-.infinity, -.infinity, 0]
        let bowl = GeneralizedNewtonStepTests.bowl
        let from = [0.35, -1.1, 0.9]
        let previous = GeneralizedNewtonStepTests.derivatives(at: from, lowerbd: lower)
        let x = [0.31, -1.18, 0.82]
        var evaluations = 0
        let held = try #require(try GLMMNewtonRun.heldHessianDerivatives(
            at: x, f: bowl(x), from: from, previous: previous, lowerbd: lower,
            objective: { evaluations += 1; return bowl($0) }))
        #expect(evaluations == 3)
        let exact = GeneralizedNewtonStepTests.derivatives(at: x, lowerbd: lower)
        for (g, e) in zip(held.derivatives.gradient, exact.gradient) { #expect(abs(g - e) < 1e-5) }
        for (a, b) in zip(held.derivatives.hessian, previous.hessian) { #expect(abs(a - b) < 1e-3 * max(1, abs(b))) }
        // On its bound a parameter needs the check's one-sided slope: no estimate.
        let onBound = [0.31, -1.18, 0]
        #expect(try GLMMNewtonRun.heldHessianDerivatives(at: onBound, f: bowl(onBound), from: from,
                                                         previous: previous, lowerbd: lower, objective: bowl) == nil)
    }

    /// A deviance with evaluation noise (PIRLS's, of about 1e-5 at 10⁶ rows) and a flat direction: lme4's step
    /// differences the noise into a Hessian that is not positive definite; the run tries the longer step before
    /// it gives up, and converges.
    @Test func noisyObjectiveTakesTheLongerStep() throws {
        // Noise of 5e-8 with period 2h along x₀ (h lme4's step): +5e-8 at the start, −5e-8 at x₀ ± h, so that
        // the curvature 1 comes out as 1 − 4·5e-8/h² = −19. With ten times the step it cancels.
        let noisy: ([Double]) -> Double = { x in
            let bowl: Double = 0.5 * x[0] * x[0] + 30 * x[1] * x[1]
            return 100 + bowl + 5e-8 * cos(Double.pi * x[0] / ConvergenceCheck.step)
        }
        let start = [0.4, 0.1]
        let lower: [Double] = [-.infinity, -.infinity]
        let short = try ConvergenceCheck.derivatives(theta: start, f: noisy(start), lowerbd: lower, objective: noisy,
                                                     crossDifference: .forward)
        // The premise: with lme4's step the noise defeats the Newton direction.
        try #require(GLMMNewtonStep.direction(derivatives: short) == nil)
        let (outcome, _) = Self.run(from: start, lowerbd: lower, objective: noisy)
        guard case .converged(let x, _, _) = outcome else {
            Issue.record("the run stopped short: \(outcome)")
            return
        }
        #expect(abs(x[0]) < 1e-2 && abs(x[1]) < 1e-3, "\(x)")
    }
}
