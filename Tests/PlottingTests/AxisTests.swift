import XCTest
@testable import Plotting

final class AxisTests: XCTestCase {
    func testLimitsAreDataRangeWithFivePercentMargins() throws {
        let axis = Axis()
        axis.add(try PlotTypes.lines([0, 10], [2, 4], Appearance(), cycled: axis.nextColor))
        let (x, y) = try axis.limits()
        XCTAssertEqual(x.lowerBound, -0.5, accuracy: 1e-12)
        XCTAssertEqual(x.upperBound, 10.5, accuracy: 1e-12)
        XCTAssertEqual(y.lowerBound, 1.9, accuracy: 1e-12)
        XCTAssertEqual(y.upperBound, 4.1, accuracy: 1e-12)
        let (xt, yt) = try axis.ticks()
        XCTAssertEqual(xt.map(\.label), ["0.0", "2.5", "5.0", "7.5", "10.0"])
        XCTAssertEqual(yt.map(\.label), ["2.0", "2.5", "3.0", "3.5", "4.0"])
    }

    func testIntegerTicksHaveNoDecimalsAndNegativeUseMinusSign() {
        let ticks = TickFinder.ticks(for: -105...410, scale: .linear)
        XCTAssertEqual(ticks.map(\.label), ["−100", "0", "100", "200", "300", "400"])
    }

    func testSmallAndLargeNumbers() {
        XCTAssertEqual(NumberFormat.labels([0.001, 0.002, 0.003]), ["0.001", "0.002", "0.003"])
        XCTAssertEqual(NumberFormat.labels([0, 2e6, 4e6]), ["0", "2×10⁶", "4×10⁶"])
    }

    func testLogTicksArePowersOfTen() throws {
        let axis = Axis()
        axis.yscale = .log10
        axis.add(try PlotTypes.scatter([1, 2, 3], [1, 100, 1000], Appearance(), cycled: axis.nextColor))
        XCTAssertEqual(try axis.ticks().y.map(\.label), ["10⁰", "10¹", "10²", "10³"])
    }

    func testHistogramBinsAndLimitsStartBelowZero() throws {
        let axis = Axis()
        let plot = try PlotTypes.hist([0, 1, 1, 2, 2, 2, 3, 4], bins: 4, normalization: "none", Appearance(),
                                      cycled: axis.nextColor)
        guard case .rects(let rects, _, _) = plot.marks[0] else { return XCTFail("hist draws rectangles") }
        XCTAssertEqual(rects.map(\.y1), [1, 2, 3, 2])
        XCTAssertEqual(rects.map(\.x0), [0, 1, 2, 3])
        axis.add(plot)
        XCTAssertEqual(try axis.limits().y.lowerBound, -0.15, accuracy: 1e-12)
    }

    func testDensityIntegratesToOne() throws {
        let values = (0..<500).map { PlotStatistics.normalQuantile((Double($0) + 0.5) / 500) }
        let (x, y) = PlotStatistics.density(values)
        let dx = x[1] - x[0]
        XCTAssertEqual(y.reduce(0, +) * dx, 1, accuracy: 0.01)
        XCTAssertEqual(PlotStatistics.silvermanBandwidth([1, 2, 3, 4, 5]), 0.9 * 1.4925373134328357 * pow(5, -0.2),
                       accuracy: 1e-12)
    }

    func testNormalQuantile() {
        XCTAssertEqual(PlotStatistics.normalQuantile(0.975), 1.959963984540054, accuracy: 1e-14)
        XCTAssertEqual(PlotStatistics.normalQuantile(0.001), -3.090232306167813, accuracy: 1e-13)
        XCTAssertEqual(PlotStatistics.normalQuantile(0.5), 0)
    }
}
