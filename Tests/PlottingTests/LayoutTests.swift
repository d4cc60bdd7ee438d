import XCTest
@testable import Plotting

/// Spanning cells, legends in cells of their own, log2 axes.
final class LayoutTests: XCTestCase {
    private func axis(_ label: String? = nil) throws -> Axis {
        let axis = Axis()
        axis.add(try PlotTypes.lines([0, 10], [0, 1], Appearance(label: label), cycled: axis.nextColor))
        return axis
    }

    func testASpanningCellReachesFromTheFirstPlotAreaToTheLast() throws {
        let figure = Figure(width: 800, height: 600)
        let a = try axis(), b = try axis(), wide = try axis()
        try figure.place(a, at: GridPosition(row: 1, column: 1))
        try figure.place(b, at: GridPosition(row: 1, column: 2))
        try figure.place(wide, at: GridPosition(rows: 2...2, columns: 1...2))
        XCTAssertEqual(figure.gridSize.rows, 2)
        XCTAssertEqual(figure.gridSize.columns, 2)
        let panels = try FigureLayout(figure).panels
        XCTAssertEqual(panels[2].left, panels[0].left, accuracy: 1e-9)
        XCTAssertEqual(panels[2].left + panels[2].width, panels[1].left + panels[1].width, accuracy: 1e-9)
        XCTAssertGreaterThan(panels[2].top, panels[0].top + panels[0].height)
        _ = XMLCheck.check(try SVGRenderer.render(figure))
    }

    func testOverlappingCellsAreRefused() throws {
        let figure = Figure()
        try figure.place(try axis(), at: GridPosition(rows: 1...1, columns: 1...2))
        XCTAssertThrowsError(try figure.place(try axis(), at: GridPosition(row: 1, column: 2))) {
            XCTAssertEqual("\($0)", "fig[1, 2] overlaps fig[1, 1:2], which already holds an axis or a legend")
        }
    }

    func testALegendColumnIsAsWideAsItsLegend() throws {
        let figure = Figure(width: 600, height: 400)
        let plotted = try axis("a long label")
        try figure.place(plotted, at: GridPosition(row: 1, column: 1))
        try figure.place(FigureLegend(axes: [plotted], title: "group"), at: GridPosition(row: 1, column: 2))
        let layout = try FigureLayout(figure)
        let box = LegendRenderer.boxSize(layout.legends[0].entries, title: "group")
        let panel = layout.panels[0]
        // The legend sits right of the plot area, inside the figure, and the axis takes the rest of the width.
        XCTAssertGreaterThan(layout.legends[0].x, panel.left + panel.width)
        XCTAssertEqual(layout.legends[0].x + box.width, 600 - FigureLayout.padding, accuracy: 1e-9)
        XCTAssertEqual(layout.legends[0].y, FigureLayout.padding + (400 - 2 * FigureLayout.padding - box.height) / 2,
                       accuracy: 1e-9)
        let svg = try SVGRenderer.render(figure)
        XCTAssertTrue(svg.contains(">a long label</text>"))
        _ = XMLCheck.check(svg)
    }

    func testALegendWithoutLabelsIsAnError() throws {
        let figure = Figure()
        let unlabelled = try axis()
        try figure.place(unlabelled, at: GridPosition(row: 1, column: 1))
        try figure.place(FigureLegend(axes: [unlabelled]), at: GridPosition(row: 1, column: 2))
        XCTAssertThrowsError(try SVGRenderer.render(figure)) {
            XCTAssertTrue("\($0)".hasPrefix("Legend at fig[1, 2]: no plot of its axes has a label"))
        }
    }

