import Foundation
import MixedModelsLanguage

/// Reads the fenced blocks of Documenter.jl pages, so that a MixedModels.jl documentation page runs as it is:
/// `@example` (with `continued = true`), `@setup`, `@repl`, `jldoctest` (script and REPL forms, with `setup`,
/// `filter` and `output` options), `# hide` lines, and `DocTestSetup` /
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
    private var filters: [DoctestFilter] = []
    /// Code of `@example … ; continued = true` blocks, by session, waiting for the session's next `@example` block.
    private var continued: [String: BlockStep] = [:]

    /// Whether a fence's info string is Documenter's (`@…` or `jldoctest`).
    static func isDocumenter(_ info: String) -> Bool {
        let word = directive(info)
        return word.hasPrefix("@") || word == "jldoctest"
    }

    /// The fence's directive: its first word, which a `;` may end (```` ```jldoctest; setup = … ````).
    static func directive(_ info: String) -> String {
        String(NotebookReader.firstWord(info).prefix { $0 != ";" })
    }

    /// Reads one Documenter block whose contents (indentation removed) stand on lines `opening + 1 ..< closing`.
    mutating func read(info: String, contents lines: [String], opening: Int, closing: Int, index: Int,
                       path: String) throws -> Item {
        let word = Self.directive(info)
        // The label is the word before `;`; the options after it are `jldoctest`'s `setup`, `filter` and `output`
        // and `@example`'s `continued`.
        let label = NotebookReader.firstWord(String(info.drop { $0.isWhitespace }.dropFirst(word.count)
            .prefix { $0 != ";" }))
        let options = info.firstIndex(of: ";").map { Self.keywordOptions(String(info[info.index(after: $0)...])) } ?? [:]
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
            joinContinued(&block, lines: lines, opening: opening, continues: options["continued"] == "true")
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
            block.filters = filters + (options["filter"].map(Self.filters) ?? [])
            try readDoctest(&block, lines: lines, opening: opening, closing: closing, path: path,
                            setup: options["setup"].flatMap(Self.quotedCode))
            // `output = false` checks the output but leaves it off the page.
            if options["output"] == "false" { block.options.output = false }
        default:
            return .note(NotebookNote(line: opening, message: "Documenter's `\(word)` block is not rendered here"))
        }
        return .block(block)
    }

    /// Documenter's `continued = true`: the block's code is held back and runs as one piece with the next
    /// `@example` block of its session (so a loop may span both). The lines between them become blank lines, so
    /// that positions in messages stay those of the file.
    private mutating func joinContinued(_ block: inout NotebookBlock, lines: [String], opening: Int, continues: Bool) {
        let session = block.options.session ?? ""
        var code = lines.joined(separator: "\n")
        var firstLine = opening + 1
        if let held = continued.removeValue(forKey: session) {
            let heldLines = held.code.split(separator: "\n", omittingEmptySubsequences: false).count
            let gap = max(0, firstLine - held.firstLine - heldLines)
            code = held.code + "\n" + String(repeating: "\n", count: gap) + code
            firstLine = held.firstLine
            block.steps = [BlockStep(code: code, firstLine: firstLine, shown: true)]
        }
        if continues {
            continued[session] = BlockStep(code: code, firstLine: firstLine, shown: true)
            block.isContinued = true
        }
    }

    private func readDoctest(_ block: inout NotebookBlock, lines: [String], opening: Int, closing: Int,
                             path: String, setup blockSetup: String?) throws {
        var steps: [BlockStep] = []
        for code in [setup, blockSetup].compactMap({ $0 }) {
            steps.append(BlockStep(code: code, firstLine: opening, shown: false))
        }
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
    /// it. In a doctest the other lines are the documented output.
    private func replSteps(_ lines: [String], opening: Int, prompted: Bool) -> [BlockStep] {
        guard prompted else { return Self.expressionSteps(lines, opening: opening) }
        var steps: [BlockStep] = []
        var current: [String] = []
        var firstLine = 0
        func finish() {
            if !current.isEmpty { steps.append(BlockStep(code: current.joined(separator: "\n"), firstLine: firstLine, shown: true)) }
            current = []
        }
        for (offset, line) in lines.enumerated() {
            let number = opening + 1 + offset
            if line.hasPrefix("julia>") {
                finish()
                firstLine = number
                current = [String(line.dropFirst(6).drop { $0 == " " })]
            } else if !current.isEmpty, line.hasPrefix("       ") {
                current.append(String(line.dropFirst(7)))
            } else {
                finish()
            }
        }
        finish()
        return steps
    }

    /// The most lines one `@repl` input may span: longer ones are not looked for, since lines that never parse
    /// would otherwise make splitting quadratic in the block's length.
    static let maximumExpressionLines = 200

    /// The top-level expressions of an `@repl` block, one input each, as Documenter parses them: from each line
    /// that starts an expression, the fewest lines that parse as complete code (blank lines inside an expression
    /// belong to it). A line that never completes an expression is an input of its own, so that the syntax error is
    /// reported at its line.
    static func expressionSteps(_ lines: [String], opening: Int) -> [BlockStep] {
        var steps: [BlockStep] = []
        var start = 0
        let isBlank = { (line: String) in line.allSatisfy(\.isWhitespace) }
        while start < lines.count {
            guard !isBlank(lines[start]) else {
                start += 1
                continue
            }
            var end = start
            let limit = min(lines.count, start + maximumExpressionLines)
            while end < limit, Session.syntaxError(in: lines[start...end].joined(separator: "\n")) != nil {
                end += 1
            }
            if end == limit { end = start }
            var code = Array(lines[start...end])
            while let last = code.last, isBlank(last) { code.removeLast() }
            steps.append(BlockStep(code: code.joined(separator: "\n"), firstLine: opening + 1 + start, shown: true))
            start = end + 1
        }
        return steps
    }

    /// `DocTestSetup = quote … end` (or `:( … )`, or `nothing`) and `DocTestFilters = r"…"` (or a vector of them,
    /// or `nothing`).
    private mutating func readMeta(_ code: String) {
        let assignments = Self.assignments(code)
        if let value = assignments["DocTestSetup"] {
            setup = Self.quotedCode(value)
        }
        if let value = assignments["DocTestFilters"] {
            filters = Self.filters(value)
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

    /// The `key = value` options after a fence's `;` (`setup = :(using X), filter = r"…" => s"", output = false`),
    /// split at the commas that stand outside brackets and string literals.
    static func keywordOptions(_ text: String) -> [String: String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var inString = false
        var previous: Character = " "
        for character in text {
            if inString {
                if character == "\"", previous != "\\" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if "([{".contains(character) {
                depth += 1
            } else if ")]}".contains(character) {
                depth -= 1
            } else if character == ",", depth == 0 {
                parts.append(current)
                current = ""
                previous = character
                continue
            }
            current.append(character)
            previous = character
        }
        parts.append(current)
        var options: [String: String] = [:]
        for part in parts {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let key = part[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "_" }) else { continue }
            options[key] = part[part.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return options
    }

    /// The filters of a `DocTestFilters` value: `r"…"` literals, each optionally followed by `=> "replacement"`
    /// (or `=> s"replacement"`).
    static func filters(_ value: String) -> [DoctestFilter] {
        var filters: [DoctestFilter] = []
        var rest = Substring(value)
        while let start = rest.range(of: "r\"") {
            rest = rest[start.upperBound...]
            let pattern = stringLiteral(&rest)
            var replacement = ""
            let afterPattern = rest.drop { $0 == " " || $0 == "\t" }
            if afterPattern.hasPrefix("=>") {
                let target = afterPattern.dropFirst(2).drop { $0 == " " || $0 == "\t" }
                if target.hasPrefix("\"") || target.hasPrefix("s\"") {
                    rest = target.drop { $0 == "s" }.dropFirst()
                    replacement = stringLiteral(&rest)
                }
            }
            filters.append(DoctestFilter(pattern: pattern, replacement: replacement))
        }
        return filters
    }

    /// The text of a string literal whose opening quote was just read, with `\"` unescaped; `rest` moves past its
    /// closing quote.
    private static func stringLiteral(_ rest: inout Substring) -> String {
        var text = ""
        while let character = rest.first, character != "\"" {
            rest.removeFirst()
            if character == "\\", let escaped = rest.first, escaped == "\"" {
                text.append(escaped)
                rest.removeFirst()
            } else {
                text.append(character)
            }
        }
        rest = rest.dropFirst()
        return text
    }
}
