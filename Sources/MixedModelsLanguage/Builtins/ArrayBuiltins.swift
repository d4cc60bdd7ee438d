extension BuiltinLibrary {
    /// Julia's array constructors and mutators: `zeros`/`ones`/`fill` with dimensions and types, `similar`,
    /// `copy`, `reshape`, `hcat`/`vcat`, `repeat`, `permutedims`, `push!`-style mutation.
    mutating func registerArrays() {
        for (name, one) in [("zeros", false), ("ones", true)] {
            add(name) { c in
                var args = c.positional
                var type = "Float64"
                if let t = args.first?.namedType {
                    guard t == "Float64" || t == "Int64" || t == "Bool" else {
                        throw LanguageError("\(name) supports Float64, Int and Bool elements, got \(t)")
                    }
                    type = t
                    args.removeFirst()
                }
                let shape = try shapeArguments(args, c)
                let element: Value = switch type {
                case "Int64": .int(one ? 1 : 0)
                case "Bool": .bool(one)
                default: .float(one ? 1 : 0)
                }
                return try filledArray(element, shape, type)
            }
        }
        add("fill") { c in
            try c.expectCount(1...Int.max, "fill(value, dims...)")
            let shape = try shapeArguments(Array(c.positional.dropFirst()), c)
            return try filledArray(c.positional[0], shape, c.positional[0].typeName)
        }
        add("fill!") { c in
            try c.expectCount(2, "fill!(A, value)")
            let a = try mutableArray(c)
            let v = try converted(c.positional[1], to: a.elementType, c)
            a.elements = Array(repeating: v, count: a.count)
            return c.positional[0]
        }
        add("similar") { c in
            try c.expectCount(1...Int.max, "similar(A, [T], [dims...])")
            guard case .array(let a) = c.positional[0] else { throw c.wrongType(0, expected: "an array") }
            var args = Array(c.positional.dropFirst())
            var type = a.elementType
            if let t = args.first?.namedType { type = t; args.removeFirst() }
            let shape = args.isEmpty ? a.shape : try shapeArguments(args, c)
            let zero: Value = type == "Int64" ? .int(0) : type == "Bool" ? .bool(false) : .float(0)
            return try filledArray(zero, shape, type)
        }
        add("copy") { c in
            try c.expectCount(1)
            switch c.positional[0] {
            case .array(let a): return .array(ArrayBox(a.elements, shape: a.shape, elementType: a.elementType))
            case .dict(let d): return .dict(try copied(d, deep: false))
            case .object(let o as RandomGeneratorObject): return .object(RandomGeneratorObject(o.generator.copy()))
            default: return c.positional[0]
            }
        }
        add("deepcopy") { c in try c.expectCount(1); return try deepCopy(c.positional[0]) }
        add("vec") { c in
            try c.expectCount(1)
            // As in Julia, `vec` of an array is the same storage: writes to either show in the other.
            if case .array(let a) = c.positional[0] {
                if a.shape.count == 1 { return c.positional[0] }
                return .array(ArrayBox(viewing: a, positions: Array(0..<a.count), shape: [a.count], kind: .reshape))
            }
            let items = try Iteration.elements(of: c.positional[0])
            return .array(ArrayBox(items, elementType: elementTypeName(c.positional[0], items)))
        }
        add("reshape") { c in
            try c.expectCount(2...Int.max, "reshape(A, dims...)")
            let items = try Iteration.elements(of: c.positional[0])
            var dims = Array(c.positional.dropFirst())
            if dims.count == 1, case .tuple(let t) = dims[0] { dims = t }
            let known = try dims.compactMap { d -> Int? in
                if case .type("Colon") = d { return nil }
                guard case .int(let n) = d, n >= 0 else { throw LanguageError("reshape: dimensions must be non-negative integers") }
                return n
            }
            var shape = known
            if known.count == dims.count - 1, let colon = dims.firstIndex(where: { if case .type("Colon") = $0 { true } else { false } }) {
                let rest = known.reduce(1, *)
                guard rest > 0, items.count % rest == 0 else {
                    throw LanguageError("DimensionMismatch: array size \(items.count) must be divisible by the product of the new dimensions")
                }
                shape.insert(items.count / rest, at: colon)
            }
            guard shape.count == dims.count, shape.reduce(1, *) == items.count else {
                throw LanguageError("DimensionMismatch: new dimensions \(dimsText(shape)) must be consistent with array size \(items.count)")
            }
            return .array(ArrayBox(items, shape: shape, elementType: elementTypeName(c.positional[0], items)))
        }
        add("repeat", keywords: ["inner", "outer"]) { c in try repeated(c) }
        for name in ["permutedims"] {
            add(name) { c in
                try c.expectCount(1)
                guard case .array(let a) = c.positional[0] else {
                    if c.positional[0].asDouble != nil { return c.positional[0] }
                    throw c.wrongType(0, expected: "an array")
                }
                let (m, n) = a.shape.count == 1 ? (a.count, 1) : (a.shape[0], a.shape[1])
                guard a.shape.count <= 2 else { throw LanguageError("\(name) needs a vector or a matrix") }
                var out = [Value]()
                out.reserveCapacity(a.count)
                for i in 0..<m { for j in 0..<n { out.append(a.elements[i + j * m]) } }
                return .array(ArrayBox(out, shape: [n, m], elementType: a.elementType))
            }
        }
        add("pop!") { c in
            try c.expectCount(1)
            let a = try mutableVector(c)
            guard let last = a.elements.popLast() else { throw LanguageError("ArgumentError: array must be non-empty") }
            a.shape = [a.count]
            return last
        }
        add("popfirst!") { c in
            try c.expectCount(1)
            let a = try mutableVector(c)
            guard !a.elements.isEmpty else { throw LanguageError("ArgumentError: array must be non-empty") }
            a.shape = [a.count - 1]
            return a.elements.removeFirst()
        }
        add("pushfirst!") { c in
            try c.expectCount(2...Int.max)
            let a = try mutableVector(c)
            for v in c.positional.dropFirst().reversed() { a.elements.insert(try converted(v, to: a.elementType, c), at: 0) }
            a.shape = [a.count]
            return c.positional[0]
        }
        add("append!") { c in
            try c.expectCount(2...Int.max, "append!(v, collections...)")
            let a = try mutableVector(c)
            for collection in c.positional.dropFirst() {
                for v in try Iteration.elements(of: collection) { try Indexing.append(a, v) }
            }
            return c.positional[0]
        }
        add("insert!") { c in
            try c.expectCount(3, "insert!(v, index, value)")
            let a = try mutableVector(c)
            let i = try c.integer(1)
            guard (1...(a.count + 1)).contains(i) else {
                throw LanguageError("BoundsError: attempt to insert at index \(i) of a \(a.count)-element \(a.typeName)")
            }
            a.elements.insert(try converted(c.positional[2], to: a.elementType, c), at: i - 1)
            a.shape = [a.count]
            return c.positional[0]
        }
        add("deleteat!") { c in
            try c.expectCount(2, "deleteat!(v, index)")
            let a = try mutableVector(c)
            let drop = Set(try Iteration.elements(of: c.positional[1]).map { v -> Int in
                guard case .int(let i) = v, (1...a.count).contains(i) else {
                    throw LanguageError("BoundsError: attempt to delete index \(Display.repr(v)) of a \(a.count)-element \(a.typeName)")
                }
                return i - 1
            })
            a.elements = a.elements.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
            a.shape = [a.count]
            return c.positional[0]
        }
        add("unique!") { c in
            try c.expectCount(1, "unique!(v)")
            let a = try mutableVector(c)
            var kept: [Value] = []
            for v in a.elements where !kept.contains(where: { Equality.equal($0, v) }) {
                try c.interpreter.checkDeadline()
                kept.append(v)
            }
            a.elements = kept
            a.shape = [a.count]
            return c.positional[0]
        }
        add("copyto!") { c in
            try c.expectCount(2, "copyto!(dest, src)")
            let a = try mutableArray(c)
            let source = try Iteration.elements(of: c.positional[1])
            guard source.count <= a.count else {
                throw LanguageError("BoundsError: copyto! of \(source.count) elements into a \(a.count)-element \(a.typeName)")
            }
            for (i, v) in source.enumerated() { a.elements[i] = try converted(v, to: a.elementType, c) }
            return c.positional[0]
        }
        add("ndims") { c in
            try c.expectCount(1)
            switch c.positional[0] {
            case .array(let a): return .int(a.shape.count)
            case .range: return .int(1)
            default: return .int(0)
            }
        }
    }
}

