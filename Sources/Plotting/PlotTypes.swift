/// Attributes shared by the plot types; nil means the type's default.
public struct Appearance: Sendable {
    public var color: Color?
    public var label: String?
    public var linewidth: Double?
    public var markersize: Double?
    public var dashed = false
    public init(color: Color? = nil, label: String? = nil, linewidth: Double? = nil, markersize: Double? = nil) {
        self.color = color
        self.label = label
        self.linewidth = linewidth
        self.markersize = markersize
    }
}

/// Makie's plot types as functions from data to a `Plot` (drawn into an axis by the caller). `cycled` is the
/// palette colour the axis offers when no colour is given.
public enum PlotTypes {
    public static func lines(_ x: [Double], _ y: [Double], _ a: Appearance, cycled: Color) throws -> Plot {
        try DataCheck.sameLength([("x", x), ("y", y)], in: "lines")
        try DataCheck.finite(y, "y", in: "lines")
        let color = a.color ?? cycled
        return Plot(kind: "Lines", marks: [.polyline(x: x, y: y, width: a.linewidth ?? 1.5, color: color, dashed: a.dashed)],
                    color: color, label: a.label, glyph: .line)
    }

    public static func scatter(_ x: [Double], _ y: [Double], _ a: Appearance, cycled: Color) throws -> Plot {
        try DataCheck.sameLength([("x", x), ("y", y)], in: "scatter")
        try DataCheck.finite(y, "y", in: "scatter")
        let color = a.color ?? cycled
        return Plot(kind: "Scatter", marks: [.markers(x: x, y: y, size: a.markersize ?? 9, color: color)],
                    color: color, label: a.label, glyph: .marker)
    }

    public static func stem(_ x: [Double], _ y: [Double], _ a: Appearance, cycled: Color) throws -> Plot {
        try DataCheck.sameLength([("x", x), ("y", y)], in: "stem")
        try DataCheck.finite(y, "y", in: "stem")
        let color = a.color ?? cycled
        let stems = zip(x, y).map { Segment(x0: $0, y0: 0, x1: $0, y1: $1) }
        return Plot(kind: "Stem", marks: [.segments(stems, width: a.linewidth ?? 1.5, color: color),
                                          .markers(x: x, y: y, size: a.markersize ?? 9, color: color)],
                    color: color, label: a.label, glyph: .marker)
    }

    /// Bars centred at `x` from 0 to `height`, 80 % as wide as the closest spacing of the x values.
    public static func barplot(_ x: [Double], _ height: [Double], _ a: Appearance, cycled: Color) throws -> Plot {
        try DataCheck.sameLength([("x", x), ("heights", height)], in: "barplot")
        try DataCheck.finite(height, "heights", in: "barplot")
        let sorted = x.filter(\.isFinite).sorted()
        let spacing = zip(sorted, sorted.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }.min() ?? 1
        let half = 0.4 * spacing
        let color = a.color ?? cycled
        let rects = zip(x, height).map { Rect(x0: $0 - half, x1: $0 + half, y0: 0, y1: $1) }
        return Plot(kind: "BarPlot", marks: [.rects(rects, fill: color, stroke: nil)], color: color, label: a.label,
                    glyph: .patch)
    }

    /// A histogram of `values` in `bins` equal-width bins; `normalization` is `none` (counts), `pdf` or
    /// `probability`.
    public static func hist(_ values: [Double], bins: Int, normalization: String, _ a: Appearance,
                            cycled: Color) throws -> Plot {
        try DataCheck.finite(values, "the data", in: "hist")
        guard bins >= 1 else { throw PlotError("hist: bins must be a positive integer, got \(bins)") }
        let allowed = ["none", "pdf", "probability"]
        guard allowed.contains(normalization) else {
            throw PlotError("hist: unknown normalization :\(normalization); use one of :none, :pdf, :probability")
        }
        let (edges, counts) = PlotStatistics.histogram(values, bins: bins)
        let total = counts.reduce(0, +)
        let color = a.color ?? cycled
        let rects = counts.indices.map { k -> Rect in
            let width = edges[k + 1] - edges[k]
            let height = switch normalization {
            case "pdf": counts[k] / (total * width)
            case "probability": counts[k] / total
            default: counts[k]
            }
            return Rect(x0: edges[k], x1: edges[k + 1], y0: 0, y1: height)
        }
        return Plot(kind: "Hist", marks: [.rects(rects, fill: color, stroke: .white)], color: color, label: a.label,
                    glyph: .patch)
    }

