/// A recursive-descent parser for the block language, with Julia's operator precedence.
struct Parser {
    let source: [Character]
    var tokens: [Token]
    var position = 0
    /// Depth of open brackets: inside them, line breaks do not end an expression.
    var nesting = 0
    /// True while parsing the argument of `@benchmark`/`@benchmarkable`, where `$x` is allowed.
    var inBenchmark = false
    /// Added to every offset (for code parsed out of a string interpolation).
    let baseOffset: SourceOffset

    init(source: [Character], baseOffset: SourceOffset = 0) throws {
        self.source = source
        self.baseOffset = baseOffset
        self.tokens = try Lexer.tokenize(source).map {
            var t = $0
            t.offset += baseOffset
            t.endOffset += baseOffset
            return t
        }
    }

    static func parse(_ code: String) throws -> Program {
        var parser = try Parser(source: Array(code))
        return try parser.parseProgram()
    }

    // MARK: token access

    /// The next significant token (line breaks are skipped inside brackets).
    var current: Token {
        mutating get {
            skipInsignificantNewlines()
            return tokens[position]
        }
    }

    mutating func skipInsignificantNewlines() {
        if nesting > 0 { while tokens[position].kind == .newline { position += 1 } }
    }

    mutating func skipNewlines() {
        while tokens[position].kind == .newline { position += 1 }
    }

    @discardableResult
    mutating func advance() -> Token {
        let t = current
        if !t.isEnd { position += 1 }
        return t
    }

    mutating func check(_ op: String) -> Bool { current.isOp(op) }

    mutating func accept(_ op: String) -> Bool {
        if check(op) { advance(); return true }
        return false
    }

    mutating func expect(_ op: String, _ context: String) throws -> Token {
        let t = current
        guard t.isOp(op) else {
            throw LanguageError("expected `\(op)` \(context), found \(t.kind.described)", at: t.offset)
        }
        return advance()
    }

    /// The token after the current one, without consuming anything.
    mutating func peekNext() -> Token {
        _ = current
        var i = position + 1
        if nesting > 0 { while tokens[i].kind == .newline { i += 1 } }
        return tokens[min(i, tokens.count - 1)]
    }

    // MARK: statements

    mutating func parseProgram() throws -> Program {
        var statements: [Expr] = []
        var silenced = false
        while true {
            while current.kind == .newline || current.isOp(";") { advance() }
            if current.isEnd { break }
            statements.append(try parseStatement())
            silenced = false
            let t = current
            if t.isOp(";") {
                advance()
                silenced = true
                // `a; b` on one line: the value shown is b's, unless a `;` ends the line.
                while current.isOp(";") { advance() }
                if current.kind == .newline || current.isEnd { continue }
                silenced = false
                continue
            }
            guard t.kind == .newline || t.isEnd else {
                throw LanguageError("expected the end of the statement (a new line or `;`), found \(t.kind.described)",
                                    at: t.offset)
            }
        }
        return Program(statements: statements, silenced: silenced)
    }

    mutating func parseStatement() throws -> Expr {
        let t = current
        if case .identifier(let word) = t.kind, word == "using" || word == "import" {
            advance()
            while !(current.kind == .newline || current.isEnd || current.isOp(";")) { advance() }
            return Expr(kind: .using, offset: t.offset)
        }
        return try parseAssignment(allowTuple: true)
    }

    /// `a = b`, `a, b = t`, `x += 1`, or an expression (a bare `a, b` is a tuple when `allowTuple`).
    mutating func parseAssignment(allowTuple: Bool) throws -> Expr {
        let start = current.offset
        var lhs = try parseExpression()
        if allowTuple && check(",") {
            var items = [lhs]
            while accept(",") {
                if current.kind == .newline || current.isEnd || check("=") { break }
                items.append(try parseExpression())
            }
            lhs = Expr(kind: .tuple(items), offset: start)
        }
        let t = current
        if case .op(let o) = t.kind, ["=", "+=", "-=", "*=", "/="].contains(o) {
            advance()
            try validateTarget(lhs)
            skipNewlines()
            let value = try parseAssignment(allowTuple: allowTuple)
            return Expr(kind: .assign(target: lhs, value: value, op: o == "=" ? nil : String(o.dropLast())),
                        offset: lhs.offset)
        }
        return lhs
    }

