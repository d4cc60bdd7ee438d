import Foundation
import DataTables

extension Parser {
    static let knownMacros = ["formula", "benchmark", "benchmarkable", "btime", "belapsed", "show", "time",
                              "elapsed", "timed", "info", "warn", "assert", "inbounds", "simd", "showprogress",
                              "everywhere", "distributed", "transform", "transform!", "subset", "subset!", "."]

    /// DataFrameMacros.jl's row-wise macros, run by `Interpreter.evaluateDataFrameMacro`.
    static let dataFrameMacros: Set<String> = ["transform", "transform!", "subset", "subset!"]

    /// Macros whose arguments are evaluated by the interpreter (`@show x`, `@time f()`).
    static let evaluatedMacros: Set<String> = ["btime", "belapsed", "show", "time", "elapsed", "timed", "info", "warn",
                                               "assert", "inbounds", "simd", "showprogress", "everywhere",
                                               "distributed"]

    mutating func parseMacro(_ name: String, at token: Token) throws -> Expr {
        switch name {
        case "formula":
            return try parseFormulaMacro(at: token)
        case "benchmark", "benchmarkable":
            return try parseBenchmarkMacro(runNow: name == "benchmark", at: token)
        case ".":
            let (arguments, _) = try parseMacroArguments(at: token)
            guard arguments.count == 1 else {
                throw LanguageError("@. takes one expression, got \(arguments.count)", at: token.offset)
            }
            return Parser.dotted(arguments[0])
        case let n where Parser.dataFrameMacros.contains(n):
            return Expr(kind: .macroCall(name: n, arguments: try parseDataFrameMacroArguments(n, at: token), texts: []),
                        offset: token.offset)
        case let n where Parser.evaluatedMacros.contains(n):
            let wasInBenchmark = inBenchmark
            inBenchmark = inBenchmark || n == "btime" || n == "belapsed"
            defer { inBenchmark = wasInBenchmark }
            let (arguments, texts) = try parseMacroArguments(at: token)
            if arguments.isEmpty && n != "info" && n != "warn" {
                throw LanguageError("expected an expression after @\(n)", at: token.offset)
            }
            return Expr(kind: .macroCall(name: n, arguments: arguments, texts: texts), offset: token.offset)
        default:
            let known = Parser.knownMacros.filter { $0 != "." && $0 != name }
            let hint = closeNames(to: name, among: known).map { "@\($0)" }
            let suggestion = hint.isEmpty ? "" : "; did you mean \(hint.joined(separator: ", "))?"
            throw LanguageError("unknown macro `@\(name)`: expected one of \(known.map { "@" + $0 }.joined(separator: ", "))"
                                + suggestion, at: token.offset)
        }
    }

    /// The arguments of `@m(a, b)` or `@m a b` (space-separated, up to the end of the line), with their source texts.
    private mutating func parseMacroArguments(at token: Token) throws -> ([Expr], [String]) {
        var arguments: [Expr] = []
        var texts: [String] = []
        let next = tokens[position]
        if next.isOp("(") && !next.spaceBefore {
            advance()
            let args = try parseArguments(closing: ")")
            for a in args {
                let value = a.keyword.map { k in
                    Expr(kind: .assign(target: Expr(kind: .name(k), offset: a.keywordOffset ?? a.value.offset),
                                       value: a.value, op: nil), offset: a.keywordOffset ?? a.value.offset)
                } ?? a.value
                arguments.append(value)
                texts.append(sourceText(from: value.offset, to: a.value))
            }
            return (arguments, texts)
        }
        while !endsStatement(tokens[position]) && !tokens[position].isOp(",") && !tokens[position].isOp("]") {
            let start = tokens[position].offset
            // `@everywhere using Pkg`: a `using` line is a statement, not an expression.
            let e = try [.identifier("using"), .identifier("import")].contains(tokens[position].kind)
                ? parseStatement() : parseAssignment(allowTuple: false)
            arguments.append(e)
            let last = tokens[max(0, position - 1)]
            texts.append(String(source[(start - baseOffset)..<max(start - baseOffset, last.endOffset - baseOffset)]))
        }
        return (arguments, texts)
    }

