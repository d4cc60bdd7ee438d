import DataTables

/// Property access and assignment: `fm1.β`, `pastes.sample = …`, `MixedModels.dataset`.
enum Properties {
    static func get(_ value: Value, _ name: String, _ interpreter: Interpreter) throws -> Value {
        switch value {
        case .module(let module):
            if let f = interpreter.library.qualified(module, name) { return f }
            throw LanguageError("module \(module) has no `\(name)`\(hint(name, interpreter.library.members(of: module)))")
        case .object(let o):
            if let v = try o.property(name) { return v }
            throw LanguageError("\(o.typeName) has no property `\(name)`\(hint(name, o.propertyNames))")
        case .namedTuple(let names, let values):
            if let i = names.firstIndex(of: name) { return values[i] }
            throw LanguageError("the named tuple has no field `\(name)`\(hint(name, names))")
        case .pair(let p) where name == "first" || name == "second":
            return name == "first" ? p.first : p.second
        default:
            throw LanguageError("\(value.described) has no property `\(name)`")
        }
    }

    static func set(_ value: Value, _ name: String, _ newValue: Value) throws {
        guard case .object(let o) = value else {
            throw LanguageError("cannot set property `\(name)` of \(value.described)")
        }
        try o.setProperty(name, newValue)
    }

    static func hint(_ name: String, _ candidates: [String]) -> String {
        let close = closeNames(to: name, among: candidates)
        return close.isEmpty ? "" : "; did you mean \(close.map { "`\($0)`" }.joined(separator: ", "))?"
    }
}

/// Indexing `a[i]`, `a[i, j]`, `a[2:end]`, `a[mask]`, `a[:, 1]`, `d[:key]` and index assignment.
enum Indexing {
    static func get(_ value: Value, _ indices: [Value], _ interpreter: Interpreter? = nil) throws -> Value {
        switch value {
        case .array(let a):
            guard let pool = a.categoricalPool else { return try arrayGet(a, indices) }
            return CategoricalValueObject.wrapped(try arrayGet(a, indices), of: a, pool: pool)
        case .tuple(let items):
            if indices.count == 1, !isScalar(indices[0]) {
                return .tuple(try positions(indices[0], count: items.count, of: value).map { items[$0] })
            }
            return items[try single(indices, count: items.count, of: value)]
        case .namedTuple(let names, let values):
            if indices.count == 1, case .symbol(let s) = indices[0] {
                guard let i = names.firstIndex(of: s) else {
                    throw LanguageError("the named tuple has no field :\(s)\(Properties.hint(s, names))")
                }
                return values[i]
            }
            return values[try single(indices, count: values.count, of: value)]
        case .range(let start, let step, let stop):
            let n = Iteration.rangeCount(start, step, stop)
            if indices.count == 1, case .range(let a, let s, let b) = indices[0] {
                let m = Iteration.rangeCount(a, s, b)
                if m > 0 {
                    _ = try position(.int(a), count: n, of: value)
                    _ = try position(.int(a + (m - 1) * s), count: n, of: value)
                }
                return .range(start: start &+ (a &- 1) &* step, step: step &* s,
                              stop: start &+ (a &- 1 &+ (m &- 1) &* s) &* step)
            }
            if indices.count == 1, !isScalar(indices[0]) {
                return .array(ArrayBox(ints: try positions(indices[0], count: n, of: value).map { start &+ $0 &* step }))
            }
            let i = try single(indices, count: n, of: value)
            return .int(start &+ i &* step)
        case .string(let s):
            // Positions count characters (code points); Julia's byte indices agree on ASCII text.
            let chars = Array(s.unicodeScalars)
            if indices.count == 1, !isScalar(indices[0]) {
                var out = String.UnicodeScalarView()
                out.append(contentsOf: try positions(indices[0], count: chars.count, of: value).map { chars[$0] })
                return .string(String(out))
            }
            return .char(chars[try single(indices, count: chars.count, of: value)])
        case .dict(let d):
            guard indices.count == 1 else { throw LanguageError("a dictionary takes one key in `[…]`") }
            guard let v = d[indices[0]] else { throw JuliaException.keyError(indices[0]) }
            return v
        case .object(let o as any IterableObject):
            if indices.count == 1, !isScalar(indices[0]) {
                return .array(ArrayBox.literal(try positions(indices[0], count: o.length, of: value)
                    .map { try o.element(at: $0) }))
            }
            return try o.element(at: try single(indices, count: o.length, of: value))
        case .object(let o):
            if let v = try o.index(indices) { return v }
            throw LanguageError("\(o.typeName) cannot be indexed with `[…]`")
        default:
            throw LanguageError("\(value.described) cannot be indexed with `[…]`")
        }
    }

