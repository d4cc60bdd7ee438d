import Foundation
import DataTables
import Plotting

extension BuiltinLibrary {
    /// Gadfly's `plot(data, x = …, y = …, Geom.…, Guide.…, Scale.…)`, `layer(…)` and the `Geom`, `Guide` and
    /// `Scale` modules, drawn with the Plotting module.
    mutating func registerGadfly() {
        modules.insert("Gadfly")
        var geometries: [String: Value] = [:]
        for (name, keywords) in GadflyPlotting.geometryKeywords {
            geometries[name] = .function(Function("Geom.\(name)", keywords: keywords) { c in
                try c.expectCount(0, "Geom.\(name)(; settings…)")
                return .object(GadflyElement(.geometry(name, settings: c.keywords), name: "Geom.\(name)"))
            })
        }
        types["Geom"] = .object(GadflyNamespace("Geom", members: geometries))
        var guides: [String: Value] = [:]
        for name in ["xlabel", "ylabel", "title"] {
            guides[name] = .function(Function("Guide.\(name)") { c in
                try c.expectCount(1, "Guide.\(name)(\"text\")")
                let text = c.positional[0].isNothing ? "" : Display.printed(c.positional[0])
                let kind: GadflyElement.Kind = name == "xlabel" ? .xlabel(text) : name == "ylabel" ? .ylabel(text) : .title(text)
                return .object(GadflyElement(kind, name: "Guide.\(name)"))
            })
        }
        types["Guide"] = .object(GadflyNamespace("Guide", members: guides))
        var scales: [String: Value] = [:]
        for axis in ["x", "y"] {
            for (suffix, scale) in [("continuous", Scale.linear), ("log10", .log10), ("log2", .log2)] {
                scales["\(axis)_\(suffix)"] = .object(GadflyElement(.scale(xAxis: axis == "x", scale),
                                                                    name: "Scale.\(axis)_\(suffix)"))
            }
        }
        types["Scale"] = .object(GadflyNamespace("Scale", members: scales))
        add("plot", keywords: GadflyPlotting.aesthetics) { c in
            .object(GadflyPlotObject(try GadflyPlotting.plot(c)))
        }
        add("layer", keywords: GadflyPlotting.aesthetics) { c in
            let (layer, others) = try GadflyPlotting.layer(c)
            if let other = others.first {
                throw LanguageError("layer takes data, aesthetics and geometries; \(other.name) belongs in plot(…)")
            }
            return .object(GadflyElement(.layer(layer), name: "Layer"))
        }
    }
}

/// Turning Gadfly's arguments into a figure: one axis, one plot per geometry and colour group, a legend for colour.
enum GadflyPlotting {
    static let aesthetics: Set<String> = ["x", "y", "color"]
    static let geometryKeywords: [String: Set<String>] = [
        "point": [], "line": ["preserve_order"], "hair": ["intercept"], "density": ["bandwidth"],
        "histogram": ["bincount"], "smooth": ["method", "smoothing"], "bar": [],
    ]

    /// The layer `plot` or `layer` describes, and the elements that are not geometries or layers.
    static func layer(_ c: CallContext) throws -> (GadflyLayer, [GadflyElement]) {
        var layer = GadflyLayer()
        var others: [GadflyElement] = []
        for (i, argument) in c.positional.enumerated() {
            switch argument {
            case .object(let element as GadflyElement):
                if case .geometry(let name, let settings) = element.kind {
                    layer.geometries.append((name, settings))
                } else {
                    others.append(element)
                }
            case .function(let f) where f.name.hasPrefix("Geom."):
                let name = String(f.name.dropFirst(5))
                layer.geometries.append((name, []))
            case .object(let o) where i == 0 && (o is TableObject || o is TableConvertible):
                layer.table = try table(argument)
            default:
                throw c.wrongType(i, expected: i == 0 ? "a data frame, a Geom, a Guide, a Scale or a layer"
                                                      : "a Geom, a Guide, a Scale or a layer (data come first)")
            }
        }
        layer.x = c.keyword("x")
        layer.y = c.keyword("y")
        layer.color = c.keyword("color")
        return (layer, others)
    }

