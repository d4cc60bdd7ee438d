import Foundation
import MixedModelsLanguage
import Testing
@testable import NotebookProcessing

/// Answers `read NAME` with the contents of the file NAME in the notebook's folder (and notes the read), anything
/// else with the code itself; counts the blocks it ran.
private final class ReadingEvaluator: BlockEvaluator {
    let folder: String
    let counter: Counter
    private(set) var filesRead: [String] = []

    init(folder: String, counter: Counter) {
        self.folder = folder
        self.counter = counter
    }

    func run(_ code: String, file: String, firstLine: Int, timeout: Double) -> BlockResult {
        counter.count += 1
        guard code.hasPrefix("read ") else { return BlockResult(output: code) }
        let path = folder + "/" + code.dropFirst(5)
        filesRead.append(path)
        return BlockResult(output: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "missing")
    }
}

private final class Counter: @unchecked Sendable {
    var count = 0
}

@Suite("Render cache")
struct CacheTests {
    private struct Fixture {
        let folder: String
        let notebook: String
        let cache: NotebookCache
        let counter = Counter()

        init(_ text: String) throws {
            folder = try temporaryFolder()
            notebook = folder + "/page.md"
            cache = NotebookCache(directory: folder + "/.mixedmodels/cache")
            try text.write(toFile: notebook, atomically: true, encoding: .utf8)
            try "1,2\n".write(toFile: folder + "/data.csv", atomically: true, encoding: .utf8)
        }

        /// Runs the notebook with the cache; returns the run and how many blocks actually ran.
        func run(_ policy: NotebookCache.Policy = .use) -> (NotebookRun, Int) {
            let before = counter.count
            let outcome = NotebookBatch.run([notebook], jobs: 1, makeEvaluator: { [folder, counter] _, _ in
                ReadingEvaluator(folder: folder, counter: counter)
            }, cache: cache, policy: policy, progress: { _ in })
            return (outcome.runs[0], counter.count - before)
        }

        func edit(_ old: String, _ new: String) throws {
            let text = try String(contentsOfFile: notebook, encoding: .utf8)
            try text.replacingOccurrences(of: old, with: new).write(toFile: notebook, atomically: true, encoding: .utf8)
        }
    }

    private static let page = """
    # Title

    Some prose.

    ```mixedmodel
    read data.csv
    ```

    ```output
    1,2
    ```

    ```mixedmodel
    x = 1
    ```
    """

    @Test func anUnchangedNotebookComesFromTheCache() throws {
        let fixture = try Fixture(Self.page)
        let (first, ran) = fixture.run()
        #expect(ran == 2 && !first.fromCache)
        #expect(first.filesRead == [fixture.folder + "/data.csv"])
        let (second, ranAgain) = fixture.run()
        #expect(ranAgain == 0 && second.fromCache)
        #expect(second.blocks.map(\.outcome) == [.passed, .ran])
        #expect(second.blocks.map(\.result?.output) == first.blocks.map(\.result?.output))
    }

    @Test func aWarmRenderLeavesUnchangedPagesAsTheyAre() throws {
        let fixture = try Fixture(Self.page)
        let site = fixture.folder + "/site"
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        let writer = SiteWriter(folder: site, formats: ["html", "md"],
                                assets: SiteAssets(template: "{{navigation}}{{content}}<footer>{{footer}}</footer>", stylesheet: ""),
                                configuration: SiteConfiguration())
        let (fresh, _) = fixture.run()
        #expect(fresh.resultsFingerprint == nil)
        try writer.write([fresh], date: Date(timeIntervalSince1970: 0))
        let (cached, _) = fixture.run()
        let fingerprint = try #require(cached.resultsFingerprint)
        // The first render from the cache writes the page (it was written from a fresh run), the next ones do not:
        // a later date would show in the footer if the page were rendered again.
        try writer.write([cached], date: Date(timeIntervalSince1970: 86_400))
        let page = try String(contentsOfFile: site + "/page.html", encoding: .utf8)
        #expect(page.contains("1970-01-02"))
        try writer.write([fixture.run().0], date: Date(timeIntervalSince1970: 2 * 86_400))
        #expect(try String(contentsOfFile: site + "/page.html", encoding: .utf8) == page)
        #expect(SiteManifest.load(folder: site).first?.search?.text.contains("Some prose.") == true)
        // A changed prose line changes the results' fingerprint, a deleted page is written again.
        try fixture.edit("Some prose.", "Other words.")
        let (edited, ran) = fixture.run()
        #expect(ran == 0 && edited.resultsFingerprint != fingerprint)
        try writer.write([edited], date: Date(timeIntervalSince1970: 3 * 86_400))
        #expect(try String(contentsOfFile: site + "/page.html", encoding: .utf8).contains("Other words."))
        try FileManager.default.removeItem(atPath: site + "/page.md")
        try writer.write([fixture.run().0], date: Date(timeIntervalSince1970: 4 * 86_400))
        #expect(FileManager.default.fileExists(atPath: site + "/page.md"))
        #expect(try String(contentsOfFile: site + "/page.html", encoding: .utf8).contains("1970-01-05"))
    }

