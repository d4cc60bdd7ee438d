import Foundation
import MixedModelsLanguage

/// Runs one block on its own thread and stops waiting for it when it overruns its timeout.
///
/// The evaluator is expected to stop itself at the deadline it is given; the watchdog is the safety net for code that
/// cannot be interrupted there. A thread cannot be killed, so an overrunning block is abandoned and its session is
/// retired: later blocks of that session fail with a clear message instead of racing with the abandoned one.
enum Watchdog {
    /// Extra time the evaluator gets to stop on its own before the watchdog gives up on it.
    static func grace(for timeout: Double) -> Double {
        // Builtins poll the deadline every few thousand elements; on a loaded machine (or in a debug build) the
        // set-up before a polled loop can still take seconds, so a short timeout gets at least five.
        timeout * 0.5 + 5
    }

    /// The block's result, or nil when it did not finish within its timeout plus the grace period.
    static func run(_ evaluator: BlockEvaluator, code: String, file: String, firstLine: Int,
                    timeout: Double) -> BlockResult? {
        let execution = Execution()
        let job = UncheckedJob {
            execution.result = evaluator.run(code, file: file, firstLine: firstLine, timeout: timeout)
            execution.finished.signal()
        }
        let thread = Thread { job.body() }
        // Deeply nested expressions recurse in the interpreter: give it a generous stack.
        thread.stackSize = 64 << 20
        thread.start()
        let limit = DispatchTime.now() + min(timeout + grace(for: timeout), 1e9)
        if execution.finished.wait(timeout: limit) == .success { return execution.result }
        // Ask a language session to stop at its next check before giving up on the thread.
        guard let session = evaluator as? Session else { return nil }
        session.cancel()
        guard execution.finished.wait(timeout: .now() + 1) == .success else { return nil }
        return execution.result
    }

    /// The result slot; written before `finished` is signalled and read only after waiting for it.
    private final class Execution: @unchecked Sendable {
        var result: BlockResult?
        let finished = DispatchSemaphore(value: 0)
    }
}

/// Stands in for a session whose block was abandoned after a timeout.
final class RetiredSession: BlockEvaluator {
    let reason: String
    init(reason: String) { self.reason = reason }

    func run(_ code: String, file: String, firstLine: Int, timeout: Double) -> BlockResult {
        let message = "\(file):\(firstLine): not run: \(reason)"
        return BlockResult(output: message, error: message)
    }
}

/// A closure handed to another thread; what it touches is confined to that thread or synchronised by its owner.
final class UncheckedJob: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}
