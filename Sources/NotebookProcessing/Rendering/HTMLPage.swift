import Foundation
import MixedModelsLanguage

/// A link to one rendered page, for navigation and the index.
public struct PageLink: Equatable, Sendable {
    public var name: String
    public var title: String
    public init(name: String, title: String) {
        self.name = name
        self.title = title
    }
}

/// Renders a notebook run as a self-contained HTML page.
public enum HTMLPage {
    public static func render(_ run: NotebookRun, assets: SiteAssets, pages: [PageLink], date: Date) -> String {
        let document = MarkdownDocument(run.notebook.source.text)
        let marker = "\u{E000}mixedmodel-block\u{E000}"
        var blocksByLine: [Int: BlockRun] = [:]
        var outputLines = Set<Int>()
        for blockRun in run.blocks {
            blocksByLine[blockRun.block.openingLine] = blockRun
            if let expected = blockRun.block.expected { outputLines.insert(expected.openingLine) }
        }
        document.replaceTopLevelNodes { node in
            guard MarkdownDocument.typeName(node) == "code_block" else { return nil }
            let line = Int(cmarkStartLine(node))
            if let blockRun = blocksByLine[line] { return marker + String(blockRun.block.index) + marker }
            return outputLines.contains(line) ? "" : nil
        }
        var content = document.renderHTML()
        for blockRun in run.blocks {
            let placeholder = "<p>" + marker + String(blockRun.block.index) + marker + "</p>"
            content = content.replacingOccurrences(of: placeholder, with: BlockHTML.render(blockRun, path: run.notebook.path))
        }
        let failed = run.failedCount
        let status = failed == 0
            ? "<p class=\"status ok\">All \(run.passedCount) blocks ran and matched their documented output.</p>\n"
            : "<p class=\"status failed\">\(failed) of \(run.passedCount + failed) blocks failed; they are marked below.</p>\n"
        return assets.fill([
            "title": XML.escape(run.notebook.title),
            "style": assets.stylesheet,
            "navigation": navigation(current: run.notebook.name, pages: pages),
            "content": afterFirstHeading(content, insert: status) + pager(current: run.notebook.name, pages: pages),
            "footer": footer(run, date: date),
        ])
    }

    /// The page with `insert` placed right after its first `<h1>` (or at the top when there is none).
    private static func afterFirstHeading(_ content: String, insert: String) -> String {
        guard content.hasPrefix("<h1"), let end = content.range(of: "</h1>\n") else { return insert + content }
        return String(content[..<end.upperBound]) + insert + String(content[end.upperBound...])
    }

    static func navigation(current: String?, pages: [PageLink]) -> String {
        var html = "<a href=\"index.html\" class=\"home\">MixedModels for Swift</a>\n<ul>\n"
        for page in pages {
            let attributes = page.name == current ? " aria-current=\"page\"" : ""
            html += "<li><a href=\"\(XML.escape(page.name)).html\"\(attributes)>\(XML.escape(page.title))</a></li>\n"
        }
        return html + "</ul>\n"
    }

    private static func pager(current: String, pages: [PageLink]) -> String {
        guard let position = pages.firstIndex(where: { $0.name == current }) else { return "" }
        var html = "<nav class=\"pager\">"
        if position > 0 {
            let previous = pages[position - 1]
            html += "<a rel=\"prev\" href=\"\(XML.escape(previous.name)).html\">← \(XML.escape(previous.title))</a>"
        }
        if position + 1 < pages.count {
            let next = pages[position + 1]
            html += "<a rel=\"next\" href=\"\(XML.escape(next.name)).html\">\(XML.escape(next.title)) →</a>"
        }
        return html + "</nav>\n"
    }

    static func footer(_ run: NotebookRun, date: Date) -> String {
        let blocksRun = run.blocks.filter { $0.outcome != .notRun }.count
        return "Rendered \(timestamp(date)) by mixedmodels \(ProductVersion.string) · \(blocksRun) blocks run in "
            + String(format: "%.2f", run.seconds) + " s · source: <code>\(XML.escape(run.notebook.path))</code>"
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
