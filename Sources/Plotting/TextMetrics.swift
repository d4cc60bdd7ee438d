/// Widths of text in the figures' sans-serif font, measured from Helvetica's metrics and widened by 10 % so that
/// the wider DejaVu Sans (the usual fallback on Linux) fits as well: close enough to keep labels from overlapping.
enum TextMetrics {
    /// Advance widths of ASCII 32…126 in thousandths of an em.
    private static let ascii: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]

    /// The width in pixels of `text` at `size` pixels.
    static func width(_ text: String, size: Double) -> Double {
        var total = 0
        for scalar in text.unicodeScalars {
            let v = Int(scalar.value)
            if v >= 32 && v <= 126 {
                total += ascii[v - 32]
            } else if "⁰¹²³⁴⁵⁶⁷⁸⁹⁻".unicodeScalars.contains(scalar) {
                total += 380
            } else {
                total += 640
            }
        }
        return Double(total) / 1000 * size * 1.1
    }

    /// The height of one line of text at `size` pixels.
    static func lineHeight(_ size: Double) -> Double { size * 1.2 }
}
