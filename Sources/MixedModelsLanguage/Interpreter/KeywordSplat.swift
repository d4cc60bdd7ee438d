/// Keyword arguments gathered by `f(; kw...)` in a definition and spread by `g(x; kw...)` in a call.
///
/// The gathered keywords are a named tuple: Julia's `Base.Pairs` over one supports the same `kw.a`, `kw[:a]`,
/// `keys`, `haskey`, `isempty` and iteration that blocks use, and a named tuple splats back unchanged.
enum KeywordSplat {
    /// The keywords a definition's `kw...` receives, in the order they were passed.
    static func collect(_ keywords: [(name: String, value: Value)]) -> Value {
        .namedTuple(names: keywords.map(\.name), values: keywords.map(\.value))
    }

    /// The keyword arguments `kw...` spreads in a call: a named tuple, a dictionary with symbol keys, or a collection
    /// of `:name => value` pairs.
    static func pairs(of value: Value) throws -> [(String, Value)] {
        switch value {
        case .namedTuple(let names, let values):
            return Array(zip(names, values))
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
