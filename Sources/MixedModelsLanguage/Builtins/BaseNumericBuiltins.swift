import Foundation

extension BuiltinLibrary {
    /// Base's numeric helpers with Julia's result types: sums of booleans are integers, `float` of arrays,
    /// `floor(Int, x)`, extrema and arg-extrema, `skipmissing`, `coalesce`, `something`.
    mutating func registerBaseNumerics() {
        for name in ["sum", "prod", "cumsum", "cumprod"] {
            extend(name, keywords: ["dims"]) { c, previous in
                if let d = try Numeric.dimension(c), c.count == 1 {
                    let product = name == "prod"
                    guard name == "sum" || product else { return try cumulative(c, dims: d, product: name == "cumprod") }
                    return try Numeric.reduce(c.positional[0], dims: d, name) { xs in
                        product ? xs.reduce(1, *) : xs.reduce(0, +)
                    }
                }
                if name == "cumprod", c.count == 1 { return try cumulative(c, dims: nil, product: true) }
                guard c.count == 1, case .array(let a) = c.positional[0], a.elementType == "Bool" else {
                    return try previous(c)
                }
                let ints = Value.array(ArrayBox(a.elements.map { v in if case .bool(let b) = v { .int(b ? 1 : 0) } else { v } },
                                                shape: a.shape, elementType: "Int64"))
                return try previous(CallContext(name: c.name, positional: [ints], keywords: c.keywords, interpreter: c.interpreter))
            }
        }
        extend("float") { c, previous in
            guard c.count == 1, case .array(let a) = c.positional[0] else { return try previous(c) }
            let values = try Numeric.doubles(c.positional[0], "float")
            return .array(ArrayBox(values.map(Value.float), shape: a.shape, elementType: "Float64"))
        }
        for (name, rule) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up), ("trunc", .towardZero)] {
            add(name, keywords: ["digits", "sigdigits"]) { c in
                try c.expectCount(1...2, "\(name)(x) or \(name)(Int, x)")
                if c.count == 2 {
                    guard c.positional[0].namedType == "Int64" else { throw c.wrongType(0, expected: "Int") }
                    let r = try c.double(1).rounded(rule)
                    guard r.isFinite, Swift.abs(r) < 9.2e18 else {
                        throw LanguageError("InexactError: \(name)(Int64, \(JuliaFormat.number(try c.double(1))))")
                    }
                    return .int(Int(r))
                }
                if case .int = c.positional[0] { return c.positional[0] }
                let x = try c.double(0)
                if let digits = try c.intKeyword("digits") {
                    let scale = pow(10.0, Double(digits))
                    return .float((x * scale).rounded(rule) / scale)
                }
                return .float(x.rounded(rule))
            }
        }
        add("isinf") { c in try c.expectCount(1); return .bool(try c.double(0).isInfinite) }
        add("isfinite") { c in try c.expectCount(1); return .bool(try c.double(0).isFinite) }
        add("sign") { c in
            try c.expectCount(1)
            if case .int(let i) = c.positional[0] { return .int(i.signum()) }
            let x = try c.double(0)
            return .float(x == 0 || x.isNaN ? x : (x > 0 ? 1 : -1))
        }
        add("extrema") { c in
            try c.expectCount(1)
            let items = try orderedItems(c)
            return .tuple([items[try extremeIndex(items, largest: false)], items[try extremeIndex(items, largest: true)]])
        }
        for (name, largest, withValue) in [("argmin", false, false), ("argmax", true, false),
                                           ("findmin", false, true), ("findmax", true, true)] {
            add(name) { c in
                try c.expectCount(1)
                let items = try orderedItems(c)
                let i = try extremeIndex(items, largest: largest)
                return withValue ? .tuple([items[i], .int(i + 1)]) : .int(i + 1)
            }
        }
        add("skipmissing") { c in
            try c.expectCount(1)
            let kept = try Iteration.elements(of: c.positional[0]).filter { if case .missing = $0 { false } else { true } }
            return .array(ArrayBox.literal(kept))
        }
        add("coalesce") { c in
            c.positional.first { if case .missing = $0 { false } else { true } } ?? .missing
        }
        add("something") { c in
            guard let v = c.positional.first(where: { !$0.isNothing }) else {
                throw LanguageError("ArgumentError: No value arguments present")
            }
            return v
        }
    }
}

private func orderedItems(_ c: CallContext) throws -> [Value] {
    let items = try Iteration.elements(of: c.positional[0])
    guard !items.isEmpty else { throw LanguageError("ArgumentError: collection must be non-empty") }
    return items
}

/// The position of the first smallest (or largest) element; NaN wins, as in Julia's `isless`-based search.
private func extremeIndex(_ items: [Value], largest: Bool) throws -> Int {
    var best = 0
    for i in 1..<items.count {
        let (a, b) = (items[i], items[best])
        if let x = a.asDouble, let y = b.asDouble {
            if y.isNaN { return best }
            if x.isNaN { return i }
            if largest ? x > y : x < y { best = i }
        } else if case .string(let s) = a, case .string(let t) = b {
            if largest ? s > t : s < t { best = i }
        } else {
            throw LanguageError("cannot compare \(a.described) with \(b.described)")
        }
    }
    return best
}

/// `cumsum`/`cumprod`, over all elements or along `dims`, keeping integer types.
private func cumulative(_ c: CallContext, dims: Int?, product: Bool) throws -> Value {
    guard case .array(let a) = c.positional[0] else {
        let items = try Iteration.elements(of: c.positional[0])
        return try cumulative(CallContext(name: c.name, positional: [.array(ArrayBox.literal(items))], keywords: c.keywords,
                                          interpreter: c.interpreter), dims: dims, product: product)
    }
    let isInteger = a.elementType == "Int64" || a.elementType == "Bool"
    let values = try Numeric.doubles(c.positional[0], c.name)
    let (m, n) = a.shape.count == 2 ? (a.shape[0], a.shape[1]) : (a.count, 1)
    var out = values
    if dims == nil, a.shape.count > 1 {
        throw LanguageError("\(c.name) of a \(a.typeName) needs dims, as in \(c.name)(A; dims=1)")
    }
    let along = dims ?? 1
    for k in 0..<(along == 1 ? n : m) {
        var acc = product ? 1.0 : 0.0
        for l in 0..<(along == 1 ? m : n) {
            let index = along == 1 ? l + k * m : k + l * m
            acc = product ? acc * values[index] : acc + values[index]
            out[index] = acc
        }
    }
    let elements = isInteger ? out.map { Value.int(Int($0)) } : out.map(Value.float)
    return .array(ArrayBox(elements, shape: a.shape, elementType: isInteger ? "Int64" : "Float64"))
}
