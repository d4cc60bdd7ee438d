import Foundation
import MixedModelsLanguage

/// A request to stop the notebooks being run (Ctrl-C): the running blocks are cancelled at their next check (a fit
/// between two objective evaluations, a loop at its next deadline poll), later blocks do not run, and an interrupted
/// run is never cached.
public final class Interruption: @unchecked Sendable {
    /// The process's interruption, set by the command line's SIGINT handler.
    public static let shared = Interruption()

    private let lock = NSLock()
    private var requested = false
    private var running: [ObjectIdentifier: Session] = [:]

    public init() {}

    /// True once `interrupt()` was called.
    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    /// Cancels every running block and stops the runs from starting more.
    public func interrupt() {
        lock.lock()
        requested = true
        let sessions = Array(running.values)
        lock.unlock()
        for session in sessions { session.cancel() }
        // A block that was just starting clears its session's cancellation as it begins: ask once more.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { [self] in
            lock.lock()
            let sessions = Array(running.values)
            lock.unlock()
            for session in sessions { session.cancel() }
        }
    }

    /// Runs `body` with `evaluator` registered as running, so that an interruption cancels it.
    func whileRunning<T>(_ evaluator: BlockEvaluator, _ body: () -> T) -> T {
        guard let session = evaluator as? Session else { return body() }
        let id = ObjectIdentifier(session)
        lock.lock()
        running[id] = session
        lock.unlock()
        defer {
            lock.lock()
            running[id] = nil
            lock.unlock()
        }
        return body()
    }

    /// The message of a block stopped by an interruption.
    static func message(file: String, line: Int) -> String {
        "\(file):\(line): interrupted: the block was stopped by Ctrl-C"
    }
}
