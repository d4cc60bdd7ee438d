import DataTables

/// Evaluates parsed blocks against one set of variables.
final class Interpreter {
    var globals = GlobalVariables()
    /// The innermost local scope (a function call, loop iteration, `let` or generator); nil at the top level.
    var scope: Scope?
    let library: BuiltinLibrary
    /// What the running block printed.
    var output = ""
    let baseDirectory: String
    let datasetsDirectory: String?
    /// Data files read so far, in the order first read (see `Session.filesRead`).
    private(set) var filesRead: [String] = []
    private var deadline: ContinuousClock.Instant?
    private(set) var timeoutSeconds: Double = 0
    /// Polls of `checkDeadline` since the clock was last read.
    private var polls = 0
    /// Set from another thread to stop the running block at its next deadline check.
    let cancellation = CancellationFlag()
    /// The largest allocation, in bytes, one request of a block may make (`zeros(n)`, `fill`, `"a"^n` …).
    var memoryBudget: Int = Interpreter.defaultMemoryBudget
    /// Where the running block's stack starts and how much of it calls may use.
    var stackBase: UInt = 0
    var stackBudget: Int = 48 << 20
    /// Numbers anonymous functions (`#1`, `#2` …) as Julia does.
    var anonymousCount = 0
    /// The collections being indexed, innermost last, for `end` inside `x[…]`.
    var endContexts: [(value: Value, dimension: Int, count: Int)] = []
    /// Counts the blocks run, so that functions know which block defined them.
    var blockNumber = 0
    /// The exceptions being handled by enclosing `catch` blocks (for `rethrow()`).
    var handling: [LanguageError] = []
    /// The `$x` values of the benchmark being run, by the offset of their `$`.
    var interpolated: [SourceOffset: Value] = [:]
    /// The text of each file blocks of this session wrote with `open`/`write`, by relative path (for `"a"` mode).
    var writtenFiles: [String: String] = [:]
    /// The current axis and the figures `save` wrote (plotting builtins).
    let figures = FigureState()
    /// Where this session's fits report their progress (see `Session.fitObserver`).
    var fitObserver: (@Sendable (FitStatus?) -> Void)?

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
        blockNumber += 1
        let milliseconds = min(max(0, timeout), 1e12) * 1000
        deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(milliseconds)))
        defer { deadline = nil; scope = nil; handling = [] }
        var last = Value.nothing
        for statement in program.statements {
            do {
                last = try evaluate(statement)
                // As in Julia's REPL and Documenter's @example blocks, `ans` is the value of the last top-level
                // expression (`DisplayAs.Text(ans)` after a fit).
                globals.set("ans", last)
            } catch let flow as ControlFlow {
                switch flow {
                case .returnValue(let v): return v
                case .breakLoop, .continueLoop:
                    throw LanguageError("`break` or `continue` outside a loop", at: statement.offset)
                }
            }
        }
        return last
    }

    /// Stops a runaway evaluation once the block's time is up or it was cancelled. Cheap enough to call once per
    /// element in builtins' loops: the clock is read every 256th call.
    func checkDeadline() throws {
        polls &+= 1
        guard polls & 255 == 0 else { return }
        if isPastDeadline { throw TimeoutError(seconds: timeoutSeconds) }
    }

    /// Seconds until the block's deadline, nil outside a block.
    var secondsLeft: Double? {
        guard let deadline else { return nil }
        let left = (deadline - ContinuousClock.now).components
        return Double(left.seconds) + Double(left.attoseconds) / 1e18
    }

    /// Like `checkDeadline`, but reads the clock at every call: for loops whose iterations are long.
    func checkDeadlineNow() throws {
        if isPastDeadline { throw TimeoutError(seconds: timeoutSeconds) }
    }

    /// True once the block's time is up or it was cancelled, reading the clock at every call: for callers that poll
    /// rarely, such as a fit's objective callback (one evaluation can take a second).
    var isPastDeadline: Bool {
        if cancellation.isSet { return true }
        if let deadline, ContinuousClock.now > deadline { return true }
        return false
    }

    // MARK: names

    func lookup(_ name: String, at offset: SourceOffset) throws -> Value {
        var s = scope
        while let current = s {
            if let v = current.variables[name] { return v }
            s = current.parent
        }
        if let v = globals.value(of: name) { return v }
        if let f = library.functions[name] { return .function(f) }
        if library.modules.contains(name) { return .module(name) }
        if let t = library.types[name] { return t }
        throw JuliaException.undefinedVariable(name, hint: suggestion(for: name)).located(at: offset)
    }

    private func suggestion(for name: String) -> String {
        var candidates = Set(globals.names).union(library.functions.keys).union(library.modules)
            .union(library.types.keys)
        var s = scope
        while let current = s {
            candidates.formUnion(current.variables.keys)
            s = current.parent
        }
        candidates.remove(name)
        return Interpreter.hint(closeNames(to: name, among: candidates.sorted()))
    }

    /// `; did you mean `a`, `b`?` for distinct candidates, or nothing.
    static func hint(_ names: [String]) -> String {
        var seen = Set<String>()
        let distinct = names.filter { seen.insert($0).inserted }
        return distinct.isEmpty ? "" : "; did you mean \(distinct.map { "`\($0)`" }.joined(separator: ", "))?"
    }

    /// Julia's assignment rule: an existing local is updated; at the top level (and in top-level loops, for a name
    /// that is already global, as in the REPL) the global is; otherwise the name becomes local to the innermost scope.
    func assign(_ name: String, _ value: Value) {
        guard let innermost = scope else {
            globals.set(name, value)
            return
        }
        var s: Scope? = innermost
        while let current = s {
            if current.variables.update(name, value) { return }
            if !current.globalNames.isEmpty && current.globalNames.contains(name) {
                globals.set(name, value)
                return
            }
            s = current.parent
        }
        if innermost.isTopLevelSoft, let i = globals.slot(name) {
            globals[slot: i] = value
        } else {
            innermost.variables[name] = value
        }
    }

    // MARK: evaluation

    func evaluate(_ e: Expr) throws -> Value {
        switch e.kind {
        case .integer(let i): return .int(i)
        case .float(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .symbol(let s): return interpolated[e.offset] ?? .symbol(s)   // a column's cell in @transform
        case .char(let c): return .char(c)
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
        case .matrix(let rows):
            let values = try rows.map { try $0.map(evaluate) }
            return try located(e.offset) { try Concatenation.literal(values, self) }
        case .comprehension(let g), .generator(let g): return try located(e.offset) { try runGenerator(g) }
        case .call(let callee, let arguments, let broadcast):
            return try evaluateCall(callee, arguments, broadcast: broadcast, at: e.offset)
        case .binary(":", let lhs, let rhs):
            if case .binary(":", let start, let step) = lhs.kind {
                let a = try evaluate(start), s = try evaluate(step), b = try evaluate(rhs)
                return try located(e.offset) { try Operators.range(a, s, b) }
            }
            let l = try evaluate(lhs), r = try evaluate(rhs)
            return try located(e.offset) { try Operators.binary(":", l, r, self) }
        case .binary(let op, let lhs, let rhs):
            let l = try evaluate(lhs), r = try evaluate(rhs)
            if let v = Operators.fastScalar(op, l, r) { return v }
            return try located(e.offset) { try Operators.binary(op, l, r, self) }
        case .comparison(let operands, let operators):
            return try evaluateComparisonChain(operands, operators)
        case .unary(let op, let operand):
            let v = try evaluate(operand)
            return try located(e.offset) { try Operators.unary(op, v) }
        case .and(let a, let b):
            // As in Julia, the right operand's value is the result (`ok && return x`).
            return try truth(evaluate(a), at: a.offset) ? evaluate(b) : .bool(false)
        case .or(let a, let b):
            return try truth(evaluate(a), at: a.offset) ? .bool(true) : evaluate(b)
        case .ternary(let c, let t, let f):
            return try truth(evaluate(c), at: c.offset) ? evaluate(t) : evaluate(f)
        case .property(let base, let name):
            let v = try evaluate(base)
            return try located(e.offset) { try Properties.get(v, name, self) }
        case .index(let base, let indices):
            let v = try evaluate(base)
            if let type = Interpreter.elementTypeName(v) {
                // `Float64[]`, `Int[1, 2]`: an array literal of that element type.
                let items = try indices.map(evaluate)
                return try located(e.offset) { try Interpreter.typedArray(type, items) }
            }
            let i = try evaluateIndices(indices, of: v)
            return try located(e.offset) { try Indexing.get(v, i, self) }
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
        default:
            return try evaluateStatement(e)
        }
    }

    /// `a < b <= c`: as Julia's `a < b && b <= c`, each operand evaluated once and only as far as needed; with a
    /// dotted operator anywhere, every comparison is made and the results are combined elementwise with `.&`.
    private func evaluateComparisonChain(_ operands: [Expr], _ operators: [String]) throws -> Value {
        let broadcasts = operators.contains { $0.hasPrefix(".") }
        var left = try evaluate(operands[0])
        var combined: Value?
        for (op, operand) in zip(operators, operands.dropFirst()) {
            let right = try evaluate(operand)
            let result = try Operators.fastScalar(op, left, right)
                ?? located(operand.offset) { try Operators.binary(op, left, right, self) }
            if broadcasts {
                combined = try combined.map { c in try located(operand.offset) { try Operators.binary(".&", c, result, self) } }
                    ?? result
            } else if try !truth(result, at: operand.offset) {
                return .bool(false)
            }
            left = right
        }
        return combined ?? .bool(true)
    }

    /// The element type a type value names, when it is used as `T[…]`.
    static func elementTypeName(_ v: Value) -> String? {
        switch v {
        case .type(let t) where t != "Colon": return t
        case .function(let f) where f.isType && ["Int", "Float64", "String", "Symbol", "Bool", "Any", "Int64"]
            .contains(f.name): return f.name == "Int" ? "Int64" : f.name
        default: return nil
        }
    }

    /// `T[a, b]`: the items converted to `T`.
    static func typedArray(_ type: String, _ items: [Value]) throws -> Value {
        let box = ArrayBox([], elementType: type)
        for item in items { box.appendElement(try Indexing.converted(item, to: box)) }
        box.shape = [box.count]
        return .array(box)
    }

    /// Runs `body`, placing any error without a position at `offset`.
    func located<T>(_ offset: SourceOffset, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LanguageError {
            throw error.located(at: offset)
        } catch let error as TimeoutError {
            throw error
        } catch let flow as ControlFlow {
            throw flow
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
