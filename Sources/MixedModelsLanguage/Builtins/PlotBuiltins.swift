import Plotting

/// A Makie plot type: its name, extra keywords and how it turns data arguments into a plot.
struct PlotType {
    let name: String
    let keywords: Set<String>
    /// The accepted numbers of data arguments and the signature for error messages.
    let arity: ClosedRange<Int>
    let signature: String
    let build: (_ data: [Value], _ c: CallContext, _ a: Appearance, _ cycled: Color) throws -> Plot
}

extension BuiltinLibrary {
    /// Makie's names: `Figure`, `Axis`, the plot types with and without `!`, `axislegend`, `save`.
    mutating func registerPlots() {
        for module in ["CairoMakie", "Makie", "GLMakie", "WGLMakie", "MixedModelsMakie", "AlgebraOfGraphics"] {
            modules.insert(module)
        }
        qualifiedOnly["CairoMakie", default: [:]]["activate!"] = Function(
            "activate!", keywords: ["type", "px_per_unit", "pt_per_unit"]) { _ in .nothing }
        add("Figure", keywords: ["size", "resolution", "fontsize"], isType: true) { c in
            try c.expectCount(0, "Figure(; size = (width, height))")
            return .object(FigureObject(try PlotArguments.figure(size: c.keyword("size") ?? c.keyword("resolution"))))
        }
        add("Axis", keywords: Set(PlotArguments.axisAttributes), isType: true) { c in
            try c.expectCount(1, "Axis(fig[row, column]; xlabel = …)")
            guard case .object(let cell as GridPositionObject) = c.positional[0] else {
                throw c.wrongType(0, expected: "a grid position such as fig[1, 1]")
            }
            let axis = Axis()
            for (name, value) in c.keywords { try PlotArguments.setAxisAttribute(axis, name, value) }
            try PlotArguments.plotting { try cell.figure.figure.place(axis, at: cell.position) }
            let object = AxisObject(axis, figure: cell.figure)
            c.interpreter.figures.currentAxis = object
            return .object(object)
        }
        add("axislegend", keywords: ["position"]) { c in
            try c.expectCount(0...2, "axislegend(ax[, title]; position = :rt)")
            let axis: AxisObject
            if c.count > 0, case .object(let a as AxisObject) = c.positional[0] {
                axis = a
            } else if c.count == 0, let current = c.interpreter.figures.currentAxis {
                axis = current
            } else {
                throw LanguageError("axislegend needs an axis: axislegend(ax)")
            }
            let title = c.count == 2 ? Display.printed(c.positional[1]) : ""
            var position = LegendPosition.rt
            if let v = c.keyword("position") {
                guard case .symbol(let name) = v, let p = LegendPosition(rawValue: name) else {
                    throw LanguageError("axislegend: position must be one of :rt, :lt, :rb, :lb, :ct, :cb")
                }
                position = p
            }
            guard !axis.axis.legendEntries.isEmpty else {
                throw LanguageError("axislegend: no plot of this axis has a label; add label = \"…\" to the plots")
            }
            axis.axis.legend = (title, position)
            return .nothing
        }
        add("Legend", keywords: ["title"], isType: true) { c in
            try c.expectCount(2...3, "Legend(fig[row, column], ax[, title])")
            guard case .object(let cell as GridPositionObject) = c.positional[0] else {
                throw c.wrongType(0, expected: "a grid position such as fig[1, 2]")
            }
            let axes: [Axis]
            switch c.positional[1] {
            case .object(let a as AxisObject): axes = [a.axis]
            case .object(let f as FigureAxisPlotObject): axes = [f.axis.axis]
            case .object(let a as AxisPlotObject): axes = [a.axis.axis]
            default: throw c.wrongType(1, expected: "an axis whose plots have labels")
            }
            let title = c.count == 3 ? Display.printed(c.positional[2]) : c.keyword("title").map(Display.printed) ?? ""
            guard axes.contains(where: { !$0.legendEntries.isEmpty }) else {
                throw LanguageError("Legend: no plot of this axis has a label; add label = \"…\" to the plots")
            }
            let legend = FigureLegend(axes: axes, title: title)
            try PlotArguments.plotting { try cell.figure.figure.place(legend, at: cell.position) }
            return .object(LegendObject(legend))
        }
        add("save", keywords: ["px_per_unit", "pt_per_unit"]) { c in
            try c.expectCount(2, "save(\"name.svg\", fig)")
            let name = try c.string(0)
            guard let figure = (c.positional[1].asObject as? FigureValue)?.figure else {
                throw c.wrongType(1, expected: "a figure")
            }
            try FigureFiles.checkName(name)
            let svg = try PlotArguments.plotting { try SVGRenderer.render(figure, id: "saved") }
            c.interpreter.figures.saved.append(SavedFigure(name: name, svg: svg))
            return .string(name)
        }
        add("current_axis") { c in
            try c.expectCount(0)
            return c.interpreter.figures.currentAxis.map { .object($0) } ?? .nothing
        }
        for type in PlotTypeCatalog.all { registerPlot(type) }
        registerAlgebraOfGraphics()
    }

