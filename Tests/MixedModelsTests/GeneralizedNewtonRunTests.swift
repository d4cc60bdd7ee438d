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
        -> ([Double], Double, ConvergenceCheck.Derivatives?) -> (ConvergenceCheck, ConvergenceCheck.Derivatives) {
        { x, f, previous in
            let d = try! ConvergenceCheck.derivatives(theta: x, f: f, lowerbd: lowerbd, objective: objective,
                                                      crossDifference: .forward, reusing: previous)
            return (ConvergenceCheck(d, f: f), d)
        }
    }

    static func run(from x: [Double], lowerbd: [Double], objective: @escaping ([Double]) -> Double)
        -> (outcome: GLMMNewtonRun.Outcome, evaluations: Int) {
        var evaluations = 0
        let counted: ([Double]) -> Double = { x in
            evaluations += 1
            return objective(x)
        }
        let outcome = GLMMNewtonRun.minimize(from: x, f: objective(x), lowerbd: lowerbd, objective: counted,
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
        // The check's evaluations only: 2k axis evaluations and one per pair.
        #expect(evaluations == 5)
    }
}
