import Foundation
import Testing
@testable import NotebookProcessing

@Suite("Reading notebooks")
struct ReadingTests {
    @Test func findsBlocksOptionsAndExpectedOutputs() throws {
        let text = """
        # Dyestuff

        Some prose.

        ```mixedmodel echo=false session=other rtol=1e-6 ignore="[0-9]+ ms"
        x = 1
        y = 2
        ```


        ```output
        2
        ```

        ```julia
        not ours
        ```

        ```mixedmodel eval=false
        z
        ```
        """
        let notebook = try NotebookReader.parse(text, path: "dir/nb.md")
        #expect(notebook.title == "Dyestuff")
        #expect(notebook.name == "nb")
        #expect(notebook.directory == "dir")
        #expect(notebook.blocks.count == 2)
        let first = notebook.blocks[0]
        #expect(first.code == "x = 1\ny = 2")
        #expect(first.openingLine == 5 && first.closingLine == 8 && first.firstCodeLine == 6)
        #expect(first.options.echo == false && first.options.session == "other" && first.options.rtol == 1e-6)
        #expect(first.options.ignore == .pattern("[0-9]+ ms"))
        #expect(first.expected == ExpectedOutput(text: "2", openingLine: 11, closingLine: 13, indentation: 0))
        #expect(notebook.blocks[1].options.eval == false && notebook.blocks[1].expected == nil)
    }

    @Test func unknownOptionNamesFileAndLine() {
        let text = "Intro\n\n```mixedmodel colour=red\nx\n```\n"
        #expect(throws: NotebookError(file: "a.md", line: 3,
                                      message: "unknown option `colour`; known options: " + BlockOptions.names.joined(separator: ", "))) {
            try NotebookReader.parse(text, path: "a.md")
        }
    }

    @Test func badOptionValuesAreErrors() {
        for info in ["eval=maybe", "rtol=-1", "timeout=0", "ignore=\"(\"", "session=", "ignore"] {
            let text = "```mixedmodel \(info)\nx\n```\n"
            #expect(throws: NotebookError.self) { try NotebookReader.parse(text, path: "a.md") }
        }
    }

    @Test func unclosedFenceIsAnError() {
        let text = "# T\n\n```mixedmodel\nx = 1\n\nMore prose that cmark swallows.\n"
        do {
            _ = try NotebookReader.parse(text, path: "u.md")
            Issue.record("expected an error")
        } catch let error as NotebookError {
            #expect(error.line == 3)
            #expect(error.description.hasPrefix("u.md:3: unclosed code fence"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func unclosedFenceOfAnotherLanguageIsAnError() {
        let text = "# T\n\n```julia\nx = 1\n\n```mixedmodel\nhidden\n"
        #expect(throws: NotebookError(file: "j.md", line: 3,
                                      message: "unclosed code fence: no closing ``` before the end of the file")) {
            try NotebookReader.parse(text, path: "j.md")
        }
    }

    @Test func unclosedOutputFenceIsAnError() {
        let text = "```mixedmodel\nx\n```\n\n````output\n1\n```\n"
        #expect(throws: NotebookError.self) { try NotebookReader.parse(text, path: "u.md") }
    }

    @Test func outputWithoutCodeBlockIsAnError() {
        let orphan = "# T\n\n```output\n1\n```\n"
        let separated = "```mixedmodel\nx\n```\n\nprose between\n\n```output\n1\n```\n"
        let doubled = "```mixedmodel\nx\n```\n```output\n1\n```\n```output\n2\n```\n"
        for (text, line) in [(orphan, 3), (separated, 7), (doubled, 7)] {
            do {
                _ = try NotebookReader.parse(text, path: "o.md")
                Issue.record("expected an error for line \(line)")
            } catch let error as NotebookError {
                #expect(error.line == line)
                #expect(error.message.contains("must directly follow"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func nestedBlocksAreRefused() {
        let text = "- item\n\n  ```mixedmodel\n  x\n  ```\n"
        #expect(throws: NotebookError.self) { try NotebookReader.parse(text, path: "n.md") }
    }

    @Test func malformedMarkdownStillReads() throws {
        // Unbalanced emphasis, a broken table and stray HTML are ordinary Markdown; only our blocks are checked.
        let text = "**bold\n\n| a | b\n|--|\n<div>\n\n```mixedmodel\nx\n```\n"
        let notebook = try NotebookReader.parse(text, path: "m.md")
        #expect(notebook.blocks.count == 1)
        #expect(notebook.blocks[0].openingLine == 7)
    }

    @Test func crlfAndIndentedFences() throws {
        let text = "# T\r\n\r\n  ```mixedmodel\r\n  a = 1\r\n  ```\r\n\r\n  ~~~output\r\n  1\r\n  ~~~\r\n"
        let notebook = try NotebookReader.parse(text, path: "c.md")
        #expect(notebook.blocks[0].code == "a = 1")
        #expect(notebook.blocks[0].expected?.text == "1")
        #expect(notebook.blocks[0].expected?.indentation == 2)
        #expect(notebook.source.text == text)
    }

    @Test func invalidUTF8IsAnError() throws {
        let folder = try temporaryFolder()
        let path = folder + "/bad.md"
        try Data([0x23, 0x20, 0x61, 0x0a, 0x0a, 0x62, 0xff, 0xfe, 0x0a]).write(to: URL(fileURLWithPath: path))
        #expect(throws: NotebookError(file: path, line: 3, message: "the file is not valid UTF-8 text")) {
            try NotebookReader.read(path: path)
        }
        #expect(throws: NotebookError.self) { try NotebookReader.read(path: folder + "/missing.md") }
    }
}
