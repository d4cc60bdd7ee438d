import Plotting

/// A layer of AlgebraOfGraphics' grammar: data, a mapping of columns, a visual and an analysis, combined with `*`.
final class GraphicsLayer: LanguageObject {
    var table: TableObject?
    var positional: [String] = []
    /// Axis labels given as `:column => "label"` in `mapping`.
    var labels: [String: String] = [:]
    var colorColumn: String?
    /// Facet columns: `layout` wraps the panels in a grid, `col` and `row` lay them out along one direction.
    var facets: [String: String] = [:]
    /// Makie's plot type name (`Lines`, `Scatter`, `BarPlot`).
    var visual: String?
    var visualAttributes: [(name: String, value: Value)] = []
    /// `histogram` or `density`.
    var analysis: String?
    var analysisAttributes: [(name: String, value: Value)] = []

    var typeName: String { "AlgebraOfGraphics.Layer" }
    func display() -> String { "Layer" }

    /// `a * b`: the settings of both, those of `b` winning where both set one.
    func combined(with other: GraphicsLayer) -> GraphicsLayer {
        let layer = GraphicsLayer()
        layer.table = other.table ?? table
        layer.positional = other.positional.isEmpty ? positional : other.positional
        layer.labels = labels.merging(other.labels) { $1 }
        layer.colorColumn = other.colorColumn ?? colorColumn
        layer.facets = facets.merging(other.facets) { $1 }
        layer.visual = other.visual ?? visual
        layer.visualAttributes = visualAttributes + other.visualAttributes
        layer.analysis = other.analysis ?? analysis
        layer.analysisAttributes = analysisAttributes + other.analysisAttributes
        return layer
    }
}

/// `layer1 + layer2`: layers drawn into one axis.
final class GraphicsLayers: LanguageObject {
    let layers: [GraphicsLayer]
    init(_ layers: [GraphicsLayer]) { self.layers = layers }
    var typeName: String { "AlgebraOfGraphics.Layers" }
    func display() -> String { "Layers" }
}

