import Foundation
import MixedModels
import MixedModelsLanguage
import Testing
@testable import NotebookProcessing

/// The status shown on standard error while notebooks run, driven by a stepped clock.
@Suite("Progress display")
struct ProgressDisplayTests {
    /// A clock moved by hand and a sink that keeps what was written.
    final class Harness: @unchecked Sendable {
        private let lock = NSLock()
        private var time = Date(timeIntervalSince1970: 1_000_000)
        private(set) var written: [String] = []
        lazy var activity = FitActivity(now: { [unowned self] in now() })

        func now() -> Date {
            lock.lock()
            defer { lock.unlock() }
            return time
        }

        func advance(_ seconds: Double) {
            lock.lock()
            time += seconds
            lock.unlock()
        }

        func write(_ text: String) { written.append(text) }

        func display(terminal: Bool) -> ProgressDisplay {
            ProgressDisplay(isTerminal: terminal, activity: activity, now: { [unowned self] in now() },
                            write: { [unowned self] in write($0) })
        }

        /// A fit's report, as the engine sends it through `FitProgressObserver`.
        func fitReports(evaluations: Int, objective: Double, elapsed: Double, task: FitStatus.Task = .fitting) {
            activity.record(FitStatus(task: task, progress: FitProgress(evaluations: evaluations, objective: objective,
                                                                        best: objective, elapsed: elapsed)))
        }
    }

    static let started = RunProgress.blockStarted(path: "nb.md", index: 1, count: 4, line: 12)

    static func finished() throws -> RunProgress {
        let notebook = try NotebookReader.parse("```mixedmodel\n1\n```\n", path: "nb.md")
        return .blockFinished(BlockRun(block: notebook.blocks[0], result: nil, outcome: .ran, seconds: 0), path: "nb.md")
    }

    @Test func statusTextsOfFitsProfilesAndBootstraps() {
        let h = Harness()
        h.fitReports(evaluations: 312, objective: 237647.0581, elapsed: 4.06)
        let at = h.now()
        #expect(h.activity.latest(since: at)?.status(at: at) == "fitting: 312 evaluations, objective 237647.06, 4.1 s")
        // Between reports the time goes on from the last one.
        #expect(h.activity.latest(since: at)?.status(at: at + 0.5) == "fitting: 312 evaluations, objective 237647.06, 4.6 s")
        h.fitReports(evaluations: 20, objective: -1.5, elapsed: 1, task: .profiling)
        #expect(h.activity.latest(since: at)?.status(at: at) == "profiling: 20 evaluations, objective -1.50, 1.0 s")
        var bootstrap = FitProgress(evaluations: 40, objective: 1, best: 1, elapsed: 12.34)
        bootstrap.replicates = (40, 1000)
        h.activity.record(FitStatus(task: .bootstrap, progress: bootstrap))
        #expect(h.activity.latest(since: at)?.status(at: at) == "bootstrap: 40 of 1000 replicates, 12.3 s")
        h.activity.record(nil)
        #expect(h.activity.latest(since: at) == nil)
    }

    /// In a log, a block shorter than the interval prints nothing; a long one a line every 5 s.
    @Test func logLinesOnlyForLongBlocksEveryFiveSeconds() throws {
        let h = Harness()
        let display = h.display(terminal: false)
        display.report(Self.started)
        for _ in 0..<4 {
            h.advance(1)
            display.tick()
        }
        #expect(h.written.isEmpty)
        h.advance(1)
        h.fitReports(evaluations: 31, objective: 1234.5, elapsed: 2)
        display.tick()
        #expect(h.written == ["nb.md:12: fitting: 31 evaluations, objective 1234.50, 2.0 s\n"])
        for _ in 0..<4 {
            h.advance(1)
            display.tick()
        }
        #expect(h.written.count == 1)
        h.advance(1)
        h.activity.record(nil)
        display.tick()
        #expect(h.written.last == "nb.md:12: still running after 10 s\n")
        display.report(try Self.finished())
        h.advance(5)
        display.tick()
        #expect(h.written.count == 2)
    }

    /// On a terminal, one live line: the block, then the fit's status, back to the block when the fit ends, cleared
    /// when the block ends.
    @Test func terminalLineIsRewrittenAndCleared() throws {
        let h = Harness()
        let display = h.display(terminal: true)
        let clear = "\u{1B}[2K\r"
        display.report(Self.started)
        #expect(h.written == [clear + "   0.0 s  nb.md: block 2/4 (line 12)"])
        h.advance(1)
        display.tick()
        #expect(h.written.last == clear + "   1.0 s  nb.md: block 2/4 (line 12), 1 s")
        h.fitReports(evaluations: 9, objective: 99.126, elapsed: 0.5)
        h.advance(1)
        display.tick()
        #expect(h.written.last == clear + "   2.0 s  nb.md: block 2/4 (line 12) — fitting: 9 evaluations, objective 99.13, 1.5 s")
        h.activity.record(nil)
        h.advance(1)
        display.tick()
        #expect(h.written.last == clear + "   3.0 s  nb.md: block 2/4 (line 12), 3 s")
        display.report(try Self.finished())
        #expect(h.written.last == clear)
        #expect(!h.written.contains { $0.contains("\n") })
    }
}
