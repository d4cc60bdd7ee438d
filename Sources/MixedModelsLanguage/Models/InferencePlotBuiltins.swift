import Foundation
import MixedModels
import Plotting

/// MixedModelsMakie's plots of inference results: `ridgeplot` and `coefplot` of a bootstrap, `zetaplot` and
/// `profileplot` of a profile.
extension BuiltinLibrary {
    mutating func registerInferencePlots() {
        add("ridgeplot", keywords: ["conf_level", "show_intercept", "vline_at_zero"]) { c in
            try c.expectCount(1, "ridgeplot(samp; conf_level = 0.95, show_intercept = true)")
            guard case .object(let boot as BootstrapObject) = c.positional[0] else {
                throw c.wrongType(0, expected: "a bootstrap from parametricbootstrap(…)")
            }
            return .object(FigureObject(try BootstrapPlots.ridgeplot(boot.samp, c)))
        }
        extend("coefplot") { c, next in
            guard c.count == 1, case .object(let boot as BootstrapObject) = c.positional[0] else { return try next(c) }
            let level = try c.doubleKeyword("conf_level") ?? 0.95
            let coefficients = try BootstrapPlots.coefficients(boot.samp, level: level,
                                                               showIntercept: try c.boolKeyword("show_intercept", default: true))
            let figure = ModelPlots.figure(columns: 1, rows: coefficients.count)
            let axis = Axis()
            axis.xlabel = "Estimate"
            let y = coefficients.indices.reversed().map { Double($0 + 1) }
            axis.yticks = zip(y, coefficients).map { Tick(value: $0, label: $1.name) }
            try BootstrapPlots.intervals(axis, coefficients, y: y)
            try PlotArguments.plotting { try figure.place(axis, at: GridPosition(row: 1, column: 1)) }
            return .object(FigureObject(figure))
        }
        add("zetaplot", keywords: ["absv", "ptyp", "coverage", "zbd"]) { c in
            try c.expectCount(1, "zetaplot(pr; absv = false, ptyp = 'β')")
            let profile = try ProfilePlots.profile(c)
            let prefix = try c.keyword("ptyp").map { v -> String in
                switch v {
                case .string(let s), .symbol(let s): return s
                default: throw LanguageError("zetaplot: ptyp must be 'β', 'σ' or 'θ', got \(Display.repr(v))")
                }
            } ?? "β"
            guard ["β", "σ", "θ"].contains(prefix) else {
                throw LanguageError("zetaplot: ptyp must be 'β', 'σ' or 'θ', got \(Display.repr(.string(prefix)))")
            }
            let chosen = profile.profiles.filter { $0.parameter.hasPrefix(prefix) }
            guard !chosen.isEmpty else {
                throw LanguageError("zetaplot: the profile has no parameter starting with \(prefix); it has "
                                    + profile.profiles.map(\.parameter).joined(separator: ", "))
            }
            return .object(FigureObject(try ProfilePlots.figure(chosen, absolute: try c.boolKeyword("absv", default: false),
                                                                c: c, columns: chosen.count)))
        }
        add("profileplot", keywords: ["coverage", "zbd"]) { c in
            try c.expectCount(1, "profileplot(pr)")
            let profile = try ProfilePlots.profile(c)
            return .object(FigureObject(try ProfilePlots.figure(profile.profiles, absolute: true, c: c,
                                                                columns: min(4, profile.profiles.count))))
        }
    }
}

/// Densities and intervals of the fixed effects of a bootstrap.
enum BootstrapPlots {
    struct Coefficient {
        let name: String
        let values: [Double]
        let mean: Double
        let lower: Double
        let upper: Double
    }

