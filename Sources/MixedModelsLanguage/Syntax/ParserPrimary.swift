extension Parser {
    /// True when the current operator token stands for the function itself: `(+)`, `reduce(+, v)`, `==("Y")`.
    mutating func isOperatorAsValue() -> Bool {
        let next = tokens[position + 1]
        if next.isOp(")") || next.isOp(",") || next.isOp(";") { return true }
        if case .op(let o) = current.kind, o != "-", o != "+", o != "!", o != ":", next.isOp("("), !next.spaceBefore {
            return Parser.precedence(o) != nil
        }
        return false
    }

    /// Consumes an operator token used as a value and returns its name.
    mutating func operatorName() -> Expr {
        let t = advance()
        guard case .op(let o) = t.kind else { return Expr(kind: .name(""), offset: t.offset) }
        return Expr(kind: .name(o), offset: t.offset)
    }

    mutating func parsePrimary() throws -> Expr {
        let t = current
        if case .op(let o) = t.kind, o != "(", o != "[", o != ":", Parser.precedence(o) != nil || o == "->",
           isOperatorAsValue() {
            return operatorName()
        }
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
        case .char(let c):
            advance()
            return Expr(kind: .char(c), offset: t.offset)
        case .string(let parts):
            advance()
            return Expr(kind: .string(try parts.map(parseStringPart)), offset: t.offset)
        case .identifier(let name):
            advance()
            switch name {
            case "true": return Expr(kind: .bool(true), offset: t.offset)
            case "false": return Expr(kind: .bool(false), offset: t.offset)
            case "begin": return try parseBegin(at: t.offset)
            case "end" where indexDepth > 0: return Expr(kind: .endIndex, offset: t.offset)
            default:
                if let e = try parseKeyword(name, at: t) { return e }
                return Expr(kind: .name(name), offset: t.offset)
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
            inner.depth = depth
            let e = try inner.parseExpression()
            guard inner.current.isEnd else {
                throw LanguageError("expected `)` to end the interpolation", at: inner.current.offset)
            }
            return .expression(e)
        }
    }

    private mutating func parseBegin(at offset: SourceOffset) throws -> Expr {
        let (body, _) = try parseBody(until: ["end"], opening: "begin", at: offset)
        position += 1
        return body
    }

    /// `(e)`, `(a, b)`, `(a,)`, `()`, `(a = 1, b = 2)`, `(x for x in v)`, `(a; b)`.
    private mutating func parseParenthesised() throws -> Expr {
        let open = advance()
        nesting += 1
        let wasSpaceSeparated = spaceSeparated
        spaceSeparated = false
        defer { nesting -= 1; spaceSeparated = wasSpaceSeparated }
        if accept(")") { return Expr(kind: .tuple([]), offset: open.offset) }
        if check(";") { return try parseSemicolonNamedTuple(at: open.offset) }
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
        if named.count == 1 && !sawComma && statements.isEmpty {
            // `(x = 5)` assigns; only `(x = 5,)` is a named tuple.
            let (name, value) = named[0]
            return Expr(kind: .assign(target: Expr(kind: .name(name), offset: open.offset + 1), value: value, op: nil),
                        offset: open.offset + 1)
        }
        if !named.isEmpty { return Expr(kind: .namedTuple(named), offset: open.offset) }
        if !statements.isEmpty { return Expr(kind: .block(statements + items), offset: open.offset) }
        if items.count == 1 && !sawComma { return items[0] }
        return Expr(kind: .tuple(items), offset: open.offset)
    }

    /// `(; a, b)` and `(; a = 1)`: a named tuple whose names are the variables' (or given) names.
    private mutating func parseSemicolonNamedTuple(at offset: SourceOffset) throws -> Expr {
        advance()
        var named: [(name: String, value: Expr)] = []
        while !check(")") {
            let t = current
            guard case .identifier(let n) = t.kind else {
                throw LanguageError("expected a name in `(; name, …)`, found \(t.kind.described)", at: t.offset)
            }
            if peekNext().isOp("=") {
                advance(); advance()
                named.append((n, try parseExpression()))
            } else {
                let e = try parseExpression()
                switch e.kind {
                case .name(let v): named.append((v, e))
                case .property(_, let p): named.append((p, e))
                default: throw LanguageError("expected a name in `(; name, …)`", at: e.offset)
                }
            }
            if !accept(",") { break }
        }
        _ = try expect(")", "to close the named tuple")
        return Expr(kind: .namedTuple(named), offset: offset)
    }

    /// `[a, b]`, `[]`, `[f(x) for x in v]`, and the concatenations `[a b]`, `[a; b]`, `[1 2; 3 4]`.
    private mutating func parseArray() throws -> Expr {
        let open = advance()
        nesting += 1
        let wasSpaceSeparated = spaceSeparated
        spaceSeparated = true
        defer { nesting -= 1; spaceSeparated = wasSpaceSeparated }
        var items: [Expr] = []
        var rows: [[Expr]] = []
        var row: [Expr] = []
        var isConcatenation = false
        while true {
            // Line breaks separate rows inside a concatenation.
            while tokens[position].kind == .newline {
                position += 1
                if !row.isEmpty { rows.append(row); row = []; isConcatenation = true }
            }
            if tokens[position].isOp("]") { break }
            if tokens[position].isOp(";") {
                position += 1
                if !row.isEmpty { rows.append(row); row = [] }
                isConcatenation = true
                continue
            }
            let e = try parseExpression()
            if case .identifier("for") = current.kind, items.isEmpty, row.isEmpty, rows.isEmpty {
                let g = try parseGenerator(body: e)
                _ = try expect("]", "to close the comprehension")
                return Expr(kind: .comprehension(g), offset: open.offset)
            }
            let next = tokens[position]
            if accept(",") {
                guard row.isEmpty && rows.isEmpty && !isConcatenation else {
                    throw LanguageError("expected `;` or a space between the elements of a matrix literal, found `,`",
                                        at: next.offset)
                }
                items.append(e)
                while tokens[position].kind == .newline { position += 1 }
                if check("]") { break }
                continue
            }
            if !items.isEmpty {
                items.append(e)
                while tokens[position].kind == .newline { position += 1 }
                guard check("]") else {
                    throw LanguageError("expected `,` or `]` in the array, found \(current.kind.described)",
                                        at: current.offset)
                }
                break
            }
            row.append(e)
            if next.isOp("]") || next.isOp(";") || next.kind == .newline { continue }
            guard next.spaceBefore else {
                throw LanguageError("expected `,` or `]` in the array, found \(next.kind.described)", at: next.offset)
            }
            isConcatenation = true
        }
        advance()
        if !row.isEmpty { rows.append(row) }
        if !isConcatenation { return Expr(kind: .array(items + rows.flatMap { $0 }), offset: open.offset) }
        return Expr(kind: .matrix(rows), offset: open.offset)
    }

    /// `body for x in iterable [for y in … | , y in …] [if condition]` (the `for` is the current token).
    mutating func parseGenerator(body: Expr) throws -> Generator {
        let wasSpaceSeparated = spaceSeparated
        spaceSeparated = false
        defer { spaceSeparated = wasSpaceSeparated }
        var generator = Generator(body: body, clauses: [])
        while case .identifier("for") = current.kind {
            advance()
            repeat {
                let target = try parsePattern()
                try expectIn()
                generator.clauses.append((target, try parseExpression(minPrecedence: 5)))
                if check(",") { generator.product = true }
            } while accept(",")
        }
        if case .identifier("if") = current.kind {
            advance()
            generator.condition = try parseExpression()
        }
        if generator.product && generator.clauses.count > 1 && generator.condition != nil {
            throw LanguageError("a filtered comprehension cannot have a `,` between its `for` clauses: "
                                + "write `for a in x for b in y if …`", at: body.offset)
        }
        return generator
    }

    /// `in`, `=` or `∈` after a loop variable.
    mutating func expectIn() throws {
        let t = current
        switch t.kind {
        case .identifier("in"), .op("="), .op("∈"): advance()
        default: throw LanguageError("expected `in` after the loop variable, found \(t.kind.described)", at: t.offset)
        }
    }

    /// A loop variable: a name or a parenthesised tuple of them (`(i, (a, b))`).
    mutating func parsePattern() throws -> Pattern {
        let t = current
        if t.isOp("(") {
            advance()
            nesting += 1
            defer { nesting -= 1 }
            var items: [Pattern] = []
            while !check(")") {
                items.append(try parsePattern())
                if !accept(",") { break }
            }
            _ = try expect(")", "after the loop variables")
            return .tuple(items)
        }
        guard case .identifier(let v) = t.kind, !Parser.reservedWords.contains(v) else {
            throw LanguageError("expected a loop variable, found \(t.kind.described)", at: t.offset)
        }
        advance()
        return .name(v)
    }

    // MARK: postfix: calls, indexing, properties

    mutating func parsePostfix(_ base: Expr) throws -> Expr {
        var e = base
        while true {
            let t = tokens[position]
            if t.isOp("(") && !t.spaceBefore {
                advance()
                var args = try parseArguments(closing: ")")
                if case .identifier("do") = tokens[position].kind {
                    args.insert(Argument(value: try parseDoBlock()), at: 0)
                }
                e = Expr(kind: .call(callee: e, arguments: args, broadcast: false), offset: e.offset)
            } else if t.isOp("[") && !t.spaceBefore {
                advance()
                nesting += 1
                indexDepth += 1
                let wasSpaceSeparated = spaceSeparated
                spaceSeparated = false
                var indices: [Expr] = []
                while !check("]") {
                    let index = try parseExpression()
                    indices.append(accept("...") ? Expr(kind: .splat(index), offset: index.offset) : index)
                    if !accept(",") { break }
                }
                _ = try expect("]", "to close the index")
                spaceSeparated = wasSpaceSeparated
                indexDepth -= 1
                nesting -= 1
                e = Expr(kind: .index(e, indices), offset: e.offset)
            } else if t.isOp("::") {
                advance()
                let type = try parseTypeName()
                e = Expr(kind: .typed(e, type: type), offset: e.offset)
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
        let wasSpaceSeparated = spaceSeparated, outerIndexDepth = indexDepth
        spaceSeparated = false
        defer { nesting -= 1; spaceSeparated = wasSpaceSeparated; indexDepth = outerIndexDepth }
        var args: [Argument] = []
        var keywordsOnly = false
        while !check(closing) {
            if accept(";") { keywordsOnly = true; continue }
            let t = current
            if case .identifier(let name) = t.kind, peekNext().isOp("=") {
                advance(); advance()
                args.append(Argument(keyword: name, value: try parseExpression(), keywordOffset: t.offset,
                                     afterSemicolon: keywordsOnly))
            } else {
                let value = try parseExpression()
                if case .identifier("for") = current.kind, args.isEmpty {
                    let g = try parseGenerator(body: value)
                    args.append(Argument(value: Expr(kind: .generator(g), offset: value.offset)))
                } else if keywordsOnly, accept("...") {
                    // `f(; kw...)`: the pairs of a named tuple or dictionary become keyword arguments.
                    args.append(Argument(value: value, splat: true, afterSemicolon: true))
                } else if keywordsOnly {
                    guard case .name(let name) = value.kind else {
                        throw LanguageError("expected a keyword argument `name = value` after `;`", at: value.offset)
                    }
                    args.append(Argument(keyword: name, value: value, keywordOffset: value.offset, afterSemicolon: true))
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
