extension Parser {
    mutating func parsePrimary() throws -> Expr {
        let t = current
        switch t.kind {
        case .integer(let i):
            advance()
            return Expr(kind: .integer(i), offset: t.offset)
        case .float(let d):
            advance()
            return Expr(kind: .float(d), offset: t.offset)
        case .symbol(let s):
            advance()
            return Expr(kind: .symbol(s), offset: t.offset)
        case .string(let parts):
            advance()
            return Expr(kind: .string(try parts.map(parseStringPart)), offset: t.offset)
        case .identifier(let name):
            advance()
            switch name {
            case "true": return Expr(kind: .bool(true), offset: t.offset)
            case "false": return Expr(kind: .bool(false), offset: t.offset)
            case "begin": return try parseBegin(at: t.offset)
            case "for", "while", "function", "if", "let", "try", "end", "in", "return", "module", "struct":
                throw LanguageError("`\(name)` is not supported in mixedmodel blocks: expected an expression",
                                    at: t.offset)
            default: return Expr(kind: .name(name), offset: t.offset)
            }
        case .macro(let name):
            advance()
            return try parseMacro(name, at: t)
        case .op("("):
            return try parseParenthesised()
        case .op("["):
            return try parseArray()
        case .op(":") where peekNext().isOp("("):
            // `:(…)` quoting is not supported; a lone `:` is a colon index (`x[:, 1]`).
            throw LanguageError("quoted expressions `:(…)` are not supported", at: t.offset)
        case .op(":"):
            advance()
            return Expr(kind: .name(":"), offset: t.offset)
        default:
            throw LanguageError("expected an expression, found \(t.kind.described)", at: t.offset)
        }
    }

    private func parseStringPart(_ part: StringPart) throws -> StringSegment {
        switch part {
        case .text(let s): return .text(s)
        case .interpolation(let code, let offset):
            var inner = try Parser(source: Array(code), baseOffset: offset + baseOffset)
            let e = try inner.parseExpression()
            guard inner.current.isEnd else {
                throw LanguageError("expected `)` to end the interpolation", at: inner.current.offset)
            }
            return .expression(e)
        }
    }

    private mutating func parseBegin(at offset: SourceOffset) throws -> Expr {
        var statements: [Expr] = []
        while true {
            while current.kind == .newline || current.isOp(";") { advance() }
            if case .identifier("end") = current.kind { advance(); break }
            if current.isEnd { throw LanguageError("expected `end` to close `begin`", at: offset) }
            statements.append(try parseStatement())
        }
        return Expr(kind: .block(statements), offset: offset)
    }

    /// `(e)`, `(a, b)`, `(a,)`, `()`, `(a = 1, b = 2)`, `(x for x in v)`, `(a; b)`.
    private mutating func parseParenthesised() throws -> Expr {
        let open = advance()
        nesting += 1
        defer { nesting -= 1 }
        if accept(")") { return Expr(kind: .tuple([]), offset: open.offset) }
        var items: [Expr] = []
        var named: [(name: String, value: Expr)] = []
        var sawComma = false
        var statements: [Expr] = []
        while true {
            if case .identifier(let n) = current.kind, peekNext().isOp("="), items.isEmpty {
                advance(); advance()
                named.append((n, try parseExpression()))
            } else {
                let e = try parseAssignment(allowTuple: false)
                if case .identifier("for") = current.kind, items.isEmpty, named.isEmpty {
                    let g = try parseGenerator(body: e)
                    _ = try expect(")", "to close the generator")
                    return Expr(kind: .generator(g), offset: open.offset)
                }
                if !named.isEmpty {
                    throw LanguageError("expected `name = value` in a named tuple", at: e.offset)
                }
                items.append(e)
            }
            if accept(",") {
                sawComma = true
                if accept(")") { break }
                continue
            }
            if accept(";") {
                statements.append(contentsOf: items)
                items = []
                continue
            }
            _ = try expect(")", "to close `(`")
            break
        }
        if !named.isEmpty { return Expr(kind: .namedTuple(named), offset: open.offset) }
        if !statements.isEmpty { return Expr(kind: .block(statements + items), offset: open.offset) }
        if items.count == 1 && !sawComma { return items[0] }
        return Expr(kind: .tuple(items), offset: open.offset)
    }

    /// `[a, b]`, `[]`, `[f(x) for x in v]`.
    private mutating func parseArray() throws -> Expr {
        let open = advance()
        nesting += 1
        defer { nesting -= 1 }
        var items: [Expr] = []
        while !check("]") {
            let e = try parseExpression()
            if case .identifier("for") = current.kind, items.isEmpty {
                let g = try parseGenerator(body: e)
                _ = try expect("]", "to close the comprehension")
                return Expr(kind: .comprehension(g), offset: open.offset)
            }
            items.append(e)
            if !accept(",") {
                guard check("]") else {
                    throw LanguageError("expected `,` or `]` in the array, found \(current.kind.described)",
                                        at: current.offset)
                }
            }
        }
        advance()
        return Expr(kind: .array(items), offset: open.offset)
    }

