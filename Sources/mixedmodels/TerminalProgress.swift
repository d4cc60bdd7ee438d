import Foundation
import NotebookProcessing

/// The notebook commands' progress on standard error (`ProgressDisplay`), refreshed once a second by a timer so
/// that a long fit shows its evaluations, objective and time while it runs.
final class TerminalProgress: @unchecked Sendable {
    private let display: ProgressDisplay?
    private var timer: DispatchSourceTimer?

    init(enabled: Bool) {
        guard enabled else {
            display = nil
            return
        }
        let display = ProgressDisplay(isTerminal: isatty(STDERR_FILENO) != 0) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
        self.display = display
        FitActivity.shared.observeFits()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { display.tick() }
        timer.resume()
        self.timer = timer
    }

    func report(_ event: RunProgress) {
        display?.report(event)
    }

    func finish() {
        timer?.cancel()
        display?.finish()
    }
}
