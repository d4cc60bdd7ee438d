/// Colours `mixedmodel` code for HTML: comments, strings, symbols, macros, numbers, keywords, types and calls.
public enum SyntaxHighlighter {
    private static let keywords: Set<String> = [
        "using", "import", "true", "false", "nothing", "missing", "for", "in", "if", "else", "elseif", "end",
        "function", "return", "let", "begin", "do", "while",
    ]

    /// HTML with `<span class="…">` around each coloured token; everything escaped.
    public static func html(_ code: String) -> String {
        let characters = Array(code)
        var html = ""
        var index = 0
        func emit(_ cssClass: String?, from start: Int) {
            let text = XML.escape(String(characters[start..<index]))
            html += cssClass.map { "<span class=\"\($0)\">\(text)</span>" } ?? text
        }
        while index < characters.count {
            let start = index
            let character = characters[index]
            if character == "#" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                emit("hl-comment", from: start)
            } else if character == "\"" {
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    index += characters[index] == "\\" ? 2 : 1
                }
                index = min(index + 1, characters.count)
                emit("hl-string", from: start)
            } else if character == "@", index + 1 < characters.count, isNameStart(characters[index + 1]) {
                index += 1
                while index < characters.count, isNamePart(characters[index]) { index += 1 }
                emit("hl-macro", from: start)
            } else if character == ":", index + 1 < characters.count, isNameStart(characters[index + 1]),
                      !followsValue(characters, start) {
                index += 1
                while index < characters.count, isNamePart(characters[index]) { index += 1 }
                emit("hl-symbol", from: start)
            } else if character.isASCII, character.isNumber {
                while index < characters.count, isNumberPart(characters, index) { index += 1 }
                emit("hl-number", from: start)
            } else if isNameStart(character) {
                while index < characters.count, isNamePart(characters[index]) { index += 1 }
                let name = String(characters[start..<index])
                let next = index < characters.count ? characters[index] : " "
                if keywords.contains(name) {
                    emit("hl-keyword", from: start)
                } else if next == "(" || (next == "." && index + 1 < characters.count && characters[index + 1] == "(") {
                    emit("hl-call", from: start)
                } else if name.first?.isUppercase == true {
                    emit("hl-type", from: start)
                } else {
                    emit(nil, from: start)
                }
            } else {
                index += 1
                emit("~=+-*/^&|<>!$".contains(character) ? "hl-operator" : nil, from: start)
            }
        }
        return html
    }

    private static func isNameStart(_ character: Character) -> Bool {
        character.isLetter || character == "_"
    }

    private static func isNamePart(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "!"
    }

    private static func isNumberPart(_ characters: [Character], _ index: Int) -> Bool {
        let character = characters[index]
        if character.isASCII && (character.isNumber || character == "_") { return true }
        if character == ".", index + 1 < characters.count, characters[index + 1].isNumber { return true }
        if character == "e", index + 1 < characters.count, characters[index + 1].isNumber || characters[index + 1] == "-" {
            return true
        }
        if character == "-", index > 0, characters[index - 1] == "e" { return true }
        return false
    }

    /// A `:` right after a value (`a[1:2]`, `x ? a : b` written tightly) is an operator, not a symbol.
    private static func followsValue(_ characters: [Character], _ index: Int) -> Bool {
        guard index > 0 else { return false }
        let previous = characters[index - 1]
        return previous.isLetter || previous.isNumber || previous == ")" || previous == "]" || previous == "_"
    }
}
