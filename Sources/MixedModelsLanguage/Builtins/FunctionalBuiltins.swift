import Foundation

/// Builtins that call functions given to them (`map`, `filter`, `reduce`, `sort(; by)` …); they call through
/// `Interpreter.call`, so builtins, block-defined functions and closures all work, and poll the deadline per element.
extension BuiltinLibrary {
    mutating func registerFunctional() {
        add("map") { c in
            try c.expectCount(2...Int.max, "map(f, collection…)")
            let f = c.positional[0]
            let collections = Array(c.positional.dropFirst())
            if collections.count == 1, case .string(let s) = collections[0] {
                var out = String.UnicodeScalarView()
                for ch in s.unicodeScalars {
                    guard case .char(let r) = try c.interpreter.call(f, [.char(ch)]) else {
                        throw JuliaException.argumentError("map(f, s::AbstractString) requires f to return AbstractChar; "
                                                           + "try map(f, collect(s)) or a comprehension instead")
                    }
                    out.append(r)
                }
                return .string(String(out))
            }
            if collections.count == 1, case .dict = collections[0] {
                throw LanguageError("map is not defined on dictionaries: use [f(k, v) for (k, v) in d]")
            }
            if collections.count == 1, let fast = try Kernels.map(f, collections[0]) { return fast }
            let shape: [Int]? = collections.count == 1 ? Broadcasting.shape(of: collections[0]) : nil
            let n = try collections.map { try Iteration.count(of: $0) }.min() ?? 0
            try Memory.reserve(n)
            var out: [Value] = []
            out.reserveCapacity(n)
            if collections.count == 1 {
                try Iteration.forEach(collections[0]) { v in
                    try c.checkDeadline()
                    out.append(try c.interpreter.call(f, [v]))
                    return true
                }
            } else {
                let columns = try collections.map { try Iteration.elements(of: $0) }
                for i in 0..<n {
                    try c.checkDeadline()
                    out.append(try c.interpreter.call(f, columns.map { $0[i] }))
                }
            }
            let box = ArrayBox.literal(out)
            if let shape, shape.reduce(1, *) == n { box.shape = shape }
            return .array(box)
        }
        add("map!") { c in
            try c.expectCount(3...Int.max, "map!(f, destination, collection…)")
            guard case .array(let destination) = c.positional[1] else { throw c.wrongType(1, expected: "an array") }
            let columns = try c.positional.dropFirst(2).map { try Iteration.elements(of: $0) }
            let n = min(destination.count, columns.map(\.count).min() ?? 0)
            for i in 0..<n {
                try c.checkDeadline()
                let v = try c.interpreter.call(c.positional[0], columns.map { $0[i] })
                destination.setElement(i, try Indexing.converted(v, to: destination))
            }
            return .array(destination)
        }
        add("foreach") { c in
            try c.expectCount(2...Int.max, "foreach(f, collection…)")
            let columns = try c.positional.dropFirst().map { try Iteration.elements(of: $0) }
            for i in 0..<(columns.map(\.count).min() ?? 0) {
                try c.checkDeadline()
                _ = try c.interpreter.call(c.positional[0], columns.map { $0[i] })
            }
            return .nothing
        }
        add("broadcast") { c in
            try c.expectCount(2...Int.max, "broadcast(f, arguments…)")
            return try c.interpreter.broadcastCall(c.positional[0], Array(c.positional.dropFirst()), c.keywords)
        }
        add("filter") { c in
            try c.expectCount(2, "filter(f, collection)")
            let f = c.positional[0]
            let keep: (Value) throws -> Bool = { v in
                try c.checkDeadline()
                return try predicate(c, f, v)
            }
            switch c.positional[1] {
            case .dict(let d):
                let out = DictBox(kindName: d.kindName, keyType: d.keyType, valueType: d.valueType)
                for e in d.entries where try keep(.pair(PairBox(e.key, e.value))) { try out.set(e.key, e.value) }
                return .dict(out)
            case .string(let s):
                var out = String.UnicodeScalarView()
                out.append(contentsOf: try s.unicodeScalars.filter { try keep(.char($0)) })
                return .string(String(out))
            case .array(let a):
                let kept = try (0..<a.count).map(a.element).filter(keep)
                return .array(ArrayBox(kept, elementType: a.elementType))
            default:
                return .array(ArrayBox.literal(try Iteration.elements(of: c.positional[1]).filter(keep)))
            }
        }
        add("reduce", keywords: ["init"]) { c in try fold(c, fromLeft: true) }
        add("foldl", keywords: ["init"]) { c in try fold(c, fromLeft: true) }
        add("foldr", keywords: ["init"]) { c in try fold(c, fromLeft: false) }
        add("mapreduce", keywords: ["init"]) { c in
            try c.expectCount(3, "mapreduce(f, op, collection)")
            let mapped = try c.interpreter.call(.function(c.interpreter.library.functions["map"]!),
                                                [c.positional[0], c.positional[2]])
            let reduce = c.interpreter.library.functions["reduce"]!
            return try c.interpreter.call(.function(reduce), [c.positional[1], mapped], c.keywords)
        }
        extend("sum") { c, previous in
            guard c.count == 2, case .function = c.positional[0] else {
                if c.count == 1, case .array(let a) = c.positional[0] {
                    if let d = a.doubles { return .float(Kernels.pairwiseSum(d[...])) }
                    if let b = a.bools { return .int(b.reduce(0) { $0 + ($1 ? 1 : 0) }) }
                    if let n = a.ints { return .int(n.reduce(0, &+)) }
                }
                return try previous(c)
            }
            if let fast = try Kernels.sum(c.positional[0], c.positional[1]) { return fast }
            var total: Value?
            try Iteration.forEach(c.positional[1]) { v in
                try c.checkDeadline()
                let y = try c.interpreter.call(c.positional[0], [v])
                total = try total.map { try Operators.binary("+", $0, y, c.interpreter) } ?? y
                return true
            }
            return total ?? .int(0)
        }
        // `maximum(f, x)` / `minimum(f, x)`: the extreme of f over the elements (`maximum(abs, r)`).
        for name in ["maximum", "minimum"] {
            extend(name) { c, previous in
                guard c.count == 2, case .function = c.positional[0] else { return try previous(c) }
                var mapped: [Value] = []
                try Iteration.forEach(c.positional[1]) { v in
                    try c.checkDeadline()
                    mapped.append(try c.interpreter.call(c.positional[0], [v]))
                    return true
                }
                guard !mapped.isEmpty else { throw LanguageError("\(name) of an empty collection is undefined") }
                return try c.interpreter.call(.function(c.interpreter.library.functions[name]!),
                                              [.array(ArrayBox(mapped))])
            }
        }
        add("count") { c in
            try c.expectCount(1...2, "count(f, collection) or count(collection)")
            var n = 0
            try Iteration.forEach(c.positional[c.count - 1]) { v in
                try c.checkDeadline()
                if try c.count == 2 ? predicate(c, c.positional[0], v) : boolean(c, v) { n += 1 }
                return true
            }
            return .int(n)
        }
        add("any") { c in try quantifier(c, any: true) }
        add("all") { c in try quantifier(c, any: false) }
        add("findall") { c in
            try c.expectCount(1...2, "findall(f, collection) or findall(mask)")
            var found: [Value] = []
            var i = 0
            let collection = c.positional[c.count - 1]
            let keys = try positionKeys(collection)
            try Iteration.forEach(collection) { v in
                try c.checkDeadline()
                if try c.count == 2 ? predicate(c, c.positional[0], v) : boolean(c, v) { found.append(keys(i)) }
                i += 1
                return true
            }
            return .array(found.isEmpty ? ArrayBox(ints: []) : ArrayBox.literal(found))
        }
        add("findfirst") { c in try findOne(c, first: true) }
        add("findlast") { c in try findOne(c, first: false) }
        add("sort", keywords: ["rev", "by", "lt"]) { c in
            try c.expectCount(1)
            if case .dict(let d) = c.positional[0] {
                let order = try Ordering.permutation(d.keys, c)
                let out = DictBox(kindName: "OrderedCollections.OrderedDict", keyType: d.keyType, valueType: d.valueType)
                for i in order { if let v = d[d.keys[i]] { try out.set(d.keys[i], v) } }
                return .dict(out)
            }
            let items = try Iteration.elements(of: c.positional[0])
            let order = try Ordering.permutation(items, c)
            let sorted = order.map { items[$0] }
            if case .array(let a) = c.positional[0] { return .array(ArrayBox(sorted, elementType: a.elementType)) }
            return .array(ArrayBox.literal(sorted))
        }
        add("sort!", keywords: ["rev", "by", "lt"]) { c in
            try c.expectCount(1)
            guard case .array(let a) = c.positional[0], a.shape.count == 1 else {
                throw c.wrongType(0, expected: "a vector")
            }
            let items = a.elements
            let order = try Ordering.permutation(items, c)
            for (i, j) in order.enumerated() { a.setElement(i, items[j]) }
            return .array(a)
        }
        add("sortperm", keywords: ["rev", "by", "lt"]) { c in
            try c.expectCount(1)
            let order = try Ordering.permutation(try Iteration.elements(of: c.positional[0]), c)
            return .array(ArrayBox(ints: order.map { $0 + 1 }))
        }
        add("zip", isType: false) { c in
            try c.expectCount(1...Int.max, "zip(collections…)")
            return .object(try ZipIterator(c.positional))
        }
        add("enumerate") { c in
            try c.expectCount(1)
            return .object(try EnumerateIterator(c.positional[0]))
        }
        add("pairs") { c in
            try c.expectCount(1)
            switch c.positional[0] {
            case .dict(let d): return .array(ArrayBox(d.entries.map { .pair(PairBox($0.key, $0.value)) }))
            case .namedTuple(let names, let values):
                return .array(ArrayBox(zip(names, values).map { .pair(PairBox(.symbol($0), $1)) }))
            default:
                let items = try Iteration.elements(of: c.positional[0])
                return .array(ArrayBox(items.enumerated().map { .pair(PairBox(.int($0 + 1), $1)) }))
            }
        }
        add("collect") { c in
            try c.expectCount(1)
            switch c.positional[0] {
            case .range(let start, let step, let stop):
                let n = Iteration.rangeCount(start, step, stop)
                try Memory.reserve(n, bytes: 8)
                var out = [Int](repeating: 0, count: n)
                var x = start
                for i in 0..<n {
                    if i & 4095 == 0 { try c.checkDeadline() }
                    out[i] = x
                    x = x &+ step
                }
                return .array(ArrayBox(ints: out))
            case .object(let r as FloatRange):
                try Memory.reserve(r.length, bytes: 8)
                return .array(ArrayBox(doubles: (0..<r.length).map(r.value)))
            case .array(let a):
                return .array(ArrayBox(a.elements, shape: a.shape, elementType: a.elementType))
            default:
                return .array(ArrayBox.literal(try Iteration.elements(of: c.positional[0])))
            }
        }
    }
}

