/// An object that can be iterated and indexed by position without materialising it (ranges, `zip`, `enumerate`).
protocol IterableObject: LanguageObject {
    /// The number of elements.
    var length: Int { get }
    /// The element at a 0-based position below `length`.
    func element(at index: Int) throws -> Value
    /// The dimensions a broadcast sees (`[length]` unless the object is a matrix, stored column-major).
    var shape: [Int] { get }
}

extension IterableObject {
    var shape: [Int] { [length] }
}

/// Iterating over values (loops, generators, destructuring, splats).
enum Iteration {
    /// Calls `body` with each element `for x in value` visits, lazily for ranges, until it returns false.
    static func forEach(_ value: Value, _ body: (Value) throws -> Bool) throws {
        switch value {
        case .range(let start, let step, let stop):
            let n = rangeCount(start, step, stop)
            var x = start
            for _ in 0..<n {
                if try !body(.int(x)) { return }
                x = x &+ step
            }
        case .array(let a):
            var i = 0
            while i < a.count {
                if try !body(a.element(i)) { return }
                i += 1
            }
        case .object(let o as any IterableObject):
            for i in 0..<o.length where try !body(try o.element(at: i)) { return }
        default:
            for v in try elements(of: value) where try !body(v) { return }
        }
    }

    /// The elements `for x in value` visits, materialised (within the session's memory budget).
    static func elements(of value: Value) throws -> [Value] {
        switch value {
        case .array(let a): return a.elements
        case .tuple(let items): return items
        case .namedTuple(_, let values): return values
        case .range(let start, let step, let stop):
            let n = rangeCount(start, step, stop)
            try Memory.reserve(n)
            var out: [Value] = []
            out.reserveCapacity(n)
            var x = start
            for _ in 0..<n {
                out.append(.int(x))
                x = x &+ step
            }
            return out
        case .dict(let d): return d.entries.map { .pair(PairBox($0.key, $0.value)) }
        case .pair(let p): return [p.first, p.second]
        case .string(let s): return s.juliaCharacters
        case .char: return [value]
        case .int, .float, .bool: return [value]
        case .object(let o as any IterableObject):
            try Memory.reserve(o.length)
            return try (0..<o.length).map { try o.element(at: $0) }
        case .object(let o as DestructurableObject): return o.parts
        default: throw LanguageError("expected a collection to iterate over, got \(value.described)")
        }
    }

    /// The number of elements, without materialising ranges.
    static func count(of value: Value) throws -> Int {
        switch value {
        case .array(let a): return a.count
        case .tuple(let items): return items.count
        case .namedTuple(let names, _): return names.count
        case .range(let start, let step, let stop): return rangeCount(start, step, stop)
        case .dict(let d): return d.count
        case .string(let s): return s.unicodeScalars.count
        case .object(let o as any IterableObject): return o.length
        default: return try elements(of: value).count
        }
    }

    static func rangeValues(_ start: Int, _ step: Int, _ stop: Int) -> [Int] {
        guard step != 0 else { return [] }
        return Array(stride(from: start, through: stop, by: step))
    }

    /// The length of `start:step:stop`, computed without overflow.
    static func rangeCount(_ start: Int, _ step: Int, _ stop: Int) -> Int {
        guard step != 0 else { return 0 }
        if step > 0 ? stop < start : stop > start { return 0 }
        let span = stop > start ? UInt(bitPattern: stop &- start) : UInt(bitPattern: start &- stop)
        let q = span / step.magnitude
        return q >= UInt(Int.max) ? Int.max : Int(q) + 1
    }
}
