import Testing
@testable import TextDisplay

@Suite struct FloatFormatTests {
    @Test(arguments: [
        (1527.4999999999989, "1527.4999999999989"),
        (-0.0, "-0.0"), (0.0, "0.0"), (1.0, "1.0"), (-1.0, "-1.0"),
        (0.0001, "0.0001"), (1.0e-5, "1.0e-5"), (1.0e6, "1.0e6"), (123456.0, "123456.0"),
        (1234567.0, "1.234567e6"), (100000.0, "100000.0"), (1.0e100, "1.0e100"), (2.5e-300, "2.5e-300"),
        (-0.15262587614271778, "-0.15262587614271778"), (0.057383652955092006, "0.057383652955092006"),
        (327.327059881143, "327.327059881143"), (0.9999999999999998, "0.9999999999999998"),
        (0.1, "0.1"), (Double.leastNonzeroMagnitude, "5.0e-324"), (1.7976931348623157e308, "1.7976931348623157e308"),
        (.nan, "NaN"), (.infinity, "Inf"), (-.infinity, "-Inf"), (0.00012, "0.00012"), (1.5e-5, "1.5e-5"),
    ] as [(Double, String)])
    func shortest(value: Double, expected: String) {
        #expect(JuliaFloatFormat.shortest(value) == expected)
    }

    @Test func shortestFloat32() {
        #expect(JuliaFloatFormat.shortest(Float(1.5)) == "1.5f0")
        #expect(JuliaFloatFormat.shortest(Float(-0.25)) == "-0.25f0")
        #expect(JuliaFloatFormat.shortest(Float(1.0e-5)) == "1.0f-5")
        #expect(JuliaFloatFormat.shortest(Float(0)) == "0.0f0")
        #expect(JuliaFloatFormat.shortest(Float(1.0e7)) == "1.0f7")
        #expect(JuliaFloatFormat.shortest(Float.nan) == "NaN32")
        #expect(JuliaFloatFormat.shortest(-Float.infinity) == "-Inf32")
    }

    @Test(arguments: [
        (0.14839864, "0.148399"), (-0.005615034, "-0.00561503"), (7.191314e-5, "7.19131e-5"),
        (-1.47960001e-5, "-1.4796e-5"), (0.0002806634, "0.000280663"), (43.98679, "43.9868"),
        (-1.370389, "-1.37039"), (2.256711, "2.25671"), (1.0e-5, "1.0e-5"), (1527.4999999999989, "1527.5"),
        (1234567.0, "1.23457e6"), (123456.7, "123457.0"), (9.9999996, "10.0"), (0.0009765625, "0.000976562"),
        (1234565.0, "1.23456e6"), (1234575.0, "1.23458e6"), (-16.628221011733622, "-16.6282"), (0.0, "0.0"),
        (.nan, "NaN"), (-.infinity, "-Inf"), (17.6946, "17.6946"),
    ] as [(Double, String)])
    func compact(value: Double, expected: String) {
        #expect(JuliaFloatFormat.compact(value) == expected)
    }
}
