/// The syntax tree of a formula's text, parsed with Julia's operator precedences and keeping the columns of
/// every node for error carets.
///
/// Grammar (lowest precedence first; all binary operators left-associative except `^`):
///
///     formula  := sum '~' sum
///     sum      := product (('+' | '-' | '|') product)*
///     product  := unary (('*' | '/' | '&') unary)*
///     unary    := '-' unary | power
///     power    := primary ('^' unary)?
///     primary  := NUMBER | NAME | NAME '(' [sum (',' sum)*] ')' | '(' sum ')'
indirect enum SyntaxNode {
    case name(String, at: Int)
    case number(Double, literal: String, at: Int)
    case call(String, [SyntaxNode], at: Int)
    case binary(String, SyntaxNode, SyntaxNode, at: Int)
    case prefix(String, SyntaxNode, at: Int)
    case parenthesized(SyntaxNode, at: Int)

    var column: Int {
        switch self {
        case .name(_, let at), .number(_, _, let at), .call(_, _, let at), .parenthesized(_, let at): at
        case .binary(_, let lhs, _, _): lhs.column
        case .prefix(_, _, let at): at
        }
    }
}

struct FormulaToken: Equatable {
    enum Kind: Equatable { case name, number, symbol, end }
    var kind: Kind
    var text: String
    var column: Int
}

/// Splits formula text into names, numbers and one-character operators.
func tokenizeFormula(_ source: String) throws -> [FormulaToken] {
    let chars = Array(source)
    var tokens: [FormulaToken] = []
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if c.isWhitespace { i += 1; continue }
        let start = i
        if c.isLetter || c == "_" {
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "!" { i += 1 }
            tokens.append(FormulaToken(kind: .name, text: String(chars[start..<i]), column: start))
        } else if c.isASCII && (c.isNumber || c == ".") {
            while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." { i += 1 }
            if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                var j = i + 1
                if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
                if j < chars.count, chars[j].isASCII, chars[j].isNumber {
                    i = j
                    while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
                }
            }
            tokens.append(FormulaToken(kind: .number, text: String(chars[start..<i]), column: start))
        } else if "~+-*/^&|(),".contains(c) {
            tokens.append(FormulaToken(kind: .symbol, text: String(c), column: start))
            i += 1
        } else if c == ":" {
            throw FormulaError("unexpected ':' (write column names without a colon)", source: source, column: start)
        } else {
            throw FormulaError("unexpected character '\(c)'", source: source, column: start)
        }
    }
    tokens.append(FormulaToken(kind: .end, text: "", column: chars.count))
    return tokens
}

/// A recursive-descent parser over the tokens of one formula.
struct FormulaSyntaxParser {
    /// Limits that keep the recursive parser and lowering within any thread's stack: a chain `a + b + …` nests
    /// one level per operator, parentheses, `-` and `^` one per level.
    static let maximumTokenCount = 2000
    static let maximumNesting = 100

    let source: String
    var tokens: [FormulaToken]
    var index = 0
    var nesting = 0

    init(source: String) throws {
        self.source = source
        self.tokens = try tokenizeFormula(source)
        if tokens.count > Self.maximumTokenCount {
            throw FormulaError("the formula is too long: more than \(Self.maximumTokenCount) names, numbers and "
                               + "operators", source: source, column: tokens[Self.maximumTokenCount].column)
        }
    }

    var current: FormulaToken { tokens[index] }

    func error(_ message: String, at column: Int) -> FormulaError {
        FormulaError(message, source: source, column: column)
    }

    /// `lhs ~ rhs`, consuming all tokens.
    mutating func parseFormula() throws -> (response: SyntaxNode, tilde: Int, predictors: SyntaxNode) {
        if current.kind == .symbol && current.text == "~" {
            throw error("the formula has no response before '~'", at: current.column)
        }
        let lhs = try parseSum()
        guard current.kind == .symbol, current.text == "~" else {
            if current.kind == .end { throw error("a formula needs '~' between response and predictors", at: current.column) }
            throw unexpected()
        }
        let tilde = current.column
        index += 1
        let rhs = try parseSum()
        if current.kind != .end {
            if current.text == "~" { throw error("a formula has only one '~'", at: current.column) }
            throw unexpected()
        }
        return (lhs, tilde, rhs)
    }

