/// Gives the `<h2>` and `<h3>` headings of cmark's HTML an `id` and a `#` link, and builds the page's table of
/// contents from them. Works on cmark's output before blocks are spliced in, where a heading is always written as
/// a bare `<h2>` … `</h2>` on its own line.
enum HeadingAnchors {
    struct Heading: Equatable {
        var level: Int
        var id: String
        /// The heading's HTML (already escaped by cmark).
        var html: String
        var text: String
    }

    /// The HTML with anchored headings, and the headings in order.
    static func anchor(_ html: String) -> (html: String, headings: [Heading]) {
        var result = ""
        result.reserveCapacity(html.utf8.count + 1024)
        var headings: [Heading] = []
        var used: [String: Int] = [:]
        for line in html.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let level = headingLevel(line), line.hasSuffix("</h\(level)>") else {
                result += line
                result += "\n"
                continue
            }
            let inner = String(line.dropFirst(4).dropLast(5))
            let text = plainText(inner)
            var id = slug(text)
            if let count = used[id] {
                used[id] = count + 1
                id += "-\(count + 1)"
            } else {
                used[id] = 1
            }
            headings.append(Heading(level: level, id: id, html: inner, text: text))
            result += "<h\(level) id=\"\(id)\">\(inner) <a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a></h\(level)>\n"
        }
        return (String(result.dropLast()), headings)
    }

    /// An in-page table of contents when the page has at least two sections.
    static func tableOfContents(_ headings: [Heading]) -> String {
        guard headings.filter({ $0.level == 2 }).count >= 2 else { return "" }
        var html = "<nav class=\"toc\" aria-label=\"On this page\"><details open><summary>On this page</summary>\n<ul>\n"
        for heading in headings {
            html += "<li class=\"toc-h\(heading.level)\"><a href=\"#\(heading.id)\">\(stripTags(heading.html))</a></li>\n"
        }
        return html + "</ul>\n</details></nav>\n"
    }

    private static func headingLevel(_ line: Substring) -> Int? {
        if line.hasPrefix("<h2>") { return 2 }
        if line.hasPrefix("<h3>") { return 3 }
        return nil
    }

    /// Lower-case letters and digits, words joined by `-` (GitHub's style, ASCII only).
    static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if character == " " || character == "-" || character == "_", slug.last != "-", !slug.isEmpty {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "section" : slug
    }

    /// The text of escaped HTML: tags removed, the five entities cmark writes decoded.
    static func plainText(_ html: String) -> String {
        stripTags(html).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The HTML without its tags (links inside a heading would nest links in the table of contents).
    static func stripTags(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return text
    }
}