/// `f(v)` as a condition: it must return a Bool.
private func predicate(_ c: CallContext, _ f: Value, _ v: Value) throws -> Bool {
    let result = try c.interpreter.call(f, [v])
    guard case .bool(let b) = result else {
        throw LanguageError(exception: JuliaException(
            "TypeError", message: "TypeError: non-boolean (\(result.typeName)) used in boolean context"))
    }
    return b
}

private func boolean(_ c: CallContext, _ v: Value) throws -> Bool {
    guard case .bool(let b) = v else {
        throw LanguageError("\(c.name)(collection) needs Bool elements, got \(v.described): pass a function first")
    }
    return b
}

/// The index value of the `i`th element (0-based): `i + 1`, a dictionary key, or a matrix's linear index.
private func positionKeys(_ collection: Value) throws -> (Int) -> Value {
    if case .dict(let d) = collection {
        let keys = d.keys
        return { keys[$0] }
    }
    return { .int($0 + 1) }
}

private func findOne(_ c: CallContext, first: Bool) throws -> Value {
    try c.expectCount(1...2, "\(c.name)(f, collection) or \(c.name)(mask)")
    let collection = c.positional[c.count - 1]
    let items = try Iteration.elements(of: collection)
    let keys = try positionKeys(collection)
    let order = first ? Array(items.indices) : items.indices.reversed()
    for i in order {
        try c.checkDeadline()
        if try c.count == 2 ? predicate(c, c.positional[0], items[i]) : boolean(c, items[i]) { return keys(i) }
    }
    return .nothing
}

