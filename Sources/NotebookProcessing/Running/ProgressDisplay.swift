import Foundation

/// What the notebook commands show on standard error while they run. On a terminal: one live line, rewritten as
/// blocks start and at every `tick()` (with the running fit's evaluations, objective and time), cleared when the
/// block ends. Elsewhere (CI logs): one line per notebook and, for a block that has run `logInterval` seconds,
/// a line every `logInterval` seconds; shorter blocks print nothing. Never touches a block's output.
public final class ProgressDisplay: @unchecked Sendable {
    /// Seconds between the lines about a long block when standard error is not a terminal.
    public static let logInterval = 5.0

    private let isTerminal: Bool
    private let now: () -> Date
    private let write: (String) -> Void
    private let activity: FitActivity
    private let started: Date
    private let lock = NSLock()
    private var shown = false
    private var running: [String: RunningBlock] = [:]

    private struct RunningBlock {
        var label: String
        var location: String
        var started: Date
        var lastLogged: Date
    }

    /// - Parameters:
    ///   - isTerminal: whether `write` goes to a terminal (a live line) or to a log (whole lines).
    ///   - activity: where the running fits report.
    ///   - now: the clock (a stepped one in tests).
    ///   - write: the sink, standard error in the tool.
    public init(isTerminal: Bool, activity: FitActivity = .shared, now: @escaping () -> Date = { Date() },
                write: @escaping (String) -> Void) {
        self.isTerminal = isTerminal
        self.activity = activity
        self.now = now
        self.write = write
        started = now()
    }

    public func report(_ event: RunProgress) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .blockStarted(let path, let index, let count, let line):
            let time = now()
            running[path] = RunningBlock(label: "\(path): block \(index + 1)/\(count) (line \(line))",
                                         location: "\(path):\(line)", started: time, lastLogged: time)
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

    /// Called about once a second while notebooks run: refreshes the live line, or logs a long block.
    public func tick() {
        lock.lock()
        defer { lock.unlock() }
        let time = now()
        for (path, block) in running.sorted(by: { $0.value.started > $1.value.started }) {
            let seconds = time.timeIntervalSince(block.started)
            let fit = activity.latest(since: block.started)?.status(at: time)
            if isTerminal {
                show(block.label + (fit.map { " — " + $0 } ?? String(format: ", %.0f s", seconds)))
                return
            }
            guard seconds >= Self.logInterval, time.timeIntervalSince(block.lastLogged) >= Self.logInterval else {
                continue
            }
            running[path]?.lastLogged = time
            line(block.location + ": " + (fit ?? String(format: "still running after %.0f s", seconds)))
        }
    }

    /// Clears the live line at the end of the run.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        running = [:]
        if isTerminal && shown { clear() }
    }

    private func show(_ message: String) {
        let elapsed = String(format: "%6.1f s  ", now().timeIntervalSince(started))
        write("\u{1B}[2K\r" + elapsed + message)
        shown = true
    }

    private func clear() {
        write("\u{1B}[2K\r")
        shown = false
    }

    private func line(_ message: String) {
        if isTerminal && shown { clear() }
        write(message + "\n")
    }
}
