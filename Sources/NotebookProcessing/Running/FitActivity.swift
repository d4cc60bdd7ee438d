import Foundation
import MixedModels
import MixedModelsLanguage

/// The latest progress of the fit, profile or bootstrap a block is running, for a status line: the engine reports
/// it about once a second (see `FitProgressObserver`), and the report is dropped when the computation ends.
public final class FitActivity: @unchecked Sendable {
    /// One report of a running computation.
    public struct Report: Sendable {
        public var task: FitStatus.Task
        public var evaluations: Int
        public var objective: Double
        public var best: Double
        /// Seconds the computation had run when it reported.
        public var elapsed: Double
        /// For a bootstrap: the replicates finished and requested.
        public var replicates: (done: Int, total: Int)?
        /// When the report arrived.
        public var received: Date
    }

    /// The process's fit activity, fed by every fit once `observeFits()` was called.
    public static let shared = FitActivity()

    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var report: Report?

    /// - Parameter now: the clock that stamps reports (a fixed one in tests).
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// Makes every fit report here.
    public func observeFits() {
        FitProgressObserver.current = { [self] status in record(status) }
    }

    /// The latest report received after `since`, nil when no computation is running or none reported since then.
    public func latest(since: Date) -> Report? {
        lock.lock()
        defer { lock.unlock() }
        guard let report, report.received >= since else { return nil }
        return report
    }

    /// Keeps a computation's report; nil means it ended.
    func record(_ status: FitStatus?) {
        let report = status.map { status in
            let p = status.progress
            return Report(task: status.task, evaluations: p.evaluations, objective: p.objective, best: p.best,
                          elapsed: p.elapsed, replicates: p.replicates, received: now())
        }
        lock.lock()
        self.report = report
        lock.unlock()
    }
}

extension FitActivity.Report {
    /// The status text at `now`, the elapsed time carried on from the report: "fitting: 312 evaluations, objective
    /// 237647.06, 4.1 s", "bootstrap: 40 of 1000 replicates, 12.3 s".
    public func status(at now: Date) -> String {
        let seconds = String(format: "%.1f s", elapsed + max(0, now.timeIntervalSince(received)))
        switch task {
        case .bootstrap:
            let (done, total) = replicates ?? (evaluations, 0)
            return "bootstrap: \(done) of \(total) replicates, \(seconds)"
        case .fitting, .profiling:
            let objective = String(format: "%.2f", objective)
            let count = "\(evaluations) evaluation" + (evaluations == 1 ? "" : "s")
            return "\(task == .fitting ? "fitting" : "profiling"): \(count), objective \(objective), \(seconds)"
        }
    }
}
