import Foundation
import MixedModelsLanguage

/// Runs a block's steps in its session and puts their outputs together as the block's kind asks: a REPL transcript
/// for `@repl` and REPL doctests, the output for the others.
enum StepEvaluation {
    /// The block's result; nil when a step overran its timeout and was abandoned.
    static func run(_ block: NotebookBlock, with evaluator: BlockEvaluator, file: String,
                    interruption: Interruption = Interruption()) -> BlockResult? {
        var transcript: [String] = []
        var last = BlockResult(output: "")
        for step in block.runSteps where !interruption.isRequested {
            guard let result = Watchdog.run(evaluator, code: step.code, file: file, firstLine: step.firstLine,
                                            timeout: block.options.timeout) else { return nil }
            guard step.shown else {
                // Setup code that fails leaves the block without the state it needs.
                if let error = result.error { return BlockResult(output: error, error: error) }
                continue
            }
            switch block.kind {
            case .mixedmodel, .example, .setup:
                last = result
            case .doctestScript:
                // A doctest documents an error the way the REPL prints it, after what the code printed.
                last = result.error.map { BlockResult(output: replOutput(result, error: $0)) } ?? result
            case .repl, .doctestREPL:
                let output = result.error.map { replOutput(result, error: $0) } ?? result.output
                let lines = OutputComparison.normalizedLines(output)
                // Documenter drops an `@repl` input's `# hide` lines from its prompt; an input left empty shows
                // only its output.
                let input = block.kind == .repl ? NotebookBlock.droppingHiddenLines(step.code) : step.code
                let entry = (input.isEmpty ? [] : [prompt(input)]) + (lines.isEmpty ? [] : [lines.joined(separator: "\n")])
                if !entry.isEmpty { transcript.append(entry.joined(separator: "\n")) }
            }
        }
        return block.kind.showsTranscript ? BlockResult(output: transcript.joined(separator: "\n\n")) : last
    }

    /// The expected and actual texts as a failed doctest's diff shows them: `DocTestFilters` applied (Documenter's
    /// rule); for transcripts, blank lines removed (Documenter does not count the blank lines between inputs).
    static func comparable(_ expected: String, _ actual: String, block: NotebookBlock) -> (String, String) {
        let filtered = DoctestComparison.applying(block.filters, to: (expected, actual))
        var texts = [filtered.0, filtered.1]
        if block.kind.showsTranscript {
            texts = texts.map { text in
                OutputComparison.normalizedLines(text).filter { !$0.isEmpty }.joined(separator: "\n")
            }
        }
        return (texts[0], texts[1])
    }

    /// `julia> ` before the first line of an input and seven spaces before the others, as the REPL echoes it.
    static func prompt(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset == 0 ? "julia> " + $0.element : "       " + $0.element }
            .joined(separator: "\n")
    }

    /// What the REPL shows for a step that threw: what it printed first, then `ERROR: cause`.
    static func replOutput(_ result: BlockResult, error: String) -> String {
        let printed = result.output.hasSuffix(error) ? String(result.output.dropLast(error.count)) : ""
        return printed + replError(error)
    }

    /// `ERROR: cause` from our `file:line:column: cause`.
    static func replError(_ message: String) -> String {
        let pattern = #"^[^\n:]+:[0-9]+(:[0-9]+)?: "#
        guard let range = message.range(of: pattern, options: .regularExpression) else { return "ERROR: " + message }
        return "ERROR: " + message[range.upperBound...]
    }
}
