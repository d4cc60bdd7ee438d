/// One value inside a displayed Julia container, rendered the way Julia's `show` renders it there.
public enum JuliaElement: Equatable, Sendable {
    case float(Double)
    case float32(Float)
    case integer(Int)
    case bool(Bool)
    /// A string value, shown quoted and escaped (`"(Intercept)"`).
    case string(String)
    /// A symbol, shown as `:name`.
    case symbol(String)
    /// `missing`.
    case missing
    /// Text already rendered by the caller (a nested array's one-line form, say); aligned to the left
    /// as Julia aligns values that are not numbers.
    case text(String)

    /// The text of the element: `compact` selects Julia's `:compact => true` form for floats.
    /// Floats carry no type suffix here, because the container's element type is already known.
    public func rendered(compact: Bool) -> String {
        switch self {
        case .float(let x): compact ? JuliaFloatFormat.compact(x) : JuliaFloatFormat.shortest(x)
        case .float32(let x): compact ? CompactFormatter.format(x) : ShortestFormatter.untyped(x)
        case .integer(let n): String(n)
        case .bool(let b): b ? "true" : "false"
        case .string(let s): JuliaStringLiteral.quoted(s)
        case .symbol(let s): ":" + s
        case .missing: "missing"
        case .text(let s): s
        }
    }

    /// Julia's `alignment(io, x)`: characters left and right of the alignment point. Reals split before the
    /// first `.`, `e`, `E`, `f` or `F`; integers and booleans align right; everything else aligns left.
    func cell(compact: Bool) -> AlignedCell {
        let text = rendered(compact: compact)
        let width = text.unicodeScalars.count
        switch self {
        case .float, .float32:
            let markers: Set<Character> = [".", "e", "E", "f", "F"]
            let left = text.firstIndex(where: { markers.contains($0) }).map { text[..<$0].unicodeScalars.count } ?? width
            return AlignedCell(text: text, left: left, right: width - left)
        case .integer, .bool:
            return AlignedCell(text: text, left: width, right: 0)
        case .string, .symbol, .missing, .text:
            return AlignedCell(text: text, left: 0, right: width)
        }
    }
}

/// A rendered element with its alignment split (Julia's `(left, right)` tuple).
struct AlignedCell: Equatable {
    var text: String
    var left: Int
    var right: Int
}

/// Julia's string escapes, shared by every display of strings.
public enum JuliaStringLiteral {
    /// `show(::String)`: double quotes with backslash escapes (`"a\"b"`, `"\$x"`).
    public static func quoted(_ s: String) -> String {
        "\"" + escaped(s, quotesAndDollars: true) + "\""
    }

    /// `escape_string`: backslashes, control characters and (for `show`) `"` and `$` escaped.
    public static func escaped(_ s: String, quotesAndDollars: Bool) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"" where quotesAndDollars: out += "\\\""
            case "$" where quotesAndDollars: out += "\\$"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            case "\u{1B}": out += "\\e"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, digits: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
