/// Splits a block's characters into tokens, Julia style.
struct Lexer {
    private let source: [Character]
    private var index = 0
    private var tokens: [Token] = []
    private var sawSpace = false

    init(_ source: [Character]) {
        self.source = source
    }

    /// Operators, longest first so that `.==` wins over `.=` and `==` over `=`.
    private static let operators: [String] = [
        ".+=", ".-=", ".*=", "./=", ".^=",
        "...", ".==", ".!=", ".<=", ".>=", "===", "!==", ".≈", ".≠", ".≤", ".≥",
        "=>", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=", "/=", "^=", "÷=", "%=", "::", "|>", "//", "->",
        ".+", ".-", ".*", "./", ".^", ".<", ".>", ".=", ".÷", ".%", ".!",
        "+", "-", "*", "/", "^", "%", "÷", "\\", "<", ">", "=", "!", "&", "|", "~", "?", ":", "≤", "≥", "≠",
        "∈", "∉", "≈", "∘", "⊗",
        "(", ")", "[", "]", "{", "}", ",", ";", ".", "'",
    ]

    static func tokenize(_ source: [Character]) throws -> [Token] {
        var lexer = Lexer(source)
        try lexer.run()
        return lexer.tokens
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        index + ahead < source.count ? source[index + ahead] : nil
    }

    private mutating func run() throws {
        while let c = peek() {
            if c == "#" {
                try skipComment()
                sawSpace = true
            } else if c == "\n" || c == "\r\n" {
                add(.newline, from: index, to: index + 1)
                index += 1
            } else if c.isWhitespace {
                index += 1
                sawSpace = true
            } else if c == "\\" && (peek(1) == "\n" || peek(1) == "\r\n") {
                index += 2
                sawSpace = true
            } else if c.isNumber && c.isASCII {
                try lexNumber()
                multiplyJuxtaposed()
            } else if c == "." && (peek(1).map { $0.isASCII && $0.isNumber } ?? false) && !previousEndsValue {
                try lexNumber()
                multiplyJuxtaposed()
            } else if Lexer.isIdentifierStart(c) {
                lexIdentifier()
            } else if c == "\"" {
                try lexString()
            } else if c == "@" && peek(1) == "." {
                add(.macro("."), from: index, to: index + 2)
                index += 2
            } else if c == "@" {
                let start = index
                index += 1
                guard let first = peek(), Lexer.isIdentifierStart(first) else {
                    throw LanguageError("expected a macro name after `@`", at: start)
                }
                let name = readIdentifierText()
                add(.macro(name), from: start, to: index)
            } else if c == "$" {
                add(.dollar, from: index, to: index + 1)
                index += 1
            } else if c == ":" && isSymbolStart() {
                let start = index
                index += 1
                let name = readIdentifierText()
                add(.symbol(name), from: start, to: index)
            } else {
                try lexOperator()
            }
        }
        add(.end, from: source.count, to: source.count)
    }

    /// `2x`, `2π`, `3(a + b)`: a number written right before a name or `(` multiplies it, as in Julia.
    private mutating func multiplyJuxtaposed() {
        guard let next = peek(), Lexer.isIdentifierStart(next) || next == "(" else { return }
        tokens.append(Token(kind: .op("*"), offset: index, endOffset: index, spaceBefore: false))
    }

    private mutating func add(_ kind: Token.Kind, from start: Int, to end: Int) {
        tokens.append(Token(kind: kind, offset: start, endOffset: end, spaceBefore: sawSpace))
        sawSpace = false
    }

    /// True when the previous token can end an expression (so `:` or `.` after it is an operator).
    private var previousEndsValue: Bool {
        guard let last = tokens.last, !sawSpace else { return false }
        switch last.kind {
        case .identifier, .integer, .float, .string, .symbol: return true
        case .op(let o): return o == ")" || o == "]" || o == "}" || o == "'"
        default: return false
        }
    }

    /// `:name` is a symbol unless the colon follows a value (then it is the range operator, as in `1:n`).
    private func isSymbolStart() -> Bool {
        guard let next = peek(1), Lexer.isIdentifierStart(next) else { return false }
        guard let last = tokens.last else { return true }
        switch last.kind {
        case .identifier(let name):
            return ["in", "return", "using", "import"].contains(name) ? true : sawSpace && !nextIsSpace
        case .integer, .float, .string, .symbol: return false
        case .op(let o): return !(o == ")" || o == "]" || o == "}" || o == "'")
        default: return true
        }
    }

    private var nextIsSpace: Bool { peek(1)?.isWhitespace ?? true }

    private mutating func skipComment() throws {
        let start = index
        if peek(1) == "=" {
            // `#= … =#` block comment
            index += 2
            while index < source.count {
                if peek() == "=" && peek(1) == "#" { index += 2; return }
                index += 1
            }
            throw LanguageError("unterminated `#=` comment: expected `=#`", at: start)
        }
        while let c = peek(), c != "\n", c != "\r\n" { index += 1 }
    }

    static func isIdentifierStart(_ c: Character) -> Bool {
        c == "_" || c.isLetter
    }