    /// A Gaussian kernel density estimate with Silverman's bandwidth (or `bandwidth`), filled.
    public static func density(_ values: [Double], bandwidth: Double?, _ a: Appearance, cycled: Color) throws -> Plot {
        try DataCheck.finite(values, "the data", in: "density")
        if let bandwidth, !(bandwidth > 0) { throw PlotError("density: bandwidth must be positive") }
        let (x, y) = PlotStatistics.density(values, bandwidth: bandwidth)
        let color = a.color ?? cycled
        let fill = color.alpha < 1 ? color : color.withAlpha(0.45)
        return Plot(kind: "Density",
                    marks: [.polygon(x: x + [x.last!, x[0]], y: y + [0, 0], fill: fill),
                            .polyline(x: x, y: y, width: a.linewidth ?? 1.5, color: color.withAlpha(1), dashed: false)],
                    color: fill, label: a.label, glyph: .patch)
    }

    /// The area between `lower` and `upper` along `x`.
    public static func band(_ x: [Double], _ lower: [Double], _ upper: [Double], _ a: Appearance,
                            cycled: Color) throws -> Plot {
        try DataCheck.sameLength([("x", x), ("lower", lower), ("upper", upper)], in: "band")
        try DataCheck.finite(x, "x", in: "band")
        let color = a.color ?? cycled.withAlpha(0.35)
        return Plot(kind: "Band", marks: [.polygon(x: x + x.reversed(), y: upper + lower.reversed(), fill: color)],
                    color: color, label: a.label, glyph: .patch)
    }

    public enum Direction: String, Sendable { case x, y }

    /// Bars from `low` to `high` at each position: `rangebars` (absolute ends).
    public static func rangebars(_ at: [Double], _ low: [Double], _ high: [Double], direction: Direction,
                                 _ a: Appearance) throws -> Plot {
        try DataCheck.sameLength([("positions", at), ("low", low), ("high", high)], in: "rangebars")
        try DataCheck.finite(at, "positions", in: "rangebars")
        let color = a.color ?? .black
        let segments = at.indices.map { i in
            direction == .y ? Segment(x0: at[i], y0: low[i], x1: at[i], y1: high[i])
                : Segment(x0: low[i], y0: at[i], x1: high[i], y1: at[i])
        }
        return Plot(kind: "Rangebars", marks: [.segments(segments, width: a.linewidth ?? 1.5, color: color)],
                    color: color, label: a.label, glyph: .line)
    }

    /// Error bars around (x, y): `lowerror` below and `higherror` above (Makie's `errorbars`).
    public static func errorbars(_ x: [Double], _ y: [Double], _ lowerror: [Double], _ higherror: [Double],
                                 direction: Direction, _ a: Appearance) throws -> Plot {
        try DataCheck.sameLength([("x", x), ("y", y), ("low errors", lowerror), ("high errors", higherror)],
                                 in: "errorbars")
        let at = direction == .y ? x : y, center = direction == .y ? y : x
        var plot = try rangebars(at, zip(center, lowerror).map { $0 - $1 }, zip(center, higherror).map { $0 + $1 },
                                 direction: direction, a)
        plot.kind = "Errorbars"
        return plot
    }

    /// Box-and-whisker plots of `y` grouped by the category positions `x`: quartile boxes, median lines, whiskers to
    /// the farthest points within 1.5 IQR, and the points beyond as outliers.
    public static func boxplot(_ x: [Double], _ y: [Double], _ a: Appearance, cycled: Color) throws -> Plot {
        try DataCheck.sameLength([("x", x), ("y", y)], in: "boxplot")
        try DataCheck.finite(y, "y", in: "boxplot")
        let color = a.color ?? cycled
        var groups: [Double: [Double]] = [:]
        for (g, v) in zip(x, y) where g.isFinite && v.isFinite { groups[g, default: []].append(v) }
        let positions = groups.keys.sorted()
        let spacing = zip(positions, positions.dropFirst()).map { $1 - $0 }.min() ?? 1
        let half = 0.4 * spacing
        var boxes: [Rect] = [], medians: [Segment] = [], whiskers: [Segment] = []
        var outX: [Double] = [], outY: [Double] = []
        for g in positions {
            let v = groups[g]!.sorted()
            let q1 = PlotStatistics.quantile(sorted: v, 0.25), q2 = PlotStatistics.quantile(sorted: v, 0.5)
            let q3 = PlotStatistics.quantile(sorted: v, 0.75), reach = 1.5 * (q3 - q1)
            let inside = v.filter { $0 >= q1 - reach && $0 <= q3 + reach }
            boxes.append(Rect(x0: g - half, x1: g + half, y0: q1, y1: q3))
            medians.append(Segment(x0: g - half, y0: q2, x1: g + half, y1: q2))
            whiskers += [Segment(x0: g, y0: inside.first ?? q1, x1: g, y1: q1),
                         Segment(x0: g, y0: q3, x1: g, y1: inside.last ?? q3)]
            for o in v where o < q1 - reach || o > q3 + reach {
                outX.append(g)
                outY.append(o)
            }
        }
        return Plot(kind: "BoxPlot", marks: [.segments(whiskers, width: 1.5, color: .black),
                                             .rects(boxes, fill: color, stroke: nil),
                                             .segments(medians, width: 2, color: .white),
                                             .markers(x: outX, y: outY, size: 6, color: color)],
                    color: color, label: a.label, glyph: .patch)
    }

