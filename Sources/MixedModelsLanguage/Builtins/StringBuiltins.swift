import Foundation

/// `stdout` as a value: the block's output.
final class StandardOutputObject: LanguageObject {
    var typeName: String { "Base.TTY" }
    func display() -> String { "Base.TTY(RawFD(1) open, 0 bytes waiting)" }
}

/// `MIME("text/plain")`.
final class MIMEObject: LanguageObject {
    let type: String
    init(_ type: String) { self.type = type }
    var typeName: String { "MIME{Symbol(\"\(type)\")}" }
    func display() -> String { "MIME type \(type)" }
}

extension BuiltinLibrary {
    /// Base's string functions and the `show`/`print` forms that take an `io` or a MIME type.
    mutating func registerStrings() {
        types["stdout"] = .object(StandardOutputObject())
        add("MIME", isType: true) { c in try c.expectCount(1); return .object(MIMEObject(try c.string(0))) }
        for name in ["print", "println", "show", "display"] {
            extend(name) { c, previous in
                guard case .object(let o)? = c.positional.first, o is StandardOutputObject else { return try previous(c) }
                let rest = Array(c.positional.dropFirst())
                if name == "show", rest.count == 2, case .object(let m as MIMEObject) = rest[0] {
                    c.interpreter.output += try rendered(rest[1], mime: m)
                    return .nothing
                }
                return try previous(CallContext(name: c.name, positional: rest, keywords: c.keywords, interpreter: c.interpreter))
            }
        }
        extend("show") { c, previous in
            if c.count == 2, case .object(let m as MIMEObject) = c.positional[0] {
                c.interpreter.output += try rendered(c.positional[1], mime: m)
                return .nothing
            }
            return try previous(c)
        }
        add("sprint") { c in
            try c.expectCount(2...3, "sprint(show, x) or sprint(show, MIME(\"text/plain\"), x)")
            guard case .function(let f) = c.positional[0] else { throw c.wrongType(0, expected: "show or print") }
            if c.count == 3, case .object(let m as MIMEObject) = c.positional[1] { return .string(try rendered(c.positional[2], mime: m)) }
            switch f.name {
            case "show": return .string(Display.repr(c.positional[1]))
            case "print": return .string(Display.printed(c.positional[1]))
            case "display": return .string(Display.textPlain(c.positional[1]))
            default: throw LanguageError("sprint supports show, print and display, got \(f.name)")
            }
        }
        extend("repr") { c, previous in
            if c.count == 2, case .object(let m as MIMEObject) = c.positional[0] { return .string(try rendered(c.positional[1], mime: m)) }
            return try previous(c)
        }
        for (name, left) in [("lpad", true), ("rpad", false)] {
            add(name) { c in
                try c.expectCount(2...3, "\(name)(s, n) or \(name)(s, n, padding)")
                let s = Display.printed(c.positional[0])
                let n = try c.integer(1)
                let pad = c.count == 3 ? Display.printed(c.positional[2]) : " "
                let missing = n - s.count
                guard missing > 0, !pad.isEmpty else { return .string(s) }
                let filler = String(String(repeating: pad, count: missing / pad.count + 1).prefix(missing))
                return .string(left ? filler + s : s + filler)
            }
        }
        add("split", keywords: ["limit", "keepempty"]) { c in
            try c.expectCount(1...2, "split(s) or split(s, delimiter)")
            let s = try c.string(0)
            var parts: [String]
            if c.count == 2 {
                let delimiter = Display.printed(c.positional[1])
                guard !delimiter.isEmpty else { throw LanguageError("split needs a non-empty delimiter") }
                parts = s.components(separatedBy: delimiter)
                if try c.boolKeyword("keepempty", default: true) == false { parts = parts.filter { !$0.isEmpty } }
            } else {
                parts = s.split(whereSeparator: \.isWhitespace).map(String.init)
            }
            if let limit = try c.intKeyword("limit"), limit > 0, parts.count > limit {
                let delimiter = c.count == 2 ? Display.printed(c.positional[1]) : " "
                parts = Array(parts.prefix(limit - 1)) + [parts.dropFirst(limit - 1).joined(separator: delimiter)]
            }
            return .array(ArrayBox(parts.map(Value.string), elementType: "SubString{String}"))
        }
        add("replace", keywords: ["count"]) { c in
            try c.expectCount(2...Int.max, "replace(s, old => new)")
            var s = try c.string(0)
            for p in c.positional.dropFirst() {
                guard case .pair(let pair) = p else { throw LanguageError("replace expects pairs such as \"old\" => \"new\"") }
                let old = Display.printed(pair.first)
                guard !old.isEmpty else { continue }
                s = s.replacingOccurrences(of: old, with: Display.printed(pair.second))
            }
            return .string(s)
        }
        add("occursin") { c in
            try c.expectCount(2, "occursin(needle, haystack)")
            return .bool(try c.string(1).contains(try c.string(0)))
        }
        add("contains") { c in
            try c.expectCount(2, "contains(haystack, needle)")
            return .bool(try c.string(0).contains(try c.string(1)))
        }
        add("startswith") { c in try c.expectCount(2); return .bool(try c.string(0).hasPrefix(try c.string(1))) }
        add("endswith") { c in try c.expectCount(2); return .bool(try c.string(0).hasSuffix(try c.string(1))) }
        add("strip") { c in try c.expectCount(1); return .string(try c.string(0).trimmingCharacters(in: .whitespacesAndNewlines)) }
        add("uppercasefirst") { c in
            try c.expectCount(1)
            let s = try c.string(0)
            return .string(s.prefix(1).uppercased() + s.dropFirst())
        }
        add("parse") { c in
            try c.expectCount(2, "parse(Int, s) or parse(Float64, s)")
            let s = try c.string(1).trimmingCharacters(in: .whitespaces)
            switch c.positional[0].namedType {
            case "Int64":
                guard let n = Int(s) else { throw LanguageError("ArgumentError: invalid base 10 digit in \(Display.quoted(s))") }
                return .int(n)
            case "Float64":
                guard let d = Double(s) else { throw LanguageError("ArgumentError: cannot parse \(Display.quoted(s)) as Float64") }
                return .float(d)
            default:
                throw c.wrongType(0, expected: "Int or Float64")
            }
        }
        extend("reverse") { c, previous in
            if c.count == 1, case .string(let s) = c.positional[0] { return .string(String(s.reversed())) }
            return try previous(c)
        }
    }
}

private func rendered(_ v: Value, mime: MIMEObject) throws -> String {
    try MIMEShow.render(v, mime: mime.type)
}
