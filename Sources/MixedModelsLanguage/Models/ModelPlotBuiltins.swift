import MixedModels
import Plotting

/// MixedModelsMakie's model plots: `caterpillar`, `qqcaterpillar`, `shrinkageplot`, `coefplot`.
extension BuiltinLibrary {
    mutating func registerModelPlots() {
        add("caterpillar", keywords: ["orderby", "vline_at_zero"]) { c in
            try c.expectCount(1...2, "caterpillar(m[, :group]; orderby = 1)")
            let effects = try GroupEffects(c, modelAt: 0)
            let figure = ModelPlots.figure(columns: effects.columns.count, rows: effects.levels.count)
            let axes = try ModelPlots.caterpillarAxes(effects, orderby: try c.intKeyword("orderby") ?? 1,
                                                      zeroLine: try c.boolKeyword("vline_at_zero", default: false))
            for (j, axis) in axes.enumerated() {
                try PlotArguments.plotting { try figure.place(axis, at: GridPosition(row: 1, column: j + 1)) }
            }
            return .object(FigureObject(figure))
        }
        add("caterpillar!", keywords: ["orderby", "vline_at_zero"]) { c in
            try c.expectCount(2...3, "caterpillar!(fig, m[, :group]) or caterpillar!(ax, m[, :group])")
            let effects = try GroupEffects(c, modelAt: 1)
            let axes = try ModelPlots.caterpillarAxes(effects, orderby: try c.intKeyword("orderby") ?? 1,
                                                      zeroLine: try c.boolKeyword("vline_at_zero", default: false))
            switch c.positional[0] {
            case .object(let f as FigureObject):
                for (j, axis) in axes.enumerated() {
                    try PlotArguments.plotting { try f.figure.place(axis, at: GridPosition(row: 1, column: j + 1)) }
                }
            case .object(let g as GridPositionObject):
                for (j, axis) in axes.enumerated() {
                    let at = GridPosition(rows: g.position.rows, columns: g.position.column + j...g.position.column + j)
                    try PlotArguments.plotting { try g.figure.figure.place(axis, at: at) }
                }
            case .object(let a as AxisObject):
                // An axis holds one column: the one ordered by, as MixedModelsMakie draws into a single axis.
                let chosen = axes[(try c.intKeyword("orderby") ?? 1) - 1]
                for plot in chosen.plots { a.axis.add(plot) }
                if a.axis.xlabel.isEmpty { a.axis.xlabel = chosen.xlabel }
                if a.axis.ylabel.isEmpty { a.axis.ylabel = effects.group }
                a.axis.yticks = axes[0].yticks
            default:
                throw c.wrongType(0, expected: "a Figure, a grid position fig[i, j] or an Axis")
            }
            return c.positional[0]
        }
        add("qqcaterpillar") { c in
            try c.expectCount(1...2, "qqcaterpillar(m[, :group])")
            let effects = try GroupEffects(c, modelAt: 0)
            let figure = ModelPlots.figure(columns: effects.columns.count, rows: 0)
            let quantiles = PlotStatistics.plottingPositions(effects.levels.count).map(PlotStatistics.normalQuantile)
            for (j, column) in effects.columns.enumerated() {
                let order = effects.levels.indices.sorted { effects.modes[$0][j] < effects.modes[$1][j] }
                let axis = Axis()
                axis.xlabel = column
                if j == 0 { axis.ylabel = "Standard normal quantiles" }
                try ModelPlots.intervals(axis, x: order.map { effects.modes[$0][j] },
                                         halfwidth: order.map { 1.96 * effects.sds[$0][j] }, y: quantiles)
                try PlotArguments.plotting { try figure.place(axis, at: GridPosition(row: 1, column: j + 1)) }
            }
            return .object(FigureObject(figure))
        }
        add("shrinkageplot") { c in
            try c.expectCount(1...2, "shrinkageplot(m[, :group])")
            let effects = try GroupEffects(c, modelAt: 0)
            guard case .linear(let model) = try ModelFitting.model(c, 0).fit else {
                throw LanguageError("shrinkageplot is available for linear mixed models")
            }
            let k = effects.columns.count
            guard k >= 2 else {
                throw LanguageError("shrinkageplot needs a grouping factor with at least two random-effect columns; "
                                    + "`\(effects.group)` has only \(effects.columns[0])")
            }
            let reference = try model.ranef(thetaScaledBy: 10_000)[effects.term]
            let side = Double(min(900, max(480, 300 * (k - 1) + 60)))
            let figure = Figure(width: side, height: side - 20)
            for row in 1..<k {
                for column in 0..<row {
                    let axis = Axis()
                    if column == 0 { axis.ylabel = effects.columns[row] }
                    if row == k - 1 { axis.xlabel = effects.columns[column] }
                    let levels = effects.levels.indices
                    let shrunk = (x: levels.map { effects.modes[$0][column] }, y: levels.map { effects.modes[$0][row] })
                    let free = (x: levels.map { reference[column, $0] }, y: levels.map { reference[row, $0] })
                    let arrows = levels.map { Segment(x0: free.x[$0], y0: free.y[$0], x1: shrunk.x[$0], y1: shrunk.y[$0]) }
                    axis.add(Plot(kind: "LineSegments", marks: [.segments(arrows, width: 1, color: Color.black.withAlpha(0.4))],
                                  color: .black, glyph: .line))
                    axis.add(Plot(kind: "Scatter", marks: [.markers(x: free.x, y: free.y, size: 8, color: Color.wong[0])],
                                  color: Color.wong[0], label: "unpenalized", glyph: .marker))
                    axis.add(Plot(kind: "Scatter", marks: [.markers(x: shrunk.x, y: shrunk.y, size: 8, color: Color.wong[5])],
                                  color: Color.wong[5], label: "conditional mode", glyph: .marker))
                    try PlotArguments.plotting { try figure.place(axis, at: GridPosition(row: row, column: column + 1)) }
                }
            }
            return .object(FigureObject(figure))
        }
        add("coefplot", keywords: ["show_intercept", "conf_level"]) { c in
            try c.expectCount(1, "coefplot(m; show_intercept = true, conf_level = 0.95)")
            var (names, estimates, errors) = try ModelFitting.model(c, 0).coefficients()
            let level = try c.doubleKeyword("conf_level") ?? 0.95
            guard level > 0, level < 1 else { throw LanguageError("coefplot: conf_level must lie between 0 and 1") }
            if !(try c.boolKeyword("show_intercept", default: true)), let i = names.firstIndex(of: "(Intercept)") {
                names.remove(at: i)
                estimates.remove(at: i)
                errors.remove(at: i)
            }
            guard !names.isEmpty else { throw LanguageError("coefplot: no coefficients left to plot") }
            let z = PlotStatistics.normalQuantile((1 + level) / 2)
            let figure = ModelPlots.figure(columns: 1, rows: names.count)
            let axis = Axis()
            axis.xlabel = "Estimate"
            let y = names.indices.reversed().map { Double($0 + 1) }
            axis.yticks = zip(y, names).map { Tick(value: $0, label: $1) }
            try ModelPlots.intervals(axis, x: estimates, halfwidth: errors.map { z * $0 }, y: y)
            try PlotArguments.plotting { try figure.place(axis, at: GridPosition(row: 1, column: 1)) }
            return .object(FigureObject(figure))
        }
    }
}

