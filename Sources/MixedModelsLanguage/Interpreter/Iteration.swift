/// Iterating over values (generators, destructuring, splats) and broadcasting over them.
enum Iteration {
    /// The elements `for x in value` visits.
    static func elements(of value: Value) throws -> [Value] {
        switch value {
        case .array(let a): return a.elements
        case .tuple(let items): return items
        case .namedTuple(_, let values): return values
        case .range(let start, let step, let stop): return rangeValues(start, step, stop).map(Value.int)
        case .dict(let d): return d.entries.map { .pair(PairBox($0.key, $0.value)) }
        case .pair(let p): return [p.first, p.second]
        case .string(let s): return s.map { .string(String($0)) }
        case .int, .float, .bool: return [value]
        case .object(let o as DestructurableObject): return o.parts
        default: throw LanguageError("expected a collection to iterate over, got \(value.described)")
        }
    }

    static func rangeValues(_ start: Int, _ step: Int, _ stop: Int) -> [Int] {
        guard step != 0 else { return [] }
        return Array(stride(from: start, through: stop, by: step))
    }

    static func rangeCount(_ start: Int, _ step: Int, _ stop: Int) -> Int {
        guard step != 0 else { return 0 }
        let n = (stop - start) / step + 1
        return max(0, n)
    }
}

/// Julia's broadcasting, restricted to vectors and scalars.
enum Broadcasting {
    /// Values a broadcast iterates over; everything else (strings, numbers, objects) is a scalar.
    private static func iterated(_ v: Value) -> [Value]? {
        switch v {
        case .array(let a): a.elements
        case .range, .tuple: try? Iteration.elements(of: v)
        default: nil
        }
    }

    /// Applies `f` elementwise over the arguments; the result has the shape of the first array argument.
    static func map(_ arguments: [Value], _ f: ([Value]) throws -> Value) throws -> Value {
        let columns = arguments.map(iterated)
        var length: Int?
        var shape: [Int]?
        for (arg, column) in zip(arguments, columns) {
            guard let column, column.count != 1 else { continue }
            if let n = length, n != column.count {
                throw LanguageError("cannot broadcast arrays of lengths \(n) and \(column.count): expected equal lengths")
            }
            length = column.count
            if shape == nil, case .array(let a) = arg { shape = a.shape }
        }
        guard columns.contains(where: { $0 != nil }) else { return try f(arguments) }
        let n = length ?? 1
        var results: [Value] = []
        results.reserveCapacity(n)
        for i in 0..<n {
            let args = zip(arguments, columns).map { arg, column in
                column.map { $0.count == 1 ? $0[0] : $0[i] } ?? arg
            }
            results.append(try f(args))
        }
        let box = ArrayBox.literal(results)
        if let shape, shape.reduce(1, *) == n { box.shape = shape }
        return .array(box)
    }
}
