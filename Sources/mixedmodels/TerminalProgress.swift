import Foundation
import NotebookProcessing

/// Progress on standard error: on a terminal one live line, rewritten as blocks run; elsewhere (CI logs) one line
/// per notebook with its time.
final class TerminalProgress {
    private let enabled: Bool
    private let isTerminal: Bool
    private let started = Date()
    private var shown = false

    init(enabled: Bool) {
        self.enabled = enabled
        isTerminal = isatty(STDERR_FILENO) != 0
    }

    func report(_ event: RunProgress) {
        guard enabled else { return }
        switch event {
        case .blockStarted(let path, let index, let count, let line):
            if isTerminal { show("\(path): block \(index + 1)/\(count) (line \(line))") }
        case .notebookFinished(let path, let seconds):
            let message = "\(path): ran in " + String(format: "%.2f s", seconds)
            isTerminal ? show(message) : line(message)
        case .notebookCached(let path):
            isTerminal ? show("\(path): from the cache") : line("\(path): from the cache")
        case .cacheNotWritten(let path, let reason):
            line("warning: \(path): results not cached: \(reason)")
        case .notebookStarted, .blockFinished:
            break
        }
    }

    func finish() {
        guard enabled, isTerminal, shown else { return }
        FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8))
    }

    private func show(_ message: String) {
        let elapsed = String(format: "%6.1f s  ", Date().timeIntervalSince(started))
        FileHandle.standardError.write(Data(("\u{1B}[2K\r" + elapsed + message).utf8))
        shown = true
    }

    private func line(_ message: String) {
        if isTerminal && shown { FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8)) }
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
