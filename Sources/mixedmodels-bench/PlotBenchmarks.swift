import Foundation
import Plotting

/// Figures of 10 000 points rendered to SVG (target: 20 ms; 50 ms with a loess smooth, whose cost is the grid times
/// the window); the "objective" reported is the SVG's size in bytes.
enum PlotBenchmarks {
    static let n = 10_000
    /// Deterministic scattered data: a sine curve with a quasi-random spread.
    static let x = (0..<n).map { Double($0) / 100 }
    static let y = x.enumerated().map { sin($1) + (Double(($0 * 7919) % 1000) / 1000 - 0.5) }

    static let cases = [
        BenchCase(name: "plot scatter 10000 points", targetSeconds: 0.020) {
            try render { axis in try PlotTypes.scatter(x, y, Appearance(markersize: 4), cycled: axis.nextColor) }
        },
        BenchCase(name: "plot lines 10000 points", targetSeconds: 0.020) {
            try render { axis in try PlotTypes.lines(x, y, Appearance(), cycled: axis.nextColor) }
        },
        BenchCase(name: "plot hist+density 10000 values", targetSeconds: 0.020) {
            let figure = Figure()
            let axis = Axis()
            axis.add(try PlotTypes.hist(y, bins: 50, normalization: "pdf", Appearance(), cycled: axis.nextColor))
            axis.add(try PlotTypes.density(y, bandwidth: nil, Appearance(), cycled: axis.nextColor))
            try figure.place(axis, at: GridPosition(row: 1, column: 1))
            let svg = try SVGRenderer.render(figure)
            return FitOutcome(objective: Double(svg.utf8.count), evaluations: n)
        },
        BenchCase(name: "plot points+smooth 10000 points", targetSeconds: 0.050) {
            let figure = Figure()
            let axis = Axis()
            axis.add(try PlotTypes.scatter(x, y, Appearance(markersize: 4), cycled: axis.nextColor))
            axis.add(try PlotTypes.smooth(x, y, span: 0.75, Appearance(), cycled: axis.nextColor))
            try figure.place(axis, at: GridPosition(row: 1, column: 1))
            let svg = try SVGRenderer.render(figure)
            return FitOutcome(objective: Double(svg.utf8.count), evaluations: n)
        },
        BenchCase(name: "plot histogram automatic bins 10000 values", targetSeconds: 0.020) {
            try render { axis in
                try PlotTypes.hist(y, bins: PlotStatistics.automaticBins(y), normalization: "none", Appearance(),
                                   cycled: axis.nextColor)
            }
        },
    ]

    private static func render(_ plot: (Axis) throws -> Plot) throws -> FitOutcome {
        let figure = Figure()
        let axis = Axis()
        axis.add(try plot(axis))
        try figure.place(axis, at: GridPosition(row: 1, column: 1))
        let svg = try SVGRenderer.render(figure)
        return FitOutcome(objective: Double(svg.utf8.count), evaluations: n)
    }
}
