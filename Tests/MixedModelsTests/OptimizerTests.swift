import CNLopt
import Testing
@testable import MixedModels

/// The NLopt runs: no stop rule of their own (a run ends only on NLopt's criteria), errors and cancellations of
/// the objective stop the run and are rethrown.
@Suite struct OptimizerTests {
    /// A smooth bowl with minimum 1e6 at (0.3, 0.7) whose values are rounded to a floor of 1e-3.
    static func flooredBowl(_ x: UnsafePointer<Double>) -> Double {
        let f = 1e6 + (x[0] - 0.3) * (x[0] - 0.3) + 2 * (x[1] - 0.7) * (x[1] - 0.7)
        return (f * 1e3).rounded() / 1e3
    }

    @Test func runsToNLoptsOwnCriteria() throws {
        let summary = OptSummary(initial: [1, 1], lowerbd: [0, 0])
        let run = try runBOBYQA(from: summary.initial, summary: summary, objective: Self.flooredBowl)
        // At the rounding floor no step improves by ftol: the run goes on to the parameter tolerance.
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

    @Test func cancellationStopsTheRunInsideTheCallback() {
        let summary = OptSummary(initial: [1, 1], lowerbd: [0, 0])
        var asked = 0
        var reports: [FitProgress] = []
        let control = FitControl(progressInterval: 0, shouldCancel: {
            asked += 1
            return asked == 5
        }, progress: { reports.append($0) })
        #expect(throws: FitCancellation.self) {
            _ = try runBOBYQA(from: summary.initial, summary: summary, monitor: EvaluationMonitor(control),
                              objective: Self.flooredBowl)
        }
        #expect(asked == 5)
        #expect(reports.count == 4)
        #expect(reports.map(\.evaluations) == [1, 2, 3, 4])
        #expect(reports.allSatisfy { $0.best <= $0.objective && $0.elapsed >= 0 })
    }
}
