extension Equality {
    /// Julia's `isequal`: `==` except that `missing` equals `missing`, `NaN` equals `NaN` and `-0.0` differs from
    /// `0.0`, element by element inside arrays and tuples.
    static func isEqual(_ l: Value, _ r: Value) -> Bool {
        switch (l, r) {
        case (.missing, .missing): return true
        case (.missing, _), (_, .missing): return false
        case (.float(let a), .float(let b)): return a.isNaN ? b.isNaN : a == b && a.sign == b.sign
        case (.array(let a), .array(let b)):
            return a.shape == b.shape && (0..<a.count).allSatisfy { isEqual(a.element($0), b.element($0)) }
        case (.tuple(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { isEqual($0, $1) }
        case (.namedTuple(let na, let a), .namedTuple(let nb, let b)):
            return na == nb && zip(a, b).allSatisfy { isEqual($0, $1) }
        default: return equal(l, r)
        }
    }
}

extension BuiltinLibrary {
    /// `isequal`, and `keys`/`values`/`haskey` of named tuples (as keyword arguments gathered with `kw...` are).
    mutating func registerEquality() {
        add("isequal") { c in
            try c.expectCount(2, "isequal(x, y)")
            return .bool(Equality.isEqual(c.positional[0], c.positional[1]))
        }
        extend("keys") { c, previous in
            guard c.count == 1, case .namedTuple(let names, _) = c.positional[0] else { return try previous(c) }
            return .tuple(names.map(Value.symbol))
        }
        extend("values") { c, previous in
            guard c.count == 1, case .namedTuple = c.positional[0] else { return try previous(c) }
            return c.positional[0]
        }
        extend("haskey") { c, previous in
            guard c.count == 2, case .namedTuple(let names, _) = c.positional[0] else { return try previous(c) }
            guard case .symbol(let name) = c.positional[1] else { return .bool(false) }
            return .bool(names.contains(name))
        }
    }
}