    static func plot(_ c: CallContext) throws -> Figure {
        let (main, elements) = try layer(c)
        let axis = Axis()
        var layers: [GadflyLayer] = []
        if main.x != nil || main.y != nil || !main.geometries.isEmpty { layers.append(main) }
        for element in elements {
            switch element.kind {
            case .layer(var l):
                if l.table == nil { l.table = main.table }
                layers.append(l)
            case .xlabel(let s): axis.xlabel = s
            case .ylabel(let s): axis.ylabel = s
            case .title(let s): axis.title = s
            case .scale(let xAxis, let scale):
                if xAxis { axis.xscale = scale } else { axis.yscale = scale }
            case .geometry: break
            }
        }
        guard !layers.isEmpty else {
            throw LanguageError("plot needs something to draw: plot(x = …, y = …, Geom.point) or plot(layer(…), …)")
        }
        let labelled = elements.map(\.kind)
        let figure = Figure(width: 600, height: 400)
        var legendTitle: String?
        for (k, layer) in layers.enumerated() {
            let drawn = try draw(layer, into: axis, paletteOffset: k)
            if axis.xlabel.isEmpty, !labelled.contains(where: { if case .xlabel = $0 { true } else { false } }) {
                axis.xlabel = drawn.xName
            }
            if axis.ylabel.isEmpty, !labelled.contains(where: { if case .ylabel = $0 { true } else { false } }) {
                axis.ylabel = drawn.yName
            }
            legendTitle = legendTitle ?? drawn.colorName
        }
        try PlotArguments.plotting {
            _ = try axis.limits()
            try figure.place(axis, at: GridPosition(row: 1, column: 1))
            if let legendTitle { try figure.place(FigureLegend(axes: [axis], title: legendTitle), at: GridPosition(row: 1, column: 2)) }
        }
        return figure
    }

    /// An aesthetic's numbers, the level names when it was categorical (its values are then 1, 2, …), and its
    /// name for the axis label.
    private struct Aesthetic {
        var values: [Double]
        var levels: [String]?
        var name: String
    }