    /// `name(data…)` (a new figure), `name(fig[i, j], data…)` (a new axis) and `name!(ax, data…)` (into an axis).
    private mutating func registerPlot(_ type: PlotType) {
        let keywords = PlotArguments.common.union(type.keywords)
        add(type.name, keywords: keywords.union(["axis", "figure"])) { c in
            var data = c.positional
            var cell: GridPositionObject?
            if case .object(let g as GridPositionObject)? = data.first {
                cell = g
                data.removeFirst()
            }
            let figure: FigureObject
            if let cell {
                figure = cell.figure
                if c.keyword("figure") != nil {
                    throw LanguageError("\(type.name): `figure = …` applies only when a new figure is made")
                }
            } else {
                var size: Value?
                if let attributes = c.keyword("figure") {
                    guard case .namedTuple(let names, let values) = attributes else {
                        throw LanguageError("figure must be a named tuple such as (size = (600, 400),)")
                    }
                    for (name, value) in zip(names, values) {
                        guard name == "size" || name == "resolution" else {
                            throw LanguageError("unknown Figure attribute `\(name)`; expected size")
                        }
                        size = value
                    }
                }
                figure = FigureObject(try PlotArguments.figure(size: size))
            }
            let axis = Axis()
            try PlotArguments.apply(c.keyword("axis"), to: axis, keyword: "axis")
            let plot = try Self.makePlot(type, data, c, axis)
            axis.add(plot)
            try PlotArguments.plotting { try figure.figure.place(axis, at: cell?.position ?? GridPosition(row: 1, column: 1)) }
            let axisObject = AxisObject(axis, figure: figure)
            c.interpreter.figures.currentAxis = axisObject
            if cell != nil { return .object(AxisPlotObject(axisObject, PlotObject(plot))) }
            return .object(FigureAxisPlotObject(figure, axisObject, PlotObject(plot)))
        }
        add(type.name + "!", keywords: keywords) { c in
            var data = c.positional
            let axis: AxisObject
            switch data.first {
            case .object(let a as AxisObject)?:
                axis = a
                data.removeFirst()
            case .object(let g as GridPositionObject)?:
                guard let existing = g.figure.figure.axis(at: g.position) else {
                    throw LanguageError("\(type.name)!: \(g.position) holds no axis yet; "
                                        + "use \(type.name)(fig[…], …) to make one")
                }
                axis = AxisObject(existing, figure: g.figure)
                data.removeFirst()
            default:
                guard let current = c.interpreter.figures.currentAxis else {
                    throw LanguageError("\(type.name)! draws into an existing axis: \(type.name)!(ax, …)")
                }
                axis = current
            }
            let plot = try Self.makePlot(type, data, c, axis.axis)
            axis.axis.add(plot)
            c.interpreter.figures.currentAxis = axis
            return .object(PlotObject(plot))
        }
    }

    private static func makePlot(_ type: PlotType, _ data: [Value], _ c: CallContext, _ axis: Axis) throws -> Plot {
        guard type.arity.contains(data.count) else {
            throw LanguageError("\(type.name) expects \(type.signature), got \(data.count) data argument"
                                + (data.count == 1 ? "" : "s"))
        }
        let appearance = try PlotArguments.appearance(c)
        return try PlotArguments.plotting { try type.build(data, c, appearance, axis.nextColor) }
    }
}

extension Value {
    var asObject: (any LanguageObject)? {
        if case .object(let o) = self { return o }
        return nil
    }
}

/// Where `save` may write: a relative `.svg` name inside the rendered site's folder.
enum FigureFiles {
    static func checkName(_ name: String) throws {
        try OutputFiles.checkName(name, writer: "save", suffix: ".svg", subject: "figures are written",
                                  example: "fig.svg")
    }
}
