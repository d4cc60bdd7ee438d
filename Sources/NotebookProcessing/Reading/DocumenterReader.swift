import Foundation

/// Reads the fenced blocks of Documenter.jl pages, so that a MixedModels.jl documentation page runs as it is:
/// `@example`, `@setup`, `@repl`, `jldoctest` (script and REPL forms), `# hide` lines, and `DocTestSetup` /
/// `DocTestFilters` from `@meta` blocks. `@docs`, `@autodocs`, `@contents`, `@index` and other directives are
/// skipped with a note.
struct DocumenterReader {
    /// What one fenced block became.
    enum Item {
        case block(NotebookBlock)
        case note(NotebookNote)
        /// An `@meta` block: it changed the reader's state only.
        case meta
    }

    /// `DocTestSetup` of the last `@meta` block: runs, unseen, at the start of every following `jldoctest` block.
    private var setup: String?
    /// `DocTestFilters` of the last `@meta` block.
    private var filters: [String] = []

    /// Whether a fence's info string is Documenter's (`@…` or `jldoctest`).
    static func isDocumenter(_ info: String) -> Bool {
        let word = NotebookReader.firstWord(info)
        return word.hasPrefix("@") || word == "jldoctest"
    }

    /// Reads one Documenter block whose contents (indentation removed) stand on lines `opening + 1 ..< closing`.
    mutating func read(info: String, contents lines: [String], opening: Int, closing: Int, index: Int,
                       path: String) throws -> Item {
        let word = NotebookReader.firstWord(info)
        // Options after `;` (`continued = true`, `setup = …`) are not supported; the label is the word before.
        let label = NotebookReader.firstWord(String(info.dropFirst(word.count).prefix { $0 != ";" }))
        let code = lines.joined(separator: "\n")
        var block = NotebookBlock(index: index, code: code, options: BlockOptions(), openingLine: opening,
                                  closingLine: closing, expected: nil)
        func session(_ family: String) -> String {
            label.isEmpty ? "\(family)#\(opening)" : "\(family) \(label)"
        }
        switch word {
        case "@meta":
            readMeta(code)
            return .meta
        case "@example":
            block.kind = .example
            block.options.session = session("@example")
        case "@setup":
            guard !label.isEmpty else {
                throw NotebookError(file: path, line: opening, message: "an `@setup` block needs a name: ```@setup NAME")
            }
            block.kind = .setup
            block.options.session = session("@example")
            block.options.echo = false
            block.options.output = false
        case "@repl":
            block.kind = .repl
            block.options.session = session("@example")
            block.steps = replSteps(lines, opening: opening, prompted: false)
        case "jldoctest":
            block.options.session = session("jldoctest")
            block.filters = filters
            try readDoctest(&block, lines: lines, opening: opening, closing: closing, path: path)
        default:
            return .note(NotebookNote(line: opening, message: "Documenter's `\(word)` block is not rendered here"))
        }
        return .block(block)
    }

