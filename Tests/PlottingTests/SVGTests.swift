import XCTest
@testable import Plotting

final class SVGTests: XCTestCase {
    private func gridFigure() throws -> Figure {
        let figure = Figure(width: 700, height: 500)
        let a = Axis(), b = Axis(), c = Axis()
        a.title = "Histogram & <density>"
        a.xlabel = "yield"
        a.add(try PlotTypes.hist([1, 2, 2, 3, 3, 3, 4], bins: 4, normalization: "pdf", Appearance(), cycled: a.nextColor))
        a.add(try PlotTypes.density([1, 2, 2, 3, 3, 3, 4], bandwidth: nil, Appearance(label: "kde"), cycled: a.nextColor))
        a.legend = ("", .rt)
        let x = (0..<50).map { Double($0) / 5 }
        b.add(try PlotTypes.band(x, x.map { $0 - 1 }, x.map { $0 + 1 }, Appearance(), cycled: b.nextColor))
        b.add(try PlotTypes.lines(x, x, Appearance(), cycled: b.nextColor))
        b.add(PlotTypes.hlines([0], Appearance(), cycled: b.nextColor))
        c.add(try PlotTypes.boxplot([1, 1, 1, 1, 2, 2, 2, 2], [1, 2, 3, 10, 2, 3, 4, 5], Appearance(), cycled: c.nextColor))
        c.add(try PlotTypes.qqnorm([3, 1, 2, 5, 4], qqline: "fit", Appearance(), cycled: c.nextColor))
        try figure.place(a, at: GridPosition(row: 1, column: 1))
        try figure.place(b, at: GridPosition(row: 1, column: 2))
        try figure.place(c, at: GridPosition(row: 2, column: 1))
        return figure
    }

    func testGridFigureParsesAsXMLWithAccessibleTitle() throws {
        let svg = try SVGRenderer.render(gridFigure(), id: "t")
        let parsed = XMLCheck.check(svg)
        XCTAssertEqual(parsed.elements.first, "svg")
        XCTAssertTrue(parsed.elements.contains("title"))
        XCTAssertTrue(svg.contains("aria-label=\"Figure: Histogram &amp; &lt;density&gt;"))
        XCTAssertEqual(svg.components(separatedBy: "<clipPath").count - 1, 3)
    }

    func testRenderingIsDeterministic() throws {
        XCTAssertEqual(try SVGRenderer.render(gridFigure()), try SVGRenderer.render(gridFigure()))
    }

    func testPlaceTwiceInOneCellIsAnError() throws {
        let figure = Figure()
        try figure.place(Axis(), at: GridPosition(row: 1, column: 1))
        XCTAssertThrowsError(try figure.place(Axis(), at: GridPosition(row: 1, column: 1)))
    }

    func testNumbersAreWrittenWithAtMostTwoDecimals() {
        var text = SVGText()
        for v in [0.0, 1.005, -2.5, 12.345, 0.07, -0.001] {
            text.number(v)
            text.append(" ")
        }
        XCTAssertEqual(text.text, "0 1 -2.5 12.35 0.07 0 ")
    }

    func testTenThousandValueHistogramStaysSmall() throws {
        let values = (0..<10_000).map { PlotStatistics.normalQuantile((Double($0) + 0.5) / 10_000) }
        let figure = Figure()
        let axis = Axis()
        axis.add(try PlotTypes.hist(values, bins: 50, normalization: "pdf", Appearance(), cycled: axis.nextColor))
        axis.add(try PlotTypes.density(values, bandwidth: nil, Appearance(), cycled: axis.nextColor))
        try figure.place(axis, at: GridPosition(row: 1, column: 1))
        let svg = try SVGRenderer.render(figure)
        XCTAssertLessThan(svg.utf8.count, 30_000, "binned, not one element per observation")
        _ = XMLCheck.check(svg)
    }

    func testTickLabelsOfNarrowPanelsDoNotOverlap() throws {
        let figure = Figure(width: 500, height: 300)
        for column in 1...4 {
            let axis = Axis()
            axis.add(try PlotTypes.lines([-12345.5, 98765.25], [0, 1], Appearance(), cycled: axis.nextColor))
            try figure.place(axis, at: GridPosition(row: 1, column: column))
        }
        for panel in try FigureLayout(figure).panels {
            let map = CoordinateMap(panel)
            let spans = panel.xticks.map { tick -> (Double, Double) in
                let half = TextMetrics.width(tick.label, size: FigureLayout.tickSize) / 2
                return (map.x(tick.value) - half, map.x(tick.value) + half)
            }
            XCTAssertGreaterThanOrEqual(spans.count, 2)
            for (a, b) in zip(spans, spans.dropFirst()) { XCTAssertLessThan(a.1, b.0, "labels overlap") }
        }
    }
}
