import Foundation
import MixedModelsLanguage
import Testing
@testable import NotebookProcessing

@Suite("Notebook batches")
struct BatchTests {
    @Test func foldersMeanTheirMarkdownFilesInOrder() throws {
        let folder = try temporaryFolder()
        for name in ["b.md", "a.md", "notes.txt"] {
            try "```mixedmodel\n\(name)\n```\n".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        #expect(try NotebookBatch.collect([folder]) == [folder + "/a.md", folder + "/b.md"])
        #expect(try NotebookBatch.collect([folder + "/b.md"]) == [folder + "/b.md"])
        #expect(throws: NotebookError.self) { try NotebookBatch.collect([folder + "/missing"]) }
    }

    @Test func parallelRunsKeepTheOrderAndReportUnreadableNotebooks() throws {
        let folder = try temporaryFolder()
        for index in 0..<6 {
            try "```mixedmodel\nblock \(index)\n```\n```output\nblock \(index)\n```\n"
                .write(toFile: folder + "/n\(index).md", atomically: true, encoding: .utf8)
        }
        try "```mixedmodel\nunclosed\n".write(toFile: folder + "/z.md", atomically: true, encoding: .utf8)
        let files = try NotebookBatch.collect([folder])
        let outcome = NotebookBatch.run(files, jobs: 3, makeEvaluator: { _, _ in ScriptedEvaluator(answer: echoingAnswer) },
                                        progress: { _ in })
        #expect(outcome.runs.map(\.notebook.name) == (0..<6).map { "n\($0)" })
        #expect(outcome.runs.allSatisfy { $0.failedCount == 0 && $0.passedCount == 1 })
        #expect(outcome.readFailures.count == 1)
        #expect(outcome.readFailures.first?.error.line == 1)
        let report = CheckReport(runs: outcome.runs, readFailures: outcome.readFailures)
        #expect(report.summaryLine == "6 passed, 1 failed")
        #expect(report.text().hasPrefix("error: \(folder)/z.md:1: unclosed code fence"))
    }
}
