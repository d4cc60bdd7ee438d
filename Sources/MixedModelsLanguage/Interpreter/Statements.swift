/// Evaluation of block statements: conditionals, loops, functions, `let`, `try`, declarations and macros.
extension Interpreter {
    func evaluateStatement(_ e: Expr) throws -> Value {
        switch e.kind {
        case .conditional(let branches, let otherwise):
            for (condition, body) in branches where try truth(evaluate(condition), at: condition.offset) {
                return try evaluate(body)
            }
            return try otherwise.map(evaluate) ?? .nothing
        case .forLoop(let clauses, let body):
            _ = try runLoop(clauses[...], body)
            return .nothing
        case .whileLoop(let condition, let body):
            let outer = scope
            defer { scope = outer }
            let shared = body.createsClosures ? nil : Scope(parent: outer, soft: true)
            while try truth(evaluate(condition), at: condition.offset) {
                try checkDeadline()
                if let shared {
                    shared.variables.removeAll()
                    scope = shared
                } else {
                    scope = Scope(parent: outer, soft: true)
                }
                do {
                    _ = try evaluate(body)
                } catch ControlFlow.breakLoop {
                    break
                } catch ControlFlow.continueLoop {
                }
                scope = outer
            }
            return .nothing
        case .breakLoop: throw ControlFlow.breakLoop
        case .continueLoop: throw ControlFlow.continueLoop
        case .returnValue(let value): throw ControlFlow.returnValue(try value.map(evaluate) ?? .nothing)
        case .function(let definition): return try define(definition)
        case .letBlock(let bindings, let body):
            let outer = scope
            let inner = Scope(parent: outer, soft: false)
            scope = inner
            defer { scope = outer }
            for b in bindings {
                switch b.kind {
                case .assign(let target, let valueExpr, nil):
                    let value = try evaluate(valueExpr)
                    try bindTarget(target, value, in: inner)
                case .name(let n):
                    // `let x`: a new local `x`. Julia leaves it unassigned; here it starts as the outer `x` when
                    // there is one, and otherwise stays unbound until the body assigns it (inside the `let`).
                    if let outer = try? lookup(n, at: b.offset) { inner.variables[n] = outer }
                default: throw LanguageError("expected `name = value` in `let`", at: b.offset)
                }
            }
            return try evaluate(body)
        case .tryCatch(let body, let variable, let handler, let finally):
            return try runTry(body, variable, handler, finally)
        case .declaration(let isGlobal, let items):
            return try declare(items, global: isGlobal)
        case .endIndex:
            guard let context = endContexts.last else {
                throw LanguageError("`end` is only meaningful inside an index `x[…]`", at: e.offset)
            }
            return .int(try located(e.offset) {
                try Indexing.lastIndex(of: context.value, dimension: context.dimension, count: context.count)
            })
        case .broadcastAssign(let target, let valueExpr, let op):
            return try evaluateBroadcastAssignment(target, valueExpr, op: op, at: e.offset)
        case .macroCall(let name, let arguments, let texts):
            return try evaluateMacro(name, arguments, texts, at: e.offset)
        case .typed(let inner, let type):
            let v = try evaluate(inner)
            guard TypeHierarchy.isa(v, type) else {
                throw LanguageError(exception: JuliaException(
                    "TypeError", message: "TypeError: in typeassert, expected \(type), got a value of type \(v.typeName)"),
                    at: e.offset)
            }
            return v
        case .splat:
            throw LanguageError("`...` splats only into a call's arguments or an index", at: e.offset)
        default:
            throw LanguageError("this expression cannot be evaluated here", at: e.offset)
        }
    }

    /// Runs nested loop clauses; false when a `break` ended the loop.
    private func runLoop(_ clauses: ArraySlice<(target: Pattern, iterable: Expr)>, _ body: Expr) throws -> Bool {
        guard let (target, iterableExpr) = clauses.first else { return true }
        let iterable = try evaluate(iterableExpr)
        let outer = scope
        defer { scope = outer }
        var completed = true
        // Each iteration has fresh variables; one scope object serves them all unless a closure could keep one.
        let shared = body.createsClosures ? nil : Scope(parent: outer, soft: true)
        try located(iterableExpr.offset) {
            try Iteration.forEach(iterable) { item in
                try checkDeadline()
                if let shared {
                    // A body that made no locals leaves only the loop variable: rebind it in place.
                    var rebound = false
                    if case .name(let n) = target { rebound = shared.variables.rebindSole(n, item) }
                    if !rebound {
                        shared.variables.removeAll()
                        try bind(target, item, in: shared)
                    }
                    scope = shared
                } else {
                    let inner = Scope(parent: outer, soft: true)
                    try bind(target, item, in: inner)
                    scope = inner
                }
                defer { scope = outer }
                if clauses.count > 1 {
                    completed = try runLoop(clauses.dropFirst(), body)
                    return completed
                }
                do {
                    _ = try evaluate(body)
                } catch ControlFlow.breakLoop {
                    completed = false
                    return false
                } catch ControlFlow.continueLoop {
                }
                return true
            }
        }
        return completed
    }

