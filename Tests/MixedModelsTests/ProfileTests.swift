import Testing
@testable import MixedModels

/// Profile intervals against lme4's `confint(m, method = "profile")` (ML fits), to 3 significant digits.
@Suite struct ProfileTests {
    static func expectIntervals(_ formula: String, _ data: String, _ expected: [String: (Double, Double)]) throws {
        let m = try InferenceModels.linear(formula, data)
        let objective = m.objective
        let intervals = try m.profile().confint()
        for row in intervals {
            guard let (lower, upper) = expected[row.par] else { continue }
            #expect(abs(row.lower - lower) <= 5e-4 * max(abs(lower), 1), "\(row.par) lower \(row.lower) vs \(lower)")
            #expect(abs(row.upper - upper) <= 5e-4 * abs(upper), "\(row.par) upper \(row.upper) vs \(upper)")
        }
        #expect(Set(intervals.map(\.par)).isSuperset(of: expected.keys))
        #expect(abs(m.objective - objective) < 1e-10)
    }

    @Test func dyestuff() throws {
        try Self.expectIntervals("yield ~ 1 + (1 | batch)", "dyestuff", [
            "σ1": (12.19854, 84.06305), "σ": (38.22998, 67.65770), "β1": (1486.45150, 1568.54849),
        ])
    }

    @Test func sleepstudy() throws {
        try Self.expectIntervals("reaction ~ 1 + days + (1 + days | subj)", "sleepstudy", [
            "σ1": (14.3814344, 37.7160121), "σ2": (3.8011647, 8.7533667), "ρ1": (-0.4815004, 0.6849862), "σ": (22.8982662, 28.8579973),
            "β1": (237.6806955, 265.1295147), "β2": (7.3586533, 13.5759187),
        ])
    }

    @Test func penicillin() throws {
        try Self.expectIntervals("diameter ~ 1 + (1 | plate) + (1 | sample)", "penicillin", [
            "σ1": (0.6335660, 1.1821040), "σ2": (1.0957894, 3.5562918), "σ": (0.4858454, 0.6294535),
            "β1": (21.2666274, 24.6778176),
        ])
    }

    @Test func singularFitGivesAOneSidedProfileWithAWarning() throws {
        let m = try InferenceModels.linear("yield ~ 1 + (1 | batch)", "dyestuff2")
        let pr = try m.profile()
        #expect(pr.warnings.count == 1)
        let sigma1 = try #require(try pr.confint().first { $0.par == "σ1" })
        #expect(sigma1.lower == 0)
        #expect(abs(sigma1.upper - 2.084043) < 2e-3)
    }
}
