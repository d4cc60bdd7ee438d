import Foundation
import MixedModels

/// What a long model computation of a block is doing, for a tool's status line.
public struct FitStatus: Sendable {
    /// The kind of computation.
    public enum Task: Sendable, Equatable {
        /// `fit`, `fit!`, `refit!`.
        case fitting
        /// `profile`.
        case profiling
        /// `parametricbootstrap`.
        case bootstrap
    }

    public var task: Task
    public var progress: FitProgress

    public init(task: Task, progress: FitProgress) {
        self.task = task
        self.progress = progress
    }
}

/// The engine's `FitControl` for a fit, profile or bootstrap run from a block. The block's deadline and a
/// cancellation (Ctrl-C) stop it from inside the objective callback, leaving the session usable. Progress goes to
/// `FitProgressObserver` only (the tool's standard error), never into the block's output, so `progress = true` and
/// `progress = false` give the same page; MixedModels.jl's default, `progress = true`, reports.
enum FitMonitoring {
    /// Seconds between two reports to the observer.
    static let reportInterval = 1.0

    /// Runs `body` with a control for `task`; `subject` names what runs in a cancellation's message ("fitting
    /// y ~ 1 + (1|g)"). The observer learns when the task ends.
    static func run<T>(_ c: CallContext, _ task: FitStatus.Task, _ subject: String,
                       _ body: (FitControl) throws -> T) throws -> T {
        let interpreter = c.interpreter
        var reports = try c.boolKeyword("progress", default: true)
        if task == .bootstrap, try c.boolKeyword("hide_progress", default: false) { reports = false }
        let observer = reports ? interpreter.fitObserver ?? FitProgressObserver.current : nil
        var progress: ((FitProgress) -> Void)?
        if let observer { progress = { observer(FitStatus(task: task, progress: $0)) } }
        let control = FitControl(progressInterval: reportInterval, shouldCancel: { interpreter.isPastDeadline },
                                 progress: progress)
        defer { observer?(nil) }
        do {
            return try body(control)
        } catch let stop as FitCancellation {
            throw LanguageError(message(stop, subject: subject, interpreter: interpreter))
        }
    }

    /// Why a computation stopped: the block's timeout, else a cancellation from outside (Ctrl-C). The model keeps
    /// its previous state, so later blocks can go on with it.
    static func message(_ stop: FitCancellation, subject: String, interpreter: Interpreter) -> String {
        let done = stop.replicates.map { "\($0) replicate\($0 == 1 ? "" : "s") done" }
            ?? "after \(stop.evaluations) evaluation\(stop.evaluations == 1 ? "" : "s")"
        let timedOut = (interpreter.secondsLeft ?? 0) <= 0 || !interpreter.cancellation.isSet
        let cause = timedOut
            ? "timeout: the block timed out after \(Display.repr(.float(interpreter.timeoutSeconds))) seconds"
            : "interrupted"
        return "\(cause) while \(subject) (\(done)); it was stopped and the session is still usable"
    }
}

/// Receives the progress of every fit, profile and bootstrap a block runs (about once a second), and nil when one
/// ends: the source of a tool's status line.
public enum FitProgressObserver {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var observer: (@Sendable (FitStatus?) -> Void)?

    /// The observer, or nil for none.
    public static var current: (@Sendable (FitStatus?) -> Void)? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return observer
        }
        set {
            lock.lock()
            observer = newValue
            lock.unlock()
        }
    }
}
