import Foundation

/// The site's search: a small index of every page's title, sections and prose, written as `search.js` (a script
/// file, so that it loads from `file://` too), and the search box that reads it in the browser, without network.
public enum SearchIndex {
    /// What the index holds for one page.
    public struct Page: Codable, Equatable, Sendable {
        public var sections: [Section]
        /// The page's prose, code left out, shortened to keep the index small.
        public var text: String
    }

    public struct Section: Codable, Equatable, Sendable {
        public var id: String
        public var title: String
    }

    /// Characters of prose kept per page.
    static let textLimit = 3000

    /// The search record of a notebook: its headings (with the anchors the page gives them) and its prose.
    static func page(_ notebook: Notebook) -> Page {
        let (_, headings) = HeadingAnchors.anchor(MarkdownDocument(notebook.markdownText).renderHTML())
        var prose: [String] = []
        var inFence = false
        for line in notebook.markdownText.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
            } else if !inFence, !trimmed.isEmpty {
                prose.append(String(trimmed))
            }
        }
        return Page(sections: headings.map { Section(id: $0.id, title: $0.text) },
                    text: String(prose.joined(separator: " ").prefix(textLimit)))
    }

    /// `search.js`: `window.SEARCH_INDEX = [...]` with one record per page.
    static func script(_ entries: [SiteIndex.Entry]) -> String {
        struct Record: Encodable {
            var title: String
            var href: String
            var sections: [Section]
            var text: String
        }
        let records = entries.map {
            Record(title: $0.link.title, href: $0.link.href, sections: $0.search?.sections ?? [], text: $0.search?.text ?? "")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(records)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        // `</` cannot end the script early inside a string: JSON allows `<\/`.
        return "window.SEARCH_INDEX = " + json.replacingOccurrences(of: "</", with: "<\\/") + ";\n"
    }

    /// The search box of the navigation.
    static let box = """
    <div class="search"><input type="search" id="site-search" placeholder="Search the pages" aria-label="Search the pages" autocomplete="off">
    <ol id="search-results" hidden></ol></div>

    """
}