private func quantifier(_ c: CallContext, any: Bool) throws -> Value {
    try c.expectCount(1...2, "\(c.name)(f, collection) or \(c.name)(collection)")
    var result = !any
    try Iteration.forEach(c.positional[c.count - 1]) { v in
        try c.checkDeadline()
        let b = try c.count == 2 ? predicate(c, c.positional[0], v) : boolean(c, v)
        if b == any { result = any; return false }
        return true
    }
    return .bool(result)
}

private func fold(_ c: CallContext, fromLeft: Bool) throws -> Value {
    try c.expectCount(2, "\(c.name)(op, collection)")
    let op = c.positional[0]
    if fromLeft, c.keyword("init") == nil, let fast = try Kernels.reduce(op, c.positional[1]) { return fast }
    var items = try Iteration.elements(of: c.positional[1])
    if !fromLeft { items.reverse() }
    guard var total = c.keyword("init") ?? items.first else {
        throw JuliaException.argumentError("reducing over an empty collection is not allowed; consider supplying "
                                           + "`init` to the reducer")
    }
    for item in items.dropFirst(c.keyword("init") == nil ? 1 : 0) {
        try c.checkDeadline()
        total = try fromLeft ? c.interpreter.call(op, [total, item]) : c.interpreter.call(op, [item, total])
    }
    return total
}

