/// Julia's broadcasting: arrays, ranges and tuples are expanded along dimensions of length 1 to a common shape;
/// everything else (numbers, strings, objects) is a scalar.
enum Broadcasting {
    /// The shape a broadcast sees for a value, nil for scalars.
    static func shape(of v: Value) -> [Int]? {
        switch v {
        case .array(let a): return a.shape
        case .range, .tuple: return [(try? Iteration.count(of: v)) ?? 0]
        case .object(let o as any IterableObject): return o.shape
        default: return nil
        }
    }

    /// The common shape of the arguments, or Julia's `DimensionMismatch`.
    static func commonShape(_ shapes: [[Int]]) throws -> [Int] {
        let rank = shapes.map(\.count).max() ?? 0
        var result = [Int](repeating: 1, count: rank)
        for s in shapes {
            for (d, n) in s.enumerated() where n != result[d] {
                if result[d] == 1 {
                    result[d] = n
                } else if n != 1 {
                    throw JuliaException.dimensionMismatch(
                        "arrays could not be broadcast to a common size; got a dimension with lengths \(result[d]) and \(n)")
                }
            }
        }
        return result
    }

    /// Applies `f` elementwise over the arguments and collects the results in an array of the common shape.
    static func map(_ arguments: [Value], _ f: ([Value]) throws -> Value) throws -> Value {
        let shapes = arguments.map(shape(of:))
        guard shapes.contains(where: { $0 != nil }) else { return try f(arguments) }
        let result = try commonShape(shapes.compactMap { $0 })
        let n = result.reduce(1, *)
        try Memory.reserve(n)
        let columns = try zip(arguments, shapes).map { arg, s in try s.map { _ in try Iteration.elements(of: arg) } }
        // Strides of each argument in the result's dimensions (0 along dimensions it is expanded over).
        let strides: [[Int]] = shapes.map { s in
            guard let s else { return [] }
            var stride = 1
            return result.indices.map { d in
                let size = d < s.count ? s[d] : 1
                defer { stride *= size }
                return size == 1 ? 0 : stride
            }
        }
        var results: [Value] = []
        results.reserveCapacity(n)
        var index = [Int](repeating: 0, count: result.count)
        var args = arguments
        var poll = BlockDeadline.Poll()
        for linear in 0..<n {
            try poll.tick()
            for k in arguments.indices {
                guard let column = columns[k] else { continue }
                if column.count == 1 {
                    args[k] = column[0]
                } else if column.count == n {
                    args[k] = column[linear]
                } else {
                    var p = 0
                    for d in index.indices { p += index[d] * strides[k][d] }
                    args[k] = column[p]
                }
            }
            results.append(try f(args))
            for d in index.indices {
                index[d] += 1
                if index[d] < result[d] { break }
                index[d] = 0
            }
        }
        // Julia: a broadcast whose only collections are tuples gives a tuple (`(1, 2) .+ 1 == (2, 3)`).
        if arguments.allSatisfy({ shape(of: $0) == nil || $0.isTuple }) { return .tuple(results) }
        let box = ArrayBox.literal(results)
        box.shape = result
        box.isBitArray = box.elementType == "Bool"
        return .array(box)
    }
}

/// `x .+ y`, `x .* 2` … on Float64 arrays of one shape (or an array and a number), without a call per element.
enum FloatBroadcast {
    static func apply(_ op: String, _ l: Value, _ r: Value) throws -> Value? {
        let f: (Double, Double) -> Double
        switch op {
        case "+": f = (+)
        case "-": f = (-)
        case "*": f = (*)
        case "/": f = (/)
        default: return nil
        }
        switch (l, r) {
        case (.array(let a), .array(let b)):
            guard let x = a.doubles, let y = b.doubles, a.shape == b.shape else { return nil }
            return .array(shaped(zip(x, y).map(f), a.shape))
        case (.array(let a), _):
            guard let x = a.doubles, let s = number(r) else { return nil }
            return .array(shaped(x.map { f($0, s) }, a.shape))
        case (_, .array(let b)):
            guard let y = b.doubles, let s = number(l) else { return nil }
            return .array(shaped(y.map { f(s, $0) }, b.shape))
        default:
            return nil
        }
    }

    private static func number(_ v: Value) -> Double? {
        switch v {
        case .float(let d): d
        case .int(let i): Double(i)
        default: nil
        }
    }

    private static func shaped(_ values: [Double], _ shape: [Int]) -> ArrayBox {
        let box = ArrayBox(doubles: values)
        box.shape = shape
        return box
    }
}
