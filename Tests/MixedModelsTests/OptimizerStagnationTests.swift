import CNLopt
import Testing
@testable import MixedModels

/// The stagnation stop of the derivative-free runs: at an objective's rounding floor the run ends with the best
/// point seen and reports FTOL_REACHED.
@Suite struct OptimizerStagnationTests {
    /// A smooth bowl with minimum 1e6 at (0.3, 0.7) whose values are rounded to a floor of 1e-3: improvements below
    /// ftol_abs (1e-8) are impossible once the floor is reached.
    static func flooredBowl(_ x: UnsafePointer<Double>) -> Double {
        let f = 1e6 + (x[0] - 0.3) * (x[0] - 0.3) + 2 * (x[1] - 0.7) * (x[1] - 0.7)
        return (f * 1e3).rounded() / 1e3
    }

    @Test func stopsAtTheRoundingFloor() throws {
        let summary = OptSummary(initial: [1, 1], lowerbd: [0, 0])
        let run = try runBOBYQA(from: summary.initial, summary: summary, objective: Self.flooredBowl)
        // Without the stop, BOBYQA shrinks its trust region to xtol_abs: 32 evaluations and XTOL_REACHED.
        #expect(run.code == NLOPT_FTOL_REACHED)
        #expect(run.evaluations < 32)
        #expect(run.f == 1e6)
        #expect(abs(run.x[0] - 0.3) < 0.05 && abs(run.x[1] - 0.7) < 0.05)
        let value = run.x.withUnsafeBufferPointer { Self.flooredBowl($0.baseAddress ?? theta0Fallback) }
        #expect(value == run.f)
    }

    @Test func runsToTheParameterToleranceWithoutTheStop() throws {
        let summary = OptSummary(initial: [1, 1], lowerbd: [0, 0])
        let run = try runBOBYQA(from: summary.initial, summary: summary, stopOnStagnation: false,
                                objective: Self.flooredBowl)
        #expect(run.code == NLOPT_XTOL_REACHED)
        #expect(run.f == 1e6)
    }

    struct ObjectiveFailure: Error {}

    @Test func rethrowsAnErrorOfTheObjective() {
        let summary = OptSummary(initial: [1, 1], lowerbd: [0, 0])
        var evaluations = 0
        #expect(throws: ObjectiveFailure.self) {
            _ = try runBOBYQA(from: summary.initial, summary: summary) { x in
                evaluations += 1
                if evaluations == 3 { throw ObjectiveFailure() }
                return Self.flooredBowl(x)
            }
        }
        #expect(evaluations == 3)
    }

    @Test func patienceCoversTwoInterpolationSets() {
        #expect(stagnationPatience(dimension: 2) == 10)
        #expect(stagnationPatience(dimension: 55) == 222)
    }
}
