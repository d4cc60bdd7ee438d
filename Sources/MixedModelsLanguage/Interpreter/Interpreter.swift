import DataTables

/// Evaluates parsed blocks against one set of variables.
final class Interpreter {
    var globals: [String: Value] = [:]
    /// Loop-variable scopes of generators, innermost last.
    private var locals: [[String: Value]] = []
    let library: BuiltinLibrary
    /// What the running block printed.
    var output = ""
    let baseDirectory: String
    let datasetsDirectory: String?
    /// Data files read so far, in the order first read (see `Session.filesRead`).
    private(set) var filesRead: [String] = []
    private var deadline: ContinuousClock.Instant?
    private var timeoutSeconds: Double = 0
    /// The `$x` values of the benchmark being run, by the offset of their `$`.
    var interpolated: [SourceOffset: Value] = [:]

    init(baseDirectory: String, datasetsDirectory: String?) {
        self.baseDirectory = baseDirectory
        self.datasetsDirectory = datasetsDirectory
        self.library = BuiltinLibrary.standard()
    }

    /// Notes that a block read a data file.
    func recordRead(_ path: String) {
        if !filesRead.contains(path) { filesRead.append(path) }
    }

    /// Runs a program and returns the value of its last statement.
    func run(_ program: Program, timeout: Double) throws -> Value {
        timeoutSeconds = timeout
        deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(max(0, timeout) * 1000)))
        defer { deadline = nil }
        var last = Value.nothing
        for statement in program.statements {
            last = try evaluate(statement)
        }
        return last
    }

    /// Stops a runaway evaluation once the block's time is up.
    func checkDeadline() throws {
        if let deadline, ContinuousClock.now > deadline { throw TimeoutError(seconds: timeoutSeconds) }
    }

    // MARK: names

    func lookup(_ name: String, at offset: SourceOffset) throws -> Value {
        for scope in locals.reversed() {
            if let v = scope[name] { return v }
        }
        if let v = globals[name] { return v }
        if let f = library.functions[name] { return .function(f) }
        if library.modules.contains(name) { return .module(name) }
        if let t = library.types[name] { return t }
        throw LanguageError("unknown name `\(name)`\(suggestion(for: name))", at: offset)
    }

    private func suggestion(for name: String) -> String {
        let candidates = Array(globals.keys) + Array(library.functions.keys) + Array(library.modules)
            + Array(library.types.keys)
        let close = closeNames(to: name, among: candidates)
        return close.isEmpty ? "" : "; did you mean \(close.map { "`\($0)`" }.joined(separator: ", "))?"
    }

    func assign(_ name: String, _ value: Value) {
        if !locals.isEmpty, locals[locals.count - 1][name] != nil {
            locals[locals.count - 1][name] = value
        } else {
            globals[name] = value
        }
    }

    // MARK: evaluation

    func evaluate(_ e: Expr) throws -> Value {
        switch e.kind {
        case .integer(let i): return .int(i)
        case .float(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .symbol(let s): return .symbol(s)
        case .string(let segments):
            var s = ""
            for segment in segments {
                switch segment {
                case .text(let t): s += t
                case .expression(let x): s += Display.printed(try evaluate(x))
                }
            }
            return .string(s)
        case .name(let n): return try lookup(n, at: e.offset)
        case .tuple(let items): return .tuple(try items.map(evaluate))
        case .namedTuple(let pairs):
            return .namedTuple(names: pairs.map(\.name), values: try pairs.map { try evaluate($0.value) })
        case .array(let items): return .array(ArrayBox.literal(try items.map(evaluate)))
        case .comprehension(let g), .generator(let g): return .array(ArrayBox.literal(try runGenerator(g)))
        case .call(let callee, let arguments, let broadcast):
            return try evaluateCall(callee, arguments, broadcast: broadcast, at: e.offset)
        case .binary(let op, let lhs, let rhs):
            let l = try evaluate(lhs), r = try evaluate(rhs)
            return try located(e.offset) { try Operators.binary(op, l, r, self) }
        case .unary(let op, let operand):
            let v = try evaluate(operand)
            return try located(e.offset) { try Operators.unary(op, v) }
        case .and(let a, let b):
            return try truth(evaluate(a), at: a.offset) ? .bool(try truth(evaluate(b), at: b.offset)) : .bool(false)
        case .or(let a, let b):
            return try truth(evaluate(a), at: a.offset) ? .bool(true) : .bool(try truth(evaluate(b), at: b.offset))
        case .ternary(let c, let t, let f):
            return try truth(evaluate(c), at: c.offset) ? evaluate(t) : evaluate(f)
        case .property(let base, let name):
            let v = try evaluate(base)
            return try located(e.offset) { try Properties.get(v, name, self) }
        case .index(let base, let indices):
            let v = try evaluate(base)
            let i = try indices.map(evaluate)
            return try located(e.offset) { try Indexing.get(v, i) }
        case .curly(let base, let params):
            return try evaluateCurly(base, params, at: e.offset)
        case .assign(let target, let value, let op):
            return try evaluateAssignment(target, value, op: op, at: e.offset)
        case .formula(let source, let sourceOffset):
            return try located(e.offset) { try library.makeFormula(source, at: sourceOffset) }
        case .benchmark(let expression, let parameters, let runNow):
            return try evaluateBenchmark(expression, parameters, runNow: runNow, at: e.offset)
        case .interpolate(let inner):
            return try interpolated[e.offset] ?? evaluate(inner)
        case .using:
            return .nothing
        case .block(let statements):
            var last = Value.nothing
            for s in statements { last = try evaluate(s) }
            return last
        }
    }

    /// Runs `body`, placing any error without a position at `offset`.
    func located<T>(_ offset: SourceOffset, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LanguageError {
            throw error.located(at: offset)
        } catch let error as TimeoutError {
            throw error
        } catch {
            throw LanguageError(String(describing: error), at: offset)
        }
    }

    func truth(_ v: Value, at offset: SourceOffset) throws -> Bool {
        guard case .bool(let b) = v else {
            throw LanguageError("expected a Bool (true or false) in a condition, got \(v.described)", at: offset)
        }
        return b
    }

    func runGenerator(_ g: Generator) throws -> [Value] {
        let iterable = try evaluate(g.iterable)
        // Ranges are walked lazily, so a huge range is stopped by the deadline rather than allocated first.
        let items: AnySequence<Value>
        if case .range(let start, let step, let stop) = iterable {
            items = AnySequence(stride(from: start, through: stop, by: step == 0 ? 1 : step).lazy.map(Value.int))
        } else {
            items = AnySequence(try located(g.iterable.offset) { try Iteration.elements(of: iterable) })
        }
        var results: [Value] = []
        locals.append([:])
        defer { locals.removeLast() }
        for item in items {
            try checkDeadline()
            if g.variables.count == 1 {
                locals[locals.count - 1][g.variables[0]] = item
            } else {
                let parts = try located(g.iterable.offset) { try Iteration.elements(of: item) }
                guard parts.count == g.variables.count else {
                    throw LanguageError("cannot unpack \(parts.count) values into \(g.variables.count) loop variables",
                                        at: g.iterable.offset)
                }
                for (name, v) in zip(g.variables, parts) { locals[locals.count - 1][name] = v }
            }
            if let c = g.condition, try !truth(evaluate(c), at: c.offset) { continue }
            results.append(try evaluate(g.body))
        }
        return results
    }

    private func evaluateCurly(_ base: Expr, _ params: [Expr], at offset: SourceOffset) throws -> Value {
        guard case .name(let name) = base.kind else {
            throw LanguageError("expected a type name before `{`", at: base.offset)
        }
        let names = try params.map { p -> String in
            guard case .name(let n) = p.kind else {
                throw LanguageError("expected a type name as a type parameter", at: p.offset)
            }
            return n
        }
        guard let f = library.parametricConstructors[name] else {
            throw LanguageError("`\(name){…}` is not supported: expected Dict{K,V} or Vector{T}", at: offset)
        }
        return .function(try located(offset) { try f(names) })
    }
}
