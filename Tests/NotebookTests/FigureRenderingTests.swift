import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MixedModelsLanguage
import Testing
@testable import NotebookProcessing

/// Figures in pages: inline SVG in HTML, files and image links for Markdown, saved figures and copied images.
@Suite("Figures in pages")
struct FigureRenderingTests {
    private static let notebook = """
    # Figures

    ![a picture](images/pic.svg) and a remote one ![x](https://example.org/x.png) and an escape ![y](../y.png)

    ```mixedmodel
    x = [1.0, 2.0, 2.0, 3.0]
    f = hist(x; axis = (xlabel = "value", ylabel = "count"))
    save("out/h.svg", f)
    f
    ```

    ```mixedmodel
    lines([1, 2], [1, 2, 3])
    ```
    """

    private func run(in folder: String) throws -> NotebookRun {
        let path = folder + "/figs.md"
        try Self.notebook.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/images", withIntermediateDirectories: true)
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".write(toFile: folder + "/images/pic.svg", atomically: true,
                                                               encoding: .utf8)
        let notebook = try NotebookReader.read(path: path)
        return NotebookRunner(makeEvaluator: LanguageEvaluators.factory(datasetsDirectory: nil)).run(notebook)
    }

    @Test func figureBlocksPassWithoutOutputAndShowInline() throws {
        let run = try run(in: try temporaryFolder())
        #expect(run.blocks[0].outcome == .ran)
        #expect(run.blocks[1].outcome.isThrow)
        let html = HTMLPage.render(run, assets: SiteAssets(template: "{{content}}", stylesheet: ""), pages: [],
                                   date: Date(timeIntervalSince1970: 0))
        #expect(html.contains("<figure class=\"plot\">\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.contains("aria-label=\"Figure: count against value\""))
        #expect(html.contains("lines: x has 2 values but y has 3"))
        let svg = try #require(run.blocks[0].result?.figures.first)
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "the figure parses as XML")
    }

    @Test func markdownLinksFigureFilesAndTheSiteGetsEveryFile() throws {
        let run = try run(in: try temporaryFolder())
        let markdown = MarkdownPage.render(run)
        #expect(markdown.contains("![Figure: count against value](figs-5.svg)"))
        let files = FigureEmbedding.files(for: run, markdown: true)
        #expect(files.map(\.path) == ["figs-5.svg", "out/h.svg", "images/pic.svg"])
        #expect(String(decoding: files[0].contents, as: UTF8.self).hasPrefix("<svg"))
        #expect(FigureEmbedding.files(for: run, markdown: false).map(\.path) == ["out/h.svg", "images/pic.svg"])
    }
}
