import Foundation
import Yams

/// Site-wide settings from `mixedmodels.yml` at the project root:
///
/// ```yaml
/// title: MixedModels for Swift   # the site's name, in every page's navigation and title
/// output: site                   # the output folder (`--out` overrides it)
/// pages:                         # page order (notebook names without .md); pages not listed follow by name
///   - 00-getting-started
///   - 02-linear-mixed-models
/// ```
public struct SiteConfiguration: Equatable, Sendable {
    public var title = "MixedModels for Swift"
    public var output: String?
    public var pageOrder: [String] = []

    public init() {}

    public static let fileName = "mixedmodels.yml"

    /// The settings in `path`; the defaults when there is no such file.
    public static func load(path: String = fileName) throws -> SiteConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else { return SiteConfiguration() }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NotebookError(file: path, line: NotebookReader.firstInvalidLine(data), message: "not valid UTF-8 text")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (line, problem) = FrontMatter.describe(error)
            throw NotebookError(file: path, line: line, message: "not valid YAML: \(problem)")
        }
        var configuration = SiteConfiguration()
        guard let node else { return configuration }
        guard let mapping = node.mapping else {
            throw NotebookError(file: path, line: 1, message: "expected `key: value` lines (title, output, pages)")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = keyNode.mark?.line ?? 1
            switch key {
            case "title", "output":
                guard let text = value.scalar?.string, !text.isEmpty else {
                    throw NotebookError(file: path, line: line, message: "`\(key)` needs a single value")
                }
                if key == "title" { configuration.title = text } else { configuration.output = text }
            case "pages":
                guard let items = value.sequence, items.allSatisfy({ $0.scalar != nil }) else {
                    throw NotebookError(file: path, line: line, message: "`pages` needs a list of page names")
                }
                configuration.pageOrder = items.compactMap { $0.scalar?.string }.map {
                    $0.hasSuffix(".md") ? String($0.dropLast(3)) : $0
                }
            default:
                throw NotebookError(file: path, line: line, message: "unknown key `\(key)`; the keys are title, output, pages")
            }
        }
        return configuration
    }

    /// `entries` in the configured page order; pages not listed follow in name order.
    public func ordered(_ entries: [SiteIndex.Entry]) -> [SiteIndex.Entry] {
        let rank = Dictionary(pageOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return entries.sorted { a, b in
            let (ra, rb) = (rank[a.link.name] ?? Int.max, rank[b.link.name] ?? Int.max)
            return ra != rb ? ra < rb : a.link.name < b.link.name
        }
    }
}
