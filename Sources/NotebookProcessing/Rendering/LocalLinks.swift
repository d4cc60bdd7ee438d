import CCmarkGFM

/// Notebooks link to each other by their source file (`02-linear-mixed-models.md`, which works on a code host); in
/// HTML pages those links point at the rendered page instead (`02-linear-mixed-models.html`).
extension MarkdownDocument {
    func pointLocalNotebookLinksAtPages() {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                  Self.typeName(node) == "link", let url = cmark_node_get_url(node) else { continue }
            if let page = LocalLinks.pageAddress(String(cString: url)) {
                cmark_node_set_url(node, page)
            }
        }
    }
}

enum LocalLinks {
    /// `NAME.md` or `NAME.md#anchor` without a scheme or host, in the same folder, as `NAME.html[#anchor]`;
    /// nil for every other address.
    static func pageAddress(_ url: String) -> String? {
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts[0].hasPrefix("./") ? parts[0].dropFirst(2) : parts[0]
        guard path.count > 3, path.hasSuffix(".md"), !path.contains(":"), !path.contains("/") else { return nil }
        let fragment = parts.count > 1 ? "#" + parts[1] : ""
        return String(path.dropLast(3)) + ".html" + fragment
    }
}
