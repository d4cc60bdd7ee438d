import Foundation
import Testing
@testable import NotebookProcessing

/// Documenter.jl pages read and run as they are (Tests/Fixtures/Documenter/every-block-kind.md).
@Suite("Documenter pages")
struct DocumenterTests {
    private static let fixture: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path
        return root + "/Fixtures/Documenter/every-block-kind.md"
    }()

    @Test func everyBlockKindIsReadWithItsSessionAndSteps() throws {
        let notebook = try NotebookReader.read(path: Self.fixture)
        #expect(notebook.blocks.map(\.kind) == [.setup, .example, .repl, .doctestScript, .doctestREPL, .doctestREPL])
        #expect(notebook.blocks.map(\.options.session) == ["@example dyes", "@example dyes", "@example dyes",
                                                           "jldoctest#35", "jldoctest sums", "jldoctest sums"])
        #expect(notebook.notes.map(\.line) == [68, 72])
        #expect(notebook.notes[0].message.contains("`@docs`"))
        let example = notebook.blocks[1]
        #expect(example.shownCode == "size(dyestuff)")
        #expect(example.code.hasPrefix("n = nrow(dyestuff) # hide"))
        let repl = notebook.blocks[2]
        #expect(repl.steps.map(\.code) == ["a = 2 + 3", "b = a * 2;", "a + b"])
        let script = notebook.blocks[3]
        #expect(script.code == "x = 6\nx * 7")
        #expect(script.expected?.text == "42")
        let doctest = notebook.blocks[4]
        // DocTestSetup runs first, unseen; the continuation line belongs to its input.
        #expect(doctest.steps.first?.shown == false)
        #expect(doctest.steps.first?.code.contains("offset = 100") == true)
        #expect(doctest.steps.dropFirst().map(\.code) == ["s = 1 +\n2", "s + offset", "println(\"took 12 ms\")", "zzqq"])
        #expect(doctest.steps[1].firstLine == 47)
        #expect(doctest.filters == [DoctestFilter(pattern: "[0-9]+ ms")])
    }

    @Test func thePageRunsAndEveryDoctestMatches() throws {
        let notebook = try NotebookReader.read(path: Self.fixture)
        let run = NotebookRunner(makeEvaluator: LanguageEvaluators.factory(datasetsDirectory: nil)).run(notebook)
        #expect(run.failedCount == 0, "\(CheckReport(runs: [run], readFailures: []).text())")
        #expect(run.blocks.map(\.outcome) == [.ran, .ran, .ran, .passed, .passed, .passed])
        #expect(run.blocks[1].result?.output == "(30, 2)")
        #expect(run.blocks[2].result?.output == "julia> a = 2 + 3\n5\n\njulia> b = a * 2;\n\njulia> a + b\n15")
        let html = HTMLPage.render(run, assets: SiteAssets(template: "{{content}}", stylesheet: ""), pages: [], date: Date())
        #expect(html.contains("<p class=\"note\">Skipped: Documenter"))
        #expect(html.contains("`@docs` block is not rendered here.</p>"))
        #expect(!html.contains("DocTestSetup"))
        #expect(!html.contains("nrow(dyestuff)"))
        #expect(!html.contains("id=\"line-14\""))
        #expect(html.contains("julia&gt; s = 1 +\n       2\n3"))
    }

    @Test func aWrongDoctestOutputFailsWithADiff() throws {
        let text = "```jldoctest\njulia> 1 + 1\n3\n```\n\n```jldoctest\ny = 2\n\n# output\n\n2.5\n```\n"
        let run = NotebookRunner(makeEvaluator: LanguageEvaluators.factory(datasetsDirectory: nil))
            .run(try NotebookReader.parse(text, path: "d.md"))
        #expect(run.blocks.allSatisfy { $0.outcome.isFailure })
        let report = CheckReport(runs: [run], readFailures: []).text()
        #expect(report.contains("d.md:1: FAILED: output differs"))
        #expect(report.contains("+ 2\n"))
        #expect(report.contains("d.md:9: FAILED"))
    }

    @Test func malformedDocumenterBlocksNameTheirLine() {
        #expect(throws: NotebookError(file: "m.md", line: 2, message: "a `jldoctest` block needs `julia> ` prompts or a `# output` line")) {
            try NotebookReader.parse("\n```jldoctest\nx = 1\n```\n", path: "m.md")
        }
        #expect(throws: NotebookError.self) { try NotebookReader.parse("```@setup\nx = 1\n```\n", path: "m.md") }
    }

    @Test func metaValuesParse() {
        #expect(DocumenterReader.filters(#"[r"a\"b", r"[0-9]+" => "N", r"x"=>"y"]"#)
                == [DoctestFilter(pattern: #"a"b"#), DoctestFilter(pattern: "[0-9]+", replacement: "N"),
                    DoctestFilter(pattern: "x", replacement: "y")])
        #expect(DocumenterReader.quotedCode("quote\n    x = 1\nend") == "    x = 1")
        #expect(DocumenterReader.quotedCode(":(f(x) = x^2)") == "f(x) = x^2")
        #expect(DocumenterReader.quotedCode("nothing") == nil)
    }
}
