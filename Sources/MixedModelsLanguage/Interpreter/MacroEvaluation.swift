import Foundation
import TextDisplay

/// `@show`, `@info`/`@warn`, `@time`, `@elapsed`, `@timed`, `@btime`, `@belapsed`, `@assert`, `@inbounds`,
/// `@showprogress`, `@everywhere`, `@distributed`.
extension Interpreter {
    func evaluateMacro(_ name: String, _ arguments: [Expr], _ texts: [String], at offset: SourceOffset) throws -> Value {
        switch name {
        case "show":
            var last = Value.nothing
            for (e, text) in zip(arguments, texts) {
                last = try evaluate(e)
                output += "\(text) = \(Display.repr(last))\n"
            }
            return last
        case "info", "warn":
            try log(level: name == "info" ? "Info" : "Warning", arguments, texts)
            return .nothing
        case "time", "elapsed", "timed":
            return try evaluateTimed(name, arguments[arguments.count - 1])
        case "btime", "belapsed":
            let e = arguments[arguments.count - 1]
            var captured: [SourceOffset: Value] = [:]
            try captureInterpolations(e, into: &captured)
            let b = Benchmarkable(expression: e, interpolated: captured, parameters: BenchmarkParameters())
            let trial = try located(offset) { try BenchmarkRunner.run(b, self) }
            let fastest = trial.record.times.min() ?? 0
            if name == "belapsed" { return .float(fastest / 1e9) }
            let saved = interpolated
            interpolated = captured
            defer { interpolated = saved }
            let value = try evaluate(e)
            let allocations = trial.record.allocations ?? 0
            output += "  \(BenchmarkDisplay.prettyTime(fastest)) (\(allocations) allocation\(allocations == 1 ? "" : "s"): "
                + "\(BenchmarkDisplay.prettyMemory(trial.record.memoryBytes ?? 0)))\n"
            return value
        case "assert":
            let condition = try evaluate(arguments[0])
            if try truth(condition, at: arguments[0].offset) { return .nothing }
            let message = arguments.count > 1 ? Display.printed(try evaluate(arguments[1])) : texts[0]
            throw LanguageError(exception: JuliaException("AssertionError", msg: message), at: offset)
        case let n where Parser.dataFrameMacros.contains(n):
            return try evaluateDataFrameMacro(n, arguments, at: offset)
        case "distributed":
            return try evaluateDistributed(arguments, at: offset)
        default:
            // `@everywhere` (one process: the expression runs once, here), `@inbounds`, `@simd`, ProgressMeter's
            // `@showprogress` (a progress bar on stderr): no effect on meaning or on the block's output.
            return try evaluate(arguments[arguments.count - 1])
        }
    }

    /// `@distributed (op) for … end`: the loop's body values reduced with `op`, in order (a notebook runs in one
    /// process); without a reducer the loop just runs.
    private func evaluateDistributed(_ arguments: [Expr], at offset: SourceOffset) throws -> Value {
        let loop = arguments[arguments.count - 1]
        guard case .forLoop(let clauses, let body) = loop.kind, arguments.count <= 2 else {
            throw LanguageError("@distributed needs a for loop, optionally after a reducer: @distributed (+) for i in 1:n … end",
                                at: offset)
        }
        guard arguments.count == 2 else {
            _ = try evaluate(loop)
            return .nothing
        }
        let reducer = try evaluate(arguments[0])
        let values = try evaluate(Expr(kind: .comprehension(Generator(body: body, clauses: clauses, condition: nil)),
                                       offset: loop.offset))
        return try located(offset) { try call(.function(library.functions["reduce"]!), [reducer, values]) }
    }

    /// Julia's console logger: `[ Info: message`, or a bracketed block with `key = value` lines.
    private func log(level: String, _ arguments: [Expr], _ texts: [String]) throws {
        var message = ""
        var pairs: [(String, Value)] = []
        for (i, (e, text)) in zip(arguments, texts).enumerated() {
            if case .assign(let target, let valueExpr, nil) = e.kind, case .name(let key) = target.kind {
                pairs.append((key, try evaluate(valueExpr)))
            } else if i == 0 {
                message = Display.printed(try evaluate(e))
            } else {
                pairs.append((text, try evaluate(e)))
            }
        }
        let messageLines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines = ["\(level): \(messageLines[0])"] + messageLines.dropFirst()
        for (key, value) in pairs {
            let shown = Display.textPlain(value).split(separator: "\n", omittingEmptySubsequences: false)
            lines.append("  \(key) = \(shown[0])")
            lines += shown.dropFirst().map { "    " + $0 }
        }
        if lines.count == 1 {
            output += "[ \(lines[0])\n"
            return
        }
        for (i, line) in lines.enumerated() {
            let prefix = i == 0 ? "┌ " : (i == lines.count - 1 ? "└ " : "│ ")
            output += prefix + line + "\n"
        }
    }
}
