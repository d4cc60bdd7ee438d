import Foundation

/// Renders a notebook run as GitHub-flavoured Markdown: the prose as written, code in `julia` fences, outputs in
/// `text` fences, tables as pipe tables.
public enum MarkdownPage {
    public static func render(_ run: NotebookRun) -> String {
        let source = run.notebook.source
        var lines: [String] = []
        var next = 1
        for blockRun in run.blocks {
            let block = blockRun.block
            while next < block.openingLine {
                lines.append(source.line(next).text)
                next += 1
            }
            lines.append(contentsOf: blockMarkdown(blockRun, notebook: run.notebook.name))
            next = (block.expected?.closingLine ?? block.closingLine) + 1
        }
        while next <= source.count {
            lines.append(source.line(next).text)
            next += 1
        }
        return PathRedaction.apply(lines.joined(separator: "\n") + "\n", notebook: run.notebook)
    }

    private static func blockMarkdown(_ blockRun: BlockRun, notebook: String) -> [String] {
        let block = blockRun.block
        var parts: [String] = []
        if block.kind.showsTranscript {
            let transcript = blockRun.result?.output ?? block.runSteps.map { StepEvaluation.prompt($0.code) }.joined(separator: "\n\n")
            parts.append(fenced(transcript, language: "julia-repl"))
        } else if block.options.echo {
            parts.append(fenced(block.shownCode, language: "julia"))
        }
        switch blockRun.outcome {
        case .failed(.error(let message)):
            parts.append("> **Error:** this block threw an error.\n>\n" + fenced(message, language: "text").quoted())
        case .failed(.missingError):
            parts.append("> **Error:** this block is marked `error=true` but ran without an error.")
        case .failed(.mismatch):
            parts.append("> **Mismatch:** the output below differs from the documented output.")
        case .notRun, .ran, .passed:
            break
        }
        if let result = blockRun.result, block.options.output, !blockRun.outcome.isThrow, !block.kind.showsTranscript {
            let output = OutputComparison.normalizedLines(result.output).joined(separator: "\n")
            if !output.isEmpty { parts.append(fenced(output, language: "text")) }
            parts += result.tables.map(TableRendering.markdown)
            if let benchmark = result.benchmark { parts.append(BenchmarkRendering.markdown(benchmark)) }
        }
        if !blockRun.outcome.isThrow { parts += FigureEmbedding.markdown(blockRun, notebook: notebook) }
        return parts.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// A fenced block whose fence is longer than any run of backticks or tildes anywhere in the text, so that no
    /// line of the text (indented, quoted or not) can close it early.
    static func fenced(_ text: String, language: String) -> String {
        var longest = 0
        var run = 0
        var runCharacter: Character = " "
        for character in text {
            if character == "`" || character == "~" {
                run = character == runCharacter ? run + 1 : 1
                runCharacter = character
                longest = max(longest, run)
            } else {
                run = 0
                runCharacter = " "
            }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + text + "\n" + fence
    }
}

extension BlockOutcome {
    /// Whether the block threw without being expected to.
    var isThrow: Bool {
        if case .failed(.error) = self { return true }
        return false
    }
}

private extension String {
    func quoted() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
    }
}
