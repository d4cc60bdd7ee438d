import Foundation
@testable import MixedModelsLanguage
import TextDisplay
import Testing
@testable import NotebookProcessing

@Suite("Page features")
struct PageFeatureTests {
    private static let assets = SiteAssets(template: "{{navigation}}{{content}}", stylesheet: "")

    @Test func headingsGetAnchorsAndTheTableOfContentsListsThem() throws {
        let text = "# Page\n\n## First part\n\ntext\n\n### A *detail* & more\n\n## First part\n\nagain\n"
        let run = try runNotebook(text)
        let html = HTMLPage.render(run, assets: Self.assets, pages: [], date: Date())
        #expect(html.contains("<h2 id=\"first-part\">First part <a class=\"anchor\" href=\"#first-part\""))
        #expect(html.contains("<h3 id=\"a-detail-more\">A <em>detail</em> &amp; more"))
        #expect(html.contains("<h2 id=\"first-part-2\">"))
        #expect(html.contains("<li class=\"toc-h3\"><a href=\"#a-detail-more\">A detail &amp; more</a></li>"))
        let single = HTMLPage.render(try runNotebook("# P\n\n## Only\n"), assets: Self.assets, pages: [], date: Date())
        #expect(!single.contains("class=\"toc\""))
    }

    @Test func resultsWithTablesShowTheTablesWithTheTextInAToggle() throws {
        let table = RenderedTable(caption: "Fixed-effects parameters", header: ["", "Coef."], rows: [["(Intercept)", "1527.5"]],
                                  rightAligned: [false, true])
        let run = try runNotebook("```mixedmodel\nfm\n```\n", answer: { _ in BlockResult(output: "summary text", tables: [table]) })
        let html = HTMLPage.render(run, assets: Self.assets, pages: [], date: Date())
        let tableAt = try #require(html.range(of: "<table class=\"result-table\">"))
        let toggleAt = try #require(html.range(of: "<details class=\"text-output\"><summary>Text output</summary>\n<pre class=\"output\">summary text</pre>"))
        #expect(tableAt.lowerBound < toggleAt.lowerBound)
        let plain = HTMLPage.render(try runNotebook("```mixedmodel\nx\n```\n"), assets: Self.assets, pages: [], date: Date())
        #expect(plain.contains("<pre class=\"output\">x</pre>") && !plain.contains("<details"))
    }

    @Test func theSearchIndexHoldsTitlesSectionsAndProseButNoCode() throws {
        let notebook = try NotebookReader.parse("# Sleep\n\nReaction times.\n\n## Random slopes\n\n```mixedmodel\nsecret_code()\n```\n", path: "s.md")
        let page = SearchIndex.page(notebook)
        #expect(page.sections == [SearchIndex.Section(id: "random-slopes", title: "Random slopes")])
        #expect(page.text.contains("Reaction times.") && !page.text.contains("secret_code"))
        let entry = SiteIndex.Entry(link: PageLink(name: "s", title: "</script><b>"), passed: 0, failed: 0, seconds: 0, search: page)
        let script = SearchIndex.script([entry])
        #expect(script.hasPrefix("window.SEARCH_INDEX = [{"))
        #expect(!script.contains("</script>"))
        #expect(script.contains("\"href\":\"./s.html\""))
        #expect(HTMLPage.navigation(current: nil, pages: []).contains("id=\"site-search\""))
    }

    @Test func sourceLinksToNotebooksPointAtPages() throws {
        let run = try runNotebook("[next](02-models.md#fits), [here](./a.md), [web](https://x.org/a.md), [deep](sub/b.md)\n")
        let html = HTMLPage.render(run, assets: Self.assets, pages: [], date: Date())
        #expect(html.contains("href=\"02-models.html#fits\""))
        #expect(html.contains("href=\"a.html\""))
        #expect(html.contains("href=\"https://x.org/a.md\""))
        #expect(html.contains("href=\"sub/b.md\""))
    }

    @Test func histogramsLabelTheirAxes() {
        let svg = BenchmarkRendering.histogramSVG([1000, 2000, 3000])
        #expect(svg.contains(">time per evaluation</text>"))
        #expect(svg.contains(">samples (tallest bar: 2)</text>"))
    }

    @Test func siteWriterKeepsEarlierPagesWhenRenderingOne() throws {
        let folder = try temporaryFolder()
        let writer = SiteWriter(folder: folder, formats: ["html"], assets: Self.assets, configuration: SiteConfiguration())
        try writer.write([try runNotebook("# A\n", path: "a.md"), try runNotebook("# B\n", path: "b.md")])
        try writer.write([try runNotebook("# B again\n", path: "b.md")])
        let index = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
        #expect(index.contains(">A</a>") && index.contains(">B again</a>"))
        #expect(FileManager.default.fileExists(atPath: folder + "/search.js"))
        try FileManager.default.removeItem(atPath: folder + "/a.html")
        try writer.write([])
        #expect(!(try String(contentsOfFile: folder + "/index.html", encoding: .utf8)).contains(">A</a>"))
    }

    @Test func blocksWriteMarkdownFilesButNeverReplaceTheSitesPages() throws {
        let folder = try temporaryFolder()
        let writer = SiteWriter(folder: folder, formats: ["html", "md"], assets: Self.assets,
                                configuration: SiteConfiguration())
        func writing(_ name: String) -> (String) -> BlockResult {
            { _ in BlockResult(output: "", savedFigures: [SavedFigure(name: name, svg: "| a |\n")]) }
        }
        let text = "# Page\n\n```mixedmodel\nx = 1\n```\n"
        try writer.write([try runNotebook(text, path: "nb.md", answer: writing("model.md"))])
        #expect(try String(contentsOfFile: folder + "/model.md", encoding: .utf8) == "| a |\n")
        let other = try runNotebook("# Other\n", path: "other.md")
        #expect(throws: NotebookError(file: "nb.md", line: 3, message: "the block writes other.md, which is one of "
                                      + "the site's own pages; choose another file name")) {
            try writer.write([try runNotebook(text, path: "nb.md", answer: writing("other.md")), other])
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/other.md"))
    }
}
