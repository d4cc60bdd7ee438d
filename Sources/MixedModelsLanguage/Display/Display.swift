import TextDisplay

/// Julia's three ways of turning a value into text: `show` (repr), `print` and the REPL's `text/plain` display.
enum Display {
    /// `show(io, x)` with `:limit => true`: the one-line form used inside containers.
    static func repr(_ v: Value, compact: Bool = false) -> String {
        switch v {
        case .nothing: return "nothing"
        case .missing: return "missing"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return compact ? JuliaFloatFormat.compact(d) : JuliaFloatFormat.shortest(d)
        case .string(let s): return quoted(s)
        case .char(let c): return CharacterDisplay.shown(c)
        case .symbol(let s): return symbolRepr(s)
        case .tuple(let items):
            let inner = items.map { repr($0, compact: compact) }.joined(separator: ", ")
            return items.count == 1 ? "(\(inner),)" : "(\(inner))"
        case .namedTuple(let names, let values):
            let inner = zip(names, values).map { "\($0) = \(repr($1, compact: compact))" }.joined(separator: ", ")
            return names.count == 1 ? "(\(inner),)" : "(\(inner))"
        case .array(let a): return ArrayDisplay.inline(a)
        case .dict(let d):
            let inner = d.entries.map { "\(repr($0.key)) => \(repr($0.value))" }.joined(separator: ", ")
            return "\(d.typeName)(\(inner))"
        case .pair(let p): return "\(repr(p.first, compact: compact)) => \(repr(p.second, compact: compact))"
        case .range(let start, let step, let stop): return step == 1 ? "\(start):\(stop)" : "\(start):\(step):\(stop)"
        case .function(let f): return f.name
        case .type(let t), .module(let t): return t
        case .object(let o): return o.printed()
        }
    }

    /// `print(x)` / `string(x)`: strings and symbols without quotes or colon.
    static func printed(_ v: Value) -> String {
        switch v {
        case .string(let s), .symbol(let s): s
        case .char(let c): String(Character(c))
        default: repr(v)
        }
    }

    /// The REPL's `show(io, MIME"text/plain"(), x)`.
    static func textPlain(_ v: Value) -> String {
        switch v {
        case .array(let a): return ArrayDisplay.textPlain(a)
        case .dict(let d): return dictionary(d)
        case .function(let f):
            let n = f.methodCount
            return f.isType ? f.name : "\(f.name) (generic function with \(n) method\(n == 1 ? "" : "s"))"
        case .object(let o): return o.display()
        case .char(let c): return CharacterDisplay.described(c)
        default: return repr(v)
        }
    }

    static func quoted(_ s: String) -> String { JuliaStringLiteral.quoted(s) }

    /// `:name`, or `Symbol("…")` for names that are not identifiers.
    static func symbolRepr(_ s: String) -> String {
        guard let first = s.first, Lexer.isIdentifierStart(first), s.allSatisfy({ Lexer.isIdentifierContinue($0) || $0 == "!" })
        else { return "Symbol(\(quoted(s)))" }
        return ":" + s
    }

    /// `Dict{Symbol, Float64} with 2 entries:` and `  :key => value` lines (values compact, keys padded).
    static func dictionary(_ d: DictBox) -> String {
        let header = "\(d.typeName) with \(d.count) \(d.count == 1 ? "entry" : "entries")"
        guard d.count > 0 else { return "\(d.typeName)()" }
        let keys = d.keys.map { repr($0, compact: true) }
        let width = keys.map(\.count).max() ?? 0
        var lines = [header + ":"]
        for (key, value) in zip(keys, d.values) {
            lines.append("  " + key.rightPadded(to: width) + " => "
                         + repr(value, compact: true))
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = " ") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }

    func rightPadded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
