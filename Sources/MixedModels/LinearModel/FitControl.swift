/// Where a running fit stands: passed to a `FitControl`'s progress handler.
public struct FitProgress: Sendable {
    /// Objective evaluations so far, all optimizer runs and checks of this fit together.
    public let evaluations: Int
    /// The objective at the latest evaluation.
    public let objective: Double
    /// The smallest objective seen so far.
    public let best: Double
    /// Seconds since the fit started.
    public let elapsed: Double
    /// For a parametric bootstrap: the replicates finished and requested (nil for one fit).
    public var replicates: (done: Int, total: Int)? = nil

    public init(evaluations: Int, objective: Double, best: Double, elapsed: Double) {
        self.evaluations = evaluations
        self.objective = objective
        self.best = best
        self.elapsed = elapsed
    }
}

/// Progress reports and cancellation for a long fit. Both are polled inside the objective callback, so a fit
/// that takes minutes can show signs of life and be stopped between two evaluations.
public final class FitControl {
    /// Seconds between two progress reports (the first comes after this long).
    public let progressInterval: Double
    /// Asked at every evaluation: `true` stops the fit, which then throws `FitCancellation`.
    public let shouldCancel: (() -> Bool)?
    /// Called at most every `progressInterval` seconds while the fit runs.
    public let progress: ((FitProgress) -> Void)?

    public init(progressInterval: Double = 1, shouldCancel: (() -> Bool)? = nil,
                progress: ((FitProgress) -> Void)? = nil) {
        self.progressInterval = progressInterval
        self.shouldCancel = shouldCancel
        self.progress = progress
    }
}

/// A fit stopped by its `FitControl`. The model keeps the estimates it had before the fit began.
public struct FitCancellation: Error, Equatable, CustomStringConvertible, Sendable {
    /// Evaluations done before the stop.
    public let evaluations: Int
    /// Seconds the fit had run.
    public let elapsed: Double
    /// For a parametric bootstrap: the replicates finished before the stop (nil for one fit).
    public var replicates: Int? = nil

    public var description: String {
        if let replicates {
            return "the bootstrap was cancelled after \(replicates) replicates (\(Int(elapsed.rounded())) s)"
        }
        return "the fit was cancelled after \(evaluations) evaluations (\(Int(elapsed.rounded())) s)"
    }
}

/// Counts a fit's evaluations, tracks the best objective, reports progress and applies cancellation.
/// Allocation-free per evaluation.
final class EvaluationMonitor {
    let control: FitControl?
    private let start = ContinuousClock.now
    private var nextReport: ContinuousClock.Instant
    private(set) var evaluations = 0
    private(set) var best = Double.infinity

    init(_ control: FitControl?) {
        self.control = control
        nextReport = start.advanced(by: .seconds(control?.progressInterval ?? 0))
    }

    var elapsed: Double { seconds(since: start) }

    /// Records one evaluation's value; throws `FitCancellation` when the control asks to stop.
    func record(_ f: Double) throws {
        evaluations += 1
        if f < best { best = f }
        guard let control else { return }
        if let shouldCancel = control.shouldCancel, shouldCancel() {
            throw FitCancellation(evaluations: evaluations, elapsed: elapsed)
        }
        if let progress = control.progress {
            let now = ContinuousClock.now
            if now >= nextReport {
                nextReport = now.advanced(by: .seconds(control.progressInterval))
                progress(FitProgress(evaluations: evaluations, objective: f, best: best, elapsed: elapsed))
            }
        }
    }
}

/// Seconds from `start` to now.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
