import Foundation

/// A piece of one output line, as the doctest comparison sees it.
struct OutputToken: Equatable {
    enum Kind: Equatable {
        /// A run of spaces or tabs.
        case space
        /// A number with a decimal point or an exponent, compared with a tolerance.
        case float(value: Double, decimals: Int, hasExponent: Bool)
        /// A number without decimal point or exponent: compared exactly.
        case integer
        /// Anything else (names, rules, `<1e-99`): compared exactly.
        case text
    }

    var kind: Kind
    var text: String
    /// Column (in characters) where the token starts, for diff markers.
    var column: Int

    var isNumber: Bool {
        switch kind {
        case .float, .integer: return true
        case .space, .text: return false
        }
    }

    /// Splits a line into tokens. A number starts only where an identifier cannot continue (so `D02`, `Float64`
    /// and `r2` are names), may carry a sign, and directly after `<` (a p-value bound such as `<1e-99`) stays text.
    static func tokenize(_ line: String) -> [OutputToken] {
        let characters = Array(line)
        var tokens: [OutputToken] = []
        var index = 0
        func append(_ kind: Kind, from start: Int) {
            tokens.append(OutputToken(kind: kind, text: String(characters[start..<index]), column: start))
        }
        while index < characters.count {
            let start = index
            let character = characters[index]
            if character == " " || character == "\t" {
                while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
                append(.space, from: start)
            } else if isIdentifierStart(character) {
                while index < characters.count, isIdentifierContinuation(characters[index]) { index += 1 }
                append(.text, from: start)
            } else if let end = numberEnd(characters, at: index), !(start > 0 && characters[start - 1] == "<") {
                index = end
                let text = String(characters[start..<end])
                append(numberKind(text), from: start)
            } else if let end = numberEnd(characters, at: index) {
                index = end
                append(.text, from: start)
            } else if isDigit(character) {
                // A number glued to a name (`145μs`, `2nd`) is one text token.
                while index < characters.count, isIdentifierContinuation(characters[index]) { index += 1 }
                append(.text, from: start)
            } else {
                index += 1
                append(.text, from: start)
            }
        }
        return tokens
    }

    private static func isIdentifierStart(_ character: Character) -> Bool {
        character.isLetter || character == "_"
    }

    private static func isIdentifierContinuation(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "!"
    }

    private static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    /// The end of a number starting at `index`: `[+-]digits[.digits][(e|E|f)[+-]digits]`, or nil.
    private static func numberEnd(_ characters: [Character], at start: Int) -> Int? {
        var index = start
        if characters[index] == "-" || characters[index] == "+" { index += 1 }
        let digitsStart = index
        while index < characters.count, isDigit(characters[index]) { index += 1 }
        guard index > digitsStart else { return nil }
        if index + 1 < characters.count, characters[index] == ".", isDigit(characters[index + 1]) {
            index += 1
            while index < characters.count, isDigit(characters[index]) { index += 1 }
        }
        if index < characters.count, "eEf".contains(characters[index]) {
            var exponent = index + 1
            if exponent < characters.count, characters[exponent] == "-" || characters[exponent] == "+" { exponent += 1 }
            let exponentDigits = exponent
            while exponent < characters.count, isDigit(characters[exponent]) { exponent += 1 }
            let followedByName = exponent < characters.count && isIdentifierContinuation(characters[exponent])
            if exponent > exponentDigits, !followedByName { index = exponent }
        }
        if index < characters.count, isIdentifierContinuation(characters[index]) {
            return nil
        }
        return index
    }

    private static func numberKind(_ text: String) -> Kind {
        let exponentIndex = text.firstIndex { "eEf".contains($0) }
        let mantissa = exponentIndex.map { text[..<$0] } ?? Substring(text)
        let decimals = mantissa.firstIndex(of: ".").map { mantissa.distance(from: $0, to: mantissa.endIndex) - 1 } ?? 0
        guard exponentIndex != nil || mantissa.contains(".") else { return .integer }
        let normalized = text.replacingOccurrences(of: "f", with: "e")
        guard let value = Double(normalized) else { return .text }
        return .float(value: value, decimals: decimals, hasExponent: exponentIndex != nil)
    }
}