    /// The value stored in `a`, converted to its element type (`Int` into `Float64`, integral `Float64` into `Int`).
    static func converted(_ v: Value, to a: ArrayBox) throws -> Value {
        switch (a.elementType, v) {
        case ("Any", _): return v
        case ("Float64", _): if let d = v.asDouble { return .float(d) }
        case ("Int64", .float(let d)):
            guard d == d.rounded(), Swift.abs(d) < 9.2e18 else {
                throw LanguageError(exception: JuliaException(
                    "InexactError", fields: [("func", .symbol("Int64")), ("T", .type("Int64")), ("val", v)],
                    message: "InexactError: Int64(\(Display.repr(v)))"))
            }
            return .int(Int(d))
        case ("Int64", .bool(let b)): return .int(b ? 1 : 0)
        default: break
        }
        if v.typeName == a.elementType || TypeHierarchy.isa(v, a.elementType) { return v }
        if a.elementType.hasPrefix("Union{Missing"), case .missing = v { return v }
        throw LanguageError("cannot store \(v.described) in a \(a.typeName)")
    }

    static func set(_ value: Value, _ indices: [Value], _ newValue: Value) throws {
        switch value {
        case .array(let a):
            let targets = try selection(a, indices)
            if targets.isScalar {
                a.setElement(targets.positions[0], try converted(newValue, to: a))
                return
            }
            let values: [Value]
            switch newValue {
            case .array, .range, .tuple: values = try Iteration.elements(of: newValue)
            default:
                throw JuliaException.argumentError("indexed assignment with a single value to possibly many "
                    + "locations is not supported; perhaps use broadcasting `.=` instead?")
            }
            guard values.count == targets.positions.count else {
                throw JuliaException.dimensionMismatch("tried to assign \(values.count) elements to "
                                                       + "\(targets.positions.count) destinations")
            }
            for (p, v) in zip(targets.positions, values) { a.setElement(p, try converted(v, to: a)) }
        case .dict(let d):
            guard indices.count == 1 else { throw LanguageError("a dictionary takes one key in `[…]`") }
            try d.set(indices[0], newValue)
        case .object(let o):
            try o.setIndex(indices, newValue)
        default:
            throw LanguageError("cannot assign to an element of \(value.described)")
        }
    }

    /// `a[indices] .= v`: stores `v` (a scalar, or an array of the selection's size) at every selected position.
    static func broadcastSet(_ a: ArrayBox, _ indices: [Value], _ newValue: Value) throws {
        let targets = try selection(a, indices)
        if let shape = Broadcasting.shape(of: newValue) {
            let values = try Iteration.elements(of: newValue)
            if values.count == 1 {
                let v = try converted(values[0], to: a)
                for p in targets.positions { a.setElement(p, v) }
                return
            }
            guard values.count == targets.positions.count else {
                throw JuliaException.dimensionMismatch(
                    "array could not be broadcast to match destination: got \(shape) for \(targets.shape)")
            }
            for (p, v) in zip(targets.positions, values) { a.setElement(p, try converted(v, to: a)) }
        } else {
            let v = try converted(newValue, to: a)
            for p in targets.positions { a.setElement(p, v) }
        }
    }

    /// A 0-based position from one 1-based integer index.
    private static func single(_ indices: [Value], count: Int, of value: Value) throws -> Int {
        guard indices.count == 1 else {
            throw LanguageError("expected one index for \(value.described), got \(indices.count)")
        }
        return try position(indices[0], count: count, of: value)
    }

    private static func position(_ index: Value, count: Int, of value: Value) throws -> Int {
        let i: Int
        switch index {
        case .int(let n): i = n
        case .float(let d) where d == d.rounded() && Swift.abs(d) < 9e18:
            throw LanguageError(exception: JuliaException(
                "ArgumentError", msg: "invalid index: \(Display.repr(index)) of type Float64"))
        default:
            throw LanguageError("expected an integer index, got \(index.described)")
        }
        guard i >= 1 && i <= count else { throw JuliaException.boundsError(value, [index]) }
        return i - 1
    }

    private static func isColon(_ v: Value) -> Bool {
        if case .type("Colon") = v { return true }
        return false
    }

    private static func isScalar(_ v: Value) -> Bool {
        switch v {
        case .int, .float, .bool: return true
        default: return false
        }
    }

