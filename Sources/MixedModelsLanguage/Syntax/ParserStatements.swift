/// Julia's block statements: `if`, `for`, `while`, `function`, `let`, `try`, `return`, `const` …
extension Parser {
    /// Words that cannot be variable names.
    static let reservedWords: Set<String> = [
        "if", "elseif", "else", "for", "while", "function", "let", "try", "catch", "finally", "end", "return",
        "break", "continue", "const", "global", "local", "do", "begin", "macro", "module", "baremodule", "struct",
        "mutable", "abstract", "primitive", "quote", "in", "where",
    ]

    /// Parses the construct a reserved word opens; nil for ordinary names.
    mutating func parseKeyword(_ word: String, at t: Token) throws -> Expr? {
        switch word {
        case "if": return try parseIf(at: t.offset)
        case "for": return try parseFor(at: t.offset)
        case "while":
            let condition = try inStatementContext { try $0.parseExpression() }
            let (body, _) = try parseBody(until: ["end"], opening: "while", at: t.offset)
            position += 1
            return Expr(kind: .whileLoop(condition: condition, body: body), offset: t.offset)
        case "function": return try parseFunction(at: t.offset)
        case "let": return try parseLet(at: t.offset)
        case "try": return try parseTry(at: t.offset)
        case "return":
            if endsStatement(tokens[position]) { return Expr(kind: .returnValue(nil), offset: t.offset) }
            let value = try inStatementContext { try $0.parseAssignment(allowTuple: true) }
            return Expr(kind: .returnValue(value), offset: t.offset)
        case "break": return Expr(kind: .breakLoop, offset: t.offset)
        case "continue": return Expr(kind: .continueLoop, offset: t.offset)
        case "const": return try inStatementContext { try $0.parseAssignment(allowTuple: true) }
        case "global", "local":
            var items: [Expr] = []
            repeat { items.append(try parseAssignment(allowTuple: false)) } while accept(",")
            return Expr(kind: .declaration(global: word == "global", items), offset: t.offset)
        case "macro", "module", "baremodule", "struct", "mutable", "abstract", "primitive":
            let what = word == "mutable" ? "mutable struct" : (word == "abstract" || word == "primitive")
                ? "\(word) type" : word
            throw LanguageError("`\(what)` definitions are not supported in mixedmodel blocks", at: t.offset)
        case "quote":
            throw LanguageError("`quote` blocks are not supported in mixedmodel blocks", at: t.offset)
        case "elseif", "else", "catch", "finally", "end", "do", "in", "where":
            throw LanguageError("unexpected `\(word)`: expected an expression", at: t.offset)
        default: return nil
        }
    }

    /// True for a token that ends a statement (a line break, `;`, `end`, the end of input).
    func endsStatement(_ t: Token) -> Bool {
        if t.kind == .newline || t.isEnd || t.isOp(";") || t.isOp(")") { return true }
        if case .identifier(let w) = t.kind { return ["end", "else", "elseif", "catch", "finally"].contains(w) }
        return false
    }

    /// Runs `body` with line breaks significant, as they are at the top level of a block.
    mutating func inStatementContext<T>(_ body: (inout Parser) throws -> T) rethrows -> T {
        let saved = (nesting, indexDepth, spaceSeparated)
        nesting = 0
        indexDepth = 0
        spaceSeparated = false
        defer { (nesting, indexDepth, spaceSeparated) = saved }
        return try body(&self)
    }

    /// Statements up to one of the `terminators` words, which is left as the current token.
    mutating func parseBody(until terminators: Set<String>, opening: String,
                            at offset: SourceOffset) throws -> (Expr, String) {
        try inStatementContext { parser in
            var statements: [Expr] = []
            let start = parser.tokens[parser.position].offset
            while true {
                while parser.tokens[parser.position].kind == .newline || parser.tokens[parser.position].isOp(";") {
                    parser.position += 1
                }
                let t = parser.tokens[parser.position]
                if case .identifier(let w) = t.kind, terminators.contains(w) {
                    return (Expr(kind: .block(statements), offset: start), w)
                }
                if t.isEnd {
                    throw LanguageError("expected `end` to close `\(opening)`", at: offset)
                }
                statements.append(try parser.parseStatement())
                let after = parser.tokens[parser.position]
                guard parser.endsStatement(after), !after.isOp(")") else {
                    throw LanguageError("expected the end of the statement (a new line or `;`), found "
                                        + after.kind.described, at: after.offset)
                }
            }
        }
    }

