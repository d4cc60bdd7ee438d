import Foundation
import MixedModelsLanguage
import Testing
@testable import NotebookProcessing

@Suite("Running and checking notebooks")
struct RunnerTests {
    @Test func failingBlockIsRecordedAndLaterBlocksStillRun() throws {
        let text = "```mixedmodel\nthrow(boom)\n```\n\n```mixedmodel\nok\n```\n\n```output\nok\n```\n"
        let run = try runNotebook(text)
        #expect(run.blocks.count == 2)
        #expect(run.blocks[0].outcome == .failed(.error("nb.md:1:1: boom")))
        #expect(run.blocks[1].outcome == .passed)
        let report = CheckReport(runs: [run], readFailures: [])
        #expect(report.summaryLine == "1 passed, 1 failed")
        #expect(report.text().contains("nb.md:1: FAILED: the block threw an error\n    throw(boom)\nnb.md:1:1: boom"))
        #expect(report.text().hasSuffix("1 passed, 1 failed\n"))
    }

    @Test func errorBlocksCompareTheirMessage() throws {
        let text = "```mixedmodel error=true\nthrow(boom)\n```\n```output\nnb.md:1:1: boom\n```\n"
            + "```mixedmodel error=true\nfine\n```\n"
        let run = try runNotebook(text)
        #expect(run.blocks[0].outcome == .passed)
        #expect(run.blocks[1].outcome == .failed(.missingError))
    }

    @Test func evalFalseBlocksAreNotRun() throws {
        let run = try runNotebook("```mixedmodel eval=false\nthrow(never)\n```\n")
        #expect(run.blocks[0].outcome == .notRun)
        #expect(CheckReport(runs: [run], readFailures: []).summaryLine == "0 passed, 0 failed")
    }

    @Test func sessionsAreSharedByNameAndTimeoutIsPassedOn() throws {
        let notebook = try NotebookReader.parse(
            "```mixedmodel\na\n```\n```mixedmodel session=b timeout=2.5\nb\n```\n```mixedmodel\nc\n```\n", path: "s.md")
        var made: [String: ScriptedEvaluator] = [:]
        let runner = NotebookRunner { name, _ in
            let evaluator = ScriptedEvaluator(answer: echoingAnswer)
            made[name] = evaluator
            return evaluator
        }
        _ = runner.run(notebook)
        #expect(made["main"]?.calls.map(\.code) == ["a", "c"])
        #expect(made["b"]?.calls.map(\.timeout) == [2.5])
        #expect(made["main"]?.calls.map(\.firstLine) == [2, 8])
    }

    @Test func aBlockThatLoopsIsStoppedByItsTimeout() throws {
        // The evaluator stands for the language, which stops evaluation at the deadline it is given.
        let text = "```mixedmodel timeout=0.2\nloop\n```\n\n```mixedmodel\nafter\n```\n"
        let run = try runNotebook(text) { code in
            guard code == "loop" else { return BlockResult(output: code) }
            let deadline = Date().addingTimeInterval(0.2)
            while Date() < deadline {}
            let message = "nb.md:2:1: evaluation timed out after 0.2 seconds"
            return BlockResult(output: message, error: message)
        }
        #expect(run.blocks[0].outcome == .failed(.error("nb.md:2:1: evaluation timed out after 0.2 seconds")))
        #expect(run.blocks[0].seconds >= 0.2)
        #expect(run.blocks[1].outcome == .ran)
    }