    /// `body for x in iterable [if condition]` (the `for` is the current token).
    mutating func parseGenerator(body: Expr) throws -> Generator {
        advance()
        var variables: [String] = []
        let parenthesised = accept("(")
        repeat {
            guard case .identifier(let v) = current.kind else {
                throw LanguageError("expected a loop variable after `for`, found \(current.kind.described)",
                                    at: current.offset)
            }
            advance()
            variables.append(v)
        } while parenthesised && accept(",")
        if parenthesised { _ = try expect(")", "after the loop variables") }
        let t = current
        switch t.kind {
        case .identifier("in"), .op("="), .identifier("∈"): advance()
        default: throw LanguageError("expected `in` after the loop variable, found \(t.kind.described)", at: t.offset)
        }
        let iterable = try parseExpression(minPrecedence: 5)
        var condition: Expr?
        if case .identifier("if") = current.kind {
            advance()
            condition = try parseExpression()
        }
        return Generator(body: body, variables: variables, iterable: iterable, condition: condition)
    }

    // MARK: postfix: calls, indexing, properties

    mutating func parsePostfix(_ base: Expr) throws -> Expr {
        var e = base
        while true {
            let t = tokens[position]
            if t.isOp("(") && !t.spaceBefore {
                advance()
                let args = try parseArguments(closing: ")")
                e = Expr(kind: .call(callee: e, arguments: args, broadcast: false), offset: e.offset)
            } else if t.isOp("[") && !t.spaceBefore {
                advance()
                nesting += 1
                var indices: [Expr] = []
                while !check("]") {
                    indices.append(try parseExpression())
                    if !accept(",") { break }
                }
                _ = try expect("]", "to close the index")
                nesting -= 1
                e = Expr(kind: .index(e, indices), offset: e.offset)
            } else if t.isOp("{") && !t.spaceBefore {
                advance()
                nesting += 1
                var params: [Expr] = []
                while !check("}") {
                    params.append(try parseExpression())
                    if !accept(",") { break }
                }
                _ = try expect("}", "to close the type parameters")
                nesting -= 1
                e = Expr(kind: .curly(e, params), offset: e.offset)
            } else if t.isOp(".") {
                advance()
                let next = tokens[position]
                if next.isOp("(") {
                    advance()
                    let args = try parseArguments(closing: ")")
                    e = Expr(kind: .call(callee: e, arguments: args, broadcast: true), offset: e.offset)
                } else if case .identifier(let name) = next.kind {
                    advance()
                    e = Expr(kind: .property(e, name: name), offset: e.offset)
                } else if case .symbol(let name) = next.kind {
                    // `x.:name`
                    advance()
                    e = Expr(kind: .property(e, name: name), offset: e.offset)
                } else {
                    throw LanguageError("expected a property name or `(` after `.`, found \(next.kind.described)",
                                        at: next.offset)
                }
            } else if t.isOp("'") && !t.spaceBefore {
                advance()
                e = Expr(kind: .call(callee: Expr(kind: .name("adjoint"), offset: t.offset),
                                     arguments: [Argument(value: e)], broadcast: false), offset: e.offset)
            } else {
                return e
            }
        }
    }

    /// Arguments up to `closing`: positional, `key = value`, keywords after `;`, `key` shorthand after `;`,
    /// a generator as the only argument, and `xs...` splats.
    mutating func parseArguments(closing: String) throws -> [Argument] {
        nesting += 1
        defer { nesting -= 1 }
        var args: [Argument] = []
        var keywordsOnly = false
        while !check(closing) {
            if accept(";") { keywordsOnly = true; continue }
            let t = current
            if case .identifier(let name) = t.kind, peekNext().isOp("=") {
                advance(); advance()
                args.append(Argument(keyword: name, value: try parseExpression(), keywordOffset: t.offset))
            } else {
                let value = try parseExpression()
                if case .identifier("for") = current.kind, args.isEmpty {
                    let g = try parseGenerator(body: value)
                    args.append(Argument(value: Expr(kind: .generator(g), offset: value.offset)))
                } else if keywordsOnly {
                    guard case .name(let name) = value.kind else {
                        throw LanguageError("expected a keyword argument `name = value` after `;`", at: value.offset)
                    }
                    args.append(Argument(keyword: name, value: value, keywordOffset: value.offset))
                } else {
                    let splat = accept("...")
                    args.append(Argument(value: value, splat: splat))
                }
            }
            if accept(",") { continue }
            if check(";") { continue }
            guard check(closing) else {
                throw LanguageError("expected `,` or `\(closing)` in the argument list, found \(current.kind.described)",
                                    at: current.offset)
            }
        }
        advance()
        return args
    }
}