    private mutating func parseIf(at offset: SourceOffset) throws -> Expr {
        var branches: [(condition: Expr, body: Expr)] = []
        var otherwise: Expr?
        var condition = try inStatementContext { try $0.parseExpression() }
        while true {
            let (body, word) = try parseBody(until: ["elseif", "else", "end"], opening: "if", at: offset)
            position += 1
            branches.append((condition, body))
            if word == "elseif" {
                condition = try inStatementContext { try $0.parseExpression() }
                continue
            }
            if word == "else" {
                let (elseBody, _) = try parseBody(until: ["end"], opening: "if", at: offset)
                position += 1
                otherwise = elseBody
            }
            break
        }
        return Expr(kind: .conditional(branches, otherwise: otherwise), offset: offset)
    }

    private mutating func parseFor(at offset: SourceOffset) throws -> Expr {
        let clauses = try inStatementContext { parser -> [(target: Pattern, iterable: Expr)] in
            var clauses: [(target: Pattern, iterable: Expr)] = []
            repeat {
                let target = try parser.parsePattern()
                try parser.expectIn()
                clauses.append((target, try parser.parseExpression()))
            } while parser.accept(",")
            return clauses
        }
        let (body, _) = try parseBody(until: ["end"], opening: "for", at: offset)
        position += 1
        return Expr(kind: .forLoop(clauses, body: body), offset: offset)
    }

    private mutating func parseLet(at offset: SourceOffset) throws -> Expr {
        let bindings = try inStatementContext { parser -> [Expr] in
            var bindings: [Expr] = []
            while !parser.endsStatement(parser.tokens[parser.position]) {
                bindings.append(try parser.parseAssignment(allowTuple: false))
                if !parser.accept(",") { break }
            }
            return bindings
        }
        let (body, _) = try parseBody(until: ["end"], opening: "let", at: offset)
        position += 1
        return Expr(kind: .letBlock(bindings: bindings, body: body), offset: offset)
    }

    private mutating func parseTry(at offset: SourceOffset) throws -> Expr {
        var (body, word) = try parseBody(until: ["catch", "finally", "end"], opening: "try", at: offset)
        position += 1
        var variable: String?
        var handler: Expr?
        var finally: Expr?
        if word == "catch" {
            if case .identifier(let name) = tokens[position].kind, !Parser.reservedWords.contains(name) {
                variable = name
                position += 1
            }
            let (catchBody, next) = try parseBody(until: ["finally", "end"], opening: "try", at: offset)
            position += 1
            handler = catchBody
            word = next
        }
        if word == "finally" {
            let (finallyBody, _) = try parseBody(until: ["end"], opening: "try", at: offset)
            position += 1
            finally = finallyBody
        }
        if handler == nil && finally == nil { handler = Expr(kind: .block([]), offset: offset) }
        return Expr(kind: .tryCatch(body: body, variable: variable, handler: handler, finally: finally), offset: offset)
    }

    // MARK: functions

    /// `function f(x, y = 1; k = 2) … end` and `function (x) … end`.
    private mutating func parseFunction(at offset: SourceOffset) throws -> Expr {
        var name: String?
        if case .identifier(let n) = tokens[position].kind {
            name = n
            position += 1
            if tokens[position].isOp(".") {
                throw LanguageError("methods of other modules' functions (`\(n).…`) cannot be defined here",
                                    at: tokens[position].offset)
            }
        } else if case .op(let o) = tokens[position].kind, Parser.precedence(o) != nil {
            throw LanguageError("methods of the operator `\(o)` cannot be defined here", at: tokens[position].offset)
        }
        let open = tokens[position]
        guard open.isOp("(") else {
            throw LanguageError("expected `(` and the parameters after `function\(name.map { " " + $0 } ?? "")`, "
                                + "found \(open.kind.described)", at: open.offset)
        }
        position += 1
        let arguments = try parseArguments(closing: ")")
        skipAnnotations()
        let (parameters, keywords) = try Parser.parameters(from: arguments)
        let (body, _) = try parseBody(until: ["end"], opening: "function", at: offset)
        position += 1
        let definition = FunctionDefinition(name: name, parameters: parameters, keywords: keywords, body: body,
                                            offset: offset)
        return Expr(kind: .function(definition), offset: offset)
    }

    /// Skips a return type `::T` and `where` clauses after a parameter list.
    private mutating func skipAnnotations() {
        if tokens[position].isOp("::") {
            position += 1
            _ = try? parseTypeName()
        }
        while case .identifier("where") = tokens[position].kind {
            while !endsStatement(tokens[position]) { position += 1 }
        }
    }

