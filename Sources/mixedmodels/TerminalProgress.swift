import Foundation
import NotebookProcessing

/// A one-line progress display on standard error, shown only when standard error is a terminal.
final class TerminalProgress {
    private let active: Bool
    private let started = Date()
    private var shown = false

    init(enabled: Bool) {
        active = enabled && isatty(STDERR_FILENO) != 0
    }

    func report(_ event: RunProgress) {
        guard active else { return }
        switch event {
        case .blockStarted(let path, let index, let count, let line):
            show("\(path): block \(index + 1)/\(count) (line \(line))")
        case .notebookFinished(let path, let seconds):
            show("\(path): done in " + String(format: "%.1f s", seconds))
        case .notebookStarted, .blockFinished:
            break
        }
    }

    func finish() {
        guard active, shown else { return }
        FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8))
    }

    private func show(_ message: String) {
        let elapsed = String(format: "%6.1f s  ", Date().timeIntervalSince(started))
        FileHandle.standardError.write(Data(("\u{1B}[2K\r" + elapsed + message).utf8))
        shown = true
    }
}
