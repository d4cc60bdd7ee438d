import Foundation

/// Tick labels as Makie writes them (Showoff's formats): one number of decimals for all labels of an axis, the
/// least that shows every value exactly; scientific notation (`2.5×10⁶`) for very large or small values; and the
/// typographic minus sign.
public enum NumberFormat {
    public static func labels(_ values: [Double]) -> [String] {
        let finite = values.filter(\.isFinite)
        let largest = finite.map(abs).max() ?? 0
        let smallest = finite.map(abs).filter { $0 > 0 }.min() ?? 1
        if largest >= 1e6 || smallest < 1e-4 { return values.map(scientific) }
        let digits = finite.map(decimals).max() ?? 0
        return values.map { fixed($0, digits) }
    }

    /// The shortest exact form of one number (`0.5`, `3`, `−2.25`).
    public static func plain(_ value: Double) -> String { fixed(value, decimals(value)) }

    /// Decimals the shortest round-trip form of `value` needs (at most 12).
    static func decimals(_ value: Double) -> Int {
        for d in 0...12 {
            let scale = pow(10, Double(d))
            if abs((value * scale).rounded() / scale - value) <= abs(value) * 1e-12 { return d }
        }
        return 12
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Inf" : "−Inf" }
        var s = String(format: "%.\(digits)f", value)
        if s.hasPrefix("-") {
            // "-0" after rounding is zero.
            if Double(s) == 0 { s.removeFirst() } else { s = "−" + s.dropFirst() }
        }
        return s
    }

    static func scientific(_ value: Double) -> String {
        if value == 0 { return "0" }
        let exponent = Int(floor(log10(abs(value))))
        let mantissa = value / pow(10, Double(exponent))
        let m = (mantissa * 1e6).rounded() / 1e6
        return fixed(m, decimals(m)) + "×10" + superscript(exponent)
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (n < 0 ? "⁻" : "") + String(String(abs(n)).map { digits[Int(String($0))!] })
    }
}