    /// The 0-based positions an index selects along a dimension of length `count`: an integer, a range, a vector
    /// of integers, a Bool mask of the same length, or `:`.
    private static func positions(_ index: Value, count: Int, of value: Value) throws -> [Int] {
        if isColon(index) { return Array(0..<count) }
        if case .range(let a, let s, let b) = index {
            let m = Iteration.rangeCount(a, s, b)
            guard m > 0 else { return [] }
            for end in [a, a + (m - 1) * s] where end < 1 || end > count {
                throw JuliaException.boundsError(value, [index])
            }
            return Array(stride(from: a - 1, through: a - 1 + (m - 1) * s, by: s))
        }
        if case .array(let mask) = index, mask.elementType == "Bool" {
            guard mask.count == count else {
                throw JuliaException.boundsError(value, [index])
            }
            return mask.elements.indices.filter { if case .bool(true) = mask.element($0) { return true }; return false }
        }
        if case .array(let a) = index {
            return try (0..<a.count).map { try position(a.element($0), count: count, of: value) }
        }
        return [try position(index, count: count, of: value)]
    }

    /// The positions `a[indices…]` selects and the shape of the result.
    static func selection(_ a: ArrayBox, _ indices: [Value]) throws
        -> (positions: [Int], shape: [Int], isScalar: Bool) {
        // `a[]`: the one element of a one-element array; anything else is out of bounds, as in Julia.
        if indices.isEmpty {
            guard a.count == 1 else { throw JuliaException.boundsError(.array(a), indices) }
            return ([0], [], true)
        }
        if indices.count == 1 {
            let index = indices[0]
            let p = try positions(index, count: a.count, of: .array(a))
            if isScalar(index) { return (p, [], true) }
            if case .array(let i) = index, i.elementType != "Bool" { return (p, i.shape, false) }
            return (p, [p.count], false)
        }
        // Trailing indices beyond the array's dimensions must be 1.
        let shape = a.shape + [Int](repeating: 1, count: max(0, indices.count - a.shape.count))
        guard indices.count >= a.shape.count || indices.count == 0 else {
            // Fewer indices than dimensions: the last index runs over the remaining ones.
            let folded = Array(a.shape.prefix(indices.count - 1)) + [a.shape.dropFirst(indices.count - 1).reduce(1, *)]
            return try select(a, indices, shape: folded)
        }
        return try select(a, indices, shape: shape)
    }

    private static func select(_ a: ArrayBox, _ indices: [Value], shape: [Int]) throws
        -> (positions: [Int], shape: [Int], isScalar: Bool) {
        var perDimension: [[Int]] = []
        var resultShape: [Int] = []
        for (d, index) in indices.enumerated() {
            let p: [Int]
            do {
                p = try positions(index, count: shape[d], of: .array(a))
            } catch let error as LanguageError where error.exception?.typeName == "BoundsError" {
                throw JuliaException.boundsError(.array(a), indices)
            }
            perDimension.append(p)
            if !isScalar(index) { resultShape.append(p.count) }
        }
        var strides: [Int] = []
        var stride = 1
        for n in shape {
            strides.append(stride)
            stride *= n
        }
        var out: [Int] = [0]
        for (d, p) in perDimension.enumerated() {
            var next: [Int] = []
            next.reserveCapacity(out.count * p.count)
            for i in p { for base in out { next.append(base + i * strides[d]) } }
            out = next
        }
        // `next` lists earlier dimensions fastest, as column-major order needs.
        return (out, resultShape, resultShape.isEmpty)
    }

    private static func arrayGet(_ a: ArrayBox, _ indices: [Value]) throws -> Value {
        let s = try selection(a, indices)
        if s.isScalar { return a.element(s.positions[0]) }
        let picked = s.positions.map { a.element($0) }
        return .array(ArrayBox(picked, shape: s.shape, elementType: a.elementType))
    }

    /// The value of `end` in dimension `dimension` (0-based) of an index with `count` positions.
    static func lastIndex(of value: Value, dimension: Int, count: Int) throws -> Int {
        if case .array(let a) = value, count > 1 {
            if count < a.shape.count && dimension == count - 1 {
                return a.shape.dropFirst(dimension).reduce(1, *)
            }
            return dimension < a.shape.count ? a.shape[dimension] : 1
        }
        if case .object(let o) = value, !(o is any IterableObject) {
            guard let n = o.lastIndex(dimension: dimension, of: count) else {
                throw LanguageError("`end` cannot be used in an index of a \(o.typeName)")
            }
            return n
        }
        return try Iteration.count(of: value)
    }
}
