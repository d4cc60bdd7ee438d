import Foundation
import MixedModelsLanguage
import Testing
@testable import NotebookProcessing

@Suite("check --fix")
struct FixTests {
    /// An evaluator whose outputs are the documented ones: a fitted model summary line and a vector.
    private static func answer(_ code: String) -> BlockResult {
        switch code {
        case "fm1": return BlockResult(output: "(Intercept)  1527.5     17.6946  86.33    <1e-99")
        case "v": return BlockResult(output: "2-element Vector{Float64}:\n 1.5\n 2.25")
        case "silent": return BlockResult(output: "")
        default: return BlockResult(output: code)
        }
    }

    private static let original = "# Fix\r\n\r\nProse ü.\r\n\r\n```mixedmodel\r\nfm1\r\n```\r\n\r\n```output\r\n"
        + "(Intercept)  1527.5     17.6946  86.33    <1e-99\r\n```\r\n\r\nMore *prose*.\r\n\r\n```mixedmodel\r\nv\r\n```\r\n"
        + "```output\r\n2-element Vector{Float64}:\r\n 1.5\r\n 2.25\r\n```\r\n\r\nThe end.  \r\n"

    @Test func changedNumberFailsAtItsLineAndFixRestoresTheFile() throws {
        let broken = Self.original.replacingOccurrences(of: "17.6946", with: "17.9946")
        let run = try runNotebook(broken, path: "fix.md", answer: Self.answer)
        let report = CheckReport(runs: [run], readFailures: [])
        #expect(report.summaryLine == "1 passed, 1 failed")
        let text = report.text()
        #expect(text.hasPrefix("fix.md:9: FAILED: output differs"))
        #expect(text.contains("- (Intercept)  1527.5     17.9946  86.33    <1e-99\n                          ^^^^^^^"))
        let fixed = OutputFixer.fix(run, addMissing: false)
        #expect(fixed.rewritten == [9])
        #expect(fixed.text == Self.original)
    }

    @Test func lineCountChangesAndEverythingElseIsByteIdentical() throws {
        let broken = Self.original.replacingOccurrences(of: " 1.5\r\n 2.25\r\n", with: " 1.5\r\n")
        let run = try runNotebook(broken, path: "fix.md", answer: Self.answer)
        let fixed = OutputFixer.fix(run, addMissing: false)
        #expect(fixed.text == Self.original)
        let rerun = try runNotebook(fixed.text, path: "fix.md", answer: Self.answer)
        #expect(rerun.failedCount == 0)
    }

    @Test func linesThatStillMatchKeepTheirDocumentedText() throws {
        let text = "```mixedmodel\nm\n```\n```output\nlogLik -163.66353\nobs 31\n  tail\n```\n"
        let run = try runNotebook(text) { _ in BlockResult(output: "logLik -163.6635299\nobs 30\n  tail") }
        let fixed = OutputFixer.fix(run, addMissing: false)
        #expect(fixed.text == "```mixedmodel\nm\n```\n```output\nlogLik -163.66353\nobs 30\n  tail\n```\n")
    }

    @Test func addMissingInsertsOutputBlocks() throws {
        let text = "Intro\n\n```mixedmodel\nv\n```\nAfter.\n\n```mixedmodel\nsilent\n```\n\n```mixedmodel\nfm1\n```"
        let run = try runNotebook(text, answer: Self.answer)
        let fixed = OutputFixer.fix(run, addMissing: true)
        #expect(fixed.added == [3, 12])
        let expected = "Intro\n\n```mixedmodel\nv\n```\n\n```output\n2-element Vector{Float64}:\n 1.5\n 2.25\n```\nAfter.\n\n"
            + "```mixedmodel\nsilent\n```\n\n```mixedmodel\nfm1\n```\n\n```output\n(Intercept)  1527.5     17.6946  86.33    <1e-99\n```"
        #expect(fixed.text == expected)
        #expect(OutputFixer.fix(run, addMissing: false).changed == false)
    }

    @Test func outputContainingAFenceGetsALongerFence() throws {
        let text = "```mixedmodel\nf\n```\n```output\nold\n```\n"
        let run = try runNotebook(text) { _ in BlockResult(output: "a\n```\nb") }
        let fixed = OutputFixer.fix(run, addMissing: false)
        #expect(fixed.text == "```mixedmodel\nf\n```\n````output\na\n```\nb\n````\n")
        let notebook = try NotebookReader.parse(fixed.text, path: "f.md")
        #expect(notebook.blocks[0].expected?.text == "a\n```\nb")
    }

    @Test func failingBlocksAreNotRewritten() throws {
        let text = "```mixedmodel\nthrow(x)\n```\n```output\nkeep\n```\n"
        let run = try runNotebook(text)
        #expect(OutputFixer.fix(run, addMissing: true).changed == false)
    }
}
