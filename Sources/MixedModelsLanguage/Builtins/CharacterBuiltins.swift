/// `Char` arithmetic as Julia defines it: a character plus or minus an integer is a character, the difference of
/// two characters an integer.
enum CharacterArithmetic {
    /// The result of `l op r` when one side is a `Char`; nil when Julia defines no such method.
    static func apply(_ op: String, _ l: Value, _ r: Value) throws -> Value? {
        switch (op, l, r) {
        case ("+", .char(let c), .int(let n)), ("+", .int(let n), .char(let c)): return try shifted(c, by: n)
        case ("-", .char(let c), .int(let n)): return try shifted(c, by: 0 &- n)
        case ("-", .char(let a), .char(let b)): return .int(Int(a.value) - Int(b.value))
        default: return nil
        }
    }

    private static func shifted(_ c: Unicode.Scalar, by n: Int) throws -> Value {
        let (code, overflow) = Int(c.value).addingReportingOverflow(n)
        guard !overflow, let scalar = character(code) else {
            throw JuliaException.argumentError("no Unicode character with code point \(code)")
        }
        return .char(scalar)
    }

    /// The character with this code point, nil outside Unicode or in the surrogate range.
    static func character(_ code: Int) -> Unicode.Scalar? {
        guard code >= 0, code <= 0x10FFFF else { return nil }
        return Unicode.Scalar(UInt32(code))
    }
}

extension BuiltinLibrary {
    /// `Char(n)`, `Int(c)`, the character classes (`isletter`, `isdigit` …), case mapping, and the string functions
    /// whose result depends on strings being sequences of characters (`first(s, n)`, `map`/`filter` over a string,
    /// `String(chars)`).
    mutating func registerCharacters() {
        types["AbstractChar"] = .type("AbstractChar")
        add("Char", isType: true) { c in
            try c.expectCount(1, "Char(n)")
            switch c.positional[0] {
            case .char: return c.positional[0]
            case .int(let n):
                guard let scalar = CharacterArithmetic.character(n) else {
                    throw JuliaException.argumentError("no Unicode character with code point \(n)")
                }
                return .char(scalar)
            default: throw c.wrongType(0, expected: "an integer code point")
            }
        }
        for name in ["Int", "Int64"] {
            extend(name) { c, previous in
                guard c.count == 1, case .char(let ch) = c.positional[0] else { return try previous(c) }
                return .int(Int(ch.value))
            }
        }
        let classes: [(String, (Unicode.Scalar) -> Bool)] = [
            ("isletter", { CharacterDisplay.category($0).0.hasPrefix("L") }),
            ("isdigit", { ("0"..."9").contains($0) }),
            ("isnumeric", { CharacterDisplay.category($0).0.hasPrefix("N") }),
            ("isspace", { c in
                c == " " || ("\t"..."\r").contains(c) || c.value == 0x85
                    || (c.value >= 0xA0 && c.properties.generalCategory == .spaceSeparator)
            }),
            ("ispunct", { CharacterDisplay.category($0).0.hasPrefix("P") }),
            ("isuppercase", { $0.properties.isUppercase }),
            ("islowercase", { $0.properties.isLowercase }),
            ("isascii", { $0.isASCII }),
            ("isprint", CharacterDisplay.isPrintable),
            ("isxdigit", { $0.isASCII && Character($0).isHexDigit }),
        ]
        for (name, test) in classes {
            extend(name) { c, previous in
                guard c.count == 1 else { return try previous(c) }
                switch c.positional[0] {
                case .char(let ch): return .bool(test(ch))
                case .string(let s) where name == "isascii": return .bool(s.unicodeScalars.allSatisfy(test))
                default: throw c.wrongType(0, expected: "a Char (e.g. '\(name == "isdigit" ? "7" : "a")')")
                }
            }
        }
        for (name, mapping) in [("uppercase", \Unicode.Scalar.Properties.uppercaseMapping),
                                ("lowercase", \Unicode.Scalar.Properties.lowercaseMapping),
                                ("titlecase", \Unicode.Scalar.Properties.titlecaseMapping)] {
            extend(name) { c, previous in
                guard c.count == 1, case .char(let ch) = c.positional[0] else { return try previous(c) }
                // Julia maps one character to one character: a mapping to several (ß → SS) leaves it unchanged.
                let mapped = ch.properties[keyPath: mapping].unicodeScalars
                return .char(mapped.count == 1 ? mapped.first! : ch)
            }
        }
        for (name, fromStart) in [("first", true), ("last", false)] {
            extend(name) { c, previous in
                guard c.count == 2, case .string(let s) = c.positional[0] else { return try previous(c) }
                let n = try c.integer(1)
                guard n >= 0 else { throw LanguageError("\(name) needs a non-negative count, got \(n)") }
                let scalars = Array(s.unicodeScalars)
                var out = String.UnicodeScalarView()
                out.append(contentsOf: fromStart ? scalars.prefix(n) : scalars.suffix(n))
                return .string(String(out))
            }
        }
        extend("String") { c, previous in
            guard c.count == 1, case .array(let a) = c.positional[0], a.elementType == "Char" else { return try previous(c) }
            return .string(a.elements.map(Display.printed).joined())
        }
        extend("repeat") { c, previous in
            guard c.count == 2, case .char(let ch) = c.positional[0] else { return try previous(c) }
            return try Operators.binary("^", .string(String(Character(ch))), c.positional[1], c.interpreter)
        }
    }
}