    /// Per fixed effect: its bootstrap values, their mean and shortest coverage interval (MixedModelsMakie's
    /// estimate and interval for a bootstrap).
    static func coefficients(_ samp: MixedModelBootstrap, level: Double, showIntercept: Bool) throws -> [Coefficient] {
        guard level > 0, level < 1 else { throw LanguageError("conf_level must lie between 0 and 1, got \(level)") }
        guard samp.count > 0 else { throw LanguageError("the bootstrap has no replicates; there is nothing to draw") }
        return try samp.fixefnames.enumerated().compactMap { j, name in
            if !showIntercept && name == "(Intercept)" { return nil }
            let values = samp.fits.map { $0.beta[j] }
            let (lower, upper) = try shortestcovint(values, level: level)
            return Coefficient(name: name, values: values, mean: values.reduce(0, +) / Double(values.count),
                               lower: lower, upper: upper)
        }
    }

    /// Points at the means with horizontal bars over the intervals, at heights `y`, and a dashed line at zero.
    static func intervals(_ axis: Axis, _ coefficients: [Coefficient], y: [Double]) throws {
        try PlotArguments.plotting {
            var zero = Appearance(color: Color.black.withAlpha(0.5), linewidth: 1)
            zero.dashed = true
            axis.add(PlotTypes.vlines([0], zero, cycled: .black))
            axis.add(try PlotTypes.rangebars(y, coefficients.map(\.lower), coefficients.map(\.upper), direction: .x,
                                             Appearance(color: Color.wong[0])))
            axis.add(try PlotTypes.scatter(coefficients.map(\.mean), y, Appearance(markersize: 7), cycled: Color.wong[0]))
        }
    }

    /// One ridge per fixed effect, top to bottom: its kernel density scaled to a height of 0.95, over the interval.
    static func ridgeplot(_ samp: MixedModelBootstrap, _ c: CallContext) throws -> Figure {
        let level = try c.doubleKeyword("conf_level") ?? 0.95
        let coefficients = try coefficients(samp, level: level,
                                            showIntercept: try c.boolKeyword("show_intercept", default: true))
        guard !coefficients.isEmpty else { throw LanguageError("ridgeplot: no coefficients left to plot") }
        let figure = Figure(width: 640, height: Double(min(1400, max(200, 100 * coefficients.count))))
        let axis = Axis()
        axis.xlabel = "Normalized bootstrap density and \(NumberFormat.plain(level * 100))% confidence interval"
        let offsets = coefficients.indices.reversed().map { Double($0 + 1) }
        axis.yticks = zip(offsets, coefficients).map { Tick(value: $0, label: $1.name) }
        try PlotArguments.plotting {
            for (offset, coefficient) in zip(offsets, coefficients) {
                let (x, density) = PlotStatistics.density(coefficient.values)
                let top = density.max() ?? 1
                let ridge = density.map { offset + 0.95 * $0 / (top > 0 ? top : 1) }
                axis.add(try PlotTypes.band(x, Array(repeating: offset, count: x.count), ridge,
                                            Appearance(color: Color.black.withAlpha(0.3)), cycled: .black))
                axis.add(try PlotTypes.lines(x, ridge, Appearance(color: .black), cycled: .black))
            }
        }
        if try c.boolKeyword("vline_at_zero", default: true) {
            try intervals(axis, coefficients, y: offsets)
        } else {
            try PlotArguments.plotting {
                axis.add(try PlotTypes.rangebars(offsets, coefficients.map(\.lower), coefficients.map(\.upper),
                                                 direction: .x, Appearance(color: Color.wong[0])))
            }
        }
        axis.ylimits = 0.5...(Double(coefficients.count) + 1.1)
        try PlotArguments.plotting { try figure.place(axis, at: GridPosition(row: 1, column: 1)) }
        return figure
    }
}

/// Profile plots: ζ (or |ζ|) against each parameter's value.
enum ProfilePlots {
    static func profile(_ c: CallContext) throws -> MixedModelProfile {
        guard case .object(let p as ProfileObject) = c.positional[0] else {
            throw c.wrongType(0, expected: "a profile from profile(m)")
        }
        return p.profile
    }