extension BuiltinLibrary {
    /// `data`, `mapping`, `visual`, `histogram`, `density()` and `draw`, as AlgebraOfGraphics names them.
    mutating func registerAlgebraOfGraphics() {
        for name in ["Lines", "Scatter", "BarPlot", "Stem"] { types[name] = .type(name) }
        add("data") { c in
            try c.expectCount(1, "data(table)")
            let layer = GraphicsLayer()
            if case .object(let t as TableObject) = c.positional[0] {
                layer.table = t
            } else {
                // Any Tables.jl source, as AlgebraOfGraphics takes: a named tuple of vectors, a vector of named tuples.
                layer.table = TableObject(try makeDataFrame(c), kind: .dataFrame)
            }
            return .object(layer)
        }
        add("mapping", keywords: ["color", "layout", "col", "row"]) { c in
            try c.expectCount(1...2, "mapping(:x[, :y]; color = :group, layout = :panel)")
            let layer = GraphicsLayer()
            layer.positional = try (0..<c.count).map { i in
                // `:column => "label"` names the axis.
                if case .pair(let p) = c.positional[i], case .symbol(let column) = p.first {
                    guard case .string(let label) = p.second else {
                        throw LanguageError("mapping: argument \(i + 1) must be :column or :column => \"label\", got "
                                            + c.positional[i].described)
                    }
                    layer.labels[column] = label
                    return column
                }
                return try c.name(i)
            }
            for (name, value) in c.keywords {
                guard case .symbol(let s) = value else {
                    throw LanguageError("mapping: \(name) must be a column name such as :g, got \(value.described)")
                }
                if name == "color" { layer.colorColumn = s } else { layer.facets[name] = s }
            }
            if layer.facets["layout"] != nil, layer.facets.count > 1 {
                throw LanguageError("mapping: layout = … wraps the panels by itself; use either layout or col/row")
            }
            return .object(layer)
        }
        add("visual", keywords: PlotArguments.common) { c in
            try c.expectCount(0...1, "visual(Lines; color = …)")
            let layer = GraphicsLayer()
            if c.count == 1 {
                guard case .type(let name) = c.positional[0], ["Lines", "Scatter", "BarPlot", "Stem"].contains(name) else {
                    throw c.wrongType(0, expected: "a plot type: Lines, Scatter, BarPlot or Stem")
                }
                layer.visual = name
            }
            layer.visualAttributes = c.keywords
            return .object(layer)
        }
        add("histogram", keywords: ["bins", "normalization"]) { c in
            try c.expectCount(0, "histogram(; bins = 15)")
            let layer = GraphicsLayer()
            layer.analysis = "histogram"
            layer.analysisAttributes = c.keywords
            return .object(layer)
        }
        extend("density", keywords: ["bandwidth"]) { c, next in
            guard c.count == 0 else { return try next(c) }
            let layer = GraphicsLayer()
            layer.analysis = "density"
            layer.analysisAttributes = c.keywords
            return .object(layer)
        }
        objectOperators.append { op, l, r in
            switch (op, l.asObject, r.asObject) {
            case ("*", let a as GraphicsLayer, let b as GraphicsLayer): return .object(a.combined(with: b))
            case ("*", let a as GraphicsLayers, let b as GraphicsLayer):
                return .object(GraphicsLayers(a.layers.map { $0.combined(with: b) }))
            case ("*", let a as GraphicsLayer, let b as GraphicsLayers):
                return .object(GraphicsLayers(b.layers.map { a.combined(with: $0) }))
            case ("+", let a, let b):
                let left = (a as? GraphicsLayers)?.layers ?? (a as? GraphicsLayer).map { [$0] }
                let right = (b as? GraphicsLayers)?.layers ?? (b as? GraphicsLayer).map { [$0] }
                guard let left, let right else { return nil }
                return .object(GraphicsLayers(left + right))
            default: return nil
            }
        }
        add("draw", keywords: ["axis", "figure"]) { c in
            try c.expectCount(1, "draw(layers; axis = (…), figure = (…))")
            let layers: [GraphicsLayer]
            switch c.positional[0] {
            case .object(let l as GraphicsLayer): layers = [l]
            case .object(let l as GraphicsLayers): layers = l.layers
            default: throw c.wrongType(0, expected: "layers made with data(…) * mapping(…) * visual(…)")
            }
            var size: Value?
            if case .namedTuple(let names, let values)? = c.keyword("figure"), let i = names.firstIndex(of: "size") {
                size = values[i]
            }
            let figure = FigureObject(try PlotArguments.figure(size: size))
            let facets = try GraphicsDrawing.facets(layers)
            guard !facets.isEmpty else {
                let axis = Axis()
                for layer in layers { try GraphicsDrawing.draw(layer, into: axis) }
                try PlotArguments.apply(c.keyword("axis"), to: axis, keyword: "axis")
                if !axis.legendEntries.isEmpty { axis.legend = (layers.first?.colorColumn ?? "", .rt) }
                try PlotArguments.plotting { try figure.figure.place(axis, at: GridPosition(row: 1, column: 1)) }
                return .object(figure)
            }
            let rows = facets.map(\.position.row).max()!, columns = facets.map(\.position.column).max()!
            var axes: [Axis] = []
            for facet in facets {
                let axis = Axis()
                axis.title = facet.title
                for layer in layers { try GraphicsDrawing.draw(layer, rows: facet.rows, into: axis) }
                try PlotArguments.apply(c.keyword("axis"), to: axis, keyword: "axis")
                // Only the outer panels keep their axis labels, as AlgebraOfGraphics draws them.
                if facet.position.row != rows { axis.xlabel = "" }
                if facet.position.column != 1 { axis.ylabel = "" }
                try PlotArguments.plotting { try figure.figure.place(axis, at: facet.position) }
                axes.append(axis)
            }
            if axes.contains(where: { !$0.legendEntries.isEmpty }) {
                let legend = FigureLegend(axes: axes, title: layers.first?.colorColumn ?? "")
                try PlotArguments.plotting {
                    try figure.figure.place(legend, at: GridPosition(rows: 1...rows, columns: columns + 1...columns + 1))
                }
            }
            return .object(figure)
        }
    }
}

/// Turning one layer into plots: one per level of the colour column, in palette order.
private enum GraphicsDrawing {
    /// The panels of a faceted drawing: each level (or pair of levels) with its title, grid cell and rows; empty
    /// when no layer maps `layout`, `col` or `row`.
    static func facets(_ layers: [GraphicsLayer]) throws -> [(title: String, position: GridPosition, rows: Set<Int>)] {
        guard let layer = layers.first(where: { !$0.facets.isEmpty }), let table = layer.table else { return [] }
        func levels(_ name: String) throws -> [String] {
            guard let column = table.table[name] else {
                throw LanguageError("draw: the data has no column `\(name)` to facet by; it has "
                                    + table.table.columnNames.joined(separator: ", "))
            }
            return TableObject.vector(column).elements.map { Display.printed($0) }
        }
        var keys: [[String]] = Array(repeating: [], count: table.table.rowCount)
        for name in ["layout", "row", "col"] {
            guard let column = layer.facets[name] else { continue }
            for (i, level) in try levels(column).enumerated() { keys[i].append(level) }
        }
        let distinct = Array(Set(keys)).sorted { $0.lexicographicallyPrecedes($1) }
        var rowsOf: [[String]: Set<Int>] = [:]
        for (i, key) in keys.enumerated() { rowsOf[key, default: []].insert(i) }
        if layer.facets["layout"] != nil {
            let columns = Int(Double(distinct.count).squareRoot().rounded(.up))
            return distinct.enumerated().map { k, key in
                (key[0], GridPosition(row: k / columns + 1, column: k % columns + 1), rowsOf[key]!)
            }
        }
        let rowLevels = try layer.facets["row"].map { Array(Set(try levels($0))).sorted() } ?? [""]
        let colLevels = try layer.facets["col"].map { Array(Set(try levels($0))).sorted() } ?? [""]
        return distinct.map { key in
            let r = layer.facets["row"] != nil ? key[0] : "", c = layer.facets["col"] != nil ? key.last! : ""
            let title = [r, c].filter { !$0.isEmpty }.joined(separator: ", ")
            return (title, GridPosition(row: rowLevels.firstIndex(of: r)! + 1, column: colLevels.firstIndex(of: c)! + 1),
                    rowsOf[key]!)
        }
    }

