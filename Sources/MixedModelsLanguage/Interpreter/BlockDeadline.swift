import Foundation

/// The running block's deadline, reachable from code that has no interpreter at hand: static helpers and native
/// loops (sorting, broadcasting, joins) poll it, so that a block past its timeout stops itself instead of being
/// abandoned on its thread by the notebook runner's watchdog.
enum BlockDeadline {
    /// The thread-dictionary key under which `Session.run` stores the interpreter of the block's thread.
    static let key = "MixedModelsLanguage.interpreter"

    private static var current: Interpreter? { Thread.current.threadDictionary[key] as? Interpreter }

    /// Throws the block's timeout once its time is up or it was cancelled. Reads the clock: call it every few
    /// thousand iterations of a native loop, not per element.
    static func check() throws {
        guard let interpreter = current, interpreter.isPastDeadline else { return }
        throw TimeoutError(seconds: interpreter.timeoutSeconds)
    }

    /// A comparison or step counter for loops that cannot take an interpreter: `tick()` checks the deadline every
    /// 4096th call.
    struct Poll {
        private var count = 0
        mutating func tick() throws {
            count &+= 1
            if count & 4095 == 0 { try BlockDeadline.check() }
        }
    }

    /// Operations per second assumed for native kernels that cannot be interrupted (LAPACK): generous, so that only
    /// work that cannot possibly end in the block's time is refused.
    static let operationsPerSecond = 1e10

    /// Refuses a native computation of about `operations` floating-point operations that cannot end before the
    /// block's deadline, with a clear error before it starts (LAPACK cannot be stopped once running).
    static func ensureTime(for operations: Double, _ what: @autoclosure () -> String) throws {
        guard let interpreter = current, let left = interpreter.secondsLeft else { return }
        let needed = operations / operationsPerSecond
        guard needed > left else { return }
        throw LanguageError("\(what()) needs about \(JuliaFormatShort.seconds(needed)) s of computation, more than "
                            + "the block's timeout (\(JuliaFormatShort.seconds(interpreter.timeoutSeconds)) s) leaves")
    }
}

/// Seconds in messages: three significant digits.
private enum JuliaFormatShort {
    static func seconds(_ s: Double) -> String { String(format: "%.3g", s) }
}
