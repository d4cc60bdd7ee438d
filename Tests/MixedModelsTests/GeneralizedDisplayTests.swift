import DataTables
import Foundation
import Testing
import MixedModels

/// The spec's text display of gm1, compared token by token: words and rules exactly, numbers within a tolerance.
@Suite("GLMM display")
struct GeneralizedDisplayTests {
    static let spec = """
        Generalized Linear Mixed Model fit by maximum likelihood (nAGQ = 1)
          r2 ~ 1 + anger + gender + btype + situ + mode + (1 | subj) + (1 | item)
          Distribution: Bernoulli{Float64}
          Link: LogitLink()

           logLik    deviance     AIC       AICc        BIC    
         -4067.9164  8135.8329  8153.8329  8153.8566  8216.2370

        Variance components:
                Column   Variance Std.Dev. 
        subj (Intercept)  1.793543 1.339232
        item (Intercept)  0.117147 0.342267

         Number of obs: 7584; levels of grouping factors: 316, 24

        Fixed-effects parameters:
        ──────────────────────────────────────────────────────
                           Coef.  Std. Error       z  Pr(>|z|)
        ──────────────────────────────────────────────────────
        (Intercept)   -0.152626     0.385225   -0.40    0.6920
        anger          0.0573837    0.016753    3.43    0.0006
        gender: M      0.320634     0.19121     1.68    0.0936
        btype: scold  -1.05993      0.184157   -5.76    <1e-08
        btype: shout  -2.10392      0.186516  -11.28    <1e-28
        situ: self    -1.05436      0.151193   -6.97    <1e-11
        mode: want     0.706979     0.151006    4.68    <1e-05
        ──────────────────────────────────────────────────────
        """

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
