import Foundation
import TextDisplay

/// `RenderedTable`s as HTML tables and as GitHub pipe tables.
public enum TableRendering {
    public static func html(_ table: RenderedTable) -> String {
        var html = "<table class=\"result-table\">\n<caption>\(XML.escape(table.caption))</caption>\n<thead>\n"
        html += row(table.header, tag: "th", table: table)
        if let subheader = table.subheader {
            html += row(subheader, tag: "th", table: table, cssClass: "subheader")
        }
        html += "</thead>\n<tbody>\n"
        for cells in table.rows {
            html += row(cells, tag: "td", table: table)
        }
        html += "</tbody>\n"
        if let note = table.footnote {
            let span = max(1, table.header.count)
            html += "<tfoot><tr><td colspan=\"\(span)\" class=\"table-note\">\(XML.escape(note))</td></tr></tfoot>\n"
        }
        return html + "</table>\n"
    }

    private static func row(_ cells: [String], tag: String, table: RenderedTable, cssClass: String? = nil) -> String {
        var html = cssClass.map { "<tr class=\"\($0)\">" } ?? "<tr>"
        for (column, cell) in cells.enumerated() {
            let right = column < table.rightAligned.count && table.rightAligned[column]
            html += right ? "<\(tag) class=\"num\">" : "<\(tag)>"
            html += XML.escape(cell) + "</\(tag)>"
        }
        return html + "</tr>\n"
    }

    /// A pipe table with the caption in bold above it; the subheader (element types) becomes an italic first row.
    public static func markdown(_ table: RenderedTable) -> String {
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        func line(_ cells: [String]) -> String {
            let padded = cells + Array(repeating: "", count: max(0, columns - cells.count))
            return "| " + padded.map(escapeCell).joined(separator: " | ") + " |"
        }
        var lines = ["**\(escapeCell(table.caption))**", "", line(table.header)]
        lines.append("|" + (0..<columns).map { column in
            column < table.rightAligned.count && table.rightAligned[column] ? " ---: " : " --- "
        }.joined(separator: "|") + "|")
        if let subheader = table.subheader {
            lines.append(line(subheader.map { $0.isEmpty ? "" : "*\($0)*" }))
        }
        lines += table.rows.map(line)
        if let note = table.footnote { lines += ["", "*\(escapeCell(note))*"] }
        return lines.joined(separator: "\n")
    }

    private static func escapeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