    static func isIdentifierContinue(_ c: Character) -> Bool {
        isIdentifierStart(c) || c.isNumber || c == "′" || c.unicodeScalars.first.map {
            // combining marks, subscripts and superscripts (`x₁`, `θ̂`)
            $0.properties.generalCategory == .nonspacingMark || (0x2070...0x209F).contains($0.value)
        } == true
    }

    private mutating func readIdentifierText() -> String {
        var name = ""
        while let c = peek(), Lexer.isIdentifierContinue(c) {
            name.append(c)
            index += 1
        }
        // Julia names may end in `!` (`fit!`), unless it begins `!=`.
        while peek() == "!" && peek(1) != "=" {
            name.append("!")
            index += 1
        }
        return name
    }

    private mutating func lexIdentifier() {
        let start = index
        let name = readIdentifierText()
        add(.identifier(name), from: start, to: index)
    }

    private mutating func lexNumber() throws {
        let start = index
        var text = ""
        var isFloat = false
        if peek() == "0", let x = peek(1), x == "x" || x == "b" || x == "o" {
            index += 2
            let radix = x == "x" ? 16 : (x == "b" ? 2 : 8)
            while let c = peek(), c.isHexDigit || c == "_" { if c != "_" { text.append(c) }; index += 1 }
            guard let value = Int(text, radix: radix) else {
                throw LanguageError("malformed number literal: expected digits after `0\(x)`", at: start)
            }
            add(.integer(value), from: start, to: index)
            return
        }
        func digits() {
            while let c = peek(), (c.isASCII && c.isNumber) || c == "_" {
                if c != "_" { text.append(c) }
                index += 1
            }
        }
        digits()
        // A `.` continues the number unless it starts an operator (`1.+x`) or a property access.
        if peek() == ".", !(peek(1).map { "+-*/^=<>!.".contains($0) || Lexer.isIdentifierStart($0) && $0 != "e" } ?? false) {
            isFloat = true
            text.append(".")
            index += 1
            digits()
        }
        if let e = peek(), e == "e" || e == "E" || e == "f",
           let next = peek(1), next.isNumber || ((next == "-" || next == "+") && (peek(2)?.isNumber ?? false)) {
            isFloat = true
            text.append("e")
            index += 1
            if next == "-" || next == "+" { text.append(next); index += 1 }
            digits()
        }
        if isFloat {
            guard let value = Double(text.hasPrefix(".") ? "0" + text : text) else {
                throw LanguageError("malformed number literal `\(text)`", at: start)
            }
            add(.float(value), from: start, to: index)
        } else {
            guard let value = Int(text) else {
                throw LanguageError("integer literal `\(text)` is too large", at: start)
            }
            add(.integer(value), from: start, to: index)
        }
    }

    private mutating func lexString() throws {
        let start = index
        index += 1
        var parts: [StringPart] = []
        var text = ""
        while true {
            guard let c = peek() else {
                throw LanguageError("unterminated string: expected a closing `\"`", at: start)
            }
            index += 1
            switch c {
            case "\"":
                if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
                add(.string(parts), from: start, to: index)
                return
            case "\\":
                guard let e = peek() else { continue }
                index += 1
                switch e {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "0": text.append("\0")
                case "\\", "\"", "$", "'": text.append(e)
                default: throw LanguageError("unknown escape sequence `\\\(e)` in string", at: index - 2)
                }
            case "$":
                if !text.isEmpty { parts.append(.text(text)); text = "" }
                try lexInterpolation(into: &parts)
            default:
                text.append(c)
            }
        }
    }

    /// Reads `$name` or `$(expr)` inside a string.
    private mutating func lexInterpolation(into parts: inout [StringPart]) throws {
        let dollar = index - 1
        if peek() == "(" {
            var depth = 0
            let exprStart = index + 1
            while let c = peek() {
                if c == "(" { depth += 1 } else if c == ")" {
                    depth -= 1
                    if depth == 0 { break }
                } else if c == "\n" || c == "\r\n" { break }
                index += 1
            }
            guard peek() == ")" else {
                throw LanguageError("unterminated `$(` in string: expected `)`", at: dollar)
            }
            parts.append(.interpolation(String(source[exprStart..<index]), exprStart))
            index += 1
        } else if let c = peek(), Lexer.isIdentifierStart(c) {
            let exprStart = index
            var name = ""
            while let c = peek(), Lexer.isIdentifierContinue(c) { name.append(c); index += 1 }
            parts.append(.interpolation(name, exprStart))
        } else {
            throw LanguageError("expected a name or `(` after `$` in string (write `\\$` for a dollar sign)", at: dollar)
        }
    }

    /// The operators as characters, grouped by their first character (longest first within each group).
    private static let operatorsByFirst: [Character: [(String, [Character])]] = {
        var table: [Character: [(String, [Character])]] = [:]
        for op in operators { table[op.first!, default: []].append((op, Array(op))) }
        return table
    }()

    private mutating func lexOperator() throws {
        let start = index
        for (op, chars) in Lexer.operatorsByFirst[source[index]] ?? [] where index + chars.count <= source.count {
            var matches = true
            for k in 1..<chars.count where source[index + k] != chars[k] {
                matches = false
                break
            }
            if matches {
                index += chars.count
                add(.op(op), from: start, to: index)
                return
            }
        }
        throw LanguageError("unexpected character `\(source[index])`", at: start)
    }
}
