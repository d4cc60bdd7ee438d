import Foundation
import MixedModels

/// The engine's `FitControl` for a fit run from a block: the block's deadline cancels the fit from inside the
/// objective callback, and `progress = true` prints a line to standard error every few seconds (never into the
/// block's output).
enum FitMonitoring {
    /// Seconds between progress lines.
    static let progressInterval = 2.0

    static func control(_ c: CallContext) throws -> FitControl {
        let interpreter = c.interpreter
        let printsLines = try c.boolKeyword("progress", default: false)
        let observer = FitProgressObserver.current
        let progress: ((FitProgress) -> Void)? = printsLines || observer != nil ? { p in
            observer?(p)
            guard printsLines else { return }
            let line = String(format: "fit: %d evaluations, objective %.6f (best %.6f), %.1f s\n",
                              p.evaluations, p.objective, p.best, p.elapsed)
            FileHandle.standardError.write(Data(line.utf8))
        } : nil
        return FitControl(progressInterval: observer == nil ? progressInterval : 1,
                          shouldCancel: { interpreter.isPastDeadline }, progress: progress)
    }

    /// Runs `fit`; a fit cancelled by the deadline ends the block with the interpreter's timeout error.
    static func run(_ c: CallContext, _ fit: (FitControl) throws -> Void) throws {
        do {
            try fit(try control(c))
        } catch is FitCancellation {
            // The fit stopped cleanly between evaluations, so the session stays usable (unlike a block abandoned
            // by its timeout): the block ends with an error, the model keeps its previous state.
            guard c.interpreter.isPastDeadline else { throw LanguageError("the fit was cancelled") }
            throw LanguageError("timeout: the fit was stopped at the block's limit of "
                                + "\(Display.repr(.float(c.interpreter.timeoutSeconds))) seconds; the session is still usable")
        }
    }
}

/// Receives the progress of every fit a block runs (about once a second), for a tool's status line; `progress = true`
/// still prints its own lines.
public enum FitProgressObserver {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var observer: (@Sendable (FitProgress) -> Void)?

    /// The observer, or nil for none.
    public static var current: (@Sendable (FitProgress) -> Void)? {
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
