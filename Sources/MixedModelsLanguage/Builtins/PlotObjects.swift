import Plotting

/// What plotting keeps per session: the axis `hist!(x)` draws into and the figures `save` wrote in this block.
final class FigureState {
    var currentAxis: AxisObject?
    var saved: [SavedFigure] = []
}

/// A file a block wrote, to be placed in the site's output folder by the renderer: a figure from
/// `save("name.svg", fig)`, or text written with `open(name, "w")`/`write` (`svg` then holds that text).
public struct SavedFigure: Sendable, Equatable, Codable {
    /// The path relative to the output folder.
    public var name: String
    public var svg: String
}

/// Values a block can end with to show a figure.
protocol FigureValue {
    var figure: Figure { get }
}

/// Objects `a, b, c = x` can destructure.
protocol DestructurableObject {
    var parts: [Value] { get }
}

/// Makie's `Figure`.
final class FigureObject: LanguageObject, FigureValue {
    let figure: Figure
    init(_ figure: Figure) { self.figure = figure }
    var typeName: String { "Figure" }
    func display() -> String { "Figure()" }

    /// `fig[row, column]`: a grid position to put an axis, a plot or a legend into; `fig[1, 1:2]` spans columns and
    /// `fig[2, :]` every column in use so far.
    func index(_ indices: [Value]) throws -> Value? {
        guard indices.count == 2 else {
            throw LanguageError("a figure is indexed by a grid position: fig[row, column], fig[1, 1:2] or fig[2, :]")
        }
        let (rows, columns) = figure.gridSize
        let position = GridPosition(rows: try Self.span(indices[0], all: rows), columns: try Self.span(indices[1], all: columns))
        guard position.row >= 1, position.column >= 1 else { throw LanguageError("grid positions start at 1, got \(position)") }
        return .object(GridPositionObject(figure: self, position: position))
    }

    private static func span(_ index: Value, all count: Int) throws -> ClosedRange<Int> {
        switch index {
        case .int(let k): return k...k
        case .range(let start, 1, let stop) where stop >= start: return start...stop
        case .type("Colon"): return 1...max(count, 1)
        default:
            throw LanguageError("a grid position is an integer, a range such as 1:2, or `:`; got \(index.described)")
        }
    }
}

/// `fig[i, j]`.
final class GridPositionObject: LanguageObject {
    let figure: FigureObject
    let position: GridPosition
    init(figure: FigureObject, position: GridPosition) {
        self.figure = figure
        self.position = position
    }
    var typeName: String { "GridPosition" }
    func display() -> String { "GridPosition(\(position))" }
}

/// Makie's `Axis`; its labels and scales can be set as properties (`ax.xlabel = "days"`).
final class AxisObject: LanguageObject {
    let axis: Axis
    let figure: FigureObject
    init(_ axis: Axis, figure: FigureObject) {
        self.axis = axis
        self.figure = figure
    }
    var typeName: String { "Axis" }
    func display() -> String { "Axis with \(axis.plots.count) plot\(axis.plots.count == 1 ? "" : "s")" }
    var propertyNames: [String] { ["title", "xlabel", "ylabel", "xscale", "yscale"] }
    func property(_ name: String) throws -> Value? {
        switch name {
        case "title": .string(axis.title)
        case "xlabel": .string(axis.xlabel)
        case "ylabel": .string(axis.ylabel)
        case "xscale": .string(axis.xscale.rawValue)
        case "yscale": .string(axis.yscale.rawValue)
        default: nil
        }
    }
    func setProperty(_ name: String, _ value: Value) throws {
        try PlotArguments.setAxisAttribute(axis, name, value)
    }
}

/// One plot object (`Hist`, `Lines`, …).
final class PlotObject: LanguageObject {
    let plot: Plot
    init(_ plot: Plot) { self.plot = plot }
    var typeName: String { plot.kind }
    func display() -> String { "\(plot.kind)()" }
}

/// What `lines(x, y)` returns: the new figure, its axis and the plot (`f, ax, p = lines(…)`).
final class FigureAxisPlotObject: LanguageObject, FigureValue, DestructurableObject {
    let figureObject: FigureObject
    let axis: AxisObject
    let plot: PlotObject
    init(_ figure: FigureObject, _ axis: AxisObject, _ plot: PlotObject) {
        figureObject = figure
        self.axis = axis
        self.plot = plot
    }
    var figure: Figure { figureObject.figure }
    var typeName: String { "Makie.FigureAxisPlot" }
    func display() -> String { "FigureAxisPlot()" }
    var parts: [Value] { [.object(figureObject), .object(axis), .object(plot)] }
    var propertyNames: [String] { ["figure", "axis", "plot"] }
    func property(_ name: String) throws -> Value? {
        switch name {
        case "figure": .object(figureObject)
        case "axis": .object(axis)
        case "plot": .object(plot)
        default: nil
        }
    }
}

/// What `lines(fig[1, 2], x, y)` returns: the new axis and the plot.
final class AxisPlotObject: LanguageObject, DestructurableObject {
    let axis: AxisObject
    let plot: PlotObject
    init(_ axis: AxisObject, _ plot: PlotObject) {
        self.axis = axis
        self.plot = plot
    }
    var typeName: String { "Makie.AxisPlot" }
    func display() -> String { "AxisPlot()" }
    var parts: [Value] { [.object(axis), .object(plot)] }
}

/// Makie's `Legend` in a cell of its own.
final class LegendObject: LanguageObject {
    let legend: FigureLegend
    init(_ legend: FigureLegend) { self.legend = legend }
    var typeName: String { "Legend" }
    func display() -> String { "Legend()" }
}
