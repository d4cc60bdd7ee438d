import Foundation

/// Plot types Gadfly draws that Makie has no name for: hairs (vertical segments from a baseline) and loess smooths.
extension PlotTypes {
    /// A vertical segment from `base` to each y (Gadfly's `Geom.hair`).
    public static func hair(_ x: [Double], _ y: [Double], base: Double, _ a: Appearance, cycled: Color) throws -> Plot {
        try DataCheck.sameLength([("x", x), ("y", y)], in: "hair")
        try DataCheck.finite(y, "y", in: "hair")
        let color = a.color ?? cycled
        let segments = zip(x, y).map { Segment(x0: $0, y0: base, x1: $0, y1: $1) }
        return Plot(kind: "Hair", marks: [.segments(segments, width: a.linewidth ?? 1.5, color: color)], color: color,
                    label: a.label, glyph: .line)
    }

    /// A loess curve through (x, y) with the given span (Gadfly's `Geom.smooth`, degree 2).
    public static func smooth(_ x: [Double], _ y: [Double], span: Double, _ a: Appearance,
                              cycled: Color) throws -> Plot {
        try DataCheck.sameLength([("x", x), ("y", y)], in: "smooth")
        try DataCheck.finite(x, "x", in: "smooth")
        try DataCheck.finite(y, "y", in: "smooth")
        guard span > 0 else { throw PlotError("smooth: smoothing must be positive, got \(NumberFormat.plain(span))") }
        let curve = PlotStatistics.loess(x, y, span: span)
        var plot = try lines(curve.x, curve.y, a, cycled: cycled)
        plot.kind = "Smooth"
        return plot
    }

    /// Lines through the points in increasing order of x (Gadfly's `Geom.line` sorts unless told otherwise).
    public static func sortedLines(_ x: [Double], _ y: [Double], _ a: Appearance, cycled: Color) throws -> Plot {
        try DataCheck.sameLength([("x", x), ("y", y)], in: "line")
        let order = x.indices.sorted { x[$0] < x[$1] }
        return try lines(order.map { x[$0] }, order.map { y[$0] }, a, cycled: cycled)
    }
}

extension PlotStatistics {
    /// The number of histogram bins by the Freedman–Diaconis rule (bin width 2 IQR n^(-1/3)), between 1 and 150;
    /// Sturges' rule when the interquartile range is zero.
    public static func automaticBins(_ values: [Double]) -> Int {
        let x = values.filter(\.isFinite).sorted()
        guard x.count > 1, let lo = x.first, let hi = x.last, hi > lo else { return 1 }
        let iqr = quantile(sorted: x, 0.75) - quantile(sorted: x, 0.25)
        let n = Double(x.count)
        let bins = iqr > 0 ? ((hi - lo) / (2 * iqr * pow(n, -1.0 / 3))).rounded(.up) : (log2(n) + 1).rounded(.up)
        return min(150, max(1, Int(bins)))
    }
}
