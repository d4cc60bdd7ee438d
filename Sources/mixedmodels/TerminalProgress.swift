import Foundation
import NotebookProcessing

/// Progress on standard error: on a terminal one live line, rewritten as blocks run and every second while a long
/// block runs (with its fit's evaluations and objective); elsewhere (CI logs) one line per notebook with its time and,
/// for a block that runs long, a line every few seconds.
final class TerminalProgress: @unchecked Sendable {
    /// Seconds between the lines about a long block when standard error is not a terminal.
    static let logInterval = 5.0

    private let enabled: Bool
    private let isTerminal: Bool
    private let started = Date()
    private let lock = NSLock()
    private var shown = false
    private var running: [String: RunningBlock] = [:]
    private var timer: DispatchSourceTimer?

    private struct RunningBlock {
        var label: String
        var started: Date
        var lastLogged: Date
    }

    init(enabled: Bool) {
        self.enabled = enabled
        isTerminal = isatty(STDERR_FILENO) != 0
        guard enabled else { return }
        FitActivity.shared.observeFits()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
        self.timer = timer
    }

    func report(_ event: RunProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .blockStarted(let path, let index, let count, let line):
            let now = Date()
            running[path] = RunningBlock(label: "\(path): block \(index + 1)/\(count) (line \(line))", started: now,
                                         lastLogged: now)
            if isTerminal { show(running[path]!.label) }
        case .blockFinished(_, let path):
            running[path] = nil
            if isTerminal && shown { clear() }
        case .notebookFinished(let path, let seconds):
            running[path] = nil
            let message = "\(path): ran in " + String(format: "%.2f s", seconds)
            isTerminal ? show(message) : line(message)
        case .notebookCached(let path):
            isTerminal ? show("\(path): from the cache") : line("\(path): from the cache")
        case .cacheNotWritten(let path, let reason):
            line("warning: \(path): results not cached: \(reason)")
        case .notebookStarted:
            break
        }
    }

    func finish() {
        guard enabled else { return }
        timer?.cancel()
        lock.lock()
        defer { lock.unlock() }
        running = [:]
        if isTerminal && shown { clear() }
    }

    /// Once a second: the live line shows how long the block has run and where its fit stands.
    private func tick() {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        for (path, block) in running.sorted(by: { $0.value.started > $1.value.started }) {
            let seconds = now.timeIntervalSince(block.started)
            var status = block.label + String(format: ", %.0f s", seconds)
            if let fit = FitActivity.shared.latest(since: block.started) {
                status += String(format: "; fit: %d evaluations, objective %.6f", fit.evaluations, fit.objective)
            }
            if isTerminal {
                show(status)
                return
            }
            if now.timeIntervalSince(block.lastLogged) >= Self.logInterval {
                running[path]?.lastLogged = now
                line("still running: " + status)
            }
        }
    }

    private func show(_ message: String) {
        let elapsed = String(format: "%6.1f s  ", Date().timeIntervalSince(started))
        FileHandle.standardError.write(Data(("\u{1B}[2K\r" + elapsed + message).utf8))
        shown = true
    }

    private func clear() {
        FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8))
        shown = false
    }

    private func line(_ message: String) {
        if isTerminal && shown { clear() }
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
