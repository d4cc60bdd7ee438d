import Foundation
import MixedModelsLanguage

/// A link to one rendered page, for navigation and the index.
public struct PageLink: Equatable, Sendable, Codable {
    public var name: String
    public var title: String
    public init(name: String, title: String) {
        self.name = name
        self.title = title
    }

    /// The page's address relative to the site folder: `./` and the percent-encoded name, so that no notebook name
    /// (`javascript:alert(1);x`) can become a link with a scheme of its own.
    public var href: String { PageLink.relativeHref(name + ".html") }

    /// `./` and `file` with every byte but the unreserved ones (RFC 3986) percent-encoded.
    static func relativeHref(_ file: String) -> String {
        var encoded = "./"
        for byte in file.utf8 {
            let character = Character(UnicodeScalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~".contains(character) {
                encoded.append(character)
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Renders a notebook run as a self-contained HTML page.
public enum HTMLPage {
    public static func render(_ run: NotebookRun, assets: SiteAssets, pages: [PageLink], date: Date) -> String {
        let document = MarkdownDocument(run.notebook.markdownText)
        let marker = "\u{E000}mixedmodel-block\u{E000}"
        var blocksByLine: [Int: BlockRun] = [:]
        var outputLines = Set<Int>()
        for blockRun in run.blocks {
            blocksByLine[blockRun.block.openingLine] = blockRun
            if let expected = blockRun.block.expected { outputLines.insert(expected.openingLine) }
        }
        // Skipped Documenter blocks become notes, placed after the blocks in the list of parts.
        var notesByLine: [Int: Int] = [:]
        for (offset, note) in run.notebook.notes.enumerated() { notesByLine[note.line] = run.blocks.count + offset }
        document.pointLocalNotebookLinksAtPages()
        document.replaceTopLevelNodes { node in
            guard MarkdownDocument.typeName(node) == "code_block" else { return nil }
            let line = Int(cmarkStartLine(node))
            if let blockRun = blocksByLine[line] { return marker + String(blockRun.block.index) + marker }
            if let part = notesByLine[line] { return marker + String(part) + marker }
            // `@meta` blocks configure; Documenter does not show them either.
            let hidden = outputLines.contains(line) || DocumenterReader.isDocumenter(MarkdownDocument.fenceInfo(node))
            return hidden ? "" : nil
        }
        let parts = run.blocks.map { BlockHTML.render($0, path: run.notebook.fileName) }
            + run.notebook.notes.map { "<p class=\"note\">Skipped: \(XML.escape($0.message)).</p>\n" }
        let (prose, headings) = HeadingAnchors.anchor(document.renderHTML())
        let content = PlaceholderSplicing.splice(prose, marker: marker, parts: parts)
        let failed = run.failedCount
        let compared = "\(run.matchedCount) matched their documented output, \(run.uncomparedCount) had none to compare with"
        let status = failed == 0
            ? "<p class=\"status ok\">\(run.passedCount) blocks ran: \(compared).</p>\n"
            : "<p class=\"status failed\">\(failed) of \(run.passedCount + failed) blocks failed; they are marked below "
                + "(\(compared)).</p>\n"
        let page = assets.fill([
            "title": XML.escape(run.notebook.title),
            "style": assets.stylesheet,
            "navigation": navigation(current: run.notebook.name, pages: pages, siteTitle: assets.siteTitle),
            "content": afterFirstHeading(titled(content, run.notebook.frontMatter), insert: byline(run.notebook.frontMatter) + status + HeadingAnchors.tableOfContents(headings))
                + pager(current: run.notebook.name, pages: pages),
            "footer": footer(run, date: date),
        ])
        return PathRedaction.apply(page, notebook: run.notebook)
    }

    /// The page with the front matter's title as its heading when the text has none of its own.
    private static func titled(_ content: String, _ frontMatter: FrontMatter?) -> String {
        guard !content.hasPrefix("<h1"), let title = frontMatter?.title else { return content }
        return "<h1>\(XML.escape(title))</h1>\n" + content
    }

    /// `author · date` from the front matter.
    private static func byline(_ frontMatter: FrontMatter?) -> String {
        let parts = [frontMatter?.author, frontMatter?.date].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? "" : "<p class=\"byline\">\(XML.escape(parts.joined(separator: " · ")))</p>\n"
    }

    /// The page with `insert` placed right after its first `<h1>` (or at the top when there is none).
    private static func afterFirstHeading(_ content: String, insert: String) -> String {
        guard content.hasPrefix("<h1"), let end = content.range(of: "</h1>\n") else { return insert + content }
        return String(content[..<end.upperBound]) + insert + String(content[end.upperBound...])
    }

    static func navigation(current: String?, pages: [PageLink], siteTitle: String = "MixedModels for Swift") -> String {
        var html = "<a href=\"./index.html\" class=\"home\">\(XML.escape(siteTitle))</a>\n" + SearchIndex.box + "<ul>\n"
        for page in pages {
            let attributes = page.name == current ? " aria-current=\"page\"" : ""
            html += "<li><a href=\"\(page.href)\"\(attributes)>\(XML.escape(page.title))</a></li>\n"
        }
        return html + "</ul>\n"
    }

    private static func pager(current: String, pages: [PageLink]) -> String {
        guard let position = pages.firstIndex(where: { $0.name == current }) else { return "" }
        var html = "<nav class=\"pager\">"
        if position > 0 {
            let previous = pages[position - 1]
            html += "<a rel=\"prev\" href=\"\(previous.href)\">← \(XML.escape(previous.title))</a>"
        }
        if position + 1 < pages.count {
            let next = pages[position + 1]
            html += "<a rel=\"next\" href=\"\(next.href)\">\(XML.escape(next.title)) →</a>"
        }
        return html + "</nav>\n"
    }

    static func footer(_ run: NotebookRun, date: Date) -> String {
        let blocksRun = run.blocks.filter { $0.outcome != .notRun }.count
        return "Rendered \(timestamp(date)) by mixedmodels \(ProductVersion.string) · \(blocksRun) blocks run in "
            + String(format: "%.2f", run.seconds) + " s · source: <code>\(XML.escape(run.notebook.fileName))</code>"
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