/// Dimensions given as integers or as one tuple (`zeros(2, 3)`, `zeros((2, 3))`), checked for negative sizes and
/// for an element count that overflows.
func shapeArguments(_ values: [Value], _ c: CallContext) throws -> [Int] {
    var items = values
    if items.count == 1, case .tuple(let t) = items[0] { items = t }
    guard !items.isEmpty else { throw LanguageError("\(c.name) needs dimensions, as in \(c.name)(3) or \(c.name)(2, 3)") }
    let shape = try items.map { v in
        guard case .int(let n) = v else { throw LanguageError("dimensions of \(c.name) must be integers, got \(v.described)") }
        guard n >= 0 else { throw JuliaException.argumentError("invalid Array dimensions: negative dimension \(n)") }
        return n
    }
    _ = try Memory.elementCount(shape)
    return shape
}

func dimsText(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

private func filledArray(_ v: Value, _ shape: [Int], _ type: String) throws -> Value {
    let count = try Memory.elementCount(shape)
    switch v {
    case .float(let d):
        try Memory.reserve(count, bytes: 8)
        let box = ArrayBox(doubles: Array(repeating: d, count: count))
        box.shape = shape
        return .array(box)
    case .int(let i):
        try Memory.reserve(count, bytes: 8)
        return .array(ArrayBox(ints: Array(repeating: i, count: count), shape: shape))
    case .bool(let b):
        try Memory.reserve(count, bytes: 1)
        return .array(ArrayBox(bools: Array(repeating: b, count: count), shape: shape))
    default:
        try Memory.reserve(count)
        return .array(ArrayBox(Array(repeating: v, count: count), shape: shape, elementType: type))
    }
}

private func mutableArray(_ c: CallContext) throws -> ArrayBox {
    guard case .array(let a) = c.positional[0] else { throw c.wrongType(0, expected: "an array") }
    return a
}

private func mutableVector(_ c: CallContext) throws -> ArrayBox {
    let a = try mutableArray(c)
    guard a.shape.count == 1 else { throw LanguageError("\(c.name) needs a vector, got a \(a.typeName)") }
    return a
}

/// A value stored into an array of element type `type`, as Julia's `convert` would.
private func converted(_ v: Value, to type: String, _ c: CallContext) throws -> Value {
    if type == "Any" || v.typeName == type { return v }
    switch (type, v) {
    case ("Float64", _) where v.asDouble != nil: return .float(v.asDouble!)
    case ("Int64", .float(let d)) where d == d.rounded(): return .int(Int(d))
    case ("Int64", .bool(let b)): return .int(b ? 1 : 0)
    default:
        if type.hasPrefix("Union{Missing"), case .missing = v { return v }
        throw LanguageError("MethodError: cannot convert \(v.described) to an element of type \(type) in \(c.name)")
    }
}

private func elementTypeName(_ source: Value, _ items: [Value]) -> String {
    if case .array(let a) = source { return a.elementType }
    return ArrayBox.commonType(of: items)
}

private func copied(_ d: DictBox, deep: Bool) throws -> DictBox {
    let out = DictBox(kindName: d.kindName, keyType: d.keyType, valueType: d.valueType)
    for (k, v) in d.entries { try out.set(k, deep ? try deepCopy(v) : v) }
    return out
}

private func deepCopy(_ v: Value) throws -> Value {
    switch v {
    case .array(let a): return .array(ArrayBox(try a.elements.map(deepCopy), shape: a.shape, elementType: a.elementType))
    case .dict(let d): return .dict(try copied(d, deep: true))
    case .tuple(let items): return .tuple(try items.map(deepCopy))
    case .namedTuple(let names, let values): return .namedTuple(names: names, values: try values.map(deepCopy))
    case .object(let o as RandomGeneratorObject): return .object(RandomGeneratorObject(o.generator.copy()))
    case .object(let m as ModelObject): return .object(try m.deepCopy())
    default: return v
    }
}

/// A vector as a column, a matrix as itself: rows, columns, column-major elements.
private func block(_ v: Value) throws -> (rows: Int, columns: Int, items: [Value], type: String) {
    switch v {
    case .array(let a) where a.shape.count == 2: return (a.shape[0], a.shape[1], a.elements, a.elementType)
    case .array(let a): return (a.count, 1, a.elements, a.elementType)
    case .range: let items = try Iteration.elements(of: v); return (items.count, 1, items, "Int64")
    default: return (1, 1, [v], v.typeName)
    }
}

/// `repeat(v, n)`, `repeat(A, m, n)`, `repeat(v; inner, outer)` and `repeat(s::String, n)`.
private func repeated(_ c: CallContext) throws -> Value {
    try c.expectCount(1...3, "repeat(A, counts...)")
    if case .string(let s) = c.positional[0] {
        try c.expectCount(2)
        let n = try c.integer(1)
        guard n >= 0 else { throw LanguageError("ArgumentError: can't repeat a string \(n) times") }
        try c.reserve(try Memory.elementCount([s.utf8.count, n]), bytes: 1)
        return .string(String(repeating: s, count: n))
    }
    let b = try block(c.positional[0])
    let isVector: Bool = { if case .array(let a) = c.positional[0] { a.shape.count == 1 } else { true } }()
    let inner = try c.intKeyword("inner") ?? 1
    let outer = c.count > 1 ? try c.integer(1) : (try c.intKeyword("outer") ?? 1)
    let outerColumns = c.count > 2 ? try c.integer(2) : 1
    guard inner >= 0, outer >= 0, outerColumns >= 0 else { throw LanguageError("ArgumentError: repeat counts must be non-negative") }
    var column = [Value]()
    var columns = [[Value]]()
    for j in 0..<b.columns {
        column = []
        for v in b.items[(j * b.rows)..<((j + 1) * b.rows)] { column += Array(repeating: v, count: inner) }
        columns.append(Array([[Value]](repeating: column, count: outer).joined()))
    }
    let allColumns = Array([[[Value]]](repeating: columns, count: outerColumns).joined())
    let rows = b.rows * inner * outer
    if isVector && c.count < 3 { return .array(ArrayBox(allColumns.flatMap { $0 }, elementType: b.type)) }
    return .array(ArrayBox(allColumns.flatMap { $0 }, shape: [rows, allColumns.count], elementType: b.type))
}
