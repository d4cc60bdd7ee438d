import Foundation
import MixedModelsLanguage
import Testing
@testable import NotebookProcessing

@Suite("Rendering safety")
struct RenderingSafetyTests {
    private static let assets = SiteAssets(template: "<nav>{{navigation}}</nav>{{content}}<footer>{{footer}}</footer>",
                                           stylesheet: "")

    /// Was one whole-page replace per block (1 000 blocks: 13 s, 2 000 blocks: about 50 s); now one pass.
    @Test func pageAssemblyIsLinearInTheNumberOfBlocks() throws {
        let notebook = (0..<2000).map { "Prose \($0).\n\n```mixedmodel\nx = \($0)\n```\n" }.joined(separator: "\n")
        let run = try runNotebook(notebook)
        let clock = ContinuousClock.now
        let html = HTMLPage.render(run, assets: Self.assets, pages: [], date: Date())
        let elapsed = ContinuousClock.now - clock
        #expect(elapsed < .seconds(5), "2 000 blocks took \(elapsed)")
        #expect(html.components(separatedBy: "<section class=\"block\"").count - 1 == 2000)
        #expect(html.contains("x = 1999"))
        #expect(!html.contains("\u{E000}"))
    }

    @Test func splicingLeavesLookalikeMarkersAlone() {
        let marker = "\u{E000}m\u{E000}"
        let html = "<p>\(marker)1\(marker)</p><p>\(marker)7\(marker)</p><p>\(marker)x\(marker)</p><p>\(marker)0\(marker)</p>"
        let spliced = PlaceholderSplicing.splice(html, marker: marker, parts: ["A", "B"])
        #expect(spliced == "B<p>\(marker)7\(marker)</p><p>\(marker)x\(marker)</p>A")
    }

    @Test func markdownFencesOutlastEveryBacktickRunInTheOutput() throws {
        let hostile = "  ```\n<script>alert(1)</script>\n> ~~~~~ and ````` inline"
        let run = try runNotebook("```mixedmodel\nx\n```\n", answer: { _ in BlockResult(output: hostile) })
        let markdown = MarkdownPage.render(run)
        #expect(markdown.contains("``````text\n" + hostile + "\n``````"))
        #expect(MarkdownPage.fenced("plain", language: "text") == "```text\nplain\n```")
        // The page parses back with the script inside one code block.
        let document = MarkdownDocument(markdown)
        #expect(document.renderHTML().contains("&lt;script&gt;"))
        #expect(!document.renderHTML().contains("<script>"))
    }

    @Test func linksAreRelativeAndPercentEncoded() throws {
        let hostile = PageLink(name: "javascript:alert(1);x", title: "x")
        #expect(hostile.href == "./javascript%3Aalert%281%29%3Bx.html")
        #expect(PageLink(name: "02-été", title: "").href == "./02-%C3%A9t%C3%A9.html")
        let navigation = HTMLPage.navigation(current: nil, pages: [hostile])
        #expect(!navigation.contains("href=\"javascript"))
        #expect(navigation.contains("href=\"./index.html\""))
        let index = SiteIndex.render([SiteIndex.Entry(link: hostile, passed: 1, failed: 0, seconds: 0)],
                                     assets: Self.assets, date: Date())
        #expect(index.contains("<a href=\"./javascript%3Aalert%281%29%3Bx.html\">"))
    }

    @Test func pagesNeverShowAbsolutePaths() throws {
        let folder = try temporaryFolder()
        let path = folder + "/page.md"
        let answer: (String) -> BlockResult = { _ in
            let message = "read_csv: cannot read \(folder)/data/x.csv"
            return BlockResult(output: message, error: message)
        }
        let run = try runNotebook("# P\n\n```mixedmodel error=true\nread_csv(\"data/x.csv\")\n```\n", path: path,
                                  answer: answer)
        let html = HTMLPage.render(run, assets: Self.assets, pages: [], date: Date())
        let markdown = MarkdownPage.render(run)
        for page in [html, markdown] {
            #expect(!page.contains(folder))
            #expect(page.contains("cannot read data/x.csv"))
        }
        #expect(html.contains("page.md:3"))
    }

    @Test func staleTemporaryFilesOfDeadWritersAreRemoved() throws {
        let folder = try temporaryFolder()
        let uuid = UUID().uuidString
        // A process id that cannot exist (above Linux's pid_max), one that does (ours) and the old naming.
        let names = [".a.html.999999999.\(uuid).tmp", ".b.html.\(getpid()).\(uuid).tmp", ".c.html.\(uuid).tmp",
                     ".notes.tmp", "page.html"]
        for name in names { try "x".write(toFile: folder + "/" + name, atomically: false, encoding: .utf8) }
        let removed = AtomicFile.removeStaleTemporaries(in: folder)
        #expect(Set(removed) == [names[0], names[2]])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == [names[1], ".notes.tmp", "page.html"])
    }

    @Test func onlyRegularMarkdownFilesAreNotebooks() throws {
        let folder = try temporaryFolder()
        try "x".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/dir.md", withIntermediateDirectories: false)
        try "# A\n".write(toFile: folder + "/a.md", atomically: true, encoding: .utf8)
        #expect(try NotebookBatch.collect([folder]) == [folder + "/a.md"])
        #expect(mkfifo(folder + "/pipe.md", 0o600) == 0)
        #expect(throws: NotebookError.self) { try NotebookBatch.collect([folder + "/notes.txt"]) }
        do {
            _ = try NotebookBatch.collect([folder + "/pipe.md"])
            Issue.record("a FIFO was accepted")
        } catch let error as NotebookError {
            #expect(error.message.contains("not a regular file"))
        }
    }
}
