/// Building SVG text quickly and deterministically: numbers with at most two decimals, escaped strings.
struct SVGText {
    private(set) var text = ""

    init() {
        text.reserveCapacity(4096)
    }

    mutating func append(_ s: String) {
        text += s
    }

    /// A coordinate rounded to hundredths of a pixel, without trailing zeros (`12.5`, `-3`, `0.07`).
    mutating func number(_ value: Double) {
        guard value.isFinite else {
            text += "0"
            return
        }
        // Far outside any canvas: clamp, the clip path hides it anyway.
        var hundredths = Int((min(max(value, -1e7), 1e7) * 100).rounded())
        if hundredths < 0 {
            text += "-"
            hundredths = -hundredths
        }
        text += String(hundredths / 100)
        let fraction = hundredths % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
    }

    /// `name="value"` with a numeric value, preceded by a space.
    mutating func attribute(_ name: String, _ value: Double) {
        text += " " + name + "=\""
        number(value)
        text += "\""
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Fill or stroke attributes for a colour, with its opacity when not opaque.
    static func paint(_ kind: String, _ color: Color) -> String {
        var s = " \(kind)=\"\(color.hex)\""
        if color.alpha < 1 {
            var n = SVGText()
            n.number(color.alpha)
            s += " \(kind)-opacity=\"\(n.text)\""
        }
        return s
    }
}
