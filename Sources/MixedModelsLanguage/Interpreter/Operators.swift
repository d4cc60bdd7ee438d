import Foundation

/// Arithmetic, comparison and the other binary and unary operators.
enum Operators {
    /// The common scalar cases (two Int64s or two Float64s), without the general dispatch; nil for the rest.
    @inline(__always)
    static func fastScalar(_ op: String, _ l: Value, _ r: Value) -> Value? {
        switch (l, r) {
        case (.int(let a), .int(let b)):
            switch op {
            case "+": return .int(a &+ b)
            case "-": return .int(a &- b)
            case "*": return .int(a &* b)
            case "<": return .bool(a < b)
            case "<=": return .bool(a <= b)
            case ">": return .bool(a > b)
            case ">=": return .bool(a >= b)
            case "==": return .bool(a == b)
            default: return nil
            }
        case (.float(let a), .float(let b)):
            return fastFloat(op, a, b)
        case (.float(let a), .int(let b)):
            return fastFloat(op, a, Double(b))
        case (.int(let a), .float(let b)):
            return fastFloat(op, Double(a), b)
        default:
            return nil
        }
    }

    @inline(__always)
    private static func fastFloat(_ op: String, _ a: Double, _ b: Double) -> Value? {
        switch op {
        case "+": return .float(a + b)
        case "-": return .float(a - b)
        case "*": return .float(a * b)
        case "/": return .float(a / b)
        case "<": return .bool(a < b)
        case ">": return .bool(a > b)
        default: return nil
        }
    }

    static func binary(_ op: String, _ l: Value, _ r: Value, _ interpreter: Interpreter) throws -> Value {
        if op.hasPrefix(".") && op.count > 1 {
            let scalarOp = String(op.dropFirst())
            if let fast = try FloatBroadcast.apply(scalarOp, l, r) { return fast }
            return try Broadcasting.map([l, r]) { try binary(scalarOp, $0[0], $0[1], interpreter) }
        }
        if case .object = l, let v = try interpreter.library.objectOperator(op, l, r) { return v }
        if case .object = r, let v = try interpreter.library.objectOperator(op, l, r) { return v }
        switch op {
        case "=>": return .pair(PairBox(l, r))
        case "==": return .bool(Equality.equal(l, r))
        case "!=", "≠": return .bool(!Equality.equal(l, r))
        case "===": return .bool(Equality.identical(l, r))
        case "!==": return .bool(!Equality.identical(l, r))
        case "<", ">", "<=", ">=", "≤", "≥": return .bool(try compare(op, l, r))
        case "in", "∈", "∉":
            var found = false
            if case .dict(let d) = r, case .pair(let p) = l {
                found = d[p.first].map { Equality.equal($0, p.second) } ?? false
            } else if case .range(let start, let step, let stop) = r, case .int(let x) = l {
                found = Iteration.rangeCount(start, step, stop) > 0 && (x &- start) % step == 0
                    && (step > 0 ? x >= start && x <= stop : x <= start && x >= stop)
            } else {
                try Iteration.forEach(r) { item in
                    try interpreter.checkDeadline()
                    found = Equality.equal(item, l)
                    return !found
                }
            }
            return .bool(op == "∉" ? !found : found)
        case ":": return try range(l, r)
        case "isa":
            switch r {
            case .type(let name): return .bool(TypeHierarchy.isa(l, name))
            case .function(let f) where f.isType: return .bool(TypeHierarchy.isa(l, f.name))
            default: throw LanguageError("expected a type on the right of isa, got \(r.described)")
            }
        case "≈": return .bool(try Approximation.isApprox(l, r, atol: 0, rtol: nil))
        case "∘":
            guard case .function = l, case .function = r else {
                throw LanguageError("`∘` composes two functions, got \(l.described) and \(r.described)")
            }
            return .function(Function("\(Display.repr(l)) ∘ \(Display.repr(r))") { c in
                try c.interpreter.call(l, [try c.interpreter.call(r, c.positional, c.keywords)])
            })
        default: return try arithmetic(op, l, r, interpreter)
        }
    }

    static func unary(_ op: String, _ v: Value) throws -> Value {
        switch (op, v) {
        case ("-", .int(let i)): return .int(0 &- i)
        case ("-", .float(let d)): return .float(-d)
        case ("-", .bool(let b)): return .int(b ? -1 : 0)
        case ("+", .int), ("+", .float): return v
        case ("!", .bool(let b)): return .bool(!b)
        case ("!", .missing), ("-", .missing): return .missing
        case ("!", .function):
            return .function(Function("!\(Display.repr(v))") { c in
                try unary("!", try c.interpreter.call(v, c.positional, c.keywords))
            })
        case ("-", .array), (".-", _):
            return try Broadcasting.map([v]) { try unary("-", $0[0]) }
        case (".!", _):
            return try Broadcasting.map([v]) { try unary("!", $0[0]) }
        case ("-", .object(let o as FloatRange)):
            return try Broadcasting.map([.object(o)]) { try unary("-", $0[0]) }
        default:
            throw LanguageError("operator `\(op)` cannot be applied to \(v.described)")
        }
    }