    private func runTry(_ body: Expr, _ variable: String?, _ handler: Expr?, _ finally: Expr?) throws -> Value {
        let outer = scope
        defer { scope = outer }
        var result = Value.nothing
        do {
            do {
                scope = Scope(parent: outer, soft: true)
                result = try evaluate(body)
            } catch let error as LanguageError where handler != nil {
                let inner = Scope(parent: outer, soft: true)
                if let variable { inner.variables[variable] = error.caughtValue }
                scope = inner
                handling.append(error)
                defer { handling.removeLast() }
                result = try evaluate(handler!)
            }
        } catch {
            if let finally {
                scope = Scope(parent: outer, soft: true)
                _ = try evaluate(finally)
            }
            throw error
        }
        if let finally {
            scope = Scope(parent: outer, soft: true)
            _ = try evaluate(finally)
        }
        return result
    }

    /// `global x`, `global x = v`, `global x += v`, `global x, y`, `local x`, `local x = v`.
    private func declare(_ items: [Expr], global isGlobal: Bool) throws -> Value {
        var last = Value.nothing
        let word = isGlobal ? "global" : "local"
        for item in items {
            let name: String
            var assignment: (value: Expr, op: String?)?
            switch item.kind {
            case .name(let n): name = n
            case .assign(let target, let v, let op):
                guard case .name(let n) = target.kind else {
                    throw LanguageError("expected a variable name after `\(word)`", at: item.offset)
                }
                name = n
                assignment = (v, op)
            default:
                throw LanguageError("expected a variable name after `\(word)`", at: item.offset)
            }
            if isGlobal || scope == nil {
                // Once declared, assignments in this scope and the scopes inside it go to the global.
                scope?.globalNames.insert(name)
                last = try assignment.map { _ in try evaluate(item) } ?? .nothing
            } else if let scope {
                if let assignment, assignment.op != nil {
                    throw LanguageError("`local \(name) \(assignment.op!)= …` updates a variable that is not "
                                        + "defined yet: write `local \(name) = …`", at: item.offset)
                }
                let value = try assignment.map { try evaluate($0.value) } ?? .nothing
                scope.variables[name] = value
                last = value
            }
        }
        return last
    }

    /// Binds `let` targets: a name or a tuple of names.
    private func bindTarget(_ target: Expr, _ value: Value, in scope: Scope) throws {
        switch target.kind {
        case .name(let n): scope.variables[n] = value
        case .tuple(let items):
            let parts = try Iteration.elements(of: value)
            for (item, v) in zip(items, parts) { try bindTarget(item, v, in: scope) }
        default: throw LanguageError("expected a variable name in `let`", at: target.offset)
        }
    }

