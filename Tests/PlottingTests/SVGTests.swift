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
}
