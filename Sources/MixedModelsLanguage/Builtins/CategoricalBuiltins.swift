import TextDisplay

/// CategoricalArrays.jl: `categorical`, `CategoricalArray`, `levels`, `levels!`, `droplevels!`, `isordered`,
/// `ordered!`, `compress`, `cut`, `recode`, `unwrap`. A categorical array is an array value with a
/// `CategoricalPool`; its level order is what data frames, frequency tables and model matrices follow.
extension BuiltinLibrary {
    mutating func registerCategoricalArrays() {
        modules.insert("CategoricalArrays")
        for name in ["categorical", "CategoricalArray", "CategoricalVector"] {
            add(name, keywords: ["levels", "ordered", "compress"], isType: name != "categorical") { c in
                try c.expectCount(1, "\(name)(x; levels, ordered, compress)")
                let items = try Categorical.elements(c, 0)
                let levels = try c.keyword("levels").map { try Iteration.elements(of: $0) }
                return .array(try Categorical.array(items, shape: Categorical.shape(c.positional[0]), levels: levels,
                                                    ordered: c.boolKeyword("ordered", default: false),
                                                    compress: c.boolKeyword("compress", default: false)))
            }
        }
        add("levels", keywords: ["skipmissing"]) { c in
            try c.expectCount(1, "levels(x)")
            if case .array(let a) = c.positional[0], let pool = a.categoricalPool {
                return .array(ArrayBox.literal(pool.levels))
            }
            let present = try Categorical.elements(c, 0).filter { if case .missing = $0 { false } else { true } }
            return .array(ArrayBox.literal(try Categorical.sortedUnique(present)))
        }
        add("levels!") { c in
            try c.expectCount(2, "levels!(x, newlevels)")
            let (a, pool) = try Categorical.pooled(c, 0)
            let newLevels = try Iteration.elements(of: c.positional[1])
            let keys = Set(newLevels.map(DictBox.identity))
            guard keys.count == newLevels.count else {
                throw JuliaException.argumentError("duplicated levels found in levels: "
                                                   + ArrayDisplay.inline(ArrayBox.literal(newLevels)))
            }
            for (i, v) in a.elements.enumerated() where !v.isMissingValue && !keys.contains(DictBox.identity(of: v)) {
                throw JuliaException.argumentError("cannot remove level \(Display.repr(v)) as it is used at position "
                                                   + "\(i + 1) and allowmissing=false.")
            }
            pool.levels = newLevels
            pool.onChange?()
            return c.positional[0]
        }
        add("droplevels!") { c in
            try c.expectCount(1, "droplevels!(x)")
            let (a, pool) = try Categorical.pooled(c, 0)
            let used = Set(a.elements.map(DictBox.identity))
            pool.levels = pool.levels.filter { used.contains(DictBox.identity(of: $0)) }
            pool.onChange?()
            return c.positional[0]
        }
        add("isordered") { c in
            try c.expectCount(1, "isordered(x)")
            return .bool(try Categorical.pooled(c, 0).1.isOrdered)
        }
        add("ordered!") { c in
            try c.expectCount(2, "ordered!(x, ordered::Bool)")
            guard case .bool(let b) = c.positional[1] else { throw c.wrongType(1, expected: "true or false") }
            let (_, pool) = try Categorical.pooled(c, 0)
            pool.isOrdered = b
            pool.onChange?()
            return c.positional[0]
        }
        add("compress") { c in
            try c.expectCount(1, "compress(x)")
            let (a, pool) = try Categorical.pooled(c, 0)
            let out = ArrayBox(a.elements, shape: a.shape, elementType: a.elementType)
            out.categoricalPool = pool.copy()
            let n = pool.levels.count
            out.categoricalPool?.referenceType = n < 255 ? .uint8 : (n < 65535 ? .uint16 : .uint32)
            return .array(out)
        }
        add("unwrap") { c in
            try c.expectCount(1, "unwrap(x)")
            if case .object(let v as CategoricalValueObject) = c.positional[0] { return v.value }
            return c.positional[0]
        }
        registerCategoricalValues()
        registerCut()
        registerRecode()
    }