    /// DataFrameMacros' `@transform(df, :new = expression, …)`: positional expressions and `:column = expression`
    /// pairs (parsed as assignments to a symbol, which Julia's own parser allows inside a macro call).
    private mutating func parseDataFrameMacroArguments(_ name: String, at token: Token) throws -> [Expr] {
        guard tokens[position].isOp("(") && !tokens[position].spaceBefore else {
            throw LanguageError("expected `(` after @\(name): write @\(name)(df, …)", at: token.offset)
        }
        advance()
        nesting += 1
        let wasSpaceSeparated = spaceSeparated
        spaceSeparated = false
        defer { nesting -= 1; spaceSeparated = wasSpaceSeparated }
        var arguments: [Expr] = []
        while !check(")") {
            let target = try parseExpression()
            if accept("=") {
                guard case .symbol = target.kind else {
                    throw LanguageError("@\(name) expects `:column = expression` arguments", at: target.offset)
                }
                skipNewlines()
                arguments.append(Expr(kind: .assign(target: target, value: try parseExpression(), op: nil), offset: target.offset))
            } else {
                arguments.append(target)
            }
            if accept(",") { continue }
            guard check(")") else {
                throw LanguageError("expected `,` or `)` in the arguments of @\(name), found \(current.kind.described)",
                                    at: current.offset)
            }
        }
        advance()
        return arguments
    }

    /// The source text of an argument (from `start` to the end of the last token before the current one).
    private func sourceText(from start: SourceOffset, to value: Expr) -> String {
        var i = position - 1
        while i > 0 && (tokens[i].isOp(")") || tokens[i].isOp(",") || tokens[i].kind == .newline) { i -= 1 }
        let end = max(start, min(tokens[i].endOffset, start + 10_000))
        _ = value
        return String(source[(start - baseOffset)..<(end - baseOffset)])
            .trimmingCharacters(in: .whitespaces)
    }

    /// `@. expr`: every call and operator broadcasts, and `=` assigns in place.
    static func dotted(_ e: Expr) -> Expr {
        var out = e
        switch e.kind {
        case .call(let callee, let arguments, _):
            let args = arguments.map { a -> Argument in
                var b = a
                b.value = dotted(a.value)
                return b
            }
            out.kind = .call(callee: callee, arguments: args, broadcast: true)
        case .binary(let op, let lhs, let rhs):
            let scalar = op.hasPrefix(".") ? op : (["=>", ":", "in", "isa", "∈"].contains(op) ? op : "." + op)
            out.kind = .binary(op: scalar, lhs: dotted(lhs), rhs: dotted(rhs))
        case .comparison(let operands, let operators):
            let dottedOperators = operators.map { op in
                op.hasPrefix(".") || ["in", "isa", "∈"].contains(op) ? op : "." + op
            }
            out.kind = .comparison(operands: operands.map(dotted), operators: dottedOperators)
        case .unary(let op, let operand):
            out.kind = .unary(op: op == "-" ? ".-" : (op == "!" ? ".!" : op), operand: dotted(operand))
        case .assign(let target, let value, let op):
            out.kind = .broadcastAssign(target: target, value: dotted(value), op: op)
        case .tuple(let items): out.kind = .tuple(items.map(dotted))
        case .block(let items): out.kind = .block(items.map(dotted))
        default: break
        }
        return out
    }

    /// The operators after which a formula written without parentheses goes on to the next line.
    static let formulaContinuation: [Token.Kind] = ["~", "+", "-", "*", "/", "&", "|", "^"].map { .op($0) }

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
            // As in Julia, a line ending in a binary operator (`@formula y ~` then the terms) continues.
            let continues = k == .newline && i > position && Parser.formulaContinuation.contains(tokens[i - 1].kind)
            if k == .end || (depth == 0 && !continues && (k == .newline || k == .op(";"))) { break }
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
