/// The documented output that follows a `mixedmodel` block: an `output` fenced block.
public struct ExpectedOutput: Equatable, Sendable {
    /// The block's contents, lines joined with `"\n"`, fence indentation removed.
    public var text: String
    /// 1-based lines of the opening and closing fences.
    public var openingLine: Int
    public var closingLine: Int
    /// Leading spaces of the opening fence, given back to lines that `check --fix` writes.
    public var indentation: Int
}

/// One executable block of a notebook.
public struct NotebookBlock: Equatable, Sendable {
    /// Position among the notebook's `mixedmodel` blocks, from 0.
    public var index: Int
    public var code: String
    public var options: BlockOptions
    /// 1-based lines of the opening and closing fences.
    public var openingLine: Int
    public var closingLine: Int
    public var expected: ExpectedOutput?

    /// The file line on which the code's first line stands.
    public var firstCodeLine: Int { openingLine + 1 }
}

/// A notebook read from a Markdown file.
public struct Notebook: Sendable {
    /// The path as given (used in messages).
    public var path: String
    public var source: SourceText
    public var blocks: [NotebookBlock]
    /// The text of the first level-1 heading, or the file name.
    public var title: String

    /// The file name without folder and `.md` extension, used for rendered page names.
    public var name: String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".md") ? String(file.dropLast(3)) : file
    }

    /// The folder that holds the notebook (for resolving data files).
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}
