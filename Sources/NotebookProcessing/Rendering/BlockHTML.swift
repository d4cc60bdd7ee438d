import Foundation
import MixedModelsLanguage

/// One block of a rendered page: its code, its fresh output (text, tables, benchmark) and its verdict.
enum BlockHTML {
    static func render(_ blockRun: BlockRun, path: String) -> String {
        let block = blockRun.block
        let failed = blockRun.outcome.isFailure
        // Documenter shows nothing of an `@setup` block; a failing one still shows why.
        if block.kind == .setup && !failed { return "" }
        var html = "<section class=\"block\(failed ? " failed" : "")\" id=\"line-\(block.openingLine)\">\n"
        if block.kind.showsTranscript {
            let transcript = blockRun.result?.output ?? block.runSteps.map { StepEvaluation.prompt($0.code) }.joined(separator: "\n\n")
            html += "<pre class=\"code transcript\"><code>\(XML.escape(transcript))</code></pre>\n"
        } else if block.options.echo {
            html += "<pre class=\"code\"><code>\(SyntaxHighlighter.html(block.shownCode))</code></pre>\n"
        }
        if case .failed(let failure) = blockRun.outcome {
            html += failureHTML(failure, blockRun: blockRun, path: path)
        }
        let threw = blockRun.outcome.isThrow
        if let result = blockRun.result, block.options.output, !threw, !block.kind.showsTranscript,
           !result.output.isEmpty || !result.tables.isEmpty {
            let errorClass = result.error != nil ? " error" : ""
            let text = "<pre class=\"output\(errorClass)\">\(XML.escape(trimmed(result.output)))</pre>\n"
            if result.tables.isEmpty && result.benchmark == nil {
                html += text
            } else {
                // One presentation per result: tables (or the benchmark's), with the text form a click away.
                for table in result.tables {
                    html += TableRendering.html(table)
                }
                if let benchmark = result.benchmark {
                    html += BenchmarkRendering.html(benchmark)
                }
                if !trimmed(result.output).isEmpty {
                    html += "<details class=\"text-output\"><summary>Text output</summary>\n" + text + "</details>\n"
                }
            }
        }
        if let result = blockRun.result, !threw { html += FigureEmbedding.html(result) }
        html += "<p class=\"block-meta\">\(XML.escape(path)):\(block.openingLine) · \(meta(blockRun))</p>\n"
        return html + "</section>\n"
    }

    private static func meta(_ blockRun: BlockRun) -> String {
        switch blockRun.outcome {
        case .notRun: return "not run (eval=false)"
        case .ran: return String(format: "%.3f s", blockRun.seconds)
        case .passed: return String(format: "%.3f s", blockRun.seconds) + " · matches the documented output"
        case .failed: return String(format: "%.3f s", blockRun.seconds) + " · <strong>failed</strong>"
        }
    }

    private static func failureHTML(_ failure: BlockFailure, blockRun: BlockRun, path: String) -> String {
        switch failure {
        case .error(let message):
            return "<p class=\"verdict\">✗ This block threw an error: <code>\(XML.escape(message))</code></p>\n"
        case .missingError:
            return "<p class=\"verdict\">✗ This block is marked <code>error=true</code> but ran without an error.</p>\n"
        case .mismatch(let diff):
            return "<p class=\"verdict\">✗ The output differs from the documented output (- documented, + actual):</p>\n"
                + "<pre class=\"diff\">\(XML.escape(DiffFormatting.format(diff)))</pre>\n"
        }
    }

    private static func trimmed(_ text: String) -> String {
        OutputComparison.normalizedLines(text).joined(separator: "\n")
    }
}
