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

/// What kind of fenced block an executable block is: ours, or one of Documenter.jl's.
public enum BlockKind: Equatable, Sendable {
    /// ```` ```mixedmodel ````, with its documented output in a following ```` ```output ```` block.
    case mixedmodel
    /// ```` ```@example [NAME] ````: runs; the code (without `# hide` lines) and its result are shown.
    case example
    /// ```` ```@setup NAME ````: runs; nothing is shown.
    case setup
    /// ```` ```@repl [NAME] ````: each `julia>` input runs in turn; the page shows the transcript.
    case repl
    /// ```` ```jldoctest [NAME] ```` with a `# output` line: the code above it runs, its output is compared with
    /// the text below it.
    case doctestScript
    /// ```` ```jldoctest [NAME] ```` with `julia> ` prompts: the transcript is compared with the block as written.
    case doctestREPL

    /// Blocks whose page shows a REPL transcript instead of code and output.
    public var showsTranscript: Bool { self == .repl || self == .doctestREPL }
}

/// One piece of code that runs on its own: a REPL input, or a block's whole code.
public struct BlockStep: Equatable, Sendable {
    public var code: String
    /// The file line of the code's first line.
    public var firstLine: Int
    /// False for setup code (`DocTestSetup`), whose output is not part of the block's.
    public var shown: Bool
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
    public var kind: BlockKind = .mixedmodel
    /// The pieces run in turn; empty means the whole `code` at `firstCodeLine` (every `mixedmodel` block).
    public var steps: [BlockStep] = []
    /// `DocTestFilters`: applied to both outputs before they are compared (see `DoctestComparison`).
    public var filters: [DoctestFilter] = []
    /// An `@example` block with `continued = true`: it runs nothing itself; its code runs with the next block of its
    /// session.
    public var isContinued = false

    /// The file line on which the code's first line stands.
    public var firstCodeLine: Int { openingLine + 1 }

    /// What runs, in order.
    public var runSteps: [BlockStep] {
        if isContinued { return [] }
        return steps.isEmpty ? [BlockStep(code: code, firstLine: firstCodeLine, shown: true)] : steps
    }

    /// The code as the page shows it: without the lines that end in `# hide` (Documenter's convention).
    public var shownCode: String {
        kind == .mixedmodel ? code : Self.droppingHiddenLines(code)
    }

    /// `code` without its lines that end in `# hide`.
    static func droppingHiddenLines(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingTrailingSpaces().hasSuffix("# hide") }
            .joined(separator: "\n")
    }
}

/// A Documenter block that is not run (`@docs`, `@index`, …), noted on the page and on standard error.
public struct NotebookNote: Equatable, Sendable {
    public var line: Int
    public var message: String
}

private extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var text = self
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}

/// A notebook read from a Markdown file.
public struct Notebook: Sendable {
    /// The path as given (used in messages).
    public var path: String
    public var source: SourceText
    public var blocks: [NotebookBlock]
    /// The text of the first level-1 heading, or the file name.
    public var title: String
    /// Documenter blocks that were skipped.
    public var notes: [NotebookNote] = []
    public var frontMatter: FrontMatter?

    /// The text Markdown renderers see: the front matter's lines left blank, so that line numbers stay those of
    /// the file.
    public var markdownText: String { Self.markdownText(source, frontMatter: frontMatter) }

    static func markdownText(_ source: SourceText, frontMatter: FrontMatter?) -> String {
        guard let frontMatter, frontMatter.lineCount > 0 else { return source.text }
        var lines = source.lines
        for index in 0..<min(frontMatter.lineCount, lines.count) { lines[index].text = "" }
        return SourceText(lines: lines).text
    }

    /// The file name without its folder: what messages and pages show, so that they never depend on (or reveal)
    /// the folder the notebook was run from.
    public var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The file name without folder and `.md` extension, used for rendered page names.
    public var name: String {
        fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
    }

    /// The folder that holds the notebook (for resolving data files).
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}
