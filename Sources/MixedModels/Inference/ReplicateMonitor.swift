import Foundation

/// Progress and cancellation of a parametric bootstrap, shared by its workers: cancellation is asked before every
/// replicate (and inside each refit, between evaluations); progress counts the finished replicates.
final class ReplicateMonitor: @unchecked Sendable {
    let control: FitControl?
    let total: Int
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var nextReport: ContinuousClock.Instant
    private var done = 0

    init(_ control: FitControl?, total: Int) {
        self.control = control
        self.total = total
        nextReport = start.advanced(by: .seconds(control?.progressInterval ?? 0))
    }

    /// The control of each replicate's refit: cancellation only, since one refit's evaluations say little about
    /// the bootstrap's progress.
    var refitControl: FitControl? {
        guard let shouldCancel = control?.shouldCancel else { return nil }
        return FitControl(shouldCancel: shouldCancel)
    }

    /// Throws `FitCancellation` when the control asks to stop.
    func checkCancellation() throws {
        guard let shouldCancel = control?.shouldCancel, shouldCancel() else { return }
        throw cancellation()
    }

    /// The cancellation to throw, with the replicates finished so far.
    func cancellation() -> FitCancellation {
        lock.lock()
        defer { lock.unlock() }
        var stop = FitCancellation(evaluations: 0, elapsed: seconds(since: start))
        stop.replicates = done
        return stop
    }

    /// Counts one finished replicate and reports progress when it is due.
    func finished(objective: Double) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        guard let progress = control?.progress else { return }
        let now = ContinuousClock.now
        guard now >= nextReport else { return }
        nextReport = now.advanced(by: .seconds(control?.progressInterval ?? 0))
        var report = FitProgress(evaluations: done, objective: objective, best: objective,
                                 elapsed: seconds(since: start))
        report.replicates = (done, total)
        progress(report)
    }
}
