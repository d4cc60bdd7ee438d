import Foundation
import MixedModelsLanguage

/// What a runner reports while it works.
public enum RunProgress: Sendable {
    case notebookStarted(path: String, blocks: Int)
    case blockStarted(path: String, index: Int, count: Int, line: Int)
    case blockFinished(BlockRun, path: String)
    case notebookFinished(path: String, seconds: Double)
    /// The notebook's results came from the cache; none of its blocks ran.
    case notebookCached(path: String)
    /// The run could not be stored in the cache (the render itself is unaffected).
    case cacheNotWritten(path: String, reason: String)
}

/// Runs a notebook's blocks in document order, each in its named session, and judges each one.
public struct NotebookRunner {
    public var makeEvaluator: EvaluatorFactory
    /// Stops the run when requested (Ctrl-C): the running block is cancelled and later blocks do not run.
    public var interruption: Interruption

    public init(makeEvaluator: @escaping EvaluatorFactory, interruption: Interruption = .shared) {
        self.makeEvaluator = makeEvaluator
        self.interruption = interruption
    }

    /// Runs every block. A failing block is recorded and later blocks still run, so one run reports every failure.
    public func run(_ notebook: Notebook, progress: (RunProgress) -> Void = { _ in }) -> NotebookRun {
        let started = Date()
        var sessions: [String: BlockEvaluator] = [:]
        var filesRead: [String] = []
        var abandoned = false
        var runs: [BlockRun] = []
        progress(.notebookStarted(path: notebook.path, blocks: notebook.blocks.count))
        // Messages name the file as the notebook's own name, so documented error outputs do not depend on the
        // folder `check` was started from.
        let fileName = notebook.fileName
        for block in notebook.blocks {
            guard block.options.eval, !interruption.isRequested else {
                runs.append(BlockRun(block: block, result: nil, outcome: .notRun, seconds: 0))
                continue
            }
            progress(.blockStarted(path: notebook.path, index: block.index, count: notebook.blocks.count,
                                   line: block.openingLine))
            let evaluator: BlockEvaluator
            if let existing = sessions[block.options.session] {
                evaluator = existing
            } else {
                evaluator = makeEvaluator(block.options.session, notebook)
                sessions[block.options.session] = evaluator
            }
            let clock = Date()
            var result: BlockResult
            var outcome: BlockOutcome?
            let finished = interruption.whileRunning(evaluator) {
                StepEvaluation.run(block, with: evaluator, file: fileName, interruption: interruption)
            }
            if interruption.isRequested {
                // Whatever the block ended with (a cancelled fit reads as a timeout), it was stopped by the user.
                let message = Interruption.message(file: fileName, line: block.firstCodeLine)
                result = BlockResult(output: message, error: message)
                outcome = .failed(.error(message))
                abandoned = true
            } else if let finished {
                result = finished
            } else {
                let seconds = Self.shortDecimal(block.options.timeout)
                let message = "\(fileName):\(block.firstCodeLine): timeout: the block ran longer than \(seconds) seconds "
                    + "and could not be stopped; session `\(block.options.session)` is closed"
                result = BlockResult(output: message, error: message)
                filesRead += evaluator.filesRead
                abandoned = true
                sessions[block.options.session] = RetiredSession(
                    reason: "session `\(block.options.session)` was closed after the timeout at line \(block.firstCodeLine)")
            }
            if block.options.hashesFigures, result.error == nil { result.output = FigureEmbedding.hashLine(result) }
            let run = BlockRun(block: block, result: result, outcome: outcome ?? Self.judge(block, result),
                               seconds: Date().timeIntervalSince(clock))
            runs.append(run)
            progress(.blockFinished(run, path: notebook.path))
        }
        let seconds = Date().timeIntervalSince(started)
        progress(.notebookFinished(path: notebook.path, seconds: seconds))
        for name in sessions.keys.sorted() { filesRead += sessions[name]?.filesRead ?? [] }
        var run = NotebookRun(notebook: notebook, blocks: runs, started: started, seconds: seconds)
        run.filesRead = Array(Set(filesRead)).sorted()
        run.isComplete = !abandoned
        return run
    }

    /// A number of seconds for messages (`0.5`, `600`).
    private static func shortDecimal(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// The outcome of one block's result against its options and expected output.
    static func judge(_ block: NotebookBlock, _ result: BlockResult) -> BlockOutcome {
        if let error = result.error, !block.options.error {
            return .failed(.error(error))
        }
        if block.options.error, result.error == nil {
            return .failed(.missingError)
        }
        guard let expected = block.expected, block.options.ignore != .all else { return .ran }
        if block.kind == .doctestScript || block.kind == .doctestREPL {
            if DoctestComparison.matches(block, expected: expected.text, actual: result.output) { return .passed }
            let (expectedText, actualText) = StepEvaluation.comparable(expected.text, result.output, block: block)
            return .failed(.mismatch(OutputComparison.compare(expected: expectedText, actual: actualText, options: block.options)
                                     ?? OutputComparison.wholeDiff(expected: expectedText, actual: actualText)))
        }
        let (expectedText, actualText) = StepEvaluation.comparable(expected.text, result.output, block: block)
        if let diff = OutputComparison.compare(expected: expectedText, actual: actualText, options: block.options) {
            return .failed(.mismatch(diff))
        }
        return .passed
    }
}
