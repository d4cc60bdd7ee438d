import DataTables
import Foundation

/// The product's version, printed in page footers and by `mixedmodels --version`.
public enum ProductVersion {
    public static let string = "0.1.0"
}

/// The site's static assets: the page template and the stylesheet that is inlined into every page.
public struct SiteAssets: Sendable {
    /// HTML with `{{title}}`, `{{style}}`, `{{navigation}}`, `{{content}}` and `{{footer}}` placeholders.
    public var template: String
    public var stylesheet: String
    /// The site's name (`mixedmodels.yml`'s `title`), in page titles and the navigation.
    public var siteTitle = "MixedModels for Swift"

    public init(template: String, stylesheet: String) {
        self.template = template
        self.stylesheet = stylesheet
    }

    /// Reads `template.html` and `style.css` from a folder (the repository's `site/`).
    public static func load(directory: String) throws -> SiteAssets {
        func read(_ name: String) throws -> String {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw NotebookError(file: path, line: 0, message: "cannot read the site asset (run from the repository root or pass --assets)")
            }
            return text
        }
        return SiteAssets(template: try read("template.html"), stylesheet: try read("style.css"))
    }

    /// The template with each `{{name}}` replaced in one pass, so inserted text is never scanned for placeholders;
    /// `{{site}}` and `{{style}}` are filled in by default.
    func fill(_ given: [String: String]) -> String {
        var values = ["site": XML.escape(siteTitle), "style": stylesheet]
        values.merge(given) { _, new in new }
        var result = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            result += values[name] ?? "{{\(name)}}"
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}

/// Writes rendered files all at once: the text goes to a temporary file beside the target, which is then renamed, so
/// an error never leaves a partial page behind. A file that already holds the text is not written again.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        // An unchanged file is left alone: rewriting it costs a sync and wakes up file watchers for nothing.
        if let existing = FileManager.default.contents(atPath: path), existing.elementsEqual(text.utf8) { return }
        let url = URL(fileURLWithPath: path)
        // The writer's process id in the name tells a later run whether the file is an orphan.
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            // rename(2) replaces the target in one step.
            guard rename(temporary.path, path) == 0 else {
                throw NotebookError(file: path, line: 0, message: "cannot write the file: \(String(cString: strerror(errno)))")
            }
        } catch let error as NotebookError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw NotebookError(file: path, line: 0, message: "cannot write the file: \(plainDescription(ofFileError: error))")
        }
    }

    /// Removes the temporary files that a killed writer left in `folder` (its own, by name: `.NAME.PID.UUID.tmp`,
    /// or `.NAME.UUID.tmp` of earlier versions), unless the process that wrote them is still running.
    /// Returns the names removed.
    @discardableResult
    public static func removeStaleTemporaries(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var removed: [String] = []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let parts = name.dropFirst().dropLast(4).split(separator: ".")
            guard parts.count >= 2, UUID(uuidString: String(parts[parts.count - 1])) != nil else { continue }
            if parts.count >= 3, let pid = Int32(parts[parts.count - 2]), isRunning(pid) { continue }
            if (try? FileManager.default.removeItem(atPath: folder + "/" + name)) != nil { removed.append(name) }
        }
        return removed
    }

    /// Whether a process with this id exists (signal 0 checks without sending anything).
    private static func isRunning(_ pid: Int32) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }
}

extension SiteAssets {
    /// A page that shows why a notebook could not be read (the preview writes it where the notebook's page goes).
    public func errorPage(title: String, message: String) -> String {
        fill([
            "title": XML.escape(title),
            "navigation": HTMLPage.navigation(current: nil, pages: [], siteTitle: siteTitle),
            "content": "<h1>\(XML.escape(title))</h1>\n<p class=\"status failed\">This notebook could not be read:</p>\n"
                + "<pre class=\"diff\">\(XML.escape(message))</pre>\n",
            "footer": "mixedmodels \(ProductVersion.string) preview",
        ])
    }
}
