import Foundation
import MixedModelsLanguage
import TextDisplay
import Testing
@testable import NotebookProcessing

@Suite("Rendering pages")
struct RenderingTests {
    private static let assets = SiteAssets(
        template: "<html><title>{{title}}</title><style>{{style}}</style><nav>{{navigation}}</nav>{{content}}<footer>{{footer}}</footer></html>",
        stylesheet: "body{}")

    private static let notebook = """
    # Page & one

    Prose with <script>alert("prose")</script> and a table:

    | a | b |
    |---|--:|
    | 1 | 2 |

    ```mixedmodel
    show("<script>alert(1)</script>")
    ```

    ```output
    stale
    ```

    ```mixedmodel echo=false
    hidden code {{footer}}
    ```

    ```mixedmodel
    throw(bad <b>)
    ```
    """

    private static func answer(_ code: String) -> BlockResult {
        if code.hasPrefix("show") {
            let table = RenderedTable(caption: "2×2 DataFrame", header: ["Row", "name"], subheader: ["", "String"],
                                      rows: [["1", "<i>x</i>"], ["2", "a|b"]], rightAligned: [true, false])
            let benchmark = BenchmarkRecord(times: [1000, 1500, 2500, 1200], evaluations: 1, memoryBytes: 2048, allocations: 3)
            return BlockResult(output: "<script>alert(1)</script>", tables: [table], benchmark: benchmark)
        }
        if code.hasPrefix("hidden") { return BlockResult(output: "visible output {{footer}}") }
        return echoingAnswer(code)
    }

    @Test func htmlEscapesEveryOutputAndMarksFailures() throws {
        let run = try runNotebook(Self.notebook, path: "docs/one.md", answer: Self.answer)
        let pages = [PageLink(name: "one", title: "Page & one"), PageLink(name: "two", title: "Two")]
        let html = HTMLPage.render(run, assets: Self.assets, pages: pages, date: Date(timeIntervalSince1970: 0))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<title>Page &amp; one</title>"))
        #expect(html.contains("<td>&lt;i&gt;x&lt;/i&gt;</td>"))
        #expect(html.contains("<tr class=\"subheader\"><th class=\"num\"></th><th>String</th></tr>"))
        #expect(html.contains("<svg class=\"histogram\""))
        #expect(html.contains("<td class=\"num\">2.00 KiB</td>"))
        #expect(html.contains("<table>"))
        #expect(html.contains("<pre class=\"diff\">- stale\n  ^^^^^\n+ &lt;script&gt;"))
        #expect(!html.contains("hidden code"))
        // Text inserted into the template is never scanned for placeholders.
        #expect(html.contains("visible output {{footer}}"))
        #expect(html.contains("<section class=\"block failed\" id=\"line-21\">"))
        #expect(html.contains("threw an error: <code>nb.md:1:1: bad &lt;b&gt;</code>"))
        #expect(html.contains("<section class=\"block failed\" id=\"line-9\">"))
        #expect(html.contains("Rendered 1970-01-01 00:00 UTC by mixedmodels \(ProductVersion.string)"))
        #expect(html.contains("<a rel=\"next\" href=\"./two.html\">Two →</a>"))
    }

    @Test func markdownPageUsesTextFencesAndPipeTables() throws {
        let run = try runNotebook(Self.notebook, path: "one.md", answer: Self.answer)
        let markdown = MarkdownPage.render(run)
        #expect(markdown.contains("```julia\nshow(\"<script>alert(1)</script>\")\n```\n\n> **Mismatch:**"))
        #expect(markdown.contains("```text\n<script>alert(1)</script>\n```"))
        #expect(markdown.contains("| Row | name |\n| ---: | --- |\n|  | *String* |\n| 1 | &lt;i>x&lt;/i> |\n| 2 | a\\|b |"))
        #expect(markdown.contains("| samples | 4 |"))
        #expect(!markdown.contains("stale"))
        #expect(!markdown.contains("hidden code"))
        #expect(markdown.contains("> **Error:** this block threw an error."))
        #expect(markdown.hasPrefix("# Page & one\n\nProse with"))
    }

    @Test func indexListsPagesWithTheirVerdicts() {
        let entries = [SiteIndex.Entry(link: PageLink(name: "a", title: "A & B"), passed: 3, failed: 0, seconds: 1),
                       SiteIndex.Entry(link: PageLink(name: "b", title: "C"), passed: 1, failed: 2, seconds: 2)]
        let html = SiteIndex.render(entries, assets: Self.assets, date: Date())
        #expect(html.contains("<a href=\"./a.html\">A &amp; B</a>"))
        #expect(html.contains("<span class=\"failed\">2 failed</span>"))
    }

    @Test func highlighterColoursTokensAndEscapes() {
        let html = SyntaxHighlighter.html("fm = fit(MixedModel, @formula(y ~ 1 + (1|g)), d, REML=true) # fit <it>\nx[1:2] = :sym")
        #expect(html.contains("<span class=\"hl-call\">fit</span>"))
        #expect(html.contains("<span class=\"hl-type\">MixedModel</span>"))
        #expect(html.contains("<span class=\"hl-macro\">@formula</span>"))
        #expect(html.contains("<span class=\"hl-keyword\">true</span>"))
        #expect(html.contains("<span class=\"hl-comment\"># fit &lt;it&gt;</span>"))
        #expect(html.contains("<span class=\"hl-symbol\">:sym</span>"))
        #expect(!html.contains("hl-symbol\">:2"))
    }

    @Test func histogramGathersSlowOutliersInItsLastBar() {
        let times = (1...100).map { Double($0) * 1000 } + [5e9]
        let svg = BenchmarkRendering.histogramSVG(times)
        #expect(svg.contains("the last bar also holds 1 slower samples"))
        #expect(svg.contains(">100.000 μs &lt;</text>"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 30)
        #expect(BenchmarkRendering.histogramSVG([]) == "")
        #expect(BenchmarkRendering.histogramSVG([5, 5, 5]).contains("<rect"))
    }

    @Test func filesAreWrittenWhole() throws {
        let folder = try temporaryFolder()
        let path = folder + "/page.html"
        try AtomicFile.write("first", to: path)
        try AtomicFile.write("second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["page.html"])
        #expect(throws: NotebookError.self) { try AtomicFile.write("x", to: folder + "/missing/page.html") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["page.html"])
    }

    @Test func siteAssetsOfTheRepositoryHaveEveryPlaceholder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let assets = try SiteAssets.load(directory: root + "/site")
        for name in ["title", "style", "navigation", "content", "footer"] {
            #expect(assets.template.contains("{{\(name)}}"))
        }
    }
}
