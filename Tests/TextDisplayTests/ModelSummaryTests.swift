import Testing
@testable import TextDisplay

@Suite struct ModelSummaryTests {
    @Test func fitStatisticsOfInstEval() {
        let header = fitStatisticsHeader(labels: ModelSummaryDisplay.linearModelLabels,
                                         values: [-118792.7767, 237585.5534, 237647.5534, 237647.5804, 237932.8763])
        #expect(header == lines(
            "    logLik     -2 logLik       AIC         AICc          BIC     ",
            " -118792.7767  237585.5534  237647.5534  237647.5804  237932.8763"))
    }

    @Test func dyestuffMaximumLikelihood() {
        let text = ModelSummaryDisplay.linearMixedModel(
            formula: "yield ~ 1 + (1 | batch)", reml: false, objective: 327.327059881143,
            informationCriteria: (aic: 333.327059881143, aicc: 334.2501368042199, bic: 337.5306520261295),
            varianceComponents: [VarianceComponentGroup(name: "batch", columns: ["(Intercept)"],
                                                        standardDeviations: [(1388.3332).squareRoot()],
                                                        correlations: [])],
            residualStandardDeviation: 2451.2501.squareRoot(), observations: 30, levels: [6],
            coefficients: [CoefficientRow(name: "(Intercept)", estimate: 1527.4999999999989,
                                          standardError: 17.694552929494222)])
        #expect(text == lines(
            "Linear mixed model fit by maximum likelihood",
            " yield ~ 1 + (1 | batch)",
            "   logLik   -2 logLik     AIC       AICc        BIC    ",
            "  -163.6635   327.3271   333.3271   334.2501   337.5307",
            "",
            "Variance components:",
            "            Column    Variance Std.Dev.",
            "batch    (Intercept)  1388.3332 37.2603",
            "Residual              2451.2501 49.5101",
            " Number of obs: 30; levels of grouping factors: 6",
            "",
            "  Fixed-effects parameters:",
            "────────────────────────────────────────────────",
            "              Coef.  Std. Error      z  Pr(>|z|)",
            "────────────────────────────────────────────────",
            "(Intercept)  1527.5     17.6946  86.33    <1e-99",
            "────────────────────────────────────────────────"))
    }

    @Test func dyestuffREML() {
        let text = ModelSummaryDisplay.linearMixedModel(
            formula: "yield ~ 1 + (1 | batch)", reml: true, objective: 319.65427684225943,
            informationCriteria: (aic: .nan, aicc: .nan, bic: .nan),
            varianceComponents: [VarianceComponentGroup(name: "batch", columns: ["(Intercept)"],
                                                        standardDeviations: [(1764.0537).squareRoot()],
                                                        correlations: [])],
            residualStandardDeviation: 2451.2492.squareRoot(), observations: 30, levels: [6],
            coefficients: [CoefficientRow(name: "(Intercept)", estimate: 1527.5, standardError: 19.3834)])
        #expect(text.hasPrefix(lines(
            "Linear mixed model fit by REML",
            " yield ~ 1 + (1 | batch)",
            " REML criterion at convergence: 319.65427684225943",
            "",
            "Variance components:",
            "")))
        #expect(text.contains("(Intercept)  1527.5     19.3834  78.80    <1e-99"))
    }

    @Test func verbalAggressionGLMM() {
        let estimates = [-0.15262587614271778, 0.057383652955092006, 0.3206338746900981, -1.0599299278921983,
                         -2.1039198441853832, -1.0543571545244896, 0.7069786443049767]
        let errors = [0.3852254474367752, 0.016752997330556033, 0.19120975137113166, 0.18415712378963275,
                      0.18651583779233935, 0.15119305761173202, 0.15100598592331346]
        let names = ["(Intercept)", "anger", "gender: M", "btype: scold", "btype: shout", "situ: self", "mode: want"]
        let text = ModelSummaryDisplay.generalizedLinearMixedModel(
            formula: "r2 ~ 1 + anger + gender + btype + situ + mode + (1 | subj) + (1 | item)", nAGQ: 1,
            distribution: "Bernoulli{Float64}", link: "LogitLink()",
            logLikelihood: -4067.916431282346, deviance: 8135.832862564683,
            informationCriteria: (aic: 8153.832862564692, aicc: 8153.856612564693, bic: 8216.23697),
            varianceComponents: [
                VarianceComponentGroup(name: "subj", columns: ["(Intercept)"],
                                       standardDeviations: [(1.793543).squareRoot()], correlations: []),
                VarianceComponentGroup(name: "item", columns: ["(Intercept)"],
                                       standardDeviations: [(0.117147).squareRoot()], correlations: []),
            ],
            dispersion: nil, observations: 7584, levels: [316, 24],
            coefficients: names.indices.map { CoefficientRow(name: names[$0], estimate: estimates[$0],
                                                             standardError: errors[$0]) })
        #expect(text == lines(
            "Generalized Linear Mixed Model fit by maximum likelihood (nAGQ = 1)",
            "  r2 ~ 1 + anger + gender + btype + situ + mode + (1 | subj) + (1 | item)",
            "  Distribution: Bernoulli{Float64}",
            "  Link: LogitLink()",
            "",
            "   logLik    deviance     AIC       AICc        BIC    ",
            " -4067.9164  8135.8329  8153.8329  8153.8566  8216.2370",
            "",
            "Variance components:",
            "        Column   Variance Std.Dev. ",
            "subj (Intercept)  1.793543 1.339232",
            "item (Intercept)  0.117147 0.342267",
            "",
            " Number of obs: 7584; levels of grouping factors: 316, 24",
            "",
            "Fixed-effects parameters:",
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
}
