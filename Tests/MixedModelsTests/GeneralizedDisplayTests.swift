import DataTables
import Foundation
import Testing
import MixedModels
import SpecFixtures

/// The spec's text display of gm1, compared token by token: words and rules exactly, numbers within a tolerance.
@Suite("GLMM display")
struct GeneralizedDisplayTests {
    /// The spec's gm1 summary (the output of the code at line 618 of the spec).
    static var spec: String { specOutput(line: 618) }

    /// Compares two texts line by line and token by token; numbers match within `atol + rtol·|expected|`.
    static func mismatches(_ actual: String, _ expected: String, rtol: (Int) -> Double, atol: (Int) -> Double)
        -> [String] {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        guard a.count == e.count else { return ["\(a.count) lines, expected \(e.count)"] }
        var problems: [String] = []
        for (k, (la, le)) in zip(a, e).enumerated() {
            let ta = la.split(separator: " "), te = le.split(separator: " ")
            guard ta.count == te.count else { problems.append("line \(k + 1): \(la) ≠ \(le)"); continue }
            for (x, y) in zip(ta, te) where x != y {
                guard let dx = Double(x), let dy = Double(y), abs(dx - dy) <= atol(k) + rtol(k) * abs(dy) else {
                    problems.append("line \(k + 1): \(x) ≠ \(y)")
                    continue
                }
            }
        }
        return problems
    }

    @Test func verbaggSummaryMatchesSpec() throws {
        let gm1 = try fitGeneralizedLinearMixedModel(
            Formula("r2 ~ 1 + anger + gender + btype + situ + mode + (1|subj) + (1|item)"), dataset("verbagg"),
            .bernoulli)
        let text = gm1.description
        // The optimum lies in a flat valley (at the same deviance, to 1e-5, θ and β move): the fit statistics
        // must agree to one unit in their last printed digit, the variance components to 5e-4 relative, and the
        // coefficient table's estimates, z and p values within 0.01 (≈ 2.5% of the intercept's standard error).
        let varianceLines = 10...11, tableStart = 19
        let problems = Self.mismatches(text, Self.spec, rtol: { varianceLines.contains($0) ? 5e-4 : 0 },
                                       atol: { $0 >= tableStart ? 0.01 : ($0 < 8 ? 1e-4 : 0) })
        #expect(problems.isEmpty, "\(problems)\n\(text)")
        #expect(gm1.varCorrText.hasPrefix("Variance components:\n"))
        #expect(!gm1.varCorrText.contains("Residual"))
    }

    @Test func familyAndLinkNames() {
        #expect(Family.bernoulli.juliaName == "Bernoulli{Float64}")
        #expect(Family.poisson.juliaName == "Poisson{Float64}")
        #expect(Family.binomial.juliaName == "Binomial{Float64}")
        #expect(Link.logit.juliaName == "LogitLink()" && Link.cloglog.juliaName == "CloglogLink()")
        #expect(Family.bernoulli.canonicalLink == .logit && Family.poisson.canonicalLink == .log)
        #expect(GeneralizedLinearMixedModel.propertyNames.first == "A" && GeneralizedLinearMixedModel.propertyNames.last == "wt")
        #expect(GeneralizedLinearMixedModel.propertyNames.count == 25)
    }
}
