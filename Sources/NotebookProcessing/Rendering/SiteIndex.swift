import Foundation

/// The site's `index.html`: every page with its verdict and run time.
public enum SiteIndex {
    /// What the index says about one page.
    public struct Entry: Sendable, Codable {
        public var link: PageLink
        public var passed: Int
        public var failed: Int
        public var seconds: Double
        /// The page's record in the search index.
        public var search: SearchIndex.Page?
        /// What the page was rendered from, when that is known (`SiteWriter.pageFingerprint`): a later render from the
        /// same inputs leaves the page as it is.
        public var fingerprint: String?
        public init(link: PageLink, passed: Int, failed: Int, seconds: Double, search: SearchIndex.Page? = nil) {
            self.link = link
            self.passed = passed
            self.failed = failed
            self.seconds = seconds
            self.search = search
        }
    }

    public static func render(_ entries: [Entry], assets: SiteAssets, date: Date) -> String {
        var content = "<h1>\(XML.escape(assets.siteTitle))</h1>\n<p>Executable documentation: every page is a notebook whose "
            + "blocks ran to produce the outputs shown, each checked against its documented output.</p>\n"
        content += "<table class=\"result-table index\">\n<thead><tr><th>Page</th><th class=\"num\">Blocks</th>"
            + "<th>Status</th><th class=\"num\">Time</th></tr></thead>\n<tbody>\n"
        for entry in entries {
            let status = entry.failed == 0 ? "<span class=\"ok\">all passed</span>"
                                           : "<span class=\"failed\">\(entry.failed) failed</span>"
            content += "<tr><td><a href=\"\(entry.link.href)\">\(XML.escape(entry.link.title))</a></td>"
                + "<td class=\"num\">\(entry.passed + entry.failed)</td><td>\(status)</td>"
                + "<td class=\"num\">\(String(format: "%.2f s", entry.seconds))</td></tr>\n"
        }
        content += "</tbody>\n</table>\n"
        let total = entries.map(\.seconds).reduce(0, +)
        return assets.fill([
            "title": "Contents",
            "style": assets.stylesheet,
            "navigation": HTMLPage.navigation(current: nil, pages: entries.map(\.link), siteTitle: assets.siteTitle),
            "content": content,
            "footer": "Rendered \(HTMLPage.timestamp(date)) by mixedmodels \(ProductVersion.string) · "
                + "\(entries.count) pages in " + String(format: "%.2f", total) + " s",
        ])
    }
}
