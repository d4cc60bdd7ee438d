import Testing
@testable import MixedModels

/// The Newton step that refines a GLMM fit from the convergence check's derivatives.
@Suite("GLMM: Newton step from the convergence check")
struct GeneralizedNewtonStepTests {
    /// A correlated quadratic bowl in three parameters, minimum at (0.3, −1.2, 0.8).
    static func bowl(_ x: [Double]) -> Double {
        let d = [x[0] - 0.3, x[1] + 1.2, x[2] - 0.8]
        return 8135 + 40 * d[0] * d[0] + 10 * d[1] * d[1] + 3 * d[2] * d[2] + 12 * d[0] * d[1] - 2 * d[1] * d[2]
    }

    static func derivatives(at x: [Double], lowerbd: [Double], objective: ([Double]) -> Double = bowl)
        -> ConvergenceCheck.Derivatives {
        try! ConvergenceCheck.derivatives(theta: x, f: objective(x), lowerbd: lowerbd, objective: objective)
    }

    @Test func stepLandsOnTheMinimumOfAQuadratic() throws {
        let x = [0.301, -1.2015, 0.7992]
        let lower: [Double] = [-.infinity, -.infinity, 0]
        let step = try #require(GLMMNewtonStep.step(at: x, derivatives: Self.derivatives(at: x, lowerbd: lower),
                                                    lowerbd: lower))
        // Central differences are exact on a quadratic up to rounding (noise ~1e-12 / h² in the Hessian).
        for (value, expected) in zip(step, [0.3, -1.2, 0.8] as [Double]) { #expect(abs(value - expected) < 1e-7) }
        #expect(Self.bowl(step) < Self.bowl(x))
    }

    /// A point where lme4's check fails by a little (scaled gradient above 0.002, as BOBYQA left the Bernoulli 10⁶
    /// crossed fit): the step lands on the minimum and the check, made again there, passes.
    @Test func aMildlyFailedCheckIsMadeAgainAfterTheStep() throws {
        let lower: [Double] = [-.infinity, -.infinity, 0]
        let x = [0.3003, -1.2, 0.8]
        let f = Self.bowl(x)
        let d = Self.derivatives(at: x, lowerbd: lower)
        let failed = ConvergenceCheck(d, f: f)
        #expect(!failed.converged)
        var rechecks = 0
        let polished = GLMMNewtonStep.polish(x, f: f, check: failed, derivatives: d, lowerbd: lower,
                                             objective: Self.bowl) { y, fy in
            rechecks += 1
            let d = Self.derivatives(at: y, lowerbd: lower)
            return (ConvergenceCheck(d, f: fy), d)
        }
        #expect(rechecks == 1)
        #expect(polished.check.converged)
        #expect(polished.f < f)
        for (value, expected) in zip(polished.x, [0.3, -1.2, 0.8] as [Double]) { #expect(abs(value - expected) < 1e-7) }
        // A passed check is not made again: the step only lowers the gradient.
        let near = [0.300001, -1.2, 0.8]
        let passed = ConvergenceCheck(Self.derivatives(at: near, lowerbd: lower), f: Self.bowl(near))
        #expect(passed.converged)
        _ = GLMMNewtonStep.polish(near, f: Self.bowl(near), check: passed,
                                  derivatives: Self.derivatives(at: near, lowerbd: lower), lowerbd: lower,
                                  objective: Self.bowl) { y, _ in
            rechecks += 1
            return (passed, Self.derivatives(at: y, lowerbd: lower))
        }
        #expect(rechecks == 1)
    }

    /// Off a quadratic one step does not reach the minimum: the steps go on, each from the check made again
    /// at the better point, until it passes with a small gradient.
    @Test func stepsRepeatWhileTheCheckFails() throws {
        let lower: [Double] = [-.infinity, -.infinity, 0]
        // The bowl with a quartic wall: its minimum stays at (0.3, −1.2, 0.8), its curvature changes away from it.
        let wall: ([Double]) -> Double = { x in
            let d0 = x[0] - 0.3, d1 = x[1] + 1.2
            return Self.bowl(x) + 4e4 * (d0 * d0 + d1 * d1) * (d0 * d0 + d1 * d1)
        }
        let x = [0.304, -1.206, 0.8]
        let f = wall(x)
        let d = Self.derivatives(at: x, lowerbd: lower, objective: wall)
        let failed = ConvergenceCheck(d, f: f)
        #expect(!failed.converged)
        // One step alone stops short of the minimum.
        let once = try #require(GLMMNewtonStep.step(at: x, derivatives: d, lowerbd: lower))
        #expect(abs(once[0] - 0.3) > 1e-5)
        var rechecks = 0
        let polished = GLMMNewtonStep.polish(x, f: f, check: failed, derivatives: d, lowerbd: lower,
                                             objective: wall) { y, fy in
            rechecks += 1
            let again = try! ConvergenceCheck.derivatives(theta: y, f: fy, lowerbd: lower, objective: wall,
                                                          reusing: d)
            return (ConvergenceCheck(again, f: fy), again)
        }
        #expect(rechecks >= 2 && rechecks <= GLMMNewtonStep.maximumSteps)
        #expect(polished.check.converged)
        // Far closer than the one step, and at the minimum's value to 1e-11 relative (the check passes with the
        // differences' truncation error on the quartic wall leaving x about 1e-5 off).
        let distance = { (y: [Double]) in zip(y, [0.3, -1.2, 0.8]).map { abs($0 - $1) }.max()! }
        #expect(distance(polished.x) < distance(once) / 10)
        #expect(polished.f < wall(once))
        #expect(polished.f - 8135 < 1e-11 * 8135)
    }

    @Test func parametersOnTheirBoundStayThere() throws {
        // The third parameter sits on its zero bound, where the objective rises inwards.
        let bounded: ([Double]) -> Double = { x in Self.bowl([x[0], x[1], 0.8]) + 5 * x[2] }
        let x = [0.2995, -1.199, 0]
        let lower: [Double] = [-.infinity, -.infinity, 0]
        let d = Self.derivatives(at: x, lowerbd: lower, objective: bounded)
        let step = try #require(GLMMNewtonStep.step(at: x, derivatives: d, lowerbd: lower))
        #expect(step[2] == 0)
        #expect(abs(step[0] - 0.3) < 1e-7 && abs(step[1] + 1.2) < 1e-7)
    }

    @Test func noStepWithoutPositiveCurvatureOrFarAway() {
        let lower: [Double] = [-.infinity, -.infinity, 0]
        // A saddle: the model has no minimum to step to.
        let saddle: ([Double]) -> Double = { x in 100 + x[0] * x[0] - x[1] * x[1] + (x[2] - 1) * (x[2] - 1) }
        let at = [0.001, 0.001, 1.001]
        #expect(GLMMNewtonStep.step(at: at, derivatives: Self.derivatives(at: at, lowerbd: lower, objective: saddle),
                                    lowerbd: lower) == nil)
        // Far from the minimum the quadratic model is not trusted: no long step.
        let far = [1.3, -1.2, 0.8]
        #expect(GLMMNewtonStep.step(at: far, derivatives: Self.derivatives(at: far, lowerbd: lower),
                                    lowerbd: lower) == nil)
        // A step that would cross a bound is not taken.
        let nearBound = [0.3, -1.2, 0.0005]
        let shifted: ([Double]) -> Double = { x in Self.bowl([x[0], x[1], x[2] + 0.801]) }
        #expect(GLMMNewtonStep.step(at: nearBound, derivatives: Self.derivatives(at: nearBound, lowerbd: [-1, -1, -1],
                                                                                 objective: shifted),
                                    lowerbd: lower) == nil)
    }
}