    func testLog2TicksArePowersOfTwo() throws {
        let axis = Axis()
        axis.yscale = .log2
        axis.add(try PlotTypes.scatter([1, 2, 3], [0.25, 1, 8], Appearance(), cycled: axis.nextColor))
        let (_, y) = try axis.limits()
        XCTAssertEqual(log2(y.lowerBound), -2 - 0.25, accuracy: 1e-12)
        XCTAssertEqual(log2(y.upperBound), 3 + 0.25, accuracy: 1e-12)
        XCTAssertEqual(try axis.ticks().y.map(\.label), ["2⁻²", "2⁻¹", "2⁰", "2¹", "2²", "2³"])
        axis.add(try PlotTypes.scatter([1], [0], Appearance(), cycled: axis.nextColor))
        XCTAssertThrowsError(try axis.limits()) {
            XCTAssertEqual("\($0)", "Scatter: a log2 y axis cannot show the non-positive value 0; use a linear scale or "
                           + "positive data")
        }
    }
}

/// Gadfly's hairs, loess smooths and automatic histogram bins.
final class SmoothAndHairTests: XCTestCase {
    func testLoessReproducesAQuadraticExactly() {
        let x = (0..<40).map { Double($0) / 4 }
        let y = x.map { 2 - 0.5 * $0 + 0.25 * $0 * $0 }
        let curve = PlotStatistics.loess(x, y, span: 0.75, points: 25)
        XCTAssertEqual(curve.x.count, 25)
        XCTAssertEqual(curve.x.first, 0)
        XCTAssertEqual(curve.x.last!, 9.75, accuracy: 1e-12)
        for (gx, gy) in zip(curve.x, curve.y) { XCTAssertEqual(gy, 2 - 0.5 * gx + 0.25 * gx * gx, accuracy: 1e-9) }
    }

    func testLoessOfNoisyDataLiesInsideTheData() {
        let x = (0..<200).map(Double.init)
        let y = x.map { $0.truncatingRemainder(dividingBy: 2) }   // 0, 1, 0, 1, …
        let curve = PlotStatistics.loess(x, y)
        for v in curve.y { XCTAssertEqual(v, 0.5, accuracy: 0.02) }
    }

    func testHairsStartAtTheBase() throws {
        let plot = try PlotTypes.hair([1, 2], [0.5, 0.25], base: 1, Appearance(), cycled: .black)
        XCTAssertEqual(plot.marks, [.segments([Segment(x0: 1, y0: 1, x1: 1, y1: 0.5), Segment(x0: 2, y0: 1, x1: 2, y1: 0.25)],
                                              width: 1.5, color: .black)])
        XCTAssertThrowsError(try PlotTypes.hair([1, 2, 3], [1, 2], base: 0, Appearance(), cycled: .black)) {
            XCTAssertEqual("\($0)", "hair: x has 3 values but y has 2; they must have the same length")
        }
        XCTAssertThrowsError(try PlotTypes.smooth([1, 2], [.nan, .nan], span: 0.75, Appearance(), cycled: .black)) {
            XCTAssertEqual("\($0)", "smooth: y has no finite values (all 2 are NaN or infinite)")
        }
    }

    func testSortedLinesFollowIncreasingX() throws {
        let plot = try PlotTypes.sortedLines([3, 1, 2], [30, 10, 20], Appearance(), cycled: .black)
        guard case .polyline(let x, let y, _, _, _) = plot.marks[0] else { return XCTFail("not a polyline") }
        XCTAssertEqual(x, [1, 2, 3])
        XCTAssertEqual(y, [10, 20, 30])
    }

    func testAutomaticBinsFollowFreedmanDiaconis() {
        // 500 evenly spread values on [0, 1]: IQR 0.5, width 2 · 0.5 · 500^(-1/3) ≈ 0.126 → ⌈7.94⌉ = 8 bins.
        let values = (0..<500).map { Double($0) / 499 }
        XCTAssertEqual(PlotStatistics.automaticBins(values), 8)
        XCTAssertEqual(PlotStatistics.automaticBins([5, 5, 5]), 1)
        XCTAssertEqual(PlotStatistics.automaticBins([0, 0, 0, 0, 0, 0, 0, 1]), 4, "zero IQR: Sturges, ⌈log₂ 8 + 1⌉")
    }
}