/// Julia's `isless` order and the stable sort behind `sort`, `sort!` and `sortperm` (`by`, `lt`, `rev`).
enum Ordering {
    static func permutation(_ items: [Value], _ c: CallContext) throws -> [Int] {
        let rev = try c.boolKeyword("rev", default: false)
        let keys = try c.keyword("by").map { by in
            try items.map { v -> Value in
                try c.checkDeadline()
                return try c.interpreter.call(by, [v])
            }
        } ?? items
        let lt = c.keyword("lt")
        var failure: Error?
        let order = Array(items.indices).sorted { i, j in
            guard failure == nil else { return false }
            do {
                try c.checkDeadline()
                let (a, b) = rev ? (keys[j], keys[i]) : (keys[i], keys[j])
                let less: Bool
                if let lt {
                    guard case .bool(let r) = try c.interpreter.call(lt, [a, b]) else {
                        throw LanguageError("the `lt` function of sort must return true or false")
                    }
                    less = r
                } else {
                    less = try isLess(a, b)
                }
                if less { return true }
                if let lt {
                    guard case .bool(let r) = try c.interpreter.call(lt, [b, a]) else { return i < j }
                    return !r && i < j
                }
                return try !isLess(b, a) && i < j
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return order
    }

    /// Julia's `isless`: numbers (NaN last), strings and symbols by code point, tuples lexicographically.
    static func isLess(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case (.missing, .missing): return false
        case (.missing, _): return false
        case (_, .missing): return true
        default: break
        }
        if let x = a.asDouble, let y = b.asDouble {
            if x.isNaN { return false }
            if y.isNaN { return true }
            if case .int(let i) = a, case .int(let j) = b { return i < j }
            return x < y
        }
        switch (a, b) {
        case (.string(let s), .string(let t)), (.symbol(let s), .symbol(let t)):
            return s.unicodeScalars.map(\.value).lexicographicallyPrecedes(t.unicodeScalars.map(\.value))
        case (.char(let c), .char(let d)):
            return c.value < d.value
        case (.tuple(let x), .tuple(let y)):
            for (u, v) in zip(x, y) {
                if try isLess(u, v) { return true }
                if try isLess(v, u) { return false }
            }
            return x.count < y.count
        case (.array(let x), .array(let y)):
            return try isLess(.tuple(x.elements), .tuple(y.elements))
        default:
            throw LanguageError(exception: JuliaException.methodError("isless", [a, b]).exception!)
        }
    }
}

/// Fast paths for numeric vectors and builtin scalar functions: no interpreter call per element.
enum Kernels {
    /// Scalar functions of Float64 that `map`, `sum(f, x)` and broadcasting can apply directly.
    static let unary: [String: (Double) -> Double] = [
        "abs2": { $0 * $0 }, "abs": { Swift.abs($0) }, "sqrt": { $0.squareRoot() }, "exp": { Foundation.exp($0) },
        "identity": { $0 }, "sin": { Foundation.sin($0) }, "cos": { Foundation.cos($0) },
        "log1p": { Foundation.log1p($0) }, "expm1": { Foundation.expm1($0) }, "float": { $0 },
    ]