    private static func range(_ l: Value, _ r: Value) throws -> Value {
        if case .int(let a) = l, case .int(let b) = r { return .range(start: a, step: 1, stop: b) }
        if let a = l.asDouble, let b = r.asDouble, !isBool(l), !isBool(r) {
            return .object(try FloatRange.colon(a, 1, b))
        }
        throw LanguageError("a range `a:b` needs numeric ends, got \(l.described) and \(r.described)")
    }

    /// `start:step:stop`: a range of integers, or of Float64 when any part is a float.
    static func range(_ start: Value, _ step: Value, _ stop: Value) throws -> Value {
        if case .int(let a) = start, case .int(let s) = step, case .int(let b) = stop {
            guard s != 0 else { throw JuliaException.argumentError("step cannot be zero") }
            let n = Iteration.rangeCount(a, s, b)
            return .range(start: a, step: s, stop: n == 0 ? a &- s : a &+ (n &- 1) &* s)
        }
        guard let a = start.asDouble, let s = step.asDouble, let b = stop.asDouble else {
            throw LanguageError("a range `a:s:b` needs numbers, got \(start.described), \(step.described) and "
                                + stop.described)
        }
        return .object(try FloatRange.colon(a, s, b))
    }

    private static func isBool(_ v: Value) -> Bool {
        if case .bool = v { return true }
        return false
    }

    private static func compare(_ op: String, _ l: Value, _ r: Value) throws -> Bool {
        let ordering: Int
        if let a = l.asDouble, let b = r.asDouble {
            ordering = a < b ? -1 : (a > b ? 1 : 0)
        } else {
            switch (l, r) {
            case (.string(let a), .string(let b)), (.symbol(let a), .symbol(let b)):
                let x = Array(a.unicodeScalars.map(\.value)), y = Array(b.unicodeScalars.map(\.value))
                ordering = x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
            case (.char(let a), .char(let b)):
                ordering = a.value < b.value ? -1 : (a == b ? 0 : 1)
            default:
                throw LanguageError("cannot compare \(l.described) with \(r.described) using `\(op)`")
            }
        }
        switch op {
        case "<": return ordering < 0
        case ">": return ordering > 0
        case "<=", "≤": return ordering <= 0
        default: return ordering >= 0
        }
    }

    private static func arithmetic(_ op: String, _ l: Value, _ r: Value, _ interpreter: Interpreter) throws -> Value {
        switch (l, r) {
        case (.int(let a), .int(let b)):
            return try integerArithmetic(op, a, b)
        case (.bool(let a), .bool(let b)) where op == "&" || op == "|":
            return .bool(op == "&" ? a && b : a || b)
        case (.missing, .bool(let b)) where op == "&" || op == "|", (.bool(let b), .missing) where op == "&" || op == "|":
            // Three-valued logic: `missing & false` is false, `missing | true` is true.
            return op == "&" ? (b ? .missing : .bool(false)) : (b ? .bool(true) : .missing)
        case (.bool, .int), (.int, .bool), (.bool, .bool) where op == "+" || op == "-" || op == "*":
            // Bool promotes to Int in Julia's arithmetic: `n += isspace(c)` counts.
            return try integerArithmetic(op, Int(l.asDouble ?? 0), Int(r.asDouble ?? 0))
        case (.int, .float), (.float, .int), (.float, .float), (.bool, _), (_, .bool):
            if let a = l.asDouble, let b = r.asDouble { return try floatArithmetic(op, a, b) }
        case (.string, .string) where op == "*", (.char, .string) where op == "*", (.string, .char) where op == "*",
             (.char, .char) where op == "*":
            return .string(Display.printed(l) + Display.printed(r))
        case (.char, _), (_, .char):
            if let v = try CharacterArithmetic.apply(op, l, r) { return v }
            if case .char(let c) = l, case .int = r, op == "^" {
                return try arithmetic(op, .string(String(Character(c))), r, interpreter)
            }
        case (.string(let a), .int(let n)) where op == "^":
            guard n >= 0 else {
                throw JuliaException.argumentError("can't repeat a string \(n) times")
            }
            try Memory.reserve(a.utf8.count, bytes: n)
            var out = ""
            out.reserveCapacity(a.utf8.count * n)
            for _ in 0..<n {
                try interpreter.checkDeadline()
                out += a
            }
            return .string(out)
        case (.array, .array) where op == "*":
            return try LinearAlgebraCore.multiply(l, r, interpreter)
        case (.object(let z as ReMatObject), .array) where op == "*":
            // `Z * b` for one random-effects term: Julia's ReMat is an AbstractMatrix.
            return try LinearAlgebraCore.multiply(z.denseValue, r, interpreter)
        case (.array, .object(let z as ReMatObject)) where op == "*":
            return try LinearAlgebraCore.multiply(l, z.denseValue, interpreter)
        case (.array, .array), (.range, .array), (.array, .range), (.range, .range),
             (.object(is FloatRange), _), (_, .object(is FloatRange)):
            guard op == "+" || op == "-" else { break }
            guard let a = Broadcasting.shape(of: l), let b = Broadcasting.shape(of: r) else { break }
            guard a == b else {
                throw JuliaException.dimensionMismatch("dimensions must match: a has dims \(dims(a)), b has dims \(dims(b)), mismatch at 1")
            }
            return try Broadcasting.map([l, r]) { try arithmetic(op, $0[0], $0[1], interpreter) }
        case (.array, _) where r.asDouble != nil && (op == "*" || op == "/"):
            return try Broadcasting.map([l, r]) { try arithmetic(op, $0[0], $0[1], interpreter) }
        case (_, .array) where l.asDouble != nil && (op == "*" || op == "\\"):
            return try Broadcasting.map([l, r]) { try arithmetic(op, $0[0], $0[1], interpreter) }
        case (.range, _) where r.asDouble != nil && op == "*", (_, .range) where l.asDouble != nil && op == "*":
            return try Broadcasting.map([l, r]) { try arithmetic(op, $0[0], $0[1], interpreter) }
        case (.missing, _), (_, .missing):
            return .missing
        default:
            break
        }
        throw LanguageError("operator `\(op)` cannot be applied to \(l.described) and \(r.described)")
    }

