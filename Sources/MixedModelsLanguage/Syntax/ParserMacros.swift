import DataTables

extension Parser {
    static let knownMacros = ["formula", "benchmark", "benchmarkable", "btime", "show", "time"]

    mutating func parseMacro(_ name: String, at token: Token) throws -> Expr {
        switch name {
        case "formula":
            return try parseFormulaMacro(at: token)
        case "benchmark", "benchmarkable":
            return try parseBenchmarkMacro(runNow: name == "benchmark", at: token)
        default:
            let hint = closeNames(to: name, among: Parser.knownMacros).map { "@\($0)" }
            let suggestion = hint.isEmpty ? "" : "; did you mean \(hint.joined(separator: ", "))?"
            throw LanguageError("unknown macro `@\(name)`: expected @formula, @benchmark or @benchmarkable\(suggestion)",
                                at: token.offset)
        }
    }

    /// `@formula(y ~ …)` or `@formula y ~ …`: the formula's raw text goes to the engine unparsed.
    private mutating func parseFormulaMacro(at token: Token) throws -> Expr {
        let next = tokens[position]
        if next.isOp("(") && !next.spaceBefore {
            var depth = 0
            var i = position
            repeat {
                switch tokens[i].kind {
                case .op("("), .op("["), .op("{"): depth += 1
                case .op(")"), .op("]"), .op("}"): depth -= 1
                case .end: throw LanguageError("expected `)` to close @formula(", at: next.offset)
                default: break
                }
                i += 1
            } while depth > 0
            let close = tokens[i - 1]
            position = i
            let text = String(source[(next.endOffset - baseOffset)..<(close.offset - baseOffset)])
            return Expr(kind: .formula(source: text, sourceOffset: next.endOffset), offset: token.offset)
        }
        var i = position
        var depth = 0
        while true {
            let k = tokens[i].kind
            if k == .end || (depth == 0 && (k == .newline || k == .op(";"))) { break }
            if k == .op("(") { depth += 1 } else if k == .op(")") { depth -= 1 }
            i += 1
        }
        guard i > position else { throw LanguageError("expected a formula after @formula", at: token.offset) }
        let first = tokens[position], last = tokens[i - 1]
        position = i
        let text = String(source[(first.offset - baseOffset)..<(last.endOffset - baseOffset)])
        return Expr(kind: .formula(source: text, sourceOffset: first.offset), offset: token.offset)
    }

    /// `@benchmark expr [key=value …]`, `@benchmark(expr, key=value)`; `$x` is allowed inside.
    private mutating func parseBenchmarkMacro(runNow: Bool, at token: Token) throws -> Expr {
        let wasInBenchmark = inBenchmark
        inBenchmark = true
        defer { inBenchmark = wasInBenchmark }
        let next = tokens[position]
        var expression: Expr
        var parameters: [(name: String, value: Expr)] = []
        if next.isOp("(") && !next.spaceBefore {
            advance()
            let args = try parseArguments(closing: ")")
            guard let first = args.first, first.keyword == nil else {
                throw LanguageError("expected an expression to benchmark", at: next.offset)
            }
            expression = first.value
            for arg in args.dropFirst() {
                guard let key = arg.keyword else {
                    throw LanguageError("expected `name = value` benchmark parameters after the expression",
                                        at: arg.value.offset)
                }
                parameters.append((key, arg.value))
            }
        } else {
            if next.kind == .newline || next.isEnd {
                throw LanguageError("expected an expression after @\(runNow ? "benchmark" : "benchmarkable")",
                                    at: next.offset)
            }
            expression = try parseAssignment(allowTuple: false)
            while case .identifier(let key) = tokens[position].kind, tokens[position + 1].isOp("=") {
                position += 2
                parameters.append((key, try parseExpression()))
            }
        }
        return Expr(kind: .benchmark(expression: expression, parameters: parameters, runNow: runNow),
                    offset: token.offset)
    }
}
