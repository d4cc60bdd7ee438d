import Testing
import TextDisplay
@testable import NotebookProcessing

/// The note under an elided table reaches both page formats.
@Suite struct TableNoteTests {
    let table = RenderedTable(caption: "40×1 DataFrame", header: ["Row", "x"], subheader: ["", "Int64"],
                              rows: [["1", "1"], ["⋮", "⋮"], ["40", "40"]], rightAligned: [true, true],
                              footnote: "37 rows omitted")

    @Test func htmlHasAFooter() {
        let html = TableRendering.html(table)
        #expect(html.contains("<tfoot><tr><td colspan=\"2\" class=\"table-note\">37 rows omitted</td></tr></tfoot>"))
        #expect(html.hasSuffix("</tbody>\n<tfoot><tr><td colspan=\"2\" class=\"table-note\">37 rows omitted</td></tr></tfoot>\n</table>\n"))
    }

    @Test func markdownEndsWithTheNote() {
        #expect(TableRendering.markdown(table).hasSuffix("| 40 | 40 |\n\n*37 rows omitted*"))
        var plain = table
        plain.footnote = nil
        #expect(!TableRendering.html(plain).contains("tfoot"))
    }
}
