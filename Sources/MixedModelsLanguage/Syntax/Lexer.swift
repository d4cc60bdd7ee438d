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
        ".+=", ".-=", ".*=", "./=", ".^=", ".=>",
        "...", ".==", ".!=", ".<=", ".>=", "===", "!==", ".≈", ".≠", ".≤", ".≥",
        "=>", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=", "/=", "^=", "÷=", "%=", "::", "|>", "//", "->",
        ".+", ".-", ".*", "./", ".^", ".<", ".>", ".=", ".÷", ".%", ".!", ".&", ".|",
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
            } else if c == "'" && !quoteIsAdjoint {
                try lexCharacter()
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
        case .identifier, .integer, .float, .string, .char, .symbol: return true
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
        case .integer, .float, .string, .char, .symbol: return false
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
                text.unicodeScalars.append(try readEscape(e, in: "string"))
            case "$":
                if !text.isEmpty { parts.append(.text(text)); text = "" }
                try lexInterpolation(into: &parts)
            default:
                text.append(c)
            }
        }
    }

    /// True when a `'` here is the postfix adjoint (`x'`, `A[1, :]'`, `f(x)'`, `x''`) rather than the start of a
    /// character literal: it follows a value with no space between.
    private var quoteIsAdjoint: Bool {
        guard let last = tokens.last, !sawSpace else { return false }
        switch last.kind {
        case .identifier(let name): return name == "end" || !Parser.reservedWords.contains(name)
        case .integer, .float: return true
        case .op(let o): return o == ")" || o == "]" || o == "}" || o == "'"
        default: return false
        }
    }

    /// Reads a character literal: `'a'`, `'σ'`, `'\n'`, `'\''`, `'\u03c3'`.
    private mutating func lexCharacter() throws {
        let start = index
        index += 1
        guard let c = peek(), c != "\n", c != "\r\n" else {
            throw LanguageError("unterminated character literal: expected a character and a closing `'`", at: start)
        }
        guard c != "'" else { throw LanguageError("empty character literal `''`", at: start) }
        index += 1
        let scalar: Unicode.Scalar
        if c == "\\" {
            guard let e = peek() else {
                throw LanguageError("unterminated character literal: expected a closing `'`", at: start)
            }
            index += 1
            scalar = try readEscape(e, in: "character literal")
        } else {
            guard c.unicodeScalars.count == 1, let only = c.unicodeScalars.first else {
                throw LanguageError("character literal holds more than one character: use a string (\"…\")", at: start)
            }
            scalar = only
        }
        guard peek() == "'" else {
            throw LanguageError("character literal holds more than one character: use a string (\"…\") or close "
                                + "the literal with `'`", at: start)
        }
        index += 1
        add(.char(scalar), from: start, to: index)
    }

    /// The character a backslash escape stands for, the escape letter `e` already read: Julia's `\n \t \r \0 \a
    /// \b \f \v \e`, the quotes, `\\`, `\$`, octal `\101` and hexadecimal `\x41`, `\u03c3`, `\U0001F600`.
    private mutating func readEscape(_ e: Character, in what: String) throws -> Unicode.Scalar {
        let at = index - 2
        switch e {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "a": return "\u{07}"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "v": return "\u{0B}"
        case "e": return "\u{1B}"
        case "\\", "\"", "$", "'", "`": return e.unicodeScalars.first!
        case "x", "u", "U":
            let most = e == "x" ? 2 : (e == "u" ? 4 : 8)
            return try readCode(radix: 16, most: most, at: at, escape: "\\\(e)", in: what)
        case "0"..."7":
            index -= 1
            return try readCode(radix: 8, most: 3, at: at, escape: "\\", in: what)
        default: throw LanguageError("unknown escape sequence `\\\(e)` in \(what)", at: at)
        }
    }

    /// Up to `most` digits of a numeric escape, as a Unicode code point.
    private mutating func readCode(radix: Int, most: Int, at: Int, escape: String, in what: String) throws -> Unicode.Scalar {
        var digits = ""
        while digits.count < most, let d = peek(), d.isASCII, d.hexDigitValue.map({ $0 < radix }) == true {
            digits.append(d)
            index += 1
        }
        guard let code = UInt32(digits, radix: radix), let scalar = Unicode.Scalar(code) else {
            throw LanguageError("invalid escape sequence `\(escape)\(digits)` in \(what): expected "
                                + (radix == 16 ? "hexadecimal digits of a Unicode code point" : "octal digits"),
                                at: at)
        }
        return scalar
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
