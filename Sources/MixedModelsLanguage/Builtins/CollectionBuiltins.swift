extension BuiltinLibrary {
    /// Replaces `name` by a version that handles some arguments itself and passes the rest to the previous one.
    mutating func extend(_ name: String, keywords: Set<String> = [],
                         _ body: @escaping (CallContext, (CallContext) throws -> Value) throws -> Value) {
        let previous = functions[name]
        let fallback: (CallContext) throws -> Value = { c in
            guard let previous else {
                throw LanguageError("\(name) does not accept \(c.positional.map(\.described).joined(separator: ", "))")
            }
            return try previous.body(c)
        }
        add(name, keywords: keywords.union(previous?.keywords ?? []), isType: previous?.isType ?? false) { c in
            try body(c, fallback)
        }
    }

    /// Length, first/last, size, sorting and building arrays.
    mutating func registerCollections() {
        add("length") { c in
            try c.expectCount(1)
            if case .object(let o) = c.positional[0], !(o is any IterableObject) {
                return .int(try Iteration.elements(of: c.positional[0]).count)
            }
            return .int(try Iteration.count(of: c.positional[0]))
        }
        add("isempty") { c in try c.expectCount(1); return .bool(try Iteration.count(of: c.positional[0]) == 0) }
        add("first") { c in try ends(c, fromStart: true) }
        add("last") { c in try ends(c, fromStart: false) }
        add("only") { c in
            try c.expectCount(1)
            let items = try Iteration.elements(of: c.positional[0])
            guard items.count == 1 else {
                throw LanguageError("only expects a collection with exactly one element, got \(items.count)")
            }
            return items[0]
        }
        add("size") { c in
            try c.expectCount(1...2, "size(x) or size(x, dim)")
            let shape: [Int]
            switch c.positional[0] {
            case .array(let a): shape = a.shape
            case .range, .tuple, .object(is any IterableObject): shape = [try Iteration.count(of: c.positional[0])]
            default: throw c.wrongType(0, expected: "an array or a model")
            }
            if c.count == 2 {
                let d = try c.integer(1)
                guard d >= 1 else { throw LanguageError("dimension \(d) out of range: expected 1 or more") }
                return .int(d <= shape.count ? shape[d - 1] : 1)
            }
            return .tuple(shape.map(Value.int))
        }
        add("reverse") { c in
            try c.expectCount(1)
            return .array(ArrayBox.literal(try Iteration.elements(of: c.positional[0]).reversed()))
        }
        add("unique") { c in
            try c.expectCount(1)
            var out: [Value] = []
            for v in try Iteration.elements(of: c.positional[0]) where !out.contains(where: { Equality.equal($0, v) }) {
                out.append(v)
            }
            return .array(ArrayBox.literal(out))
        }
        add("eltype") { c in
            try c.expectCount(1)
            guard case .array(let a) = c.positional[0] else { throw c.wrongType(0, expected: "an array") }
            return .type(a.elementType)
        }
    }
}

private func ends(_ c: CallContext, fromStart: Bool) throws -> Value {
    try c.expectCount(1...2, "\(c.name)(x) or \(c.name)(x, n)")
    let items: [Value]
    if case .dict(let d) = c.positional[0] {
        items = d.entries.map { .pair(PairBox($0.key, $0.value)) }
    } else {
        items = try Iteration.elements(of: c.positional[0])
    }
    if c.count == 2 {
        let n = try c.integer(1)
        guard n >= 0 else { throw LanguageError("\(c.name) needs a non-negative count, got \(n)") }
        return .array(ArrayBox.literal(Array(fromStart ? items.prefix(n) : items.suffix(n))))
    }
    guard let v = fromStart ? items.first : items.last else {
        throw LanguageError("\(c.name) of an empty collection: expected at least one element")
    }
    return v
}

/// Sorts numbers, strings or symbols as Julia's `isless` does.
func sortValues(_ items: [Value], rev: Bool) throws -> [Value] {
    let sorted: [Value]
    var poll = BlockDeadline.Poll()
    if items.allSatisfy({ $0.asDouble != nil }) {
        sorted = try items.sorted { try poll.tick(); return ($0.asDouble ?? 0) < ($1.asDouble ?? 0) }
    } else {
        let keys = try items.map { v -> [UInt32] in
            switch v {
            case .string(let s), .symbol(let s): return s.unicodeScalars.map(\.value)
            case .char(let c): return [c.value]
            default: throw LanguageError("cannot sort \(v.described) together with the other elements")
            }
        }
        sorted = try zip(items, keys).sorted { try poll.tick(); return $0.1.lexicographicallyPrecedes($1.1) }.map(\.0)
    }
    return rev ? sorted.reversed() : sorted
}
