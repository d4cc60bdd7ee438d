import Foundation

/// A `DocTestFilters` entry: matches of `pattern` become `replacement` (empty for a bare `r"…"`).
public struct DoctestFilter: Equatable, Sendable, CustomStringConvertible {
    public var pattern: String
    public var replacement: String

    public init(pattern: String, replacement: String = "") {
        self.pattern = pattern
        self.replacement = replacement
    }

    public var description: String { "r\"\(pattern)\" => \"\(replacement)\"" }
}

/// Documenter's rules for judging a `jldoctest` block, input by input:
/// - a REPL doctest is split into inputs (`julia> ` and the seven-space continuation lines) and the output below each;
///   every input's output is compared on its own;
/// - `DocTestFilters` apply to an output pair only when the pattern occurs in both, and replace what they match;
/// - when the code threw, the expected text up to a `[...]` line must be a non-empty prefix of the error as the REPL
///   prints it (`ERROR: …`). We print no stack traces, so a `Stacktrace:` line and what follows it are not compared;
/// - otherwise the outputs are compared by our tolerance rules (numbers within `rtol`/`atol`, `ignore`).
enum DoctestComparison {
    /// One input of a transcript and the output shown below it.
    struct Step: Equatable {
        var input: String
        var output: String
    }

    /// True when `actual` (the block's transcript or output) matches the documented output step by step.
    static func matches(_ block: NotebookBlock, expected: String, actual: String) -> Bool {
        switch block.kind {
        case .doctestScript:
            return stepMatches(expected: expected, actual: actual, block: block)
        case .doctestREPL:
            let expectedSteps = transcriptSteps(expected)
            let actualSteps = actualTranscriptSteps(actual, block: block)
            guard expectedSteps.count == actualSteps.count else { return false }
            return zip(expectedSteps, actualSteps).allSatisfy { e, a in
                normalizedInput(e.input) == normalizedInput(a.input)
                    && stepMatches(expected: e.output, actual: a.output, block: block)
            }
        default:
            return false
        }
    }

    /// One output compared with its documentation: the error rule for a throw, else the tolerance rules.
    static func stepMatches(expected: String, actual: String, block: NotebookBlock) -> Bool {
        let actualLines = OutputComparison.normalizedLines(actual)
        if actualLines.contains(where: { $0.hasPrefix("ERROR: ") }) {
            let head = errorHead(expected)
            guard !head.isEmpty else { return false }
            let (filteredActual, filteredHead) = applying(block.filters, to: (actualLines.joined(separator: "\n"), head))
            return filteredActual.hasPrefix(filteredHead)
        }
        let (filteredActual, filteredExpected) = applying(block.filters, to: (actual, expected))
        return OutputComparison.compare(expected: filteredExpected, actual: filteredActual, options: block.options) == nil
    }

    /// The part of a documented error that is compared: up to a `[...]` line, and without the stack trace.
    static func errorHead(_ expected: String) -> String {
        var lines = OutputComparison.normalizedLines(expected)
        if let cut = lines.firstIndex(where: { $0 == "[...]" || $0.trimmingCharacters(in: .whitespaces) == "Stacktrace:" }) {
            lines = Array(lines[..<cut])
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Documenter's filter rule: each filter in turn, applied to both texts only when its pattern occurs in both.
    static func applying(_ filters: [DoctestFilter], to texts: (String, String)) -> (String, String) {
        var (a, b) = texts
        for filter in filters {
            guard let regex = try? NSRegularExpression(pattern: filter.pattern),
                  regex.firstMatch(in: a, range: NSRange(a.startIndex..., in: a)) != nil,
                  regex.firstMatch(in: b, range: NSRange(b.startIndex..., in: b)) != nil else { continue }
            let template = NSRegularExpression.escapedTemplate(for: filter.replacement)
            a = regex.stringByReplacingMatches(in: a, range: NSRange(a.startIndex..., in: a), withTemplate: template)
            b = regex.stringByReplacingMatches(in: b, range: NSRange(b.startIndex..., in: b), withTemplate: template)
        }
        return (a, b)
    }

    /// The steps of a documented REPL transcript, split as Documenter does: a `julia> ` line starts an input, the
    /// lines right below it that start with seven spaces continue it, and everything else up to the next prompt is
    /// its output. Comment lines before the first prompt are not part of any step.
    static func transcriptSteps(_ text: String) -> [Step] {
        var steps: [Step] = []
        var input: [String] = []
        var output: [String] = []
        var inInput = false
        func finish() {
            guard !input.isEmpty else { return }
            steps.append(Step(input: input.joined(separator: "\n"), output: output.joined(separator: "\n")))
            input = []
            output = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("julia> ") || line == "julia>" {
                finish()
                input = [String(line.dropFirst(min(7, line.count)))]
                inInput = true
            } else if inInput, line.hasPrefix("       ") {
                input.append(String(line.dropFirst(7)))
            } else if !input.isEmpty {
                inInput = false
                output.append(line)
            }
        }
        finish()
        return steps
    }

    /// The steps of a transcript we produced: each shown input's prompt text is known, so outputs are cut exactly
    /// (an output line that happens to start with seven spaces stays output).
    static func actualTranscriptSteps(_ text: String, block: NotebookBlock) -> [Step] {
        let inputs = block.runSteps.filter(\.shown).map(\.code)
        var steps: [Step] = []
        var rest = Substring(text)
        for (index, input) in inputs.enumerated() {
            let prompt = StepEvaluation.prompt(input)
            guard rest.hasPrefix(prompt) else { return transcriptSteps(text) }
            rest = rest.dropFirst(prompt.count)
            var output = rest
            if index + 1 < inputs.count, let next = rest.range(of: "\n\n" + StepEvaluation.prompt(inputs[index + 1])) {
                output = rest[..<next.lowerBound]
                rest = rest[next.lowerBound...].dropFirst(2)
            } else {
                rest = ""
            }
            steps.append(Step(input: input, output: String(output.drop { $0 == "\n" })))
        }
        return steps
    }

    private static func normalizedInput(_ input: String) -> String {
        OutputComparison.normalizedLines(input).joined(separator: "\n")
    }
}
