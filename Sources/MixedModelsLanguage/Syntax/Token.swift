/// A position in a block's source: an index into its characters.
public typealias SourceOffset = Int

/// One lexical token of the block language.
struct Token: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        case integer(Int)
        case float(Double)
        /// A string literal: literal text and `$` interpolations, in order.
        case string([StringPart])
        /// A character literal `'a'`.
        case char(Unicode.Scalar)
        case symbol(String)
        /// `@name`
        case macro(String)
        /// Operators and punctuation: `+`, `.+`, `==`, `(`, `,`, `=>` …
        case op(String)
        /// `$` (interpolation in benchmark macros)
        case dollar
        case newline
        case end
    }

    var kind: Kind
    /// Offset of the token's first character.
    var offset: SourceOffset
    /// Offset just past the token's last character.
    var endOffset: SourceOffset
    /// True when white space (or a comment) stands right before the token.
    var spaceBefore: Bool

    var isEnd: Bool { kind == .end }

    func isOp(_ s: String) -> Bool { kind == .op(s) }
}

/// A piece of a string literal.
enum StringPart: Equatable {
    case text(String)
    /// Source of an interpolated expression and the offset where it starts.
    case interpolation(String, SourceOffset)
}

extension Token.Kind {
    /// How the token is named in "expected …, found …" messages.
    var described: String {
        switch self {
        case .identifier(let s): "identifier `\(s)`"
        case .integer(let i): "number `\(i)`"
        case .float(let d): "number `\(d)`"
        case .string: "a string"
        case .char(let c): "character \(Display.repr(.char(c)))"
        case .symbol(let s): "symbol `:\(s)`"
        case .macro(let m): "macro `@\(m)`"
        case .op(let o): "`\(o)`"
        case .dollar: "`$`"
        case .newline: "end of line"
        case .end: "end of input"
        }
    }
}