    private func validateTarget(_ target: Expr) throws {
        switch target.kind {
        case .name, .property, .index: return
        case .tuple(let items):
            for item in items {
                guard case .name = item.kind else {
                    throw LanguageError("expected a variable name on the left of a destructuring `=`", at: item.offset)
                }
            }
        default:
            throw LanguageError("expected a variable, property or indexed element on the left of `=`",
                                at: target.offset)
        }
    }

    // MARK: binary operators

    /// Binding power and right-associativity of each binary operator (Julia's table).
    static func precedence(_ op: String) -> (Int, Bool)? {
        switch op {
        case "~": return (1, true)
        case "=>": return (2, true)
        case "?": return (3, true)
        case "||": return (4, true)
        case "&&": return (5, true)
        case "==", "!=", "<", ">", "<=", ">=", "===", "!==", "≤", "≥", "≠", "in", "∈", "isa",
             ".==", ".!=", ".<", ".>", ".<=", ".>=": return (6, false)
        case "|>": return (7, false)
        case ":": return (8, false)
        case "+", "-", "|", ".+", ".-": return (9, false)
        case "*", "/", "%", "÷", "&", "\\", ".*", "./": return (10, false)
        case "//": return (11, false)
        default: return nil
        }
    }

    mutating func currentBinaryOperator() -> String? {
        let t = current
        switch t.kind {
        case .op(let o): return Parser.precedence(o) == nil ? nil : o
        case .identifier(let w) where w == "in" || w == "isa": return w
        default: return nil
        }
    }

    mutating func parseExpression(minPrecedence: Int = 0) throws -> Expr {
        var lhs = try parseUnary()
        while let op = currentBinaryOperator(), let (prec, right) = Parser.precedence(op), prec > minPrecedence {
            let opToken = advance()
            skipNewlines()
            if op == "?" {
                let then = try parseExpression(minPrecedence: Parser.precedence(":")!.0)
                _ = try expect(":", "in the conditional `a ? b : c`")
                skipNewlines()
                let otherwise = try parseExpression(minPrecedence: prec - 1)
                lhs = Expr(kind: .ternary(condition: lhs, then: then, otherwise: otherwise), offset: lhs.offset)
                continue
            }
            let rhs = try parseExpression(minPrecedence: right ? prec - 1 : prec)
            switch op {
            case "&&": lhs = Expr(kind: .and(lhs, rhs), offset: lhs.offset)
            case "||": lhs = Expr(kind: .or(lhs, rhs), offset: lhs.offset)
            case "|>": lhs = Expr(kind: .call(callee: rhs, arguments: [Argument(value: lhs)], broadcast: false),
                                  offset: opToken.offset)
            default: lhs = Expr(kind: .binary(op: op, lhs: lhs, rhs: rhs), offset: lhs.offset)
            }
        }
        return lhs
    }

    mutating func parseUnary() throws -> Expr {
        let t = current
        if case .op(let o) = t.kind, o == "-" || o == "+" || o == "!" || o == ".-" {
            advance()
            // A lone `!` (as in `df[!, :col]`) is the function itself.
            if o == "!", current.isOp(",") || current.isOp("]") || current.isOp(")") {
                return Expr(kind: .name("!"), offset: t.offset)
            }
            let operand = try parseUnary()
            if o == "-", case .integer(let i) = operand.kind, operand.offset == t.endOffset {
                return Expr(kind: .integer(-i), offset: t.offset)
            }
            if o == "-", case .float(let d) = operand.kind, operand.offset == t.endOffset {
                return Expr(kind: .float(-d), offset: t.offset)
            }
            return Expr(kind: .unary(op: o, operand: operand), offset: t.offset)
        }
        if t.kind == .dollar {
            guard inBenchmark else {
                throw LanguageError("`$` interpolation is only allowed inside @benchmark or @benchmarkable", at: t.offset)
            }
            advance()
            let operand = try parsePostfix(try parsePrimary())
            return Expr(kind: .interpolate(operand), offset: t.offset)
        }
        return try parsePower()
    }

    /// `a ^ b` binds tighter than unary minus on its left (`-2^2 == -4`) and is right-associative.
    mutating func parsePower() throws -> Expr {
        let base = try parsePostfix(try parsePrimary())
        if check("^") || check(".^") {
            let op = advance()
            skipNewlines()
            let exponent = try parseUnary()
            return Expr(kind: .binary(op: op.isOp("^") ? "^" : ".^", lhs: base, rhs: exponent), offset: base.offset)
        }
        return base
    }
}