    private mutating func registerCut() {
        add("cut", keywords: ["labels", "extend", "allowempty"]) { c in
            try c.expectCount(2, "cut(x, breaks) or cut(x, ngroups)")
            let items = try Categorical.elements(c, 0)
            var breaks: [Double]
            var integerBreaks = false
            var quantiles = false
            let extend: Bool
            if case .int(let k) = c.positional[1] {
                guard k >= 1 else { throw JuliaException.argumentError("the number of groups must be positive, got \(k)") }
                let present = items.filter { !$0.isMissingValue }
                let probabilities = ArrayBox(doubles: (1..<k).map { Double($0) / Double(k) })
                let q = try c.interpreter.call(.function(c.interpreter.library.functions["quantile"]!),
                                               [.array(ArrayBox.literal(present)), .array(probabilities)])
                breaks = try Iteration.elements(of: q).map { $0.asDouble ?? .nan }
                if Set(breaks).count != breaks.count {
                    throw JuliaException.argumentError("cannot compute \(k) quantiles: `quantile` returned only "
                        + "\(Set(breaks).count - 1) groups due to duplicated values in `x`.Pass `allowempty=true` to "
                        + "allow empty quantiles or choose a lower value for `ngroups`.")
                }
                quantiles = true
                extend = true
            } else {
                let values = try Iteration.elements(of: c.positional[1])
                integerBreaks = values.allSatisfy { if case .int = $0 { true } else { false } }
                breaks = try values.map { v in
                    guard let d = v.asDouble else { throw c.wrongType(1, expected: "a vector of numbers") }
                    return d
                }
                extend = try c.boolKeyword("extend", default: false)
            }
            if Set(breaks).count != breaks.count {
                throw JuliaException.argumentError("all breaks must be unique unless `allowempty=true`")
            }
            breaks.sort()
            let numbers = try items.map { v -> Double? in
                if v.isMissingValue { return nil }
                guard let d = v.asDouble else { throw c.wrongType(0, expected: "an array of numbers") }
                return d
            }
            if extend, let low = numbers.compactMap({ $0 }).min(), let high = numbers.compactMap({ $0 }).max() {
                let allIntegers = items.allSatisfy { if case .float = $0 { false } else { true } }
                integerBreaks = integerBreaks && allIntegers
                if breaks.isEmpty || breaks[0] > low { breaks.insert(low, at: 0) }
                if breaks[breaks.count - 1] < high { breaks.append(high) }
            }
            guard breaks.count >= 2 else {
                throw JuliaException.argumentError("at least two breaks must be provided when extend is not true")
            }
            var codes: [Int?] = []
            for (i, x) in numbers.enumerated() {
                guard let x else { codes.append(nil); continue }
                if extend && x == breaks[breaks.count - 1] { codes.append(breaks.count - 2); continue }
                guard breaks[0] <= x && x < breaks[breaks.count - 1] else {
                    throw JuliaException.argumentError("value \(Display.repr(items[i])) (at index \(i + 1)) does not "
                        + "fall inside the breaks: adapt them manually, or pass extend=true or extend=missing")
                }
                codes.append((breaks.lastIndex { $0 <= x } ?? 0))
            }
            let labels = try Categorical.cutLabels(c, breaks: breaks, integers: integerBreaks, quantiles: quantiles,
                                                   rightClosed: extend)
            let out = codes.map { $0.map { labels[$0] } ?? .missing }
            return .array(try Categorical.array(out, shape: [out.count], levels: labels, ordered: true, compress: false))
        }
    }

    private mutating func registerRecode() {
        add("recode") { c in
            try c.expectCount(2...Int.max, "recode(x, [default,] old => new…)")
            let items = try Categorical.elements(c, 0)
            var rest = Array(c.positional.dropFirst())
            var fallback: Value?
            if case .pair = rest[0] {} else { fallback = rest.removeFirst() }
            var rules: [(old: [Value], new: Value)] = []
            for r in rest {
                guard case .pair(let p) = r else {
                    throw LanguageError("recode: each rule must be a pair old => new, got \(r.described)")
                }
                let olds: [Value]
                switch p.first {
                case .array, .tuple, .range: olds = try Iteration.elements(of: p.first)
                default: olds = [p.first]
                }
                rules.append((olds.filter { !$0.isMissingValue } + (olds.contains { $0.isMissingValue } ? [.missing] : []),
                              p.second))
            }
            func recoded(_ v: Value) -> Value {
                let key = DictBox.identity(of: v)
                for rule in rules where rule.old.contains(where: { DictBox.identity(of: $0) == key }) { return rule.new }
                return v.isMissingValue ? v : (fallback ?? v)
            }
            let out = items.map(recoded)
            guard case .array(let a) = c.positional[0], let pool = a.categoricalPool else {
                return .array(ArrayBox.literal(out))
            }
            // Levels kept unchanged come first in their old order, then the new values in the order of the rules.
            let newValues = rules.map(\.new) + (fallback.map { [$0] } ?? [])
            var seen = Set(newValues.map(DictBox.identity))
            var levels = pool.levels.map(recoded).filter { !seen.contains(DictBox.identity(of: $0)) }
            seen = Set(levels.map(DictBox.identity))
            for v in newValues where !v.isMissingValue && seen.insert(DictBox.identity(of: v)).inserted {
                levels.append(v)
            }
            let used = Set(out.map(DictBox.identity))
            if fallback != nil { levels = levels.filter { used.contains(DictBox.identity(of: $0)) } }
            return .array(try Categorical.array(out, shape: a.shape, levels: levels, ordered: pool.isOrdered,
                                                compress: false))
        }
    }
}

