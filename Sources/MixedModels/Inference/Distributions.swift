import Foundation

/// The distribution functions inference needs: χ² tail probabilities and normal quantiles.
public enum Distributions {
    /// P(X > x) for X ~ χ²(dof): the regularized upper incomplete gamma function Q(dof/2, x/2).
    public static func chisqccdf(_ dof: Double, _ x: Double) -> Double {
        guard x > 0 else { return 1 }
        guard x.isFinite else { return 0 }
        return regularizedUpperGamma(dof / 2, x / 2)
    }

    /// Q(a, x) = Γ(a, x)/Γ(a): by its power series when x < a + 1, else by Lentz's continued fraction.
    static func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
        let logPrefix = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            var term = 1 / a
            var sum = term
            var k = a
            for _ in 0..<10_000 {
                k += 1
                term *= x / k
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return max(0, 1 - sum * exp(logPrefix))
        }
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(logPrefix) * h
    }

    /// Φ⁻¹(p), the standard normal quantile.
    public static func normalQuantile(_ p: Double) -> Double { Link.standardNormalQuantile(p) }
}
