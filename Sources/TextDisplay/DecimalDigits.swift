#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A finite, non-zero decimal number `±digits × 10^exponent`, with no leading or trailing zeros in `digits`.
struct DecimalDigits: Equatable {
    var negative: Bool
    /// The significant digits, as ASCII characters `0`…`9`.
    var digits: [UInt8]
    /// Power of ten of the last digit.
    var exponent: Int

    /// Position of the decimal point counted from the first digit (Ryu's `pt`): `1527.5` has `pt == 4`.
    var pointPosition: Int { exponent + digits.count }

    /// Parses a finite number printed by Swift's `description` or C's `%e` (`-1.25e-05`, `1527.4999999999989`).
    init?(parsing text: String) {
        var bytes = Array(text.utf8)
        negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes.removeFirst() }
        var exponentPart = 0
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            guard let parsed = Int(String(decoding: bytes[(e + 1)...], as: UTF8.self)) else { return nil }
            exponentPart = parsed
            bytes.removeSubrange(e...)
        }
        var mantissa: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        for b in bytes {
            if b == UInt8(ascii: ".") {
                seenPoint = true
            } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                mantissa.append(b)
                if seenPoint { fractionDigits += 1 }
            } else {
                return nil
            }
        }
        var exp = exponentPart - fractionDigits
        while let last = mantissa.last, last == UInt8(ascii: "0") {
            mantissa.removeLast()
            exp += 1
        }
        let leading = mantissa.prefix(while: { $0 == UInt8(ascii: "0") }).count
        mantissa.removeFirst(leading)
        guard !mantissa.isEmpty else { return nil }
        digits = mantissa
        exponent = exp
    }

    /// The shortest digits that read back as `x` (Swift's description gives them, as Ryu does for Julia).
    static func shortest(_ x: Double) -> DecimalDigits? { DecimalDigits(parsing: x.description) }
    static func shortest(_ x: Float) -> DecimalDigits? { DecimalDigits(parsing: x.description) }

    /// `x` correctly rounded to `significant` digits (exact ties to even), trailing zeros dropped.
    /// Julia's compact printing rounds the exact binary value this way (Ryu `reduce_shortest` with `maxsignif`).
    static func rounded(_ x: Double, significant: Int) -> DecimalDigits? {
        guard let shortest = shortest(x) else { return nil }
        if shortest.digits.count <= significant { return shortest }
        return DecimalDigits(parsing: CFormat.format(x, "%.\(significant - 1)e"))
    }

    /// Julia's layout of the digits (Ryu `writeshortest` with `precision = -1`): positional when
    /// `-4 < pt <= 6`, otherwise `d.ddde±x`; `exponentMarker` is `e` (or `f` for `Float32`).
    func juliaText(exponentMarker: Character = "e", positionalSuffix: String = "") -> String {
        var out = negative ? "-" : ""
        let text = String(decoding: digits, as: UTF8.self)
        let pt = pointPosition
        if pt > -4 && pt <= 6 {
            if pt <= 0 {
                out += "0." + String(repeating: "0", count: -pt) + text
            } else if pt >= digits.count {
                out += text + String(repeating: "0", count: exponent) + ".0"
            } else {
                out += String(text.prefix(pt)) + "." + String(text.dropFirst(pt))
            }
            return out + positionalSuffix
        }
        out += String(text.prefix(1)) + "."
        out += digits.count > 1 ? String(text.dropFirst()) : "0"
        out.append(exponentMarker)
        return out + String(pt - 1)
    }
}

/// C's `printf` conversions, which round the exact binary value correctly (ties to even), as Ryu's
/// `writefixed` and Julia's `@printf` do.
enum CFormat {
    static func format(_ x: Double, _ spec: String) -> String {
        var buffer = [CChar](repeating: 0, count: 400)
        let written = withVaList([x]) { args in vsnprintf(&buffer, buffer.count, spec, args) }
        guard written > 0 else { return x.description }
        return String(decoding: buffer.prefix(min(Int(written), buffer.count - 1)).map { UInt8(bitPattern: $0) },
                      as: UTF8.self)
    }

    /// `x` with exactly `digits` decimals (`Ryu.writefixed`); `plus` writes `+` before non-negative values.
    /// NaN and the infinities print as Julia does (`NaN`, `Inf`, `-Inf`).
    static func fixed(_ x: Double, digits: Int, plus: Bool = false) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Inf" : (plus ? "+Inf" : "Inf") }
        return format(x, plus ? "%+.\(digits)f" : "%.\(digits)f")
    }
}
