import Foundation
import Testing
@testable import NotebookProcessing

/// Out-of-range and non-finite option values are reading errors at the block's line, never a trap later on.
@Suite struct BlockOptionRangeTests {
    @Test(arguments: ["timeout=1e16", "timeout=1e300", "timeout=inf", "timeout=nan", "timeout=-inf", "timeout=86401",
                      "timeout=-1", "rtol=inf", "atol=nan", "rtol=1e999"])
    func outOfRangeValueIsAnErrorAtTheBlocksLine(info: String) {
        let text = "# Title\n\n```mixedmodel \(info)\n1 + 1\n```\n"
        do {
            _ = try NotebookReader.parse(text, path: "range.md")
            Issue.record("\(info) was accepted")
        } catch let error as NotebookError {
            #expect(error.line == 3)
            #expect(error.description.hasPrefix("range.md:3: option `"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func timeoutUpToOneDayIsAccepted() throws {
        let notebook = try NotebookReader.parse("```mixedmodel timeout=86400\n1\n```\n", path: "day.md")
        #expect(notebook.blocks[0].options.timeout == 86_400)
    }
}

/// Notebook files are read only when they are regular files; nothing blocks on a FIFO.
@Suite struct NotebookFileTypeTests {
    @Test func fifoDeviceAndFolderAreRefusedWithTheirOwnMessage() throws {
        let folder = NSTemporaryDirectory() + "notebook-types-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/dir.md", withIntermediateDirectories: true)
        #expect(mkfifo(folder + "/pipe.md", 0o644) == 0)
        let cases = [(folder + "/pipe.md", "cannot read the file: it is a FIFO (named pipe), not a regular file"),
                     ("/dev/null", "cannot read the file: it is a device, not a regular file"),
                     (folder + "/dir.md", "cannot read the file: it is a directory"),
                     (folder + "/missing.md", "no such file")]
        for (path, message) in cases {
            #expect(throws: NotebookError(file: path, line: 0, message: message)) {
                try NotebookReader.read(path: path)
            }
        }
    }
}

/// `render` and `check` take only regular `.md` files: no other file names, no links or FIFOs in a folder.
@Suite struct NotebookCollectionTests {
    @Test func onlyRegularMarkdownFilesAreCollected() throws {
        let folder = NSTemporaryDirectory() + "notebook-collect-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "# A\n".write(toFile: folder + "/a.md", atomically: true, encoding: .utf8)
        try "x\n".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        #expect(try NotebookBatch.collect([folder]) == [folder + "/a.md"])
        #expect(throws: NotebookError(file: folder + "/notes.txt", line: 0,
                                      message: "not a notebook: only .md files are read")) {
            try NotebookBatch.collect([folder + "/notes.txt"])
        }
        try FileManager.default.createSymbolicLink(atPath: folder + "/b.md", withDestinationPath: "/etc/hostname")
        #expect(throws: NotebookError(file: folder + "/b.md", line: 0, message: "not a regular file (links, FIFOs "
                                      + "and devices are not read as notebooks)")) {
            try NotebookBatch.collect([folder])
        }
        try FileManager.default.removeItem(atPath: folder + "/b.md")
        #expect(mkfifo(folder + "/c.md", 0o644) == 0)
        #expect(throws: NotebookError.self) { try NotebookBatch.collect([folder]) }
    }
}

/// An `ignore=` pattern that backtracks exponentially cannot stall `check`: past its time limit it is not applied.
@Suite struct RunawayPatternTests {
    @Test func nestedRepetitionStopsAndTheTextsAreComparedWhole() {
        var options = BlockOptions()
        options.ignore = .pattern("(a+)+$")
        let text = String(repeating: "a", count: 40) + "!"
        #expect(OutputComparison.compare(expected: text, actual: text, options: options) == nil)
        #expect(OutputComparison.compare(expected: text, actual: text + "?", options: options) != nil)
    }
}

/// Comparing huge outputs stays linear outside the differing stretch and bounded inside it.
@Suite struct LargeOutputComparisonTests {
    @Test func hugeDifferingOutputsAreComparedWithoutTheQuadraticTable() throws {
        let expected = (0..<20_000).map { "line \($0)" }.joined(separator: "\n")
        let actual = (0..<20_000).map { "row \($0)" }.joined(separator: "\n")
        let diff = try #require(OutputComparison.compare(expected: expected, actual: actual, options: BlockOptions()))
        #expect(diff.count == 40_000)
    }

    @Test func oneChangedLineAmongManyIsTheOnlyDifference() throws {
        var lines = (0..<20_000).map { "value \($0) x" }
        let expected = lines.joined(separator: "\n")
        lines[10_000] = "value changed x"
        let diff = try #require(OutputComparison.compare(expected: expected, actual: lines.joined(separator: "\n"),
                                                         options: BlockOptions()))
        #expect(diff.filter { if case .same = $0 { false } else { true } }.count == 2)
    }
}
