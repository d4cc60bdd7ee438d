/// `check --fix`: rewrites expected `output` blocks in place by splicing line ranges, so that every other byte of the
/// file (including its line endings) stays as it was.
public enum OutputFixer {
    /// What a fix did to one notebook.
    public struct Result: Equatable, Sendable {
        /// The new file text.
        public var text: String
        /// Lines (of the original file) of the `output` blocks rewritten.
        public var rewritten: [Int]
        /// Lines (of the original file) of the code blocks that received a new `output` block.
        public var added: [Int]
        public var changed: Bool { !rewritten.isEmpty || !added.isEmpty }
    }

    /// Rewrites mismatching expected outputs; with `addMissing`, also inserts `output` blocks after blocks that ran
    /// without one. Blocks that threw unexpectedly are left alone: their documented output is still the goal.
    public static func fix(_ run: NotebookRun, addMissing: Bool) -> Result {
        let source = run.notebook.source
        var lines = source.lines
        var rewritten: [Int] = []
        var added: [Int] = []
        // Splice from the bottom up so that earlier line numbers stay valid.
        for blockRun in run.blocks.reversed() {
            let block = blockRun.block
            // Documenter blocks keep their documented output inside the block itself; they are not rewritten.
            guard let result = blockRun.result, block.kind == .mixedmodel else { continue }
            let newLines = OutputComparison.normalizedLines(result.output)
            if case .failed(.mismatch) = blockRun.outcome, let expected = block.expected {
                let contents = merged(expected: expected.text, actual: result.output, options: block.options)
                let indent = String(repeating: " ", count: expected.indentation)
                let opening = source.line(expected.openingLine)
                let fence = fenceText(opening.text)
                let terminator = opening.terminator.isEmpty ? source.preferredTerminator : opening.terminator
                if fenceConflicts(fence, with: contents) {
                    let longer = longerFence(than: contents, character: fence.first ?? "`")
                    let closing = source.line(expected.closingLine)
                    var replacement = [SourceLine(text: indent + longer + "output", terminator: terminator)]
                    replacement += contents.map { SourceLine(text: $0.isEmpty ? "" : indent + $0, terminator: terminator) }
                    replacement.append(SourceLine(text: indent + longer, terminator: closing.terminator))
                    lines.replaceSubrange((expected.openingLine - 1)...(expected.closingLine - 1), with: replacement)
                } else {
                    let replacement = contents.map { SourceLine(text: $0.isEmpty ? "" : indent + $0, terminator: terminator) }
                    lines.replaceSubrange(expected.openingLine..<(expected.closingLine - 1), with: replacement)
                }
                rewritten.append(expected.openingLine)
            } else if addMissing, block.expected == nil, blockRun.outcome == .ran, block.options.ignore != .all,
                      !newLines.isEmpty {
                let closingIndex = block.closingLine - 1
                let terminator = lines[closingIndex].terminator.isEmpty ? source.preferredTerminator
                                                                         : lines[closingIndex].terminator
                let hadTerminator = !lines[closingIndex].terminator.isEmpty
                lines[closingIndex].terminator = terminator
                let fence = longerFence(than: newLines, character: "`")
                var insertion = [SourceLine(text: "", terminator: terminator),
                                 SourceLine(text: fence + "output", terminator: terminator)]
                insertion += newLines.map { SourceLine(text: $0, terminator: terminator) }
                insertion.append(SourceLine(text: fence, terminator: hadTerminator ? terminator : ""))
                lines.insert(contentsOf: insertion, at: closingIndex + 1)
                added.append(block.openingLine)
            }
        }
        return Result(text: SourceText(lines: lines).text, rewritten: rewritten.reversed(), added: added.reversed())
    }

    /// The new contents of a mismatching block: expected lines that still match (within tolerance) are kept as
    /// documented, the others are replaced by the actual ones. Masked comparisons (`ignore=`) do not map lines one to
    /// one, so those blocks take the actual output whole.
    static func merged(expected: String, actual: String, options: BlockOptions) -> [String] {
        let actualLines = OutputComparison.normalizedLines(actual)
        guard options.ignore == nil else { return actualLines }
        let expectedLines = OutputComparison.normalizedLines(expected)
        let tolerance = Tolerance(options: options)
        let diff = LineDiff.diff(expected: expectedLines, actual: actualLines) { e, a in
            LineComparison.compare(expected: e, actual: a, tolerance: tolerance).isMatch
        }
        var lines: [String] = []
        var i = 0
        var j = 0
        for line in diff {
            switch line {
            case .same:
                lines.append(expectedLines[i])
                i += 1
                j += 1
            case .removed:
                i += 1
            case .added:
                lines.append(actualLines[j])
                j += 1
            }
        }
        return lines
    }

    /// The fence characters of an opening fence line (`` ``` `` or `~~~~`).
    private static func fenceText(_ line: String) -> String {
        let trimmed = line.drop { $0 == " " }
        guard let character = trimmed.first else { return "```" }
        return String(trimmed.prefix { $0 == character })
    }

    private static func fenceConflicts(_ fence: String, with lines: [String]) -> Bool {
        guard let character = fence.first else { return false }
        return lines.contains {
            NotebookReader.isClosingFence($0, fence: (character, fence.count, 0))
        }
    }

    /// A fence of `character` longer than any run of it that starts a line of the content (at least three).
    private static func longerFence(than lines: [String], character: Character) -> String {
        var longest = 2
        for line in lines {
            let run = line.drop { $0 == " " }.prefix { $0 == character }.count
            longest = max(longest, run)
        }
        return String(repeating: character, count: longest + 1)
    }
}
