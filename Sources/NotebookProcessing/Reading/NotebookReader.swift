import DataTables
import Foundation

/// Reads notebooks: finds `mixedmodel` blocks, their options and their expected `output` blocks with line numbers.
public enum NotebookReader {
    /// Reads and parses a notebook file.
    public static func read(path: String) throws -> Notebook {
        let bytes: [UInt8]
        do {
            bytes = try readFileBytes(path)
        } catch DataReadError.fileNotFound {
            throw NotebookError(file: path, line: 0, message: "no such file")
        } catch DataReadError.unreadable(_, let reason) {
            throw NotebookError(file: path, line: 0, message: "cannot read the file: \(reason)")
        } catch {
            throw NotebookError(file: path, line: 0, message: "cannot read the file: \(error)")
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw NotebookError(file: path, line: firstInvalidLine(Data(bytes)), message: "the file is not valid UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses notebook text; `path` is used in messages and for the notebook's name.
    public static func parse(_ text: String, path: String) throws -> Notebook {
        let source = SourceText(text)
        let frontMatter = try FrontMatter.read(source, path: path)
        let defaults = frontMatter?.defaults ?? BlockOptions()
        let document = MarkdownDocument(Notebook.markdownText(source, frontMatter: frontMatter))
        try rejectNestedBlocks(document, path: path)

        var blocks: [NotebookBlock] = []
        var notes: [NotebookNote] = []
        var documenter = DocumenterReader()
        var previousBlockEnd: Int?
        for node in document.topLevelNodes {
            guard MarkdownDocument.typeName(node) == "code_block", let fence = MarkdownDocument.fence(node) else {
                previousBlockEnd = nil
                continue
            }
            if DocumenterReader.isDocumenter(MarkdownDocument.fenceInfo(node)) {
                let opening = Int(cmarkStartLine(node))
                let closing = try closingLine(node, fence: fence, source: source, path: path)
                let lines = contents(source, from: opening + 1, through: closing - 1, indent: fence.indent)
                switch try documenter.read(info: MarkdownDocument.fenceInfo(node),
                                           contents: opening + 1 < closing ? lines.components(separatedBy: "\n") : [],
                                           opening: opening, closing: closing, index: blocks.count, path: path) {
                case .block(var block):
                    block.options.timeout = defaults.timeout
                    block.options.rtol = defaults.rtol
                    block.options.atol = defaults.atol
                    blocks.append(block)
                case .note(let note): notes.append(note)
                case .meta: break
                }
                previousBlockEnd = nil
                continue
            }
            guard isOurs(node) else {
                // Any unclosed fence would silently hide the blocks after it.
                _ = try closingLine(node, fence: fence, source: source, path: path)
                previousBlockEnd = nil
                continue
            }
            let info = MarkdownDocument.fenceInfo(node)
            let word = firstWord(info)
            let opening = Int(cmarkStartLine(node))
            let closing = try closingLine(node, fence: fence, source: source, path: path)
            if word == "mixedmodel" {
                let options: BlockOptions
                do {
                    options = try BlockOptions.parse(String(info.dropFirst(word.count)), defaults: defaults)
                } catch let error as OptionError {
                    throw NotebookError(file: path, line: opening, message: error.message)
                }
                let code = contents(source, from: opening + 1, through: closing - 1, indent: fence.indent)
                blocks.append(NotebookBlock(index: blocks.count, code: code, options: options,
                                            openingLine: opening, closingLine: closing, expected: nil))
                previousBlockEnd = closing
            } else {
                guard let end = previousBlockEnd, blocks.last?.expected == nil,
                      onlyBlankLines(source, after: end, before: opening) else {
                    throw NotebookError(file: path, line: opening,
                                        message: "an `output` block must directly follow a `mixedmodel` block (only blank lines between)")
                }
                if word != info.trimmingCharacters(in: .whitespaces) {
                    throw NotebookError(file: path, line: opening, message: "an `output` block takes no options")
                }
                let text = contents(source, from: opening + 1, through: closing - 1, indent: fence.indent)
                blocks[blocks.count - 1].expected = ExpectedOutput(text: text, openingLine: opening,
                                                                   closingLine: closing, indentation: fence.indent)
                previousBlockEnd = nil
            }
        }
        var notebook = Notebook(path: path, source: source, blocks: blocks,
                                title: frontMatter?.title ?? title(document) ?? fileStem(path))
        notebook.notes = notes
        notebook.frontMatter = frontMatter
        return notebook
    }

    /// The 1-based number of the first line that is not valid UTF-8.
    static func firstInvalidLine(_ data: Data) -> Int {
        var number = 1
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if String(data: Data(line), encoding: .utf8) == nil { return number }
            number += 1
        }
        return 0
    }

    private static func isOurs(_ node: OpaquePointer) -> Bool {
        let word = firstWord(MarkdownDocument.fenceInfo(node))
        return word == "mixedmodel" || word == "output"
    }

    /// Blocks inside lists or quotes cannot be spliced line by line, so they are refused with a clear message.
    private static func rejectNestedBlocks(_ document: MarkdownDocument, path: String) throws {
        for (node, topLevel) in document.allCodeBlocks where !topLevel && isOurs(node) {
            throw NotebookError(file: path, line: Int(cmarkStartLine(node)),
                                message: "`mixedmodel` and `output` blocks must stand at the top level, not inside a list or quote")
        }
    }

    /// The closing fence's line; cmark-gfm silently runs an unclosed fence to the end of the file, so check the source.
    private static func closingLine(_ node: OpaquePointer, fence: (character: Character, length: Int, indent: Int),
                                    source: SourceText, path: String) throws -> Int {
        let start = Int(cmarkStartLine(node))
        let end = Int(cmarkEndLine(node))
        guard end > start, end <= source.count, isClosingFence(source.line(end).text, fence: fence) else {
            throw NotebookError(file: path, line: start,
                                message: "unclosed code fence: no closing \(String(repeating: fence.character, count: fence.length)) before the end of the file")
        }
        return end
    }

    static func isClosingFence(_ line: String, fence: (character: Character, length: Int, indent: Int)) -> Bool {
        var characters = Substring(line)
        var spaces = 0
        while characters.first == " " {
            characters.removeFirst()
            spaces += 1
        }
        guard spaces <= 3 else { return false }
        let run = characters.prefix { $0 == fence.character }
        guard run.count >= fence.length else { return false }
        return characters.dropFirst(run.count).allSatisfy { $0 == " " || $0 == "\t" }
    }

    private static func contents(_ source: SourceText, from first: Int, through last: Int, indent: Int) -> String {
        guard first <= last else { return "" }
        return (first...last).map { number in
            let line = source.line(number).text
            let removable = line.prefix(indent).prefix { $0 == " " }.count
            return String(line.dropFirst(removable))
        }.joined(separator: "\n")
    }

    private static func onlyBlankLines(_ source: SourceText, after: Int, before: Int) -> Bool {
        guard after + 1 < before else { return true }
        return ((after + 1)..<before).allSatisfy { source.line($0).text.allSatisfy(\.isWhitespace) }
    }

    static func firstWord(_ info: String) -> String {
        String(info.drop { $0.isWhitespace }.prefix { !$0.isWhitespace })
    }

    private static func title(_ document: MarkdownDocument) -> String? {
        for node in document.topLevelNodes where MarkdownDocument.typeName(node) == "heading" {
            let text = MarkdownDocument.plainText(node).trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { return text }
        }
        return nil
    }

    private static func fileStem(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".md") ? String(file.dropLast(3)) : file
    }
}