/// The conditional modes and conditional standard deviations of one grouping factor of a linear mixed model.
struct GroupEffects {
    let group: String
    let term: Int
    let levels: [String]
    let columns: [String]
    /// Per level, per column.
    let modes: [[Double]]
    let sds: [[Double]]

    /// The effects of the model at argument `index` for the grouping factor named after it (default: the first).
    init(_ c: CallContext, modelAt index: Int) throws {
        guard case .linear(let model) = try ModelFitting.model(c, index).fit else {
            throw LanguageError("\(c.name) needs conditional variances, available for linear mixed models")
        }
        let tables = model.raneftables()
        let names = tables.map(\.groupingName)
        let wanted = c.count == index + 2 ? try c.name(index + 1) : names[0]
        guard let term = names.firstIndex(of: wanted) else {
            throw LanguageError("\(c.name): the model has no grouping factor `\(wanted)`; it has "
                                + names.map { ":" + $0 }.joined(separator: ", "))
        }
        let table = tables[term]
        let variances = model.condVar()[term]
        group = wanted
        self.term = term
        levels = table.levels
        columns = table.columnNames
        modes = table.values
        sds = variances.matrices.map { m in (0..<m.rows).map { m[$0, $0].squareRoot() } }
    }
}

enum ModelPlots {
    /// One axis per random-effect column: conditional modes ± 1.96 conditional SD, levels sorted by column
    /// `orderby`; the first axis names the levels. `zeroLine`: MixedModelsMakie's `vline_at_zero` (off by default).
    static func caterpillarAxes(_ effects: GroupEffects, orderby: Int, zeroLine: Bool) throws -> [Axis] {
        guard (1...effects.columns.count).contains(orderby) else {
            throw LanguageError("caterpillar: orderby must be between 1 and \(effects.columns.count), got \(orderby)")
        }
        let order = effects.levels.indices.sorted { effects.modes[$0][orderby - 1] < effects.modes[$1][orderby - 1] }
        return try effects.columns.enumerated().map { j, column in
            let axis = Axis()
            axis.xlabel = column
            if j == 0 {
                axis.ylabel = effects.group
                axis.yticks = order.enumerated().map { Tick(value: Double($0.offset + 1), label: effects.levels[$0.element]) }
            } else {
                axis.yticks = []
            }
            try intervals(axis, x: order.map { effects.modes[$0][j] }, halfwidth: order.map { 1.96 * effects.sds[$0][j] },
                          y: order.indices.map { Double($0 + 1) }, zeroLine: zeroLine)
            return axis
        }
    }

    /// A figure tall enough for one row per level (up to a limit).
    static func figure(columns: Int, rows: Int) -> Figure {
        Figure(width: Double(min(900, max(500, 260 * columns))), height: Double(min(1400, max(360, 14 * rows + 110))))
    }

    /// Points at (x, y) with horizontal ±halfwidth bars, and a line at zero when asked.
    static func intervals(_ axis: Axis, x: [Double], halfwidth: [Double], y: [Double], zeroLine: Bool = true) throws {
        try PlotArguments.plotting {
            if zeroLine {
                axis.add(PlotTypes.vlines([0], Appearance(color: Color.black.withAlpha(0.5), linewidth: 1), cycled: .black))
            }
            axis.add(try PlotTypes.errorbars(x, y, halfwidth, halfwidth, direction: .x, Appearance(color: Color.wong[0])))
            axis.add(try PlotTypes.scatter(x, y, Appearance(markersize: 7), cycled: Color.wong[0]))
        }
    }
}
