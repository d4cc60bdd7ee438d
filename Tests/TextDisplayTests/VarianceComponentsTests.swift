import Testing
@testable import TextDisplay

/// Inputs built from the spec's printed variances: σ = √variance reproduces both printed columns.
private func group(_ name: String, _ columns: [String], variances: [Double],
                   correlations: [[Double?]] = []) -> VarianceComponentGroup {
    VarianceComponentGroup(name: name, columns: columns, standardDeviations: variances.map { $0.squareRoot() },
                           correlations: correlations)
}

@Suite struct VarianceComponentsTests {
    @Test func dyestuff() {
        let text = varianceComponents(groups: [group("batch", ["(Intercept)"], variances: [1388.3332])],
                                      residualStandardDeviation: 2451.2501.squareRoot())
        #expect(text == lines(
            "Variance components:",
            "            Column    Variance Std.Dev.",
            "batch    (Intercept)  1388.3332 37.2603",
            "Residual              2451.2501 49.5101",
            ""))
    }

    @Test func sleepstudyWithCorrelation() {
        let subj = group("subj", ["(Intercept)", "days"], variances: [565.51067, 32.68212],
                         correlations: [[], [0.08]])
        #expect(varianceComponents(groups: [subj], residualStandardDeviation: 25.591823917678852) == lines(
            "Variance components:",
            "            Column    Variance Std.Dev.   Corr.",
            "subj     (Intercept)  565.51067 23.78047",
            "         days          32.68212  5.71683 +0.08",
            "Residual              654.94145 25.59182",
            ""))
    }

    @Test func zeroCorrelationShowsDot() {
        let subj = group("subj", ["(Intercept)", "days"], variances: [584.25897, 33.63281],
                         correlations: [[], [nil]])
        #expect(varianceComponents(groups: [subj], residualStandardDeviation: 653.11578.squareRoot()) == lines(
            "Variance components:",
            "            Column    Variance Std.Dev.   Corr.",
            "subj     (Intercept)  584.25897 24.17145",
            "         days          33.63281  5.79938   .  ",
            "Residual              653.11578 25.55613",
            ""))
    }

    @Test func crossedAndNested() {
        let penicillin = [group("plate", ["(Intercept)"], variances: [0.714980]),
                          group("sample", ["(Intercept)"], variances: [3.135193])]
        #expect(varianceComponents(groups: penicillin, residualStandardDeviation: 0.302426.squareRoot()) == lines(
            "Variance components:",
            "            Column   Variance Std.Dev. ",
            "plate    (Intercept)  0.714980 0.845565",
            "sample   (Intercept)  3.135193 1.770648",
            "Residual              0.302426 0.549933",
            ""))
        let pastes = [group("batch & cask", ["(Intercept)"], variances: [8.433617]),
                      group("batch", ["(Intercept)"], variances: [1.199180])]
        #expect(varianceComponents(groups: pastes, residualStandardDeviation: 0.678002.squareRoot()) == lines(
            "Variance components:",
            "                Column   Variance Std.Dev. ",
            "batch & cask (Intercept)  8.433617 2.904069",
            "batch        (Intercept)  1.199180 1.095071",
            "Residual                  0.678002 0.823409",
            ""))
    }

    @Test func singularFit() {
        let text = varianceComponents(groups: [group("batch", ["(Intercept)"], variances: [0])],
                                      residualStandardDeviation: 13.34610.squareRoot())
        #expect(text == lines(
            "Variance components:",
            "            Column   Variance Std.Dev.",
            "batch    (Intercept)   0.00000 0.00000",
            "Residual              13.34610 3.65323",
            ""))
    }

    @Test func generalizedModelHasNoResidualRow() {
        let groups = [group("subj", ["(Intercept)"], variances: [1.793543]),
                      group("item", ["(Intercept)"], variances: [0.117147])]
        #expect(varianceComponents(groups: groups, residualStandardDeviation: nil) == lines(
            "Variance components:",
            "        Column   Variance Std.Dev. ",
            "subj (Intercept)  1.793543 1.339232",
            "item (Intercept)  0.117147 0.342267",
            "",
            ""))
    }

    @Test func manyCorrelatedColumns() {
        let variances = [950.43449, 492.86572, 910.30759, 1263.11469, 1479.86649, 2293.24005, 3850.13899,
                         1800.40093, 3146.59890, 3073.67517]
        let rho: [[Double?]] = [
            [], [-0.30], [-0.57, 0.75], [-0.37, 0.72, 0.87], [-0.31, 0.58, 0.67, 0.91],
            [-0.25, 0.46, 0.45, 0.70, 0.85], [-0.28, 0.30, 0.48, 0.70, 0.77, 0.75],
            [-0.16, 0.22, 0.47, 0.50, 0.62, 0.64, 0.71], [-0.20, 0.28, 0.36, 0.56, 0.73, 0.90, 0.73, 0.74],
            [0.06, 0.25, 0.16, 0.38, 0.58, 0.78, 0.38, 0.53, 0.85],
        ]
        let columns = ["(Intercept)"] + (1...9).map { "days: \($0)" }
        let text = varianceComponents(groups: [group("subj", columns, variances: variances, correlations: rho)],
                                      residualStandardDeviation: 20.95568.squareRoot())
        #expect(text == lines(
            "Variance components:",
            "            Column    Variance  Std.Dev.   Corr.",
            "subj     (Intercept)   950.43449 30.82912",
            "         days: 1       492.86572 22.20058 -0.30",
            "         days: 2       910.30759 30.17130 -0.57 +0.75",
            "         days: 3      1263.11469 35.54032 -0.37 +0.72 +0.87",
            "         days: 4      1479.86649 38.46903 -0.31 +0.58 +0.67 +0.91",
            "         days: 5      2293.24005 47.88779 -0.25 +0.46 +0.45 +0.70 +0.85",
            "         days: 6      3850.13899 62.04949 -0.28 +0.30 +0.48 +0.70 +0.77 +0.75",
            "         days: 7      1800.40093 42.43113 -0.16 +0.22 +0.47 +0.50 +0.62 +0.64 +0.71",
            "         days: 8      3146.59890 56.09455 -0.20 +0.28 +0.36 +0.56 +0.73 +0.90 +0.73 +0.74",
            "         days: 9      3073.67517 55.44074 +0.06 +0.25 +0.16 +0.38 +0.58 +0.78 +0.38 +0.53 +0.85",
            "Residual                20.95568  4.57774",
            ""))
    }
}
