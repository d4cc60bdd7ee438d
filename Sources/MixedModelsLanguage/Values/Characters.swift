/// Julia's `Char`: its `show` form (`'σ'`, `'\n'`) and the REPL's description (`'σ': Unicode U+03C3 (category Ll:
/// Letter, lowercase)`), as Base's `char.jl` prints them.
enum CharacterDisplay {
    /// `show(io, c)`: the character between single quotes, with Julia's escapes for quotes, backslash, the
    /// C control characters and anything that does not print.
    static func shown(_ c: Unicode.Scalar) -> String {
        let named: [UInt32: String] = [0: "0", 7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 27: "e",
                                       0x27: "'", 0x5C: "\\"]
        if let letter = named[c.value] { return "'\\\(letter)'" }
        guard isPrintable(c) else {
            let hex = String(c.value, radix: 16)
            let escaped = c.value < 0x80 ? "\\x" + hex.leftPadded(to: 2, with: "0")
                : "\\u" + hex.leftPadded(to: c.value > 0xFFFF ? 8 : 4, with: "0")
            return "'\(escaped)'"
        }
        return "'\(Character(c))'"
    }

    /// `show(io, MIME"text/plain"(), c)`: the shown form, the code point and the Unicode category.
    static func described(_ c: Unicode.Scalar) -> String {
        let hex = String(c.value, radix: 16, uppercase: true).leftPadded(to: c.value > 0xFFFF ? 6 : 4, with: "0")
        let (abbreviation, name) = category(c)
        return "\(shown(c)): \(c.isASCII ? "ASCII/" : "")Unicode U+\(hex) (category \(abbreviation): \(name))"
    }

    /// Julia's `isprint`: letters, marks, numbers, punctuation, symbols and space separators.
    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: false
        default: true
        }
    }

    /// The two-letter general category and Julia's name for it (`Unicode.category_string`).
    static func category(_ c: Unicode.Scalar) -> (String, String) {
        switch c.properties.generalCategory {
        case .uppercaseLetter: ("Lu", "Letter, uppercase")
        case .lowercaseLetter: ("Ll", "Letter, lowercase")
        case .titlecaseLetter: ("Lt", "Letter, titlecase")
        case .modifierLetter: ("Lm", "Letter, modifier")
        case .otherLetter: ("Lo", "Letter, other")
        case .nonspacingMark: ("Mn", "Mark, nonspacing")
        case .spacingMark: ("Mc", "Mark, spacing combining")
        case .enclosingMark: ("Me", "Mark, enclosing")
        case .decimalNumber: ("Nd", "Number, decimal digit")
        case .letterNumber: ("Nl", "Number, letter")
        case .otherNumber: ("No", "Number, other")
        case .connectorPunctuation: ("Pc", "Punctuation, connector")
        case .dashPunctuation: ("Pd", "Punctuation, dash")
        case .openPunctuation: ("Ps", "Punctuation, open")
        case .closePunctuation: ("Pe", "Punctuation, close")
        case .initialPunctuation: ("Pi", "Punctuation, initial quote")
        case .finalPunctuation: ("Pf", "Punctuation, final quote")
        case .otherPunctuation: ("Po", "Punctuation, other")
        case .mathSymbol: ("Sm", "Symbol, math")
        case .currencySymbol: ("Sc", "Symbol, currency")
        case .modifierSymbol: ("Sk", "Symbol, modifier")
        case .otherSymbol: ("So", "Symbol, other")
        case .spaceSeparator: ("Zs", "Separator, space")
        case .lineSeparator: ("Zl", "Separator, line")
        case .paragraphSeparator: ("Zp", "Separator, paragraph")
        case .control: ("Cc", "Other, control")
        case .format: ("Cf", "Other, format")
        case .surrogate: ("Cs", "Other, surrogate")
        case .privateUse: ("Co", "Other, private use")
        case .unassigned: ("Cn", "Other, not assigned")
        @unknown default: ("Cn", "Other, not assigned")
        }
    }
}

extension String {
    /// The characters Julia iterates over: code points.
    var juliaCharacters: [Value] { unicodeScalars.map(Value.char) }
}