    static func draw(_ layer: GraphicsLayer, rows subset: Set<Int>? = nil, into axis: Axis) throws {
        guard let table = layer.table else { throw LanguageError("draw: the layer has no data; start with data(table)") }
        guard !layer.positional.isEmpty else { throw LanguageError("draw: the layer maps no columns; add mapping(:x, …)") }
        func column(_ name: String) throws -> Value {
            guard table.table.columnNames.contains(name), let v = try table.property(name) else {
                throw LanguageError("draw: the data has no column `\(name)`; it has "
                                    + table.table.columnNames.joined(separator: ", "))
            }
            return v
        }
        let columns = try layer.positional.map { try PlotArguments.numbers(column($0), ":\($0)", in: "draw") }
        var groups: [(label: String?, rows: [Int])] = [(nil, Array(columns[0].indices))]
        if let name = layer.colorColumn, case .array(let values) = try column(name) {
            var order: [String] = []
            var rows: [String: [Int]] = [:]
            for (i, v) in values.elements.enumerated() {
                let key = Display.printed(v)
                if rows[key] == nil { order.append(key) }
                rows[key, default: []].append(i)
            }
            groups = order.sorted().map { ($0, rows[$0]!) }
        }
        var appearance = Appearance()
        for (name, value) in layer.visualAttributes {
            switch name {
            case "color": appearance.color = try PlotArguments.color(value)
            case "linewidth": appearance.linewidth = value.asDouble
            case "markersize": appearance.markersize = value.asDouble
            case "label": appearance.label = Display.printed(value)
            default: break
            }
        }
        if axis.xlabel.isEmpty { axis.xlabel = layer.labels[layer.positional[0]] ?? layer.positional[0] }
        if layer.positional.count > 1, axis.ylabel.isEmpty {
            axis.ylabel = layer.labels[layer.positional[1]] ?? layer.positional[1]
        }
        for (k, var group) in groups.enumerated() {
            if let subset { group.rows = group.rows.filter(subset.contains) }
            if group.rows.isEmpty { continue }
            var a = appearance
            a.label = group.label ?? appearance.label
            if group.label != nil, a.color == nil { a.color = Color.wong[k % Color.wong.count] }
            let x = group.rows.map { columns[0][$0] }
            let y = columns.count > 1 ? group.rows.map { columns[1][$0] } : []
            axis.add(try PlotArguments.plotting { try plot(layer, x, y, a, axis.nextColor) })
        }
    }

    private static func plot(_ layer: GraphicsLayer, _ x: [Double], _ y: [Double], _ a: Appearance,
                             _ cycled: Color) throws -> Plot {
        let setting = { (name: String) in layer.analysisAttributes.last { $0.name == name }?.value }
        switch layer.analysis {
        case "histogram":
            let bins = setting("bins").flatMap { if case .int(let n) = $0 { n } else { nil } } ?? 15
            var normalization = "none"
            if case .symbol(let s)? = setting("normalization") { normalization = s }
            return try PlotTypes.hist(x, bins: bins, normalization: normalization, a, cycled: cycled)
        case "density":
            return try PlotTypes.density(x, bandwidth: setting("bandwidth")?.asDouble, a, cycled: cycled)
        default:
            guard !y.isEmpty else {
                throw LanguageError("draw: \(layer.visual ?? "Scatter") needs two mapped columns, mapping(:x, :y)")
            }
            switch layer.visual ?? "Scatter" {
            case "Lines": return try PlotTypes.lines(x, y, a, cycled: cycled)
            case "BarPlot": return try PlotTypes.barplot(x, y, a, cycled: cycled)
            case "Stem": return try PlotTypes.stem(x, y, a, cycled: cycled)
            default: return try PlotTypes.scatter(x, y, a, cycled: cycled)
            }
        }
    }
}
