import Foundation
import MixedModels
import MixedModelsLanguage

/// The latest progress of the fit a block is running, for a status line: the engine reports it through its
/// `FitControl` about once a second (see `FitProgressObserver`).
public final class FitActivity: @unchecked Sendable {
    /// One report of a running fit.
    public struct Report: Sendable {
        public var evaluations: Int
        public var objective: Double
        public var best: Double
        /// Seconds the fit has run.
        public var elapsed: Double
        /// When the report arrived.
        public var received: Date
    }

    /// The process's fit activity, fed by every fit once `observeFits()` was called.
    public static let shared = FitActivity()

    private let lock = NSLock()
    private var report: Report?

    public init() {}

    /// Makes every fit report here.
    public func observeFits() {
        FitProgressObserver.current = { [self] progress in record(progress) }
    }

    /// The latest report received after `since`, nil when no fit reported since then.
    public func latest(since: Date) -> Report? {
        lock.lock()
        defer { lock.unlock() }
        guard let report, report.received >= since else { return nil }
        return report
    }

    func record(_ progress: FitProgress) {
        let report = Report(evaluations: progress.evaluations, objective: progress.objective, best: progress.best,
                            elapsed: progress.elapsed, received: Date())
        lock.lock()
        self.report = report
        lock.unlock()
    }
}