    /// `f(x) = body`.
    func shortFunction(name: String, arguments: [Argument], body: Expr, at offset: SourceOffset) throws -> Expr {
        let (parameters, keywords) = try Parser.parameters(from: arguments)
        let definition = FunctionDefinition(name: name, parameters: parameters, keywords: keywords, body: body,
                                            offset: offset)
        return Expr(kind: .function(definition), offset: offset)
    }

    /// `x -> body`, `(a, b) -> body`, `() -> body` (the parameters are already parsed as `parameters`).
    mutating func parseLambda(parameters lhs: Expr) throws -> Expr {
        advance()
        skipNewlines()
        let parameters: [Parameter]
        switch lhs.kind {
        case .tuple(let items): parameters = try items.map(Parser.parameter)
        case .block(let items) where items.count == 1: parameters = [try Parser.parameter(items[0])]
        default: parameters = [try Parser.parameter(lhs)]
        }
        let body = try parseAssignment(allowTuple: false)
        let definition = FunctionDefinition(name: nil, parameters: parameters, keywords: [], body: body,
                                            offset: lhs.offset)
        return Expr(kind: .function(definition), offset: lhs.offset)
    }

    /// `f(args) do x … end`: the `do` block is a function passed as the first argument.
    mutating func parseDoBlock() throws -> Expr {
        let start = tokens[position]
        position += 1
        var parameters: [Parameter] = []
        try inStatementContext { parser in
            while !parser.endsStatement(parser.tokens[parser.position]) {
                parameters.append(Parameter(pattern: try parser.parsePattern()))
                if !parser.accept(",") { break }
            }
        }
        let (body, _) = try parseBody(until: ["end"], opening: "do", at: start.offset)
        position += 1
        let definition = FunctionDefinition(name: nil, parameters: parameters, keywords: [], body: body,
                                            offset: start.offset)
        return Expr(kind: .function(definition), offset: start.offset)
    }

    /// A type after `::`: `Int`, `Vector{Float64}`, `AbstractVector{<:Real}` (kept as text).
    mutating func parseTypeName() throws -> String {
        let t = tokens[position]
        guard case .identifier(var name) = t.kind else {
            throw LanguageError("expected a type name after `::`, found \(t.kind.described)", at: t.offset)
        }
        position += 1
        while tokens[position].isOp("."), case .identifier(let more) = tokens[position + 1].kind {
            name += "." + more
            position += 2
        }
        if tokens[position].isOp("{") && !tokens[position].spaceBefore {
            var depth = 0
            var text = ""
            repeat {
                let k = tokens[position]
                if k.isOp("{") { depth += 1 } else if k.isOp("}") { depth -= 1 }
                if k.isEnd { throw LanguageError("expected `}` to close the type parameters", at: t.offset) }
                text += String(source[(k.offset - baseOffset)..<(k.endOffset - baseOffset)])
                position += 1
            } while depth > 0
            name += text
        }
        return name
    }

    /// Positional and keyword parameters from the argument list of a definition.
    static func parameters(from arguments: [Argument]) throws -> ([Parameter], [Parameter]) {
        var positional: [Parameter] = []
        var keywords: [Parameter] = []
        for a in arguments {
            if a.afterSemicolon && a.splat {
                guard case .name(let n) = a.value.kind, a.keyword == nil else {
                    throw LanguageError("expected a name before `...` among the keyword parameters", at: a.value.offset)
                }
                keywords.append(Parameter(pattern: .name(n), slurp: true))
            } else if a.afterSemicolon {
                guard let k = a.keyword else { throw LanguageError("expected a keyword parameter", at: a.value.offset) }
                let required = a.keywordOffset == a.value.offset
                keywords.append(Parameter(pattern: .name(k), defaultValue: required ? nil : a.value))
            } else if let k = a.keyword {
                positional.append(Parameter(pattern: .name(k), defaultValue: a.value))
            } else {
                var p = try parameter(a.value)
                p.slurp = a.splat
                positional.append(p)
            }
        }
        return (positional, keywords)
    }

    /// One parameter from its expression: `x`, `x::T`, `(a, b)`, `x = 1`.
    static func parameter(_ e: Expr) throws -> Parameter {
        switch e.kind {
        case .name(let n) where !reservedWords.contains(n): return Parameter(pattern: .name(n))
        case .typed(let inner, let type):
            var p = try parameter(inner)
            p.typeName = type
            return p
        case .tuple(let items):
            return Parameter(pattern: .tuple(try items.map { try parameter($0).pattern }))
        case .assign(let target, let value, nil):
            var p = try parameter(target)
            p.defaultValue = value
            return p
        default:
            throw LanguageError("expected a parameter name", at: e.offset)
        }
    }
}
