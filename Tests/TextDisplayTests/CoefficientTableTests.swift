import Testing
@testable import TextDisplay

@Suite struct CoefficientTableTests {
    @Test func dyestuffIntercept() {
        let table = coefficientTable([CoefficientRow(name: "(Intercept)", estimate: 1527.4999999999989,
                                                     standardError: 17.694552929494222)])
        #expect(table == lines(
            "────────────────────────────────────────────────",
            "              Coef.  Std. Error      z  Pr(>|z|)",
            "────────────────────────────────────────────────",
            "(Intercept)  1527.5     17.6946  86.33    <1e-99",
            "────────────────────────────────────────────────"))
    }

    @Test func sleepstudy() {
        let table = coefficientTable([
            CoefficientRow(name: "(Intercept)", estimate: 251.40510484848477, standardError: 6.6322577615178595),
            CoefficientRow(name: "days", estimate: 10.4672859595959, standardError: 1.5022354765205783),
        ])
        #expect(table == lines(
            "──────────────────────────────────────────────────",
            "                Coef.  Std. Error      z  Pr(>|z|)",
            "──────────────────────────────────────────────────",
            "(Intercept)  251.405      6.63226  37.91    <1e-99",
            "days          10.4673     1.50224   6.97    <1e-11",
            "──────────────────────────────────────────────────"))
    }

    @Test func verbalAggression() {
        let estimates = [-0.15262587614271778, 0.057383652955092006, 0.3206338746900981, -1.0599299278921983,
                         -2.1039198441853832, -1.0543571545244896, 0.7069786443049767]
        let errors = [0.3852254474367752, 0.016752997330556033, 0.19120975137113166, 0.18415712378963275,
                      0.18651583779233935, 0.15119305761173202, 0.15100598592331346]
        let names = ["(Intercept)", "anger", "gender: M", "btype: scold", "btype: shout", "situ: self", "mode: want"]
        let rows = names.indices.map { CoefficientRow(name: names[$0], estimate: estimates[$0],
                                                      standardError: errors[$0]) }
        #expect(coefficientTable(rows) == lines(
            "──────────────────────────────────────────────────────",
            "                   Coef.  Std. Error       z  Pr(>|z|)",
            "──────────────────────────────────────────────────────",
            "(Intercept)   -0.152626     0.385225   -0.40    0.6920",
            "anger          0.0573837    0.016753    3.43    0.0006",
            "gender: M      0.320634     0.19121     1.68    0.0936",
            "btype: scold  -1.05993      0.184157   -5.76    <1e-08",
            "btype: shout  -2.10392      0.186516  -11.28    <1e-28",
            "situ: self    -1.05436      0.151193   -6.97    <1e-11",
            "mode: want     0.706979     0.151006    4.68    <1e-05",
            "──────────────────────────────────────────────────────"))
    }

    @Test func dummyCodedDays() {
        let rows = [
            ("(Intercept)", 256.652, 10.7809), ("days: 1", 7.84395, 9.11493), ("days: 2", 8.71009, 8.68902),
            ("days: 3", 26.3402, 7.95084), ("days: 4", 31.9976, 8.10427), ("days: 5", 51.8666, 10.0224),
            ("days: 6", 55.5264, 12.6441), ("days: 7", 62.0988, 10.6628), ("days: 8", 79.9777, 12.0082),
            ("days: 9", 94.1994, 13.2617),
        ].map { CoefficientRow(name: $0.0, estimate: $0.1, standardError: $0.2) }
        #expect(coefficientTable(rows) == lines(
            "───────────────────────────────────────────────────",
            "                 Coef.  Std. Error      z  Pr(>|z|)",
            "───────────────────────────────────────────────────",
            "(Intercept)  256.652      10.7809   23.81    <1e-99",
            "days: 1        7.84395     9.11493   0.86    0.3895",
            "days: 2        8.71009     8.68902   1.00    0.3161",
            "days: 3       26.3402      7.95084   3.31    0.0009",
            "days: 4       31.9976      8.10427   3.95    <1e-04",
            "days: 5       51.8666     10.0224    5.18    <1e-06",
            "days: 6       55.5264     12.6441    4.39    <1e-04",
            "days: 7       62.0988     10.6628    5.82    <1e-08",
            "days: 8       79.9777     12.0082    6.66    <1e-10",
            "days: 9       94.1994     13.2617    7.10    <1e-11",
            "───────────────────────────────────────────────────"))
    }

    @Test func pValues() {
        #expect(CoefficientTableDisplay.pValueText(0.69204) == "0.6920")
        #expect(CoefficientTableDisplay.pValueText(0.0) == "<1e-99")
        #expect(CoefficientTableDisplay.pValueText(1e-5) == "<1e-04")
        #expect(CoefficientTableDisplay.pValueText(3.2e-9) == "<1e-08")
        #expect(CoefficientTableDisplay.pValueText(.nan) == "NaN")
        #expect(CoefficientRow(name: "x", estimate: 1.96, standardError: 1).pValue.isApproximatelyEqual(0.04999579))
    }
}

extension Double {
    func isApproximatelyEqual(_ other: Double) -> Bool { abs(self - other) <= 1e-7 * max(1, abs(other)) }
}
