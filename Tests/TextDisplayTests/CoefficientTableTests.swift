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

/// The spec's 28-row InstEval table; the inputs are read back from its printed Coef. and Std. Error columns.
@Suite struct InstEvalCoefficientTableTests {
    static let expected = lines(
        "────────────────────────────────────────────────────────────────",
        "                              Coef.  Std. Error      z  Pr(>|z|)",
        "────────────────────────────────────────────────────────────────",
        "(Intercept)              3.27628      0.0793647  41.28    <1e-99",
        "service: Y               0.0116044    0.0699321   0.17    0.8682",
        "dept: D02               -0.0411091    0.120331   -0.34    0.7326",
        "dept: D03                0.00967413   0.108411    0.09    0.9289",
        "dept: D04                0.105017     0.0944964   1.11    0.2664",
        "dept: D05                0.0828643    0.11148     0.74    0.4573",
        "dept: D06               -0.01194      0.0978342  -0.12    0.9029",
        "dept: D07                0.0992679    0.110598    0.90    0.3694",
        "dept: D08                0.0575337    0.127935    0.45    0.6529",
        "dept: D09               -0.00263181   0.107085   -0.02    0.9804",
        "dept: D10               -0.223423     0.099838   -2.24    0.0252",
        "dept: D11                0.0129816    0.110639    0.12    0.9066",
        "dept: D12                0.00503825   0.0944243   0.05    0.9574",
        "dept: D14                0.0050827    0.109041    0.05    0.9628",
        "dept: D15               -0.0466719    0.101942   -0.46    0.6471",
        "service: Y & dept: D02  -0.144352     0.0929527  -1.55    0.1204",
        "service: Y & dept: D03   0.0174078    0.0927237   0.19    0.8511",
        "service: Y & dept: D04  -0.0381263    0.0810901  -0.47    0.6382",
        "service: Y & dept: D05   0.0596632    0.123952    0.48    0.6303",
        "service: Y & dept: D06  -0.254044     0.080781   -3.14    0.0017",
        "service: Y & dept: D07  -0.151634     0.11157    -1.36    0.1741",
        "service: Y & dept: D08   0.0508942    0.112189    0.45    0.6501",
        "service: Y & dept: D09  -0.259448     0.0899448  -2.88    0.0039",
        "service: Y & dept: D10   0.25907      0.111369    2.33    0.0200",
        "service: Y & dept: D11  -0.276577     0.0819621  -3.37    0.0007",
        "service: Y & dept: D12  -0.0418489    0.0792928  -0.53    0.5977",
        "service: Y & dept: D14  -0.256742     0.0931016  -2.76    0.0058",
        "service: Y & dept: D15   0.24042      0.0982071   2.45    0.0144",
        "────────────────────────────────────────────────────────────────")

    @Test func twentyEightRows() {
        let body = Self.expected.split(separator: "\n").dropFirst(3).dropLast()
        let rows = body.compactMap { line -> CoefficientRow? in
            let fields = line.split(separator: "  ").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
            guard fields.count == 5, let estimate = Double(fields[1]), let se = Double(fields[2]) else { return nil }
            return CoefficientRow(name: fields[0], estimate: estimate, standardError: se)
        }
        #expect(rows.count == 28)
        #expect(coefficientTable(rows) == Self.expected)
    }
}

private extension Substring {
    func trimmingCharacters() -> String { String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()) }
}
