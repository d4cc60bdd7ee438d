/// The mapping of one data direction to the axis: Makie's `identity`, `log10` and `log2`.
public enum Scale: String, Equatable, Sendable {
    case linear = "identity"
    case log10
    case log2

    /// The logarithm's base; nil for a linear scale.
    public var base: Double? {
        switch self {
        case .linear: nil
        case .log10: 10
        case .log2: 2
        }
    }

    func forward(_ v: Double) -> Double {
        switch self {
        case .linear: v
        case .log10: Foundation.log10(v)
        case .log2: Foundation.log2(v)
        }
    }

    func inverse(_ v: Double) -> Double { base.map { Foundation.pow($0, v) } ?? v }
}

import Foundation

/// A tick: its data position and its label.
public struct Tick: Equatable, Sendable {
    public var value: Double
    public var label: String
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

/// Where `axislegend` puts the legend inside the axis (Makie's `:rt`, `:lt`, `:rb`, `:lb`).
public enum LegendPosition: String, Equatable, Sendable {
    case rt, lt, rb, lb, ct, cb
}

/// One panel: scales, labels, limits, ticks and the plots drawn in it.
public final class Axis {
    public var title = ""
    public var xlabel = ""
    public var ylabel = ""
    public var xscale = Scale.linear
    public var yscale = Scale.linear
    /// Fixed limits (`limits = (lo, hi, lo, hi)`); nil: from the data with 5 % margins.
    public var xlimits: ClosedRange<Double>?
    public var ylimits: ClosedRange<Double>?
    /// Fixed ticks (`yticks = (1:3, ["a", "b", "c"])`); nil: Wilkinson's ticks.
    public var xticks: [Tick]?
    public var yticks: [Tick]?
    public private(set) var plots: [Plot] = []
    /// Set by `axislegend`.
    public var legend: (title: String, position: LegendPosition)?

    public init() {}

    /// The next colour of the palette for a plot without an explicit colour.
    public var nextColor: Color { Color.wong[plots.count % Color.wong.count] }

    public func add(_ plot: Plot) {
        plots.append(plot)
    }

    /// Entries of the legend: each labelled plot.
    public var legendEntries: [Plot] { plots.filter { $0.label != nil } }

    /// The shown x and y ranges: the data extent widened by 5 % on each side (in the scale's coordinates), or the
    /// fixed limits.
    public func limits() throws -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        try checkScales()
        var xs: [ClosedRange<Double>] = [], ys: [ClosedRange<Double>] = []
        for mark in plots.flatMap(\.marks) {
            let (x, y) = mark.extent
            if let x { xs.append(x) }
            if let y { ys.append(y) }
        }
        return (try xlimits ?? Self.padded(xs, xscale, fixed: xticks), try ylimits ?? Self.padded(ys, yscale, fixed: yticks))
    }

    /// Ticks inside the limits: fixed ones when given, else Wilkinson's (linear) or powers of ten (log).
    public func ticks() throws -> (x: [Tick], y: [Tick]) {
        let (x, y) = try limits()
        return (xticks.map { Self.inside($0, x) } ?? TickFinder.ticks(for: x, scale: xscale),
                yticks.map { Self.inside($0, y) } ?? TickFinder.ticks(for: y, scale: yscale))
    }

    private static func inside(_ ticks: [Tick], _ range: ClosedRange<Double>) -> [Tick] {
        ticks.filter { range.contains($0.value) }
    }

    private func checkScales() throws {
        for (scale, name, pick) in [(xscale, "x", { (m: Mark) in m.coordinates.x }),
                                    (yscale, "y", { (m: Mark) in m.coordinates.y })] where scale != .linear {
            for plot in plots {
                for mark in plot.marks {
                    if let bad = pick(mark).first(where: { $0 <= 0 }) {
                        throw PlotError("\(plot.kind): a \(scale.rawValue) \(name) axis cannot show the non-positive value "
                                        + "\(NumberFormat.plain(bad)); use a linear scale or positive data")
                    }
                }
            }
        }
    }

    private static func padded(_ ranges: [ClosedRange<Double>], _ scale: Scale,
                               fixed: [Tick]?) throws -> ClosedRange<Double> {
        var lo = ranges.map(\.lowerBound).min(), hi = ranges.map(\.upperBound).max()
        if let fixed, !fixed.isEmpty {
            lo = min(lo ?? .infinity, fixed.map(\.value).min()!)
            hi = max(hi ?? -.infinity, fixed.map(\.value).max()!)
        }
        guard let l = lo, let h = hi else { return scale == .linear ? 0...10 : 1...10 }
        var a = scale.forward(l), b = scale.forward(h)
        if a == b {
            let half = a == 0 ? 1 : abs(a) * 0.1
            a -= half
            b += half
        }
        let margin = (b - a) * 0.05
        return scale.inverse(a - margin)...scale.inverse(b + margin)
    }
}