    /// Index values, with `end` standing for the last index of each position.
    func evaluateIndices(_ indices: [Expr], of value: Value) throws -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(indices.count)
        for (d, index) in indices.enumerated() {
            endContexts.append((value, d, indices.count))
            defer { endContexts.removeLast() }
            if case .splat(let inner) = index.kind {
                let items = try evaluate(inner)
                out.append(contentsOf: try located(inner.offset) { try Iteration.elements(of: items) })
            } else {
                out.append(try evaluate(index))
            }
        }
        return out
    }

    /// `x .= v`, `x .+= v`, `x[i] .= v`.
    private func evaluateBroadcastAssignment(_ target: Expr, _ valueExpr: Expr, op: String?,
                                             at offset: SourceOffset) throws -> Value {
        var value = try evaluate(valueExpr)
        switch target.kind {
        case .index(let baseExpr, let indexExprs):
            let base = try evaluate(baseExpr)
            let indices = try evaluateIndices(indexExprs, of: base)
            if case .object(let frame as TableObject) = base {
                guard let (name, replacing) = try DataFrameColumnBroadcast.column(of: indices) else {
                    throw LanguageError("`.=` into a data frame needs one whole column: df[!, :name] .= v or "
                                        + "df[:, :name] .= v", at: target.offset)
                }
                return try located(offset) {
                    try DataFrameColumnBroadcast.assign(frame, column: name, replacing: replacing, value, op: op, self)
                }
            }
            guard case .array(let a) = base else {
                throw LanguageError("`.=` needs an array on its left, got \(base.described)", at: target.offset)
            }
            if let op {
                let current = try located(target.offset) { try Indexing.get(base, indices, self) }
                value = try located(offset) { try Operators.binary("." + op, current, value, self) }
            }
            try located(target.offset) { try Indexing.broadcastSet(a, indices, value) }
            return .array(a)
        default:
            let base: Value
            if case .property(let ownerExpr, let name) = target.kind {
                let owner = try evaluate(ownerExpr)
                if case .object(let frame as TableObject) = owner {
                    return try located(offset) {
                        try DataFrameColumnBroadcast.assign(frame, column: name, replacing: false, value, op: op, self)
                    }
                }
                base = try located(target.offset) { try Properties.get(owner, name, self) }
            } else {
                base = try evaluate(target)
            }
            guard case .array(let a) = base else {
                throw LanguageError("`.=` needs an array on its left, got \(base.described)", at: target.offset)
            }
            if let op { value = try located(offset) { try Operators.binary("." + op, base, value, self) } }
            try located(offset) {
                var source = value
                if Broadcasting.shape(of: value) != nil {
                    let expanded = try Broadcasting.map([.array(a), value]) { $0[1] }
                    guard case .array(let e) = expanded, e.shape == a.shape else {
                        throw JuliaException.dimensionMismatch("array could not be broadcast to match destination")
                    }
                    source = expanded
                }
                try Indexing.broadcastSet(a, [.type("Colon")], source)
            }
            return .array(a)
        }
    }

    /// `[body for x in iterable …]`: an array (a matrix for the `for a in x, b in y` form).
    func runGenerator(_ g: Generator) throws -> Value {
        var results: [Value] = []
        let outer = scope
        defer { scope = outer }
        if g.product && g.clauses.count > 1 {
            // Every clause is independent; the first varies fastest, as in column-major order.
            let collections = try g.clauses.map { try Iteration.elements(of: evaluate($0.iterable)) }
            let shape = collections.map(\.count)
            try Memory.reserve(shape.reduce(1, *))
            var index = [Int](repeating: 0, count: shape.count)
            if shape.contains(0) { return .array(ArrayBox([], shape: shape, elementType: "Any")) }
            repeat {
                try checkDeadline()
                let inner = Scope(parent: outer, soft: false)
                for (k, clause) in g.clauses.enumerated() {
                    try bind(clause.target, collections[k][index[k]], in: inner)
                }
                scope = inner
                results.append(try evaluate(g.body))
                scope = outer
                var d = 0
                while d < shape.count {
                    index[d] += 1
                    if index[d] < shape[d] { break }
                    index[d] = 0
                    d += 1
                }
                if d == shape.count { break }
            } while true
            let box = ArrayBox.literal(results)
            box.shape = shape
            return .array(box)
        }
        try generate(g, g.clauses[...], into: &results, outer: outer)
        return .array(ArrayBox.literal(results))
    }

    private func generate(_ g: Generator, _ clauses: ArraySlice<(target: Pattern, iterable: Expr)>,
                          into results: inout [Value], outer: Scope?) throws {
        guard let (target, iterableExpr) = clauses.first else { return }
        let iterable = try evaluate(iterableExpr)
        try located(iterableExpr.offset) {
            try Iteration.forEach(iterable) { item in
                try checkDeadline()
                let inner = Scope(parent: scope, soft: false)
                try bind(target, item, in: inner)
                let saved = scope
                scope = inner
                defer { scope = saved }
                if clauses.count > 1 {
                    try generate(g, clauses.dropFirst(), into: &results, outer: outer)
                    return true
                }
                if let c = g.condition, try !truth(evaluate(c), at: c.offset) { return true }
                if results.count & 1023 == 0 { try Memory.reserve(results.count + 1024) }
                results.append(try evaluate(g.body))
                return true
            }
        }
    }
}