    private static func dims(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(\(shape.map(String.init).joined(separator: ", ")))"
    }

    static func integerArithmetic(_ op: String, _ a: Int, _ b: Int) throws -> Value {
        switch op {
        case "+": return .int(a &+ b)
        case "-": return .int(a &- b)
        case "*": return .int(a &* b)
        case "/": return .float(Double(a) / Double(b))
        case "÷", "%", "div", "rem", "mod":
            return .int(try IntegerDivision.apply(op, a, b))
        case "^":
            return .int(try IntegerDivision.power(a, b))
        case "\\": return .float(Double(b) / Double(a))
        case "&": return .int(a & b)
        case "|": return .int(a | b)
        default: throw LanguageError("operator `\(op)` cannot be applied to two integers")
        }
    }

    private static func floatArithmetic(_ op: String, _ a: Double, _ b: Double) throws -> Value {
        switch op {
        case "+": return .float(a + b)
        case "-": return .float(a - b)
        case "*": return .float(a * b)
        case "/": return .float(a / b)
        case "^": return .float(pow(a, b))
        case "%": return .float(fmod(a, b))
        case "÷": return .float((a / b).rounded(.towardZero))
        case "\\": return .float(b / a)
        default: throw LanguageError("operator `\(op)` cannot be applied to numbers")
        }
    }
}

/// Julia's `==` and `===` on language values.
enum Equality {
    static func equal(_ l: Value, _ r: Value) -> Bool {
        if let a = l.asDouble, let b = r.asDouble { return a == b }
        switch (l, r) {
        case (.nothing, .nothing): return true
        case (.string(let a), .string(let b)), (.symbol(let a), .symbol(let b)): return a == b
        case (.char(let a), .char(let b)): return a == b
        case (.array(let a), .array(let b)):
            return a.shape == b.shape && zip(a.elements, b.elements).allSatisfy { equal($0, $1) }
        case (.tuple(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.namedTuple(let na, let a), .namedTuple(let nb, let b)):
            return na == nb && zip(a, b).allSatisfy { equal($0, $1) }
        case (.range(let a1, let s1, let e1), .range(let a2, let s2, let e2)):
            let n1 = Iteration.rangeCount(a1, s1, e1), n2 = Iteration.rangeCount(a2, s2, e2)
            return n1 == n2 && (n1 == 0 || (a1 == a2 && (n1 == 1 || s1 == s2)))
        case (.range, .array), (.array, .range), (.object(is any IterableObject), .array),
             (.array, .object(is any IterableObject)), (.range, .object(is any IterableObject)),
             (.object(is any IterableObject), .range):
            guard Broadcasting.shape(of: l) == Broadcasting.shape(of: r) else { return false }
            let x = (try? Iteration.elements(of: l)) ?? [], y = (try? Iteration.elements(of: r)) ?? []
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.pair(let a), .pair(let b)): return equal(a.first, b.first) && equal(a.second, b.second)
        case (.dict(let a), .dict(let b)):
            return a.count == b.count && a.entries.allSatisfy { e in b[e.key].map { equal($0, e.value) } ?? false }
        case (.type(let a), .type(let b)), (.module(let a), .module(let b)): return a == b
        case (.function(let a), .function(let b)): return a.name == b.name
        case (.object(let a), .object(let b)): return a.isEqual(to: b)
        default: return false
        }
    }

    static func identical(_ l: Value, _ r: Value) -> Bool {
        switch (l, r) {
        case (.array(let a), .array(let b)): return a === b
        case (.dict(let a), .dict(let b)): return a === b
        case (.object(let a), .object(let b)): return a === b
        case (.int(let a), .int(let b)): return a == b
        case (.float(let a), .float(let b)): return a.bitPattern == b.bitPattern
        case (.int, .float), (.float, .int): return false
        default: return equal(l, r)
        }
    }
}
