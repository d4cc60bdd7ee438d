import Foundation
import Testing
@testable import NotebookProcessing

@Suite("Front matter and site settings")
struct FrontMatterTests {
    @Test func frontMatterGivesTitleBylineAndBlockDefaults() throws {
        let text = """
        ---
        title: "Sleep & study"
        author: A. Author
        date: 2026-11-30
        timeout: 5
        rtol: 1e-3
        session: s1
        ---

        Prose.

        ```mixedmodel
        x
        ```

        ```mixedmodel rtol=0 session=other
        y
        ```
        """
        let notebook = try NotebookReader.parse(text, path: "f.md")
        #expect(notebook.title == "Sleep & study")
        #expect(notebook.frontMatter?.author == "A. Author")
        #expect(notebook.blocks.map(\.openingLine) == [12, 16])
        #expect(notebook.blocks[0].options.timeout == 5 && notebook.blocks[0].options.rtol == 1e-3)
        #expect(notebook.blocks[0].options.session == "s1")
        #expect(notebook.blocks[1].options.rtol == 0 && notebook.blocks[1].options.session == "other")
        let run = try runNotebook(text, path: "f.md")
        let html = HTMLPage.render(run, assets: SiteAssets(template: "{{content}}", stylesheet: ""), pages: [], date: Date())
        #expect(html.hasPrefix("<h1>Sleep &amp; study</h1>\n<p class=\"byline\">A. Author · 2026-11-30</p>"))
        #expect(!html.contains("timeout: 5"))
    }

    @Test func invalidFrontMatterNamesFileAndLine() {
        let cases: [(String, Int, String)] = [
            ("---\ntitle: a\nauthor: [unclosed\n---\n", 4, "not valid YAML"),
            ("---\ntitle: a\n  bad: indent\n---\n", 3, "not valid YAML"),
            ("---\ntitle: a\ncolour: red\n---\n", 3, "unknown key `colour`"),
            ("---\ntimeout: -1\n---\n", 2, "timeout"),
            ("---\ntitle: a\n", 1, "no closing `---`"),
        ]
        for (text, line, message) in cases {
            do {
                _ = try NotebookReader.parse(text, path: "bad.md")
                Issue.record("accepted: \(text)")
            } catch let error as NotebookError {
                #expect(error.file == "bad.md")
                #expect(error.line == line, "\(error)")
                #expect(error.message.contains(message), "\(error)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func aThematicBreakLaterIsNotFrontMatter() throws {
        let notebook = try NotebookReader.parse("# T\n\n---\n\ntext\n", path: "t.md")
        #expect(notebook.frontMatter == nil && notebook.title == "T")
    }

    @Test func siteSettingsOrderPagesAndNameTheSite() throws {
        let folder = try temporaryFolder()
        let path = folder + "/mixedmodels.yml"
        try "title: My notes\noutput: public\npages:\n  - b\n  - a.md\n".write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try SiteConfiguration.load(path: path)
        #expect(configuration.title == "My notes" && configuration.output == "public")
        let entries = ["a", "b", "c"].map { SiteIndex.Entry(link: PageLink(name: $0, title: $0), passed: 0, failed: 0, seconds: 0) }
        #expect(configuration.ordered(entries.reversed()).map(\.link.name) == ["b", "a", "c"])
        try "title: [x\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: NotebookError.self) { try SiteConfiguration.load(path: path) }
        #expect(try SiteConfiguration.load(path: folder + "/none.yml") == SiteConfiguration())
    }

    @Test func builtInAssetsAreTheRepositorysSiteFiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let files = try SiteAssets.load(directory: root + "/site")
        // Run scripts/embed-site-assets after editing site/template.html or site/style.css.
        #expect(SiteAssets.builtIn.template + "\n" == files.template)
        #expect(SiteAssets.builtIn.stylesheet + "\n" == files.stylesheet)
    }
}
