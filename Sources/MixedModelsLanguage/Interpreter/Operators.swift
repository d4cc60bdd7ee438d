import Foundation

/// Arithmetic, comparison and the other binary and unary operators.
enum Operators {
    static func binary(_ op: String, _ l: Value, _ r: Value, _ interpreter: Interpreter) throws -> Value {
        if op.hasPrefix(".") && op.count > 1 {
            let scalarOp = String(op.dropFirst())
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
        case "in", "∈":
            let items = try Iteration.elements(of: r)
            return .bool(items.contains { Equality.equal($0, l) })
        case ":": return try range(l, r)
        case "isa":
            guard case .type(let name) = r else { throw LanguageError("expected a type on the right of isa") }
            return .bool(l.typeName == name || l.typeName.hasPrefix(name + "{"))
        default: return try arithmetic(op, l, r)
        }
    }

    static func unary(_ op: String, _ v: Value) throws -> Value {
        switch (op, v) {
        case ("-", .int(let i)): return .int(-i)
        case ("-", .float(let d)): return .float(-d)
        case ("+", .int), ("+", .float): return v
        case ("!", .bool(let b)): return .bool(!b)
        case ("-", .array), (".-", _):
            return try Broadcasting.map([v]) { try unary("-", $0[0]) }
        default:
            throw LanguageError("operator `\(op)` cannot be applied to \(v.described)")
        }
    }

    private static func range(_ l: Value, _ r: Value) throws -> Value {
        guard case .int(let a) = l, case .int(let b) = r else {
            throw LanguageError("a range `a:b` needs integer ends, got \(l.described) and \(r.described)")
        }
        return .range(start: a, step: 1, stop: b)
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

    private static func arithmetic(_ op: String, _ l: Value, _ r: Value) throws -> Value {
        switch (l, r) {
        case (.int(let a), .int(let b)):
            return try integerArithmetic(op, a, b)
        case (.int, .float), (.float, .int), (.float, .float), (.bool, _), (_, .bool):
            if let a = l.asDouble, let b = r.asDouble { return try floatArithmetic(op, a, b) }
        case (.string(let a), .string(let b)) where op == "*":
            return .string(a + b)
        case (.string(let a), .int(let n)) where op == "^":
            guard n >= 0 else { throw LanguageError("cannot repeat a string a negative number of times") }
            return .string(String(repeating: a, count: n))
        case (.array(let a), .array(let b)) where op == "+" || op == "-":
            guard a.shape == b.shape else {
                throw LanguageError("dimensions must match for `\(op)`: got \(a.shape) and \(b.shape)")
            }
            return try Broadcasting.map([l, r]) { try arithmetic(op, $0[0], $0[1]) }
        case (.array, _) where r.asDouble != nil && (op == "*" || op == "/"):
            return try Broadcasting.map([l, r]) { try arithmetic(op, $0[0], $0[1]) }
        case (_, .array) where l.asDouble != nil && op == "*":
            return try Broadcasting.map([l, r]) { try arithmetic(op, $0[0], $0[1]) }
        case (.missing, _), (_, .missing):
            return .missing
        default:
            break
        }
        throw LanguageError("operator `\(op)` cannot be applied to \(l.described) and \(r.described)")
    }

    private static func integerArithmetic(_ op: String, _ a: Int, _ b: Int) throws -> Value {
        switch op {
        case "+": return .int(a &+ b)
        case "-": return .int(a &- b)
        case "*": return .int(a &* b)
        case "/": return .float(Double(a) / Double(b))
        case "÷", "%":
            guard b != 0 else { throw LanguageError("integer division by zero") }
            return .int(op == "÷" ? a / b : a % b)
        case "^":
            guard b >= 0 else {
                throw LanguageError("cannot raise the integer \(a) to the negative power \(b): use a Float64 base")
            }
            var result = 1
            for _ in 0..<b { result = result &* a }
            return .int(result)
        case "\\": return .float(Double(b) / Double(a))
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
        case (.array(let a), .array(let b)):
            return a.shape == b.shape && zip(a.elements, b.elements).allSatisfy { equal($0, $1) }
        case (.tuple(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.namedTuple(let na, let a), .namedTuple(let nb, let b)):
            return na == nb && zip(a, b).allSatisfy { equal($0, $1) }
        case (.range(let a1, let s1, let e1), .range(let a2, let s2, let e2)):
            return Iteration.rangeValues(a1, s1, e1) == Iteration.rangeValues(a2, s2, e2)
        case (.range, .array), (.array, .range):
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
