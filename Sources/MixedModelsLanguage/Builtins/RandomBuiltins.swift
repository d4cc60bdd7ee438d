import JuliaRandom

extension BuiltinLibrary {
    /// Julia's `Random`: seeded generators whose streams equal Julia 1.10's, and the functions drawing from them.
    mutating func registerRandom() {
        add("MersenneTwister", isType: true) { c in
            try c.expectCount(0...1, "MersenneTwister(seed)")
            let seed = c.count == 1 ? try randomSeed(c, 0) : UInt64.random(in: 0...UInt64(UInt32.max))
            return .object(RandomGeneratorObject(MersenneTwister(seed: seed)))
        }
        add("Xoshiro", isType: true) { c in
            try c.expectCount(0...1, "Xoshiro(seed)")
            if c.count == 0 {
                var system = SystemRandomNumberGenerator()
                return .object(RandomGeneratorObject(Xoshiro(system.next(), system.next(), system.next(), system.next())))
            }
            return .object(RandomGeneratorObject(Xoshiro(seed: try randomSeed(c, 0))))
        }
        qualifiedOnly["Random", default: [:]]["seed!"] = Function("seed!") { c in
            try c.expectCount(0...2, "Random.seed!(seed) or Random.seed!(rng, seed)")
            if c.count == 2 {
                guard case .object(let o) = c.positional[0], let g = o as? RandomGeneratorObject else {
                    throw c.wrongType(0, expected: "a random number generator")
                }
                let seed = try randomSeed(c, 1)
                if let x = g.generator as? Xoshiro { x.seed(seed) }
                if let m = g.generator as? MersenneTwister { m.seed(seed) }
                return c.positional[0]
            }
            let rng = DefaultGenerators.generator(for: c.interpreter)
            if c.count == 1 {
                rng.seed(try randomSeed(c, 0))
            } else {
                var system = SystemRandomNumberGenerator()
                rng.seed(system.next())
            }
            return .object(RandomGeneratorObject(rng, isTaskLocal: true))
        }
        qualifiedOnly["Random", default: [:]]["default_rng"] = Function("default_rng") { c in
            try c.expectCount(0)
            return .object(RandomGeneratorObject(DefaultGenerators.generator(for: c.interpreter), isTaskLocal: true))
        }
        add("rand") { c in
            let (rng, rest) = generatorAndArguments(c)
            return try draw(rng, rest, c)
        }
        add("randn") { c in try normals(c, exponential: false) }
        add("randexp") { c in try normals(c, exponential: true) }
        add("rand!") { c in try fillInPlace(c, normal: false) }
        add("randn!") { c in try fillInPlace(c, normal: true) }
        add("shuffle") { c in try shuffled(c, inPlace: false) }
        add("shuffle!") { c in try shuffled(c, inPlace: true) }
        add("randperm") { c in
            let (rng, rest) = generatorAndArguments(c)
            guard rest.count == 1, case .int(let n) = rest[0], n >= 0 else {
                throw LanguageError("randperm expects a non-negative integer length, as in randperm(rng, 10)")
            }
            return .array(ArrayBox(rng.randperm(n).map(Value.int), elementType: "Int64"))
        }
        add("randstring") { c in
            let (rng, rest) = generatorAndArguments(c)
            var characters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz").map(String.init)
            var length = 8
            for value in rest {
                switch value {
                case .int(let n) where n >= 0: length = n
                case .string(let s) where !s.isEmpty: characters = s.map(String.init)
                default: throw LanguageError("randstring expects an optional string of characters and a length, got \(value.described)")
                }
            }
            return .string((0..<length).map { _ in characters[rng.rand(in: 1...characters.count) - 1] }.joined())
        }
        add("randsubseq") { c in
            let (rng, rest) = generatorAndArguments(c)
            guard rest.count == 2, let p = rest[1].asDouble else {
                throw LanguageError("randsubseq expects a collection and a probability, as in randsubseq(rng, 1:8, 0.3)")
            }
            guard (0...1).contains(p) else { throw LanguageError("ArgumentError: probability \(Display.repr(rest[1])) not in [0,1]") }
            let items = try Iteration.elements(of: rest[0])
            let kept = rng.randsubseqIndices(items.count, probability: p).map { items[$0 - 1] }
            return .array(ArrayBox(kept, elementType: elementType(of: rest[0])))
        }
    }
}

/// A seed: a non-negative integer, as Julia 1.10's `make_seed` requires.
private func randomSeed(_ c: CallContext, _ i: Int) throws -> UInt64 {
    let n = try c.integer(i)
    guard n >= 0 else { throw LanguageError("DomainError with \(n):\n`n` must be non-negative.") }
    return UInt64(n)
}

/// The generator a call names first, or the session's default one, and the remaining arguments.
private func generatorAndArguments(_ c: CallContext) -> (any JuliaRNG, [Value]) {
    if case .object(let o)? = c.positional.first, let g = o as? RandomGeneratorObject {
        return (g.generator, Array(c.positional.dropFirst()))
    }
    return (DefaultGenerators.generator(for: c.interpreter), c.positional)
}

private func tupleItems(_ v: Value) throws -> [Value] {
    guard case .tuple(let items) = v else { throw LanguageError("not a tuple") }
    return items
}