    @Test func aBlockThatIgnoresItsTimeoutIsAbandonedAndItsSessionClosed() throws {
        let text = "```mixedmodel timeout=0.1\nstuck\n```\n```mixedmodel\nnext\n```\n```mixedmodel session=other\nfine\n```\n"
        let started = Date()
        let run = try runNotebook(text) { code in
            if code == "stuck" { Thread.sleep(forTimeInterval: 9) }
            return BlockResult(output: code)
        }
        // The watchdog waits the timeout, its grace (0.5 × timeout + 5 s) and one second after cancelling.
        #expect(Date().timeIntervalSince(started) < 7.5)
        #expect(run.blocks[0].outcome == .failed(.error(
            "nb.md:2: timeout: the block ran longer than 0.1 seconds and could not be stopped; session `main` is closed")))
        #expect(run.blocks[1].outcome == .failed(.error(
            "nb.md:5: not run: session `main` was closed after the timeout at line 2")))
        #expect(run.blocks[2].outcome == .ran)
    }

    @Test func junitReport() throws {
        let run = try runNotebook("```mixedmodel\nx < y\n```\n```output\nz\n```\n")
        let xml = CheckReport(runs: [run], readFailures: []).junit()
        #expect(xml.contains("<testsuite name=\"nb.md\" tests=\"1\" failures=\"1\""))
        #expect(xml.contains("<failure message=\"nb.md:4: FAILED: output differs"))
        #expect(xml.contains("x &lt; y"))
    }
}

/// Ctrl-C: the running block stops, later blocks do not run, the run is not complete (never cached).
@Suite("Interruption")
struct InterruptionTests {
    @Test func anInterruptedFitStopsAndLaterBlocksDoNotRun() throws {
        let text = """
        ```mixedmodel
        insteval = MixedModels.dataset(:insteval);
        ```

        ```mixedmodel
        m = fit(MixedModel, @formula(y ~ 1 + service + (1|s) + (1|d) + (1 + service|dept)), insteval)
        ```

        ```mixedmodel
        1 + 1
        ```
        """
        let notebook = try NotebookReader.parse(text, path: "long.md")
        let interruption = Interruption()
        let runner = NotebookRunner(makeEvaluator: LanguageEvaluators.factory(datasetsDirectory: nil),
                                    interruption: interruption)
        // The status line's source: the fit reports its evaluations about once a second.
        let activity = FitActivity()
        activity.observeFits()
        defer { FitProgressObserver.current = nil }
        var fitStarted = Date()
        let seen = ReportBox()
        let run = runner.run(notebook) { event in
            guard case .blockStarted(_, 1, _, _) = event else { return }
            let started = Date()
            fitStarted = started
            // Ctrl-C once the fit has reported its progress (an evaluation takes seconds in a loaded debug build).
            DispatchQueue.global().async {
                while activity.latest(since: started) == nil, Date().timeIntervalSince(started) < 120 { usleep(20_000) }
                seen.report = activity.latest(since: started)
                interruption.interrupt()
            }
        }
        #expect(Date().timeIntervalSince(fitStarted) < 150)
        #expect(run.blocks[0].outcome == .ran)
        #expect(run.blocks[1].outcome == .failed(.error("long.md:6: interrupted: the block was stopped by Ctrl-C")))
        #expect(run.blocks[2].outcome == .notRun)
        #expect(!run.isComplete)
        let report = try #require(seen.report)
        #expect(report.evaluations > 0 && report.objective.isFinite && report.elapsed >= 1)
        // The stopped fit said it ended: the status line no longer shows it.
        #expect(activity.latest(since: fitStarted) == nil)
    }

    @Test func aScriptedEvaluatorIsNotAskedForLaterBlocks() throws {
        let interruption = Interruption()
        let evaluator = ScriptedEvaluator { code in
            if code == "stop" { interruption.interrupt() }
            return BlockResult(output: code)
        }
        let notebook = try NotebookReader.parse("```mixedmodel\nstop\n```\n\n```mixedmodel\nnext\n```\n", path: "nb.md")
        let run = NotebookRunner(makeEvaluator: { _, _ in evaluator }, interruption: interruption).run(notebook)
        #expect(evaluator.calls.map(\.code) == ["stop"])
        #expect(run.blocks.map(\.outcome.isFailure) == [true, false])
        #expect(run.blocks[1].outcome == .notRun)
    }
}

/// The report the interrupting thread saw; read after the run, which waits for that thread's interruption.
private final class ReportBox: @unchecked Sendable {
    var report: FitActivity.Report?
}