    func unexpected() -> FormulaError {
        switch current.kind {
        case .end: error("the formula ends where a term is expected", at: current.column)
        default:
            current.text == ")" ? error("unbalanced parentheses: ')' without '('", at: current.column)
                : error("unexpected '\(current.text)'", at: current.column)
        }
    }

    mutating func parseSum() throws -> SyntaxNode {
        var node = try parseProduct()
        while current.kind == .symbol, ["+", "-", "|"].contains(current.text) {
            let op = current.text, at = current.column
            index += 1
            node = .binary(op, node, try parseProduct(), at: at)
        }
        return node
    }

    mutating func parseProduct() throws -> SyntaxNode {
        var node = try parseUnary()
        while current.kind == .symbol, ["*", "/", "&"].contains(current.text) {
            let op = current.text, at = current.column
            index += 1
            node = .binary(op, node, try parseUnary(), at: at)
        }
        return node
    }

    mutating func parseUnary() throws -> SyntaxNode {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Self.maximumNesting {
            throw error("the formula is nested too deeply (more than \(Self.maximumNesting) levels)", at: current.column)
        }
        if current.kind == .symbol, current.text == "+" {
            throw error("a term is expected before '+'", at: current.column)
        }
        if current.kind == .symbol, current.text == "-" {
            let op = current.text, at = current.column
            index += 1
            // Julia reads `-1` as the literal minus one.
            if op == "-", current.kind == .number, let value = Double(current.text) {
                let literal = "-" + current.text
                index += 1
                return try parsePowerTail(.number(-value, literal: literal, at: at))
            }
            return .prefix(op, try parseUnary(), at: at)
        }
        return try parsePowerTail(try parsePrimary())
    }

    mutating func parsePowerTail(_ base: SyntaxNode) throws -> SyntaxNode {
        guard current.kind == .symbol, current.text == "^" else { return base }
        let at = current.column
        index += 1
        return .binary("^", base, try parseUnary(), at: at)
    }

    mutating func parsePrimary() throws -> SyntaxNode {
        let token = current
        switch token.kind {
        case .number:
            index += 1
            guard let value = Double(token.text) else { throw error("malformed number '\(token.text)'", at: token.column) }
            return .number(value, literal: token.text, at: token.column)
        case .name:
            index += 1
            guard current.kind == .symbol, current.text == "(" else { return .name(token.text, at: token.column) }
            let open = current.column
            index += 1
            var arguments: [SyntaxNode] = []
            if !(current.kind == .symbol && current.text == ")") {
                arguments.append(try parseSum())
                while current.kind == .symbol, current.text == "," {
                    index += 1
                    arguments.append(try parseSum())
                }
            }
            try expectClosing(openedAt: open)
            return .call(token.text, arguments, at: token.column)
        case .symbol where token.text == "(":
            index += 1
            if current.kind == .symbol, current.text == ")" {
                throw error("empty parentheses: a term is expected inside", at: current.column)
            }
            let inner = try parseSum()
            try expectClosing(openedAt: token.column)
            return .parenthesized(inner, at: token.column)
        case .end:
            throw error("the formula ends where a term is expected", at: token.column)
        case .symbol:
            if token.text == ")" { throw error("empty term before ')'", at: token.column) }
            throw error("a term is expected before '\(token.text)'", at: token.column)
        }
    }

    mutating func expectClosing(openedAt open: Int) throws {
        if current.kind == .symbol, current.text == ")" { index += 1; return }
        if current.kind == .end || current.text == "~" {
            throw error("unbalanced parentheses: '(' is never closed", at: open)
        }
        throw unexpected()
    }
}
