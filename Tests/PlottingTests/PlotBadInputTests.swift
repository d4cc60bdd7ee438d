import XCTest
@testable import Plotting

final class PlotBadInputTests: XCTestCase {
    func testMismatchedLengths() {
        XCTAssertThrowsError(try PlotTypes.lines([1, 2, 3], [1, 2], Appearance(), cycled: .black)) {
            XCTAssertEqual("\($0)", "lines: x has 3 values but y has 2; they must have the same length")
        }
    }

    func testEmptyAndAllNaNData() {
        XCTAssertThrowsError(try PlotTypes.hist([], bins: 10, normalization: "none", Appearance(), cycled: .black)) {
            XCTAssertEqual("\($0)", "hist: the data is empty; there is nothing to draw")
        }
        XCTAssertThrowsError(try PlotTypes.density([.nan, .nan], bandwidth: nil, Appearance(), cycled: .black)) {
            XCTAssertEqual("\($0)", "density: the data has no finite values (all 2 are NaN or infinite)")
        }
    }

    func testLogAxisWithNonPositiveValues() throws {
        let axis = Axis()
        axis.xscale = .log10
        axis.add(try PlotTypes.scatter([0, 1], [1, 2], Appearance(), cycled: .black))
        XCTAssertThrowsError(try axis.limits()) {
            XCTAssertEqual("\($0)", "Scatter: a log10 x axis cannot show the non-positive value 0; use a linear scale "
                           + "or positive data")
        }
    }

    func testEmptyFigure() {
        XCTAssertThrowsError(try SVGRenderer.render(Figure())) {
            XCTAssertEqual("\($0)", "the figure has no axes; draw something into it first")
        }
    }
}