    /// The reference line of a Q–Q plot: `none`, `identity`, `fit` (least squares) or `robust` (through the
    /// quartiles).
    public static func qqline(_ kind: String, x: [Double], y: [Double]) throws -> Mark? {
        switch kind {
        case "none": return nil
        case "identity": return .ablines(intercepts: [0], slopes: [1], width: 1.5, color: .black)
        case "fit":
            let n = Double(x.count), mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
            let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
            let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
            let b = sxx > 0 ? sxy / sxx : 0
            return .ablines(intercepts: [my - b * mx], slopes: [b], width: 1.5, color: .black)
        case "robust":
            let sx = x.sorted(), sy = y.sorted()
            let x1 = PlotStatistics.quantile(sorted: sx, 0.25), x3 = PlotStatistics.quantile(sorted: sx, 0.75)
            let y1 = PlotStatistics.quantile(sorted: sy, 0.25), y3 = PlotStatistics.quantile(sorted: sy, 0.75)
            let b = x3 > x1 ? (y3 - y1) / (x3 - x1) : 0
            return .ablines(intercepts: [y1 - b * x1], slopes: [b], width: 1.5, color: .black)
        default:
            throw PlotError("qqline must be one of :none, :identity, :fit, :robust; got :\(kind)")
        }
    }

    /// Quantiles of `y` against quantiles of `x` at equally spaced probabilities (StatsBase's `qqbuild`).
    public static func qqplot(_ x: [Double], _ y: [Double], qqline kind: String, _ a: Appearance,
                              cycled: Color) throws -> Plot {
        try DataCheck.finite(x, "x", in: "qqplot")
        try DataCheck.finite(y, "y", in: "qqplot")
        let sx = x.filter(\.isFinite).sorted(), sy = y.filter(\.isFinite).sorted()
        let n = min(sx.count, sy.count)
        let grid = (0..<n).map { n == 1 ? 0.5 : Double($0) / Double(n - 1) }
        return try qq(grid.map { PlotStatistics.quantile(sorted: sx, $0) },
                      grid.map { PlotStatistics.quantile(sorted: sy, $0) }, kind, a, cycled, "QQPlot")
    }

    /// Quantiles of `y` against the standard normal's.
    public static func qqnorm(_ y: [Double], qqline kind: String, _ a: Appearance, cycled: Color) throws -> Plot {
        try DataCheck.finite(y, "the data", in: "qqnorm")
        let sy = y.filter(\.isFinite).sorted()
        let grid = PlotStatistics.plottingPositions(sy.count)
        return try qq(grid.map(PlotStatistics.normalQuantile), grid.map { PlotStatistics.quantile(sorted: sy, $0) },
                      kind, a, cycled, "QQNorm")
    }

    private static func qq(_ qx: [Double], _ qy: [Double], _ kind: String, _ a: Appearance, _ cycled: Color,
                           _ name: String) throws -> Plot {
        let color = a.color ?? cycled
        var marks: [Mark] = [.markers(x: qx, y: qy, size: a.markersize ?? 7, color: color)]
        if let line = try qqline(kind, x: qx, y: qy) { marks.append(line) }
        return Plot(kind: name, marks: marks, color: color, label: a.label, glyph: .marker)
    }

    public static func hlines(_ ys: [Double], _ a: Appearance, cycled: Color) -> Plot {
        let color = a.color ?? cycled
        return Plot(kind: "HLines", marks: [.hlines(ys, width: a.linewidth ?? 1.5, color: color, dashed: a.dashed)],
                    color: color, label: a.label, glyph: .line)
    }

    public static func vlines(_ xs: [Double], _ a: Appearance, cycled: Color) -> Plot {
        let color = a.color ?? cycled
        return Plot(kind: "VLines", marks: [.vlines(xs, width: a.linewidth ?? 1.5, color: color, dashed: a.dashed)],
                    color: color, label: a.label, glyph: .line)
    }

    public static func ablines(_ intercepts: [Double], _ slopes: [Double], _ a: Appearance,
                               cycled: Color) throws -> Plot {
        try DataCheck.sameLength([("intercepts", intercepts), ("slopes", slopes)], in: "ablines")
        let color = a.color ?? cycled
        return Plot(kind: "ABLines", marks: [.ablines(intercepts: intercepts, slopes: slopes,
                                                      width: a.linewidth ?? 1.5, color: color)],
                    color: color, label: a.label, glyph: .line)
    }
}