    private static func kernel(_ f: Value) -> ((Double) -> Double)? {
        guard case .function(let fn) = f, fn.userFunction == nil else { return nil }
        return unary[fn.name]
    }

    static func map(_ f: Value, _ x: Value) throws -> Value? {
        guard let k = kernel(f), case .array(let a) = x, let d = a.doubles else { return nil }
        try Memory.reserve(d.count, bytes: 8)
        let box = ArrayBox(doubles: d.map(k))
        box.shape = a.shape
        return .array(box)
    }

    static func sum(_ f: Value, _ x: Value) throws -> Value? {
        guard let k = kernel(f), case .array(let a) = x, let d = a.doubles else { return nil }
        if case .function(let fn) = f, fn.name == "abs2" { return .float(pairwiseSumOfSquares(d[...])) }
        return .float(pairwiseSum(d[...], k))
    }

    /// `sum(abs2, x)` without a call per element.
    static func pairwiseSumOfSquares(_ x: ArraySlice<Double>) -> Double {
        if x.count <= 1024 {
            var s = 0.0
            for v in x { s += v * v }
            return s
        }
        let mid = x.startIndex + (x.count - 1) / 2 + 1
        return pairwiseSumOfSquares(x[x.startIndex..<mid]) + pairwiseSumOfSquares(x[mid...])
    }

    static func reduce(_ op: Value, _ x: Value) throws -> Value? {
        guard case .function(let fn) = op, fn.userFunction == nil, case .array(let a) = x, a.count > 0 else {
            return nil
        }
        if let d = a.doubles {
            switch fn.name {
            case "+": return .float(d.reduce(0, +))
            case "*": return .float(d.reduce(1, *))
            case "max": return d.contains { $0.isNaN } ? .float(.nan) : .float(d.max()!)
            case "min": return d.contains { $0.isNaN } ? .float(.nan) : .float(d.min()!)
            default: return nil
            }
        }
        if let n = a.ints {
            switch fn.name {
            case "+": return .int(n.reduce(0, &+))
            case "*": return .int(n.reduce(1, &*))
            case "max": return .int(n.max()!)
            case "min": return .int(n.min()!)
            default: return nil
            }
        }
        return nil
    }

    /// Julia's pairwise summation (blocks of 1024 summed in order), so large sums round as Julia's do.
    static func pairwiseSum(_ x: ArraySlice<Double>, _ f: (Double) -> Double = { $0 }) -> Double {
        if x.count <= 1024 {
            var s = 0.0
            for v in x { s += f(v) }
            return x.isEmpty ? 0 : s
        }
        let mid = x.startIndex + (x.count - 1) / 2 + 1
        return pairwiseSum(x[x.startIndex..<mid], f) + pairwiseSum(x[mid...], f)
    }
}
