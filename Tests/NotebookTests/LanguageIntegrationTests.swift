import Foundation
import Testing
@testable import NotebookProcessing

/// The processor with the real block language behind it.
@Suite("Notebooks with the block language")
struct LanguageIntegrationTests {
    private func run(_ text: String, path: String = "lang.md") throws -> NotebookRun {
        let notebook = try NotebookReader.parse(text, path: path)
        return NotebookRunner(makeEvaluator: LanguageEvaluators.factory(datasetsDirectory: nil)).run(notebook)
    }

    @Test func missingDataSetFailsItsBlockAndLaterBlocksRun() throws {
        let result = try run("```mixedmodel\nd = MixedModels.dataset(:no_such_data)\n```\n\n```mixedmodel\n1 + 1\n```\n```output\n2\n```\n")
        guard case .failed(.error(let message)) = result.blocks[0].outcome else {
            Issue.record("expected an error, got \(result.blocks[0].outcome)")
            return
        }
        #expect(message.hasPrefix("lang.md:2:"))
        #expect(message.contains("no_such_data"))
        #expect(result.blocks[1].outcome == .passed)
    }

    @Test func aBlockThatLoopsIsStoppedAtItsTimeout() throws {
        let started = Date()
        let result = try run("```mixedmodel timeout=0.3\nsum(x for x in 1:1000000000000)\n```\n\n```mixedmodel\n2 + 3\n```\n")
        #expect(Date().timeIntervalSince(started) < 2.5)
        guard case .failed(.error(let message)) = result.blocks[0].outcome else {
            Issue.record("expected a timeout, got \(result.blocks[0].outcome)")
            return
        }
        #expect(message.contains("timeout"))
        // The stopped block's session is closed: the next block of that session reports it instead of running.
        #expect(result.blocks[1].result?.error == "lang.md:6: not run: the session was closed after the block at line 2 timed out")
    }

    @Test func throwingBlockNamesFileLineAndColumn() throws {
        let result = try run("# T\n\n```mixedmodel\nx = 1\ny = x + undefined_thing\n```\n")
        guard case .failed(.error(let message)) = result.blocks[0].outcome else {
            Issue.record("expected an error")
            return
        }
        #expect(message.hasPrefix("lang.md:5:"))
    }

    @Test func scriptInOutputIsEscapedInPages() throws {
        let result = try run("```mixedmodel\nprintln(\"<script>alert(1)</script>\")\n```\n")
        let html = HTMLPage.render(result, assets: SiteAssets(template: "{{content}}", stylesheet: ""), pages: [], date: Date())
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
    }

    @Test func changedNumberFailsAndFixRestoresTheFile() throws {
        let original = "# Fix\r\n\r\n```mixedmodel\r\nx = 2.5\r\n[x, 2 * x]\r\n```\r\n\r\n```output\r\n"
            + "2-element Vector{Float64}:\r\n 2.5\r\n 5.0\r\n```\r\nEnd.\r\n"
        #expect(try run(original, path: "fix.md").failedCount == 0)
        let broken = original.replacingOccurrences(of: " 5.0\r\n", with: " 5.1\r\n")
        let result = try run(broken, path: "fix.md")
        let report = CheckReport(runs: [result], readFailures: []).text()
        #expect(report.hasPrefix("fix.md:8: FAILED: output differs"))
        #expect(report.contains("-  5.1\n   ^^^"))
        #expect(OutputFixer.fix(result, addMissing: false).text == original)
    }
}