extension Value {
    var isMissingValue: Bool {
        if case .missing = self { return true }
        return false
    }
}

/// Building and reading categorical arrays.
enum Categorical {
    /// The elements of argument `i` (an array or range).
    static func elements(_ c: CallContext, _ i: Int) throws -> [Value] {
        switch try c.argument(i) {
        case .array(let a): return a.elements
        case .range: return try Iteration.elements(of: c.positional[i])
        default: throw c.wrongType(i, expected: "an array")
        }
    }

    static func shape(_ v: Value) -> [Int] {
        if case .array(let a) = v { return a.shape }
        return [(try? Iteration.count(of: v)) ?? 0]
    }

    /// A categorical array argument and its pool, or CategoricalArrays' error for a plain array.
    static func pooled(_ c: CallContext, _ i: Int) throws -> (ArrayBox, CategoricalPool) {
        guard case .array(let a) = try c.argument(i), let pool = a.categoricalPool else {
            throw LanguageError("\(c.name) needs a CategoricalArray (make one with categorical(x)), got "
                                + "\(c.positional[i].described)")
        }
        return (a, pool)
    }

    /// Julia's `sort(unique(x))`.
    static func sortedUnique(_ values: [Value]) throws -> [Value] {
        var seen = Set<String>()
        let unique = values.filter { seen.insert(DictBox.identity(of: $0)).inserted }
        var failure: Error?
        let sorted = unique.sorted { a, b in
            do { return try Ordering.isLess(a, b) } catch { failure = error; return false }
        }
        if let failure { throw failure }
        return sorted
    }

    /// A categorical array of `items` with the given levels (by default the sorted distinct values).
    static func array(_ items: [Value], shape: [Int], levels: [Value]?, ordered: Bool, compress: Bool) throws -> ArrayBox {
        let present = items.filter { !$0.isMissingValue }
        let poolLevels: [Value]
        if let levels {
            let keys = Set(levels.map(DictBox.identity))
            guard keys.count == levels.count else {
                throw JuliaException.argumentError("levels argument contains duplicates")
            }
            if let outside = present.first(where: { !keys.contains(DictBox.identity(of: $0)) }) {
                throw JuliaException.argumentError("encountered value \(Display.repr(outside)) which is not in the "
                                                   + "provided levels")
            }
            poolLevels = levels
        } else {
            poolLevels = try sortedUnique(present)
        }
        let base = poolLevels.isEmpty ? "String" : ArrayBox.commonType(of: poolLevels)
        let type = present.count < items.count ? "Union{Missing, \(base)}" : base
        let box = ArrayBox(items, shape: shape, elementType: type)
        box.categoricalPool = CategoricalPool(levels: poolLevels, isOrdered: ordered,
                                              referenceType: compress && poolLevels.count < 255 ? .uint8 : .uint32)
        return box
    }

    /// `cut`'s interval labels: `[a, b)` (the last `[a, b]` when extended), `Qi: …` for quantile groups, or the
    /// `labels` keyword (a vector, or a function `f(from, to, i; leftclosed, rightclosed)`).
    static func cutLabels(_ c: CallContext, breaks: [Double], integers: Bool, quantiles: Bool,
                          rightClosed: Bool) throws -> [Value] {
        let n = breaks.count - 1
        func number(_ d: Double) -> Value { integers ? .int(Int(d)) : .float(d) }
        if let given = c.keyword("labels") {
            if case .function = given {
                return try (0..<n).map { i in
                    try c.interpreter.call(given, [number(breaks[i]), number(breaks[i + 1]), .int(i + 1)],
                                           [("leftclosed", .bool(true)), ("rightclosed", .bool(rightClosed && i == n - 1))])
                }
            }
            let labels = try Iteration.elements(of: given)
            guard labels.count == n else {
                throw JuliaException.argumentError("labels must be of length \(n), but got length \(labels.count)")
            }
            return labels
        }
        return (0..<n).map { i in
            let text = "[\(Display.printed(number(breaks[i]))), \(Display.printed(number(breaks[i + 1])))"
                + (rightClosed && i == n - 1 ? "]" : ")")
            return .string(quantiles ? "Q\(i + 1): " + text : text)
        }
    }
}
