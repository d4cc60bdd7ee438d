import Foundation

/// The doctest verdict over several notebooks, printed for people (text) or for CI systems (JUnit XML).
public struct CheckReport: Sendable {
    /// A notebook that could not be read, counted as one failed block.
    public struct ReadFailure: Sendable {
        public var error: NotebookError
        public init(error: NotebookError) { self.error = error }
    }

    public var runs: [NotebookRun]
    public var readFailures: [ReadFailure]

    public init(runs: [NotebookRun], readFailures: [ReadFailure]) {
        self.runs = runs
        self.readFailures = readFailures
    }

    public var passed: Int { runs.map(\.passedCount).reduce(0, +) }
    public var failed: Int { runs.map(\.failedCount).reduce(0, +) + readFailures.count }
    public var allPassed: Bool { failed == 0 }

    /// What was compared: `N blocks ran: N matched their documented output, N had none to compare with`.
    public var comparisonLine: String {
        let matched = runs.map(\.matchedCount).reduce(0, +)
        let uncompared = runs.map(\.uncomparedCount).reduce(0, +)
        return "\(passed + failed - readFailures.count) blocks ran in \(runs.count) notebooks: \(matched) matched their "
            + "documented output, \(uncompared) had none to compare with"
    }

    /// The closing line, exactly `N passed, N failed`.
    public var summaryLine: String { "\(passed) passed, \(failed) failed" }

    /// Every failure with file:line, the code and a marked diff, then the summary line.
    public func text() -> String {
        var sections: [String] = readFailures.map { "error: \($0.error)" }
        for run in runs {
            for blockRun in run.blocks {
                guard case .failed(let failure) = blockRun.outcome else { continue }
                sections.append(Self.describe(failure, blockRun, path: run.notebook.path))
            }
        }
        sections.append(comparisonLine + "\n" + summaryLine)
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// A failure's heading, the block's code (indented) and what went wrong.
    static func describe(_ failure: BlockFailure, _ blockRun: BlockRun, path: String) -> String {
        let block = blockRun.block
        let code = block.code.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        switch failure {
        case .error(let message):
            return "\(path):\(block.openingLine): FAILED: the block threw an error\n\(code)\n\(message)"
        case .missingError:
            return "\(path):\(block.openingLine): FAILED: the block has error=true but ran without an error\n\(code)"
        case .mismatch(let diff):
            let line = block.expected?.openingLine ?? block.openingLine
            return "\(path):\(line): FAILED: output differs (- expected, + actual, ^ differing)\n\(code)\n"
                + DiffFormatting.format(diff)
        }
    }

    /// A JUnit XML report: one test suite per notebook, one test case per block that ran.
    public func junit() -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"mixedmodels check\" tests=\"\(passed + failed)\" failures=\"\(failed)\">\n"
        for failure in readFailures {
            let path = XML.escape(failure.error.file)
            xml += "  <testsuite name=\"\(path)\" tests=\"1\" failures=\"1\">\n"
            xml += "    <testcase classname=\"\(path)\" name=\"read\">\n"
            xml += "      <failure message=\"\(XML.escape(failure.error.message))\">\(XML.escape(failure.error.description))</failure>\n"
            xml += "    </testcase>\n  </testsuite>\n"
        }
        for run in runs {
            let path = XML.escape(run.notebook.path)
            let ranBlocks = run.blocks.filter { $0.outcome != .notRun }
            xml += "  <testsuite name=\"\(path)\" tests=\"\(ranBlocks.count)\" failures=\"\(run.failedCount)\" "
                + "time=\"\(String(format: "%.3f", run.seconds))\">\n"
            for blockRun in ranBlocks {
                let name = "\(path):\(blockRun.block.openingLine)"
                xml += "    <testcase classname=\"\(path)\" name=\"\(name)\" time=\"\(String(format: "%.3f", blockRun.seconds))\""
                if case .failed(let failure) = blockRun.outcome {
                    let detail = Self.describe(failure, blockRun, path: run.notebook.path)
                    let headline = detail.split(separator: "\n").first.map(String.init) ?? ""
                    xml += ">\n      <failure message=\"\(XML.escape(headline))\">\(XML.escape(detail))</failure>\n    </testcase>\n"
                } else {
                    xml += "/>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }
}

/// Escaping for XML and HTML text and attribute values.
public enum XML {
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
