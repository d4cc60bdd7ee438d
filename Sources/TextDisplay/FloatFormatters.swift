/// Shortest round-trip rendering in Julia's notation (`show(io, x)`).
enum ShortestFormatter {
    static func format(_ x: Double) -> String {
        if let special = specialValue(x) { return special }
        guard let decimal = DecimalDigits.shortest(x) else { return x.description }
        return decimal.juliaText()
    }

    /// `Float32` is shown typed: `1.5f0`, `1.0f-5`, `NaN32`, `-Inf32`.
    static func format(_ x: Float) -> String {
        if x.isNaN { return "NaN32" }
        if x.isInfinite { return x < 0 ? "-Inf32" : "Inf32" }
        if x == 0 { return (x.sign == .minus ? "-" : "") + "0.0f0" }
        guard let decimal = DecimalDigits.shortest(x) else { return x.description }
        return decimal.juliaText(exponentMarker: "f", positionalSuffix: "f0")
    }

    /// `Float32` inside a container whose element type is known: no suffix (`1.5`, `1.0e-5`).
    static func untyped(_ x: Float) -> String {
        if x.isNaN || x.isInfinite { return specialValue(Double(x)) ?? x.description }
        if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
        guard let decimal = DecimalDigits.shortest(x) else { return x.description }
        return decimal.juliaText()
    }

    /// Zero, NaN and the infinities, which Ryu writes without digits.
    static func specialValue(_ x: Double) -> String? {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Inf" : "Inf" }
        if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
        return nil
    }
}

/// Julia's compact rendering (`:compact => true`): at most 6 significant digits, trailing zeros dropped.
enum CompactFormatter {
    static func format(_ x: Double) -> String {
        if let special = ShortestFormatter.specialValue(x) { return special }
        guard let decimal = DecimalDigits.rounded(x, significant: 6) else { return x.description }
        return decimal.juliaText()
    }

    /// `Float32` values: the shortest digits when they are at most 6, else the value rounded to 6.
    static func format(_ x: Float) -> String {
        if x.isNaN || x.isInfinite || x == 0 { return ShortestFormatter.untyped(x) }
        if let shortest = DecimalDigits.shortest(x), shortest.digits.count <= 6 { return shortest.juliaText() }
        return format(Double(x))
    }
}
