/// Keyword arguments gathered by `f(; kw...)` in a definition and spread by `g(x; kw...)` in a call.
enum KeywordSplat {
    /// The keywords a definition's `kw...` receives, in the order they were passed: Julia's `Base.Pairs` over a
    /// named tuple.
    static func collect(_ keywords: [(name: String, value: Value)]) -> Value {
        .object(KeywordPairs(names: keywords.map(\.name), values: keywords.map(\.value)))
    }

    /// The keyword arguments `kw...` spreads in a call: a named tuple, a dictionary with symbol keys, or a collection
    /// of `:name => value` pairs (gathered keywords are one).
    static func pairs(of value: Value) throws -> [(String, Value)] {
        switch value {
        case .namedTuple(let names, let values):
            return Array(zip(names, values))
        case .object(let kw as KeywordPairs):
            return Array(zip(kw.names, kw.values))
        case .dict(let d):
            return try zip(d.keys, d.values).map { (try keywordName($0), $1) }
        case .pair(let p):
            return [(try keywordName(p.first), p.second)]
        default:
            return try Iteration.elements(of: value).map { element in
                guard case .pair(let p) = element else {
                    throw LanguageError("keyword arguments splatted with `...` must be `:name => value` pairs, "
                                        + "found \(element.described)")
                }
                return (try keywordName(p.first), p.second)
            }
        }
    }

    private static func keywordName(_ key: Value) throws -> String {
        guard case .symbol(let name) = key else {
            throw LanguageError("keyword argument names must be Symbols, found \(key.described)")
        }
        return name
    }
}

/// `Base.Pairs{Symbol, V, …, NamedTuple}`: what `kw...` holds. It iterates `:name => value` pairs, is indexed by
/// symbol, and displays as Julia's REPL shows it (`pairs(::NamedTuple) with 2 entries:`).
final class KeywordPairs: LanguageObject, DestructurableObject {
    let names: [String]
    let values: [Value]

    init(names: [String], values: [Value]) {
        self.names = names
        self.values = values
    }

    var asNamedTuple: Value { .namedTuple(names: names, values: values) }

    /// `Union{}` for none, the one type, or `Union{A, B}` of the distinct value types in Julia's sorted order.
    private var valueType: String {
        let types = Set(values.map(\.typeName)).sorted()
        switch types.count {
        case 0: return "Union{}"
        case 1: return types[0]
        default: return "Union{\(types.joined(separator: ", "))}"
        }
    }

    var typeName: String {
        let symbols = "Tuple{\(names.map { _ in "Symbol" }.joined(separator: ", "))}"
        return "Base.Pairs{Symbol, \(valueType), \(symbols), \(asNamedTuple.typeName)}"
    }

    func display() -> String {
        guard !names.isEmpty else { return printed() }
        let keys = names.map { Display.repr(.symbol($0), compact: true) }
        let width = keys.map(\.count).max() ?? 0
        let header = "pairs(::NamedTuple) with \(names.count) \(names.count == 1 ? "entry" : "entries"):"
        return ([header] + zip(keys, values).map { "  " + $0.rightPadded(to: width) + " => " + Display.repr($1, compact: true) })
            .joined(separator: "\n")
    }

    /// `show`: `Base.Pairs(:a => 1)`, or the full type with `()` when empty.
    func printed() -> String {
        guard !names.isEmpty else { return typeName + "()" }
        return "Base.Pairs(" + zip(names, values).map { "\(Display.symbolRepr($0)) => \(Display.repr($1))" }
            .joined(separator: ", ") + ")"
    }

    /// The `:name => value` pairs iteration visits.
    var parts: [Value] { zip(names, values).map { .pair(PairBox(.symbol($0), $1)) } }

    func value(for key: Value) -> Value? {
        guard case .symbol(let name) = key, let i = names.firstIndex(of: name) else { return nil }
        return values[i]
    }

    func index(_ indices: [Value]) throws -> Value? {
        guard indices.count == 1 else { throw LanguageError("keyword arguments take one key in `[…]`, as kw[:name]") }
        guard let v = value(for: indices[0]) else { throw JuliaException.keyError(indices[0]) }
        return v
    }

    /// `kw.name`, as blocks written for earlier versions of this language read gathered keywords.
    func property(_ name: String) throws -> Value? { value(for: .symbol(name)) }

    var propertyNames: [String] { names }

    func isEqual(to other: any LanguageObject) -> Bool {
        guard let o = other as? KeywordPairs else { return false }
        return Equality.equal(asNamedTuple, o.asNamedTuple)
    }
}

extension BuiltinLibrary {
    /// `keys`, `values`, `haskey` and `get` of gathered keywords.
    mutating func registerKeywordPairs() {
        extend("keys") { c, previous in
            guard c.count == 1, case .object(let kw as KeywordPairs) = c.positional[0] else { return try previous(c) }
            return .tuple(kw.names.map(Value.symbol))
        }
        extend("values") { c, previous in
            guard c.count == 1, case .object(let kw as KeywordPairs) = c.positional[0] else { return try previous(c) }
            return kw.asNamedTuple
        }
        extend("haskey") { c, previous in
            guard c.count == 2, case .object(let kw as KeywordPairs) = c.positional[0] else { return try previous(c) }
            return .bool(kw.value(for: c.positional[1]) != nil)
        }
        extend("get") { c, previous in
            guard c.count == 3, case .object(let kw as KeywordPairs) = c.positional[0] else { return try previous(c) }
            return kw.value(for: c.positional[1]) ?? c.positional[2]
        }
    }
}
