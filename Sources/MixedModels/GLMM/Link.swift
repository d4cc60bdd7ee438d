import Foundation

/// A GLM link function g, with η = g(μ): the analogue of GLM.jl's `Link` types.
public enum Link: String, Equatable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case logit, probit, cloglog, log, identity

    /// The name Julia prints: `LogitLink()`, `ProbitLink()`, `CloglogLink()`, `LogLink()`, `IdentityLink()`.
    public var juliaName: String {
        switch self {
        case .logit: "LogitLink()"
        case .probit: "ProbitLink()"
        case .cloglog: "CloglogLink()"
        case .log: "LogLink()"
        case .identity: "IdentityLink()"
        }
    }

    public var description: String { juliaName }

    /// η = g(μ).
    public func linkfun(_ mu: Double) -> Double {
        switch self {
        case .logit: Foundation.log(mu / (1 - mu))
        case .probit: Link.standardNormalQuantile(mu)
        case .cloglog: Foundation.log(-Foundation.log1p(-mu))
        case .log: Foundation.log(mu)
        case .identity: mu
        }
    }

    /// μ = g⁻¹(η).
    public func linkinv(_ eta: Double) -> Double {
        inverse(eta).mu
    }

    /// dμ/dη at η.
    public func muEta(_ eta: Double) -> Double {
        inverse(eta).muEta
    }

    /// μ and dμ/dη together, computed stably (one exponential for the logit).
    @inline(__always)
    func inverse(_ eta: Double) -> (mu: Double, muEta: Double) {
        switch self {
        case .logit:
            let e = exp(-abs(eta))
            let denominator = 1 + e
            return ((eta < 0 ? e : 1) / denominator, e / (denominator * denominator))
        case .probit:
            return (0.5 * erfc(-eta / 2.0.squareRoot()), exp(-0.5 * eta * eta) / (2 * Double.pi).squareRoot())
        case .cloglog:
            let e = exp(eta)
            return (-expm1(-e), exp(eta - e))
        case .log:
            let e = exp(eta)
            return (e, e)
        case .identity:
            return (eta, 1)
        }
    }
}

extension Link {
/// Φ⁻¹(p) for the standard normal: Acklam's rational approximation polished by one Halley step,
/// accurate to about 1e-15 relative.
static func standardNormalQuantile(_ p: Double) -> Double {
    if p <= 0 { return -.infinity }
    if p >= 1 { return .infinity }
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
             6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let lower = 0.02425
    var x: Double
    if p < lower {
        let q = (-2 * Foundation.log(p)).squareRoot()
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    } else if p <= 1 - lower {
        let q = p - 0.5
        let r = q * q
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    } else {
        let q = (-2 * log1p(-p)).squareRoot()
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    // Halley refinement on Φ(x) − p.
    let e = 0.5 * Foundation.erfc(-x / 2.0.squareRoot()) - p
    let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    x -= u / (1 + x * u / 2)
    return x
}
}
