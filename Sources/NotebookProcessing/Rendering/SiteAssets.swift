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

    /// The template with each `{{name}}` replaced in one pass, so inserted text is never scanned for placeholders.
    func fill(_ values: [String: String]) -> String {
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
/// an error never leaves a partial page behind.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
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
}
