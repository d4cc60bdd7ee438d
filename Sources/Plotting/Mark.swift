/// An axis-aligned rectangle in data coordinates (a histogram bin, a bar, a box).
public struct Rect: Equatable, Sendable {
    public var x0: Double, x1: Double, y0: Double, y1: Double
    public init(x0: Double, x1: Double, y0: Double, y1: Double) {
        self.x0 = x0
        self.x1 = x1
        self.y0 = y0
        self.y1 = y1
    }
}

/// A line segment in data coordinates (a whisker, a stem, an error bar).
public struct Segment: Equatable, Sendable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }
}

/// The drawing primitives every plot type is made of, in data coordinates.
public enum Mark: Equatable, Sendable {
    /// A connected line; NaN values break it.
    case polyline(x: [Double], y: [Double], width: Double, color: Color, dashed: Bool)
    /// Circles of diameter `size` pixels.
    case markers(x: [Double], y: [Double], size: Double, color: Color)
    case rects([Rect], fill: Color, stroke: Color?)
    /// A filled polygon (a band: the upper edge, then the lower edge backwards).
    case polygon(x: [Double], y: [Double], fill: Color)
    case segments([Segment], width: Double, color: Color)
    /// Lines across the whole axis: horizontal at each y, vertical at each x, or y = a + b x.
    case hlines([Double], width: Double, color: Color, dashed: Bool)
    case vlines([Double], width: Double, color: Color, dashed: Bool)
    case ablines(intercepts: [Double], slopes: [Double], width: Double, color: Color)

    /// The finite data extent the mark asks the axis to show, per direction (nil: no constraint).
    var extent: (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
        switch self {
        case .polyline(let x, let y, _, _, _), .markers(let x, let y, _, _), .polygon(let x, let y, _):
            return (Self.range(x), Self.range(y))
        case .rects(let rects, _, _):
            return (Self.range(rects.flatMap { [$0.x0, $0.x1] }), Self.range(rects.flatMap { [$0.y0, $0.y1] }))
        case .segments(let segments, _, _):
            return (Self.range(segments.flatMap { [$0.x0, $0.x1] }), Self.range(segments.flatMap { [$0.y0, $0.y1] }))
        case .hlines(let ys, _, _, _): return (nil, Self.range(ys))
        case .vlines(let xs, _, _, _): return (Self.range(xs), nil)
        case .ablines: return (nil, nil)
        }
    }

    /// The smallest range holding every finite value; nil when there is none.
    static func range(_ values: [Double]) -> ClosedRange<Double>? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        return lo <= hi ? lo...hi : nil
    }

    /// The finite values placed on each axis, for log-scale checks.
    var coordinates: (x: [Double], y: [Double]) {
        switch self {
        case .polyline(let x, let y, _, _, _), .markers(let x, let y, _, _), .polygon(let x, let y, _): return (x, y)
        case .rects(let rects, _, _): return (rects.flatMap { [$0.x0, $0.x1] }, rects.flatMap { [$0.y0, $0.y1] })
        case .segments(let s, _, _): return (s.flatMap { [$0.x0, $0.x1] }, s.flatMap { [$0.y0, $0.y1] })
        case .hlines(let ys, _, _, _): return ([], ys)
        case .vlines(let xs, _, _, _): return (xs, [])
        case .ablines: return ([], [])
        }
    }
}

/// How a plot appears in a legend.
public enum LegendGlyph: Equatable, Sendable {
    case line, marker, patch
}

/// One plot object of an axis (`hist`, `lines`, …): its marks, colour and legend label.
public struct Plot: Equatable, Sendable {
    /// Makie's name of the plot type (`Hist`, `Lines`), for displays.
    public var kind: String
    public var marks: [Mark]
    public var color: Color
    public var label: String?
    public var glyph: LegendGlyph

    public init(kind: String, marks: [Mark], color: Color, label: String? = nil, glyph: LegendGlyph) {
        self.kind = kind
        self.marks = marks
        self.color = color
        self.label = label
        self.glyph = glyph
    }
}