private func elementType(of collection: Value) -> String {
    switch collection {
    case .array(let a): a.elementType
    case .range: "Int64"
    default: ArrayBox.commonType(of: (try? Iteration.elements(of: collection)) ?? [])
    }
}

private func doubleArray(_ shape: [Int], _ fill: (UnsafeMutableBufferPointer<Double>) -> Void) -> Value {
    var values = [Double](repeating: 0, count: shape.reduce(1, *))
    values.withUnsafeMutableBufferPointer { fill($0) }
    return .array(ArrayBox(values.map(Value.float), shape: shape, elementType: "Float64"))
}

/// `rand(rng, [S], [dims...])`.
private func draw(_ rng: any JuliaRNG, _ args: [Value], _ c: CallContext) throws -> Value {
    guard let given = args.first else { return .float(rng.rand()) }
    let first = given.namedType.map(Value.type) ?? given
    switch first {
    case .int, .tuple:
        return doubleArray(try drawShape(args, c)) { rng.rand(fill: $0) }
    case .type("Float64"):
        if args.count == 1 { return .float(rng.rand()) }
        return doubleArray(try drawShape(Array(args.dropFirst()), c)) { rng.rand(fill: $0) }
    case .type("Int64"):
        let draws = try drawShape(Array(args.dropFirst()), c)
        if args.count == 1 { return .int(Int(truncatingIfNeeded: rng.randUInt64())) }
        let values = (0..<draws.reduce(1, *)).map { _ in Value.int(Int(truncatingIfNeeded: rng.randUInt64())) }
        return .array(ArrayBox(values, shape: draws, elementType: "Int64"))
    case .type("Bool"):
        // Xoshiro's small types use the upper bits of a word; MersenneTwister's the low bits of a 52-bit draw.
        if args.count == 1 { return .bool(rng is Xoshiro ? rng.randUInt64() >> 63 == 1 : rng.randRaw52() & 1 == 1) }
        throw LanguageError("rand(Bool, n) is not supported here; use rand(rng, [false, true], n)")
    case .range, .array, .tuple, .string:
        let shape = try drawShape(Array(args.dropFirst()), c)
        let pick = try picker(first)
        if args.count == 1 { return pick(rng) }
        let values = (0..<shape.reduce(1, *)).map { _ in pick(rng) }
        return .array(ArrayBox(values, shape: shape, elementType: elementType(of: first)))
    default:
        throw LanguageError("rand cannot draw from \(first.described); expected dimensions, a range, a collection or Float64")
    }
}

/// Draws one element of a collection: a unit range samples its values, other collections an index.
private func picker(_ collection: Value) throws -> (any JuliaRNG) -> Value {
    if case .range(let start, 1, let stop) = collection {
        guard stop >= start else { throw LanguageError("ArgumentError: collection must be non-empty") }
        return { .int($0.rand(in: start...stop)) }
    }
    let items = try Iteration.elements(of: collection)
    guard !items.isEmpty else { throw LanguageError("ArgumentError: collection must be non-empty") }
    return { items[$0.rand(in: 1...items.count) - 1] }
}

/// `randn(rng, [Float64], [dims...])` and `randexp`.
private func normals(_ c: CallContext, exponential: Bool) throws -> Value {
    let (rng, given) = generatorAndArguments(c)
    var args = given
    if args.first?.namedType == "Float64" { args.removeFirst() }
    if args.isEmpty { return .float(exponential ? rng.randexp() : rng.randn()) }
    return doubleArray(try drawShape(args, c)) { buffer in
        if exponential { rng.randexp(fill: buffer) } else { rng.randn(fill: buffer) }
    }
}

/// `rand!(rng, A)` and `randn!(rng, A)` for an array of Float64, filled in place.
private func fillInPlace(_ c: CallContext, normal: Bool) throws -> Value {
    let (rng, args) = generatorAndArguments(c)
    guard args.count == 1, case .array(let a) = args[0], a.elementType == "Float64" else {
        throw LanguageError("\(c.name) fills an array of Float64 in place, as in \(c.name)(rng, zeros(5))")
    }
    var values = [Double](repeating: 0, count: a.count)
    values.withUnsafeMutableBufferPointer { normal ? rng.randn(fill: $0) : rng.rand(fill: $0) }
    a.elements = values.map(Value.float)
    return args[0]
}

/// `shuffle(rng, v)` (a copy) and `shuffle!(rng, v)`.
private func shuffled(_ c: CallContext, inPlace: Bool) throws -> Value {
    let (rng, args) = generatorAndArguments(c)
    guard args.count == 1 else { throw LanguageError("\(c.name) expects one collection, as in \(c.name)(rng, v)") }
    if inPlace {
        guard case .array(let a) = args[0] else { throw LanguageError("shuffle! needs an array; use shuffle for other collections") }
        rng.shuffle(&a.elements)
        return args[0]
    }
    if case .array(let a) = args[0] {
        var items = a.elements
        rng.shuffle(&items)
        return .array(ArrayBox(items, shape: a.shape, elementType: a.elementType))
    }
    var items = try Iteration.elements(of: args[0])
    rng.shuffle(&items)
    return .array(ArrayBox(items, elementType: elementType(of: args[0])))
}

/// The dimensions of `rand(…, dims...)`: none is a single draw.
private func drawShape(_ values: [Value], _ c: CallContext) throws -> [Int] {
    values.isEmpty ? [] : try shapeArguments(values, c)
}