    @Test func aChangedProseLineOrExpectedOutputDoesNotRerunCode() throws {
        let fixture = try Fixture(Self.page)
        _ = fixture.run()
        try fixture.edit("Some prose.", "Other words entirely.")
        let (afterProse, ran) = fixture.run()
        #expect(ran == 0 && afterProse.fromCache)
        // The cached result is judged again against the edited documented output.
        try fixture.edit("```output\n1,2\n```", "```output\n1,3\n```")
        let (afterOutput, ranAgain) = fixture.run()
        #expect(ranAgain == 0)
        #expect(afterOutput.blocks[0].outcome.isFailure)
    }

    @Test func aChangedDataFileOrCodeInvalidates() throws {
        let fixture = try Fixture(Self.page)
        _ = fixture.run()
        try "1,2,3\n".write(toFile: fixture.folder + "/data.csv", atomically: true, encoding: .utf8)
        let (afterData, ran) = fixture.run()
        #expect(ran == 2 && !afterData.fromCache)
        #expect(afterData.blocks[0].result?.output == "1,2,3\n")
        // The failing run is not stored: it runs again, and with the data as before the first entry holds again.
        #expect(fixture.run().1 == 2)
        try "1,2\n".write(toFile: fixture.folder + "/data.csv", atomically: true, encoding: .utf8)
        #expect(fixture.run().1 == 0)
        try fixture.edit("x = 1", "x = 2")
        #expect(fixture.run().1 == 2)
        try FileManager.default.removeItem(atPath: fixture.folder + "/data.csv")
        #expect(fixture.run().1 == 2)
    }

    @Test func aDataFileThatChangesDuringTheRunIsNotTrusted() throws {
        let fixture = try Fixture(Self.page)
        // As if the file had been written while the blocks read it: modified after the run started.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)],
                                              ofItemAtPath: fixture.folder + "/data.csv")
        #expect(fixture.run().1 == 2)
        #expect(fixture.run().1 == 2)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)],
                                              ofItemAtPath: fixture.folder + "/data.csv")
        #expect(fixture.run().1 == 2)
        #expect(fixture.run().1 == 0)
    }

    @Test func refreshRunsEverythingAndOffNeverWrites() throws {
        let fixture = try Fixture(Self.page)
        #expect(fixture.run(.off).1 == 2)
        #expect(!FileManager.default.fileExists(atPath: fixture.cache.directory))
        #expect(fixture.run(.refresh).1 == 2)
        #expect(fixture.run(.refresh).1 == 2)
        #expect(fixture.run(.use).1 == 0)
    }

    @Test func corruptEntriesAreIgnoredAndRebuilt() throws {
        let fixture = try Fixture(Self.page)
        _ = fixture.run()
        let notebook = try NotebookReader.read(path: fixture.notebook)
        let entry = fixture.cache.entryPath(notebook)
        for garbage in ["{not json", "", "{\"key\": \"x\", \"seconds\": 0, \"dataFiles\": [], \"blocks\": []}"] {
            try garbage.write(toFile: entry, atomically: true, encoding: .utf8)
            #expect(fixture.run().1 == 2)
            #expect(fixture.run().1 == 0)
        }
    }

    @Test func keysCoverCodeLinesAndRunOptionsButNotDisplayOptions() throws {
        func key(_ text: String) throws -> String { NotebookCache.key(try NotebookReader.parse(text, path: "a.md")) }
        let base = try key("```mixedmodel\nx\n```\n")
        #expect(try key("```mixedmodel echo=false rtol=0.1\nx\n```\n") == base)
        #expect(try key("```mixedmodel session=b\nx\n```\n") != base)
        #expect(try key("```mixedmodel timeout=5\nx\n```\n") != base)
        #expect(try key("```mixedmodel\ny\n```\n") != base)
        #expect(try key("\n```mixedmodel\nx\n```\n") != base)
    }
}
