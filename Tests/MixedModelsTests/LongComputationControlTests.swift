import Foundation
import JuliaRandom
import Testing
@testable import MixedModels

/// Cancellation and progress of the computations that run many fits: refits, the parametric bootstrap (LMM and
/// GLMM) and profiles.
@Suite struct LongComputationControlTests {
    /// A control that asks to stop at its `limit`-th question, counting questions across threads.
    final class Countdown: @unchecked Sendable {
        private let lock = NSLock()
        private var asked = 0
        let limit: Int
        init(limit: Int) { self.limit = limit }
        func shouldStop() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            asked += 1
            return asked >= limit
        }
    }

    @Test func refitIsCancelledAndKeepsThePreviousFit() throws {
        let m = try InferenceModels.linear("reaction ~ 1 + days + (1 + days | subj)", "sleepstudy")
        let objective = m.objective
        let countdown = Countdown(limit: 3)
        #expect(throws: FitCancellation.self) {
            try m.refit(response: m.frame.y.map { $0 + 1 }, control: FitControl(shouldCancel: countdown.shouldStop))
        }
        try m.refit(response: m.frame.y.map { $0 - 1 })
        #expect(abs(m.objective - objective) < 1e-6 * objective)
    }

    @Test func bootstrapStopsBetweenReplicatesWithTheCountDone() throws {
        let m = try InferenceModels.linear("yield ~ 1 + (1 | batch)", "dyestuff")
        // Each simulated response asks once, then each replicate once before its refit and once per evaluation:
        // stop well inside the refits.
        let countdown = Countdown(limit: 150 + 300)
        do {
            _ = try m.parametricbootstrap(using: MersenneTwister(seed: 1), 150, threads: 2,
                                          control: FitControl(shouldCancel: countdown.shouldStop))
            Issue.record("the bootstrap was not cancelled")
        } catch let stop as FitCancellation {
            let done = try #require(stop.replicates)
            #expect(done > 0 && done < 150)
            #expect(stop.description.hasPrefix("the bootstrap was cancelled after \(done) replicates"))
        }
        // The model itself is untouched: a bootstrap still reproduces Julia's first replicate.
        let samp = try m.parametricbootstrap(using: MersenneTwister(seed: 1234321), 1)
        #expect(abs(samp.fits[0].objective - 339.022) < 1e-3)
    }

    @Test func bootstrapReportsTheReplicatesDone() throws {
        let m = try InferenceModels.linear("yield ~ 1 + (1 | batch)", "dyestuff")
        let reports = ReportLog()
        _ = try m.parametricbootstrap(using: MersenneTwister(seed: 1), 50, threads: 2,
                                      control: FitControl(progressInterval: 0, progress: reports.append))
        let seen = reports.all
        #expect(seen.count == 50)
        #expect(seen.map { $0.replicates?.total } == [Int?](repeating: 50, count: 50))
        #expect(seen.compactMap { $0.replicates?.done } == Array(1...50))
    }

    @Test func glmmBootstrapIsCancelledUnwrapped() throws {
        let (m, _, _) = try GLMMSimulationTests.cbpp()
        let countdown = Countdown(limit: 30)
        #expect(throws: FitCancellation.self) {
            _ = try m.parametricbootstrap(using: MersenneTwister(seed: 42), 1000, threads: 1,
                                          control: FitControl(shouldCancel: countdown.shouldStop))
        }
    }

    @Test func profileIsCancelledAndRestoresTheEstimates() throws {
        let m = try InferenceModels.linear("reaction ~ 1 + days + (1 + days | subj)", "sleepstudy")
        let theta = m.theta
        let countdown = Countdown(limit: 50)
        #expect(throws: FitCancellation.self) {
            _ = try m.profile(control: FitControl(shouldCancel: countdown.shouldStop))
        }
        #expect(m.theta == theta)
    }
}

/// Progress reports collected from any thread.
private final class ReportLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [FitProgress] = []
    func append(_ report: FitProgress) {
        lock.lock()
        reports.append(report)
        lock.unlock()
    }
    var all: [FitProgress] {
        lock.lock()
        defer { lock.unlock() }
        return reports
    }
}