    private func readDoctest(_ block: inout NotebookBlock, lines: [String], opening: Int, closing: Int,
                             path: String) throws {
        var steps: [BlockStep] = []
        if let setup { steps.append(BlockStep(code: setup, firstLine: opening, shown: false)) }
        if lines.contains(where: { $0.hasPrefix("julia>") }) {
            block.kind = .doctestREPL
            let first = lines.firstIndex { $0.hasPrefix("julia>") } ?? 0
            let prompted = Array(lines[first...])
            block.steps = steps + replSteps(prompted, opening: opening + first, prompted: true)
            block.expected = ExpectedOutput(text: prompted.joined(separator: "\n"), openingLine: opening,
                                            closingLine: closing, indentation: 0)
            return
        }
        block.kind = .doctestScript
        guard let marker = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "# output" }) else {
            throw NotebookError(file: path, line: opening,
                                message: "a `jldoctest` block needs `julia> ` prompts or a `# output` line")
        }
        // Blank lines around `# output` do not count.
        block.code = Self.trimmingBlankLines(lines[..<marker]).joined(separator: "\n")
        block.steps = steps + [BlockStep(code: block.code, firstLine: opening + 1, shown: true)]
        block.expected = ExpectedOutput(text: Self.trimmingBlankLines(lines[(marker + 1)...]).joined(separator: "\n"),
                                        openingLine: opening + 1 + marker, closingLine: closing, indentation: 0)
    }

    private static func trimmingBlankLines(_ lines: ArraySlice<String>) -> ArraySlice<String> {
        let isBlank = { (line: String) in line.allSatisfy(\.isWhitespace) }
        var result = lines
        while let first = result.first, isBlank(first) { result.removeFirst() }
        while let last = result.last, isBlank(last) { result.removeLast() }
        return result
    }

    /// The inputs of a REPL transcript: a `julia> ` line and the continuation lines indented by seven spaces below
    /// it. In a doctest the other lines are the documented output; an `@repl` block holds inputs only, one
    /// expression per line group.
    private func replSteps(_ lines: [String], opening: Int, prompted: Bool) -> [BlockStep] {
        var steps: [BlockStep] = []
        var current: [String] = []
        var firstLine = 0
        func finish() {
            if !current.isEmpty { steps.append(BlockStep(code: current.joined(separator: "\n"), firstLine: firstLine, shown: true)) }
            current = []
        }
        for (offset, line) in lines.enumerated() {
            let number = opening + 1 + offset
            if prompted {
                if line.hasPrefix("julia>") {
                    finish()
                    firstLine = number
                    current = [String(line.dropFirst(6).drop { $0 == " " })]
                } else if !current.isEmpty, line.hasPrefix("       ") {
                    current.append(String(line.dropFirst(7)))
                } else {
                    finish()
                }
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
                finish()
            } else if !current.isEmpty, line.first == " " || line.first == "\t" || isClosing(line) {
                current.append(line)
            } else {
                finish()
                firstLine = number
                current = [line]
            }
        }
        finish()
        return steps
    }

    /// `end`, `)` and `]` at the start of a line close what the line above opened.
    private func isClosing(_ line: String) -> Bool {
        line.hasPrefix("end") || line.hasPrefix(")") || line.hasPrefix("]")
    }

    /// `DocTestSetup = quote … end` (or `:( … )`, or `nothing`) and `DocTestFilters = r"…"` (or a vector of them,
    /// or `nothing`).
    private mutating func readMeta(_ code: String) {
        let assignments = Self.assignments(code)
        if let value = assignments["DocTestSetup"] {
            setup = Self.quotedCode(value)
        }
        if let value = assignments["DocTestFilters"] {
            filters = Self.regexLiterals(value)
        }
    }

    /// `NAME = value` pairs; a value runs until the next line that starts a new assignment at the left margin.
    static func assignments(_ code: String) -> [String: String] {
        var result: [String: String] = [:]
        var name: String?
        var value: [String] = []
        func finish() {
            if let name { result[name] = value.joined(separator: "\n") }
        }
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first.isLetter, let equals = line.firstIndex(of: "="),
               line[..<equals].trimmingCharacters(in: .whitespaces).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                finish()
                name = line[..<equals].trimmingCharacters(in: .whitespaces)
                value = [line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)]
            } else {
                value.append(String(line))
            }
        }
        finish()
        return result
    }

    /// The code inside `quote … end` or `:( … )`; nil for `nothing`.
    static func quotedCode(_ value: String) -> String? {
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if text == "nothing" { return nil }
        if text.hasPrefix("quote"), text.hasSuffix("end") {
            return String(text.dropFirst(5).dropLast(3)).trimmingCharacters(in: .newlines)
        }
        if text.hasPrefix(":("), text.hasSuffix(")") {
            return String(text.dropFirst(2).dropLast())
        }
        return text
    }

    /// The patterns of the `r"…"` literals in a value.
    static func regexLiterals(_ value: String) -> [String] {
        var patterns: [String] = []
        var characters = Substring(value)
        while let start = characters.range(of: "r\"") {
            var pattern = ""
            var rest = characters[start.upperBound...]
            while let character = rest.first, character != "\"" {
                rest.removeFirst()
                if character == "\\", let escaped = rest.first, escaped == "\"" {
                    pattern.append(escaped)
                    rest.removeFirst()
                } else {
                    pattern.append(character)
                }
            }
            patterns.append(pattern)
            characters = rest.dropFirst()
        }
        return patterns
    }
}
