import ArgumentParser
import Foundation
import NotebookProcessing

/// Ctrl-C while notebooks run: the first one stops the running block (a fit between two objective evaluations, a
/// loop at its next check) and the run, which then reports and exits with 130; a second one quits at once.
enum InterruptHandler {
    private static let state = State()

    /// Takes over SIGINT for the rest of the process.
    static func install() {
        state.install()
    }

    /// Exits with 130, Ctrl-C's status, when the run was interrupted.
    static func exitIfInterrupted() throws {
        guard Interruption.shared.isRequested else { return }
        FileHandle.standardError.write(Data("interrupted\n".utf8))
        throw ExitCode(130)
    }

    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var source: DispatchSourceSignal?
        private var count = 0

        func install() {
            lock.lock()
            defer { lock.unlock() }
            guard source == nil else { return }
            signal(SIGINT, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            source.setEventHandler { [self] in received() }
            source.resume()
            self.source = source
        }

        private func received() {
            lock.lock()
            count += 1
            let first = count == 1
            lock.unlock()
            guard first else { exit(130) }
            // On a terminal the status line is cleared first.
            let clear = isatty(STDERR_FILENO) != 0 ? "\u{1B}[2K\r" : ""
            FileHandle.standardError.write(Data((clear + "interrupting: stopping the running block (Ctrl-C again quits at once)\n").utf8))
            Interruption.shared.interrupt()
        }
    }
}
