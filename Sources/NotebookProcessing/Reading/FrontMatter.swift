import Foundation
import Yams

/// The YAML front matter of a notebook: lines between a `---` on the first line and the next `---` (or `...`).
///
/// ```yaml
/// ---
/// title: Linear mixed models
/// author: A. Author
/// date: 2026-11-30
/// timeout: 60        # defaults for every block of the notebook
/// rtol: 1e-6
/// session: main
/// ---
/// ```
public struct FrontMatter: Equatable, Sendable {
    public var title: String?
    public var author: String?
    public var date: String?
    /// The block options every block starts from (its own options override them).
    public var defaults = BlockOptions()
    /// The number of lines the front matter takes, fences included.
    public var lineCount = 0

    static let keys: Set<String> = ["title", "author", "date", "timeout", "rtol", "atol", "session"]

    /// The front matter at the top of `source`; nil when the first line is not `---`.
    static func read(_ source: SourceText, path: String) throws -> FrontMatter? {
        guard source.count > 0, source.line(1).text.trimmingTrailingBlanks() == "---" else { return nil }
        guard let end = (2...max(2, source.count)).first(where: { number in
            number <= source.count && ["---", "..."].contains(source.line(number).text.trimmingTrailingBlanks())
        }), end <= source.count else {
            throw NotebookError(file: path, line: 1, message: "front matter: no closing `---` line")
        }
        let yaml = source.joinedText(from: 2, through: end - 1)
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let (line, problem) = Self.describe(error)
            throw NotebookError(file: path, line: 1 + line, message: "front matter is not valid YAML: \(problem)")
        }
        var matter = FrontMatter(lineCount: end)
        guard let node else { return matter }
        guard let mapping = node.mapping else {
            throw NotebookError(file: path, line: 2, message: "front matter must be a mapping of `key: value` lines")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = 1 + (keyNode.mark?.line ?? 1)
            func fail(_ message: String) -> NotebookError { NotebookError(file: path, line: line, message: "front matter: \(message)") }
            guard let text = value.scalar?.string else { throw fail("`\(key)` needs a single value") }
            switch key {
            case "title": matter.title = text
            case "author": matter.author = text
            case "date": matter.date = text
            case "timeout", "rtol", "atol", "session":
                do {
                    try matter.defaults.apply(key: key, value: text)
                } catch let error as OptionError {
                    throw fail(error.message)
                }
            default:
                throw fail("unknown key `\(key)`; the keys are \(keys.sorted().joined(separator: ", "))")
            }
        }
        return matter
    }

    /// The 1-based line within the YAML text and the problem of a Yams error.
    static func describe(_ error: YamlError) -> (Int, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return (mark.line, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return (1, "\(error)")
        }
    }
}

private extension String {
    func trimmingTrailingBlanks() -> String {
        var text = Substring(self)
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}
