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
    /// Depth of nested expressions being parsed, bounded by `maximumDepth`.
    var depth = 0
    /// Depth of open index brackets, where `end` is the last index.
    var indexDepth = 0
    /// True inside `[…]` literals, where white space separates elements (`[1 -2]` has two).
    var spaceSeparated = false

    /// The deepest nesting of expressions a block may have; deeper code is refused before it can exhaust the stack.
    static let maximumDepth = 500

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
        if nesting > 0 && !spaceSeparated { while tokens[position].kind == .newline { position += 1 } }
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
        if nesting > 0 && !spaceSeparated { while tokens[i].kind == .newline { i += 1 } }
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
        if case .identifier(let word) = t.kind, word == "using" || word == "import" || word == "export" {
            advance()
            while !(current.kind == .newline || current.isEnd || current.isOp(";")) { advance() }
            return Expr(kind: .using, offset: t.offset)
        }
        return try parseAssignment(allowTuple: true)
    }

    /// Counts one more level of nesting, refusing code nested deeper than `maximumDepth`.
    mutating func enter(at offset: SourceOffset) throws {
        depth += 1
        if depth > Parser.maximumDepth {
            throw LanguageError("expression nested too deeply: at most \(Parser.maximumDepth) levels are allowed",
                                at: offset)
        }
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
        if case .op(let o) = t.kind, ["=", "+=", "-=", "*=", "/=", "^=", "÷=", "%="].contains(o) {
            advance()
            if o == "=", case .call(let callee, let arguments, false) = lhs.kind, case .name(let name) = callee.kind {
                skipNewlines()
                let body = try parseAssignment(allowTuple: false)
                return try shortFunction(name: name, arguments: arguments, body: body, at: lhs.offset)
            }
            try validateTarget(lhs)
            skipNewlines()
            let value = try parseAssignment(allowTuple: allowTuple)
            return Expr(kind: .assign(target: lhs, value: value, op: o == "=" ? nil : String(o.dropLast())),
                        offset: lhs.offset)
        }
        if case .op(let o) = t.kind, [".=", ".+=", ".-=", ".*=", "./=", ".^="].contains(o) {
            advance()
            try validateTarget(lhs)
            skipNewlines()
            let value = try parseAssignment(allowTuple: false)
            let op = o == ".=" ? nil : String(o.dropFirst().dropLast())
            return Expr(kind: .broadcastAssign(target: lhs, value: value, op: op), offset: lhs.offset)
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

    /// The binding power of comparisons, which chain (`a < b < c`).
    static let comparisonPrecedence = 6

    /// Binding power and right-associativity of each binary operator (Julia's table).
    static func precedence(_ op: String) -> (Int, Bool)? {
        switch op {
        case "~": return (1, true)
        case "=>", ".=>": return (2, true)
        case "?": return (3, true)
        case "||": return (4, true)
        case "&&": return (5, true)
        case "==", "!=", "<", ">", "<=", ">=", "===", "!==", "≤", "≥", "≠", "in", "∈", "∉", "isa", "≈",
             ".==", ".!=", ".<", ".>", ".<=", ".>=", ".≈", ".≠", ".≤", ".≥": return (comparisonPrecedence, false)
        case "|>": return (7, false)
        case ":": return (8, false)
        case "+", "-", "|", ".+", ".-", ".|": return (9, false)
        case "*", "/", "%", "÷", "&", "\\", ".*", "./", ".÷", ".%", ".&", "⊗": return (10, false)
        case "//": return (11, false)
        case "∘": return (12, false)
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
        try enter(at: current.offset)
        defer { depth -= 1 }
        var lhs = try parseUnary()
        if check("->") { return try parseLambda(parameters: lhs) }
        var chain = 0
        // True when `lhs` is a comparison this loop made, which a further comparison operator extends.
        var chainsComparison = false
        while let op = currentBinaryOperator(), let (prec, right) = Parser.precedence(op), prec > minPrecedence {
            if spaceSeparated && (op == "+" || op == "-") && current.spaceBefore
                && !peekNext().spaceBefore {
                // `[1 -2]`: a sign after a space starts a new element.
                break
            }
            chain += 1
            try enter(at: current.offset)
            let opToken = advance()
            skipNewlines()
            if op == "?" {
                let then = try parseExpression(minPrecedence: Parser.precedence(":")!.0)
                _ = try expect(":", "in the conditional `a ? b : c`")
                skipNewlines()
                let otherwise = try parseExpression(minPrecedence: prec - 1)
                lhs = Expr(kind: .ternary(condition: lhs, then: then, otherwise: otherwise), offset: lhs.offset)
                chainsComparison = false
                continue
            }
            let rhs = try parseExpression(minPrecedence: right ? prec - 1 : prec)
            if prec == Parser.comparisonPrecedence, chainsComparison {
                // `a < b < c`: one chain, not `(a < b) < c`.
                switch lhs.kind {
                case .binary(let first, let a, let b):
                    lhs = Expr(kind: .comparison(operands: [a, b, rhs], operators: [first, op]), offset: lhs.offset)
                case .comparison(let operands, let operators):
                    lhs = Expr(kind: .comparison(operands: operands + [rhs], operators: operators + [op]),
                               offset: lhs.offset)
                default: break
                }
                continue
            }
            chainsComparison = prec == Parser.comparisonPrecedence
            switch op {
            case "&&": lhs = Expr(kind: .and(lhs, rhs), offset: lhs.offset)
            case "||": lhs = Expr(kind: .or(lhs, rhs), offset: lhs.offset)
            case "|>": lhs = Expr(kind: .call(callee: rhs, arguments: [Argument(value: lhs)], broadcast: false),
                                  offset: opToken.offset)
            default: lhs = Expr(kind: .binary(op: op, lhs: lhs, rhs: rhs), offset: lhs.offset)
            }
        }
        depth -= chain
        return lhs
    }

    mutating func parseUnary() throws -> Expr {
        let t = current
        if case .op(let o) = t.kind, o == "-" || o == "+" || o == "!" || o == ".-" || o == ".!" {
            if o != ".-" && o != ".!" && isOperatorAsValue() { return try parsePostfix(operatorName()) }
            advance()
            try enter(at: t.offset)
            defer { depth -= 1 }
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
            try enter(at: op.offset)
            defer { depth -= 1 }
            let exponent = try parseUnary()
            return try juxtaposed(
                Expr(kind: .binary(op: op.isOp("^") ? "^" : ".^", lhs: base, rhs: exponent), offset: base.offset))
        }
        return try juxtaposed(base)
    }

    /// `2x`, `2x^2`, `1/2x`: a number written against a name or `(` multiplies it more tightly than `*` and `/`
    /// (Julia's juxtaposition: `1/2x == 1/(2x)`), while `^` on the right still binds first (`2x^2 == 2(x^2)`).
    private mutating func juxtaposed(_ coefficient: Expr) throws -> Expr {
        guard current.isOp("*"), current.offset == current.endOffset else { return coefficient }
        let marker = advance()
        try enter(at: marker.offset)
        defer { depth -= 1 }
        let factor = try parsePower()
        return Expr(kind: .binary(op: "*", lhs: coefficient, rhs: factor), offset: coefficient.offset)
    }
}