    private static func aesthetic(_ value: Value, _ name: String, table: DataTable?) throws -> Aesthetic {
        var label = name, vector = value
        if case .symbol(let column) = value {
            guard let table else {
                throw LanguageError("plot: \(name) = :\(column) names a column, but no data frame was given; "
                                    + "use plot(df, \(name) = :\(column), …)")
            }
            guard let col = table[column] else {
                throw LanguageError("plot: the data has no column `\(column)`; it has "
                                    + table.columnNames.joined(separator: ", "))
            }
            vector = .array(TableObject.vector(col))
            label = column
        }
        if case .array(let a) = vector, a.elements.contains(where: { if case .string = $0 { true } else { false } }) {
            let names = a.elements.map { Display.printed($0) }
            let levels = Array(Set(names)).sorted()
            let position = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Double($0 + 1)) })
            return Aesthetic(values: names.map { position[$0]! }, levels: levels, name: label)
        }
        return Aesthetic(values: try PlotArguments.numbers(vector, name, in: "plot"), levels: nil, name: label)
    }

    private static func draw(_ layer: GadflyLayer, into axis: Axis,
                             paletteOffset: Int) throws -> (xName: String, yName: String, colorName: String?) {
        let x = try layer.x.map { try aesthetic($0, "x", table: layer.table) }
        let y = try layer.y.map { try aesthetic($0, "y", table: layer.table) }
        if let levels = x?.levels { axis.xticks = levels.enumerated().map { Tick(value: Double($0 + 1), label: $1) } }
        if let levels = y?.levels { axis.yticks = levels.enumerated().map { Tick(value: Double($0 + 1), label: $1) } }
        let n = x?.values.count ?? y?.values.count ?? 0
        if let x, let y, x.values.count != y.values.count {
            throw LanguageError("plot: x has \(x.values.count) values but y has \(y.values.count); they must have the same length")
        }
        var groups: [(label: String?, rows: [Int])] = [(nil, Array(0..<n))]
        var colorName: String?
        if let color = layer.color {
            var names: [String]
            if case .symbol(let column) = color {
                guard let col = layer.table?[column] else {
                    throw LanguageError("plot: color = :\(column) names no column of the data")
                }
                names = TableObject.vector(col).elements.map { Display.printed($0) }
                colorName = column
            } else {
                guard case .array(let a) = color else { throw LanguageError("plot: color must be a column name or a vector") }
                names = a.elements.map { Display.printed($0) }
                colorName = "color"
            }
            guard names.count == n else {
                throw LanguageError("plot: x has \(n) values but color has \(names.count); they must have the same length")
            }
            var rows: [String: [Int]] = [:]
            for (i, name) in names.enumerated() { rows[name, default: []].append(i) }
            groups = rows.keys.sorted().map { ($0, rows[$0]!) }
        }
        let geometries = layer.geometries.isEmpty ? [("point", [(name: String, value: Value)]())] : layer.geometries
        for (k, group) in groups.enumerated() {
            let color = Color.wong[(groups.count > 1 ? k : paletteOffset) % Color.wong.count]
            let pick = { (a: Aesthetic?) in a.map { v in group.rows.map { v.values[$0] } } }
            for (name, settings) in geometries {
                var appearance = Appearance(color: color, label: group.label)
                if name == "density" { appearance.color = color.withAlpha(0.45) }
                let plot = try PlotArguments.plotting {
                    try geometry(name, settings, x: pick(x), y: pick(y), appearance, axis)
                }
                axis.add(plot)
            }
        }
        return (x?.name ?? "", y?.name ?? "", colorName)
    }

    private static func geometry(_ name: String, _ settings: [(name: String, value: Value)], x: [Double]?, y: [Double]?,
                                 _ a: Appearance, _ axis: Axis) throws -> Plot {
        let setting = { (key: String) in settings.last { $0.name == key }?.value }
        switch name {
        case "density", "histogram":
            guard let values = x ?? y else { throw PlotError("Geom.\(name) needs x = … (the values)") }
            if name == "density" {
                return try PlotTypes.density(values, bandwidth: setting("bandwidth")?.asDouble, a, cycled: a.color!)
            }
            var bins = PlotStatistics.automaticBins(values)
            if let v = setting("bincount") {
                guard case .int(let count) = v else { throw PlotError("Geom.histogram: bincount must be an integer") }
                bins = count
            }
            return try PlotTypes.hist(values, bins: bins, normalization: "none", a, cycled: a.color!)
        default:
            guard let x, let y else { throw PlotError("Geom.\(name) needs both x = … and y = …") }
            switch name {
            case "line":
                if case .bool(true)? = setting("preserve_order") { return try PlotTypes.lines(x, y, a, cycled: a.color!) }
                return try PlotTypes.sortedLines(x, y, a, cycled: a.color!)
            case "hair":
                // Gadfly draws hairs from the intercept in the scale's coordinates: from 1 on a log axis.
                let intercept = setting("intercept")?.asDouble ?? 0
                let base = axis.yscale.base.map { Foundation.pow($0, intercept) } ?? intercept
                return try PlotTypes.hair(x, y, base: base, a, cycled: a.color!)
            case "smooth":
                if let method = setting("method"), !{ if case .symbol("loess") = method { true } else { false } }() {
                    throw PlotError("Geom.smooth: only method = :loess is available, got \(Display.repr(method))")
                }
                return try PlotTypes.smooth(x, y, span: setting("smoothing")?.asDouble ?? 0.75, a, cycled: a.color!)
            case "bar": return try PlotTypes.barplot(x, y, a, cycled: a.color!)
            default: return try PlotTypes.scatter(x, y, a, cycled: a.color!)
            }
        }
    }

    private static func table(_ value: Value) throws -> DataTable {
        switch value.asObject {
        case let t as TableObject: return t.table
        case let t as TableConvertible: return try t.dataTable()
        default: throw LanguageError("plot: expected a data frame")
        }
    }
}