    /// One panel per parameter (wrapped after `columns`), sharing the ζ axis. |ζ| panels mark the intervals at the
    /// `coverage` levels; ζ panels show the profiled points and the tangent at the estimate (where ζ would be
    /// linear for a parameter whose sampling distribution were normal).
    static func figure(_ profiles: [ParameterProfile], absolute: Bool, c: CallContext, columns: Int) throws -> Figure {
        let coverage = try c.keyword("coverage").map { try PlotArguments.numbers($0, "coverage", in: c.name) }
            ?? [0.5, 0.8, 0.9, 0.95, 0.99]
        guard !coverage.isEmpty, coverage.allSatisfy({ $0 > 0 && $0 < 1 }) else {
            throw LanguageError("\(c.name): coverage levels must lie between 0 and 1")
        }
        let cutoffs = coverage.map { PlotStatistics.normalQuantile((1 + $0) / 2) }
        let bound = try c.doubleKeyword("zbd") ?? 1.05 * cutoffs.max()!
        guard bound > 0 else { throw LanguageError("\(c.name): zbd must be positive") }
        let rows = (profiles.count + columns - 1) / columns
        let figure = Figure(width: Double(min(1200, max(500, 260 * columns))), height: Double(min(1000, 320 * rows)))
        for (i, p) in profiles.enumerated() {
            let axis = Axis()
            axis.xlabel = p.parameter
            if i % columns == 0 { axis.ylabel = absolute ? "|ζ|" : "ζ" }
            axis.ylimits = absolute ? 0...(bound * 1.05) : (-bound * 1.05)...(bound * 1.05)
            // The visited points inside the bound, and the first one beyond it on each side.
            let inside = p.points.indices.filter { abs(p.points[$0].zeta) <= bound }
            guard let first = inside.first, let last = inside.last else {
                throw LanguageError("\(c.name): the profile of \(p.parameter) has no point with |ζ| ≤ \(NumberFormat.plain(bound))")
            }
            let shown = Array(p.points[max(0, first - 1)...min(p.points.count - 1, last + 1)])
            let x = shown.map(\.value), zeta = shown.map(\.zeta)
            try PlotArguments.plotting {
                axis.add(try PlotTypes.lines(x, absolute ? zeta.map(abs) : zeta, Appearance(), cycled: Color.wong[0]))
                if absolute {
                    let segments = cutoffs.map { z in
                        Segment(x0: interpolate(shown, at: -z), y0: z, x1: interpolate(shown, at: z), y1: z)
                    }
                    axis.add(Plot(kind: "LineSegments", marks: [.segments(segments, width: 1.5, color: Color.wong[1])],
                                  color: Color.wong[1], glyph: .line))
                } else {
                    axis.add(try PlotTypes.scatter(x, zeta, Appearance(markersize: 6), cycled: Color.wong[0]))
                    let slope = tangentSlope(shown, estimate: p.estimate)
                    axis.add(try PlotTypes.ablines([-slope * p.estimate], [slope],
                                                   Appearance(color: Color.black.withAlpha(0.6), linewidth: 1), cycled: .black))
                }
                try figure.place(axis, at: GridPosition(row: i / columns + 1, column: i % columns + 1))
            }
        }
        return figure
    }

    /// The parameter value where the piecewise-linear ζ reaches `target`, clamped to the shown points.
    static func interpolate(_ points: [(value: Double, zeta: Double)], at target: Double) -> Double {
        if target <= points[0].zeta { return points[0].value }
        for (a, b) in zip(points, points.dropFirst()) where (a.zeta - target) * (b.zeta - target) <= 0 {
            return b.zeta == a.zeta ? a.value : a.value + (target - a.zeta) / (b.zeta - a.zeta) * (b.value - a.value)
        }
        return points[points.count - 1].value
    }

    /// The slope of ζ at the estimate: a least-squares line through (estimate, 0) and the points with |ζ| ≤ 1.
    static func tangentSlope(_ points: [(value: Double, zeta: Double)], estimate: Double) -> Double {
        var near = points.filter { abs($0.zeta) <= 1 && $0.value != estimate }
        if near.count < 2 { near = points.filter { $0.value != estimate } }
        let sxy = near.reduce(0) { $0 + ($1.value - estimate) * $1.zeta }
        let sxx = near.reduce(0) { $0 + ($1.value - estimate) * ($1.value - estimate) }
        return sxx > 0 ? sxy / sxx : 0
    }
}
