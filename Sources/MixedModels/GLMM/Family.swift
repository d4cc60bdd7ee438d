import Foundation

/// The conditional distribution of the response in a generalized linear (mixed) model.
/// None of these families has a dispersion parameter.
public enum Family: String, Equatable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case bernoulli, binomial, poisson

    /// The type name Julia prints: `Bernoulli{Float64}`.
    public var juliaName: String {
        switch self {
        case .bernoulli: "Bernoulli{Float64}"
        case .binomial: "Binomial{Float64}"
        case .poisson: "Poisson{Float64}"
        }
    }

    /// The constructor call as written in Julia: `Bernoulli()`.
    public var constructorName: String {
        switch self {
        case .bernoulli: "Bernoulli()"
        case .binomial: "Binomial()"
        case .poisson: "Poisson()"
        }
    }

    public var description: String { juliaName }

    /// The canonical link: logit for Bernoulli and binomial, log for Poisson.
    public var canonicalLink: Link {
        switch self {
        case .bernoulli, .binomial: .logit
        case .poisson: .log
        }
    }

    /// Whether the family has a dispersion (scale) parameter; none of these has.
    public var hasDispersion: Bool { false }

    /// Whether `link` maps this family's mean range onto the real line.
    public func admits(_ link: Link) -> Bool {
        switch self {
        case .bernoulli, .binomial: link == .logit || link == .probit || link == .cloglog
        case .poisson: link == .log || link == .identity
        }
    }

    /// The variance function V(μ).
    public func variance(_ mu: Double) -> Double {
        switch self {
        case .bernoulli, .binomial: mu * (1 - mu)
        case .poisson: mu
        }
    }

    /// The unit deviance d(y, μ) for one trial or count (multiply by the prior weight for the residual).
    public func unitDeviance(_ y: Double, _ mu: Double) -> Double {
        switch self {
        case .bernoulli, .binomial:
            if y == 1 { return -2 * log(mu) }
            if y == 0 { return -2 * log1p(-mu) }
            return 2 * (xlogy(y, y / mu) + xlogy(1 - y, (1 - y) / (1 - mu)))
        case .poisson:
            return 2 * (xlogy(y, y / mu) - (y - mu))
        }
    }

    /// The log-likelihood contribution of an observation y with mean μ and prior weight `weight`
    /// (binomial: the number of trials, y the proportion of successes).
    public func logLikelihood(_ y: Double, _ mu: Double, weight: Double) -> Double {
        switch self {
        case .bernoulli:
            return weight * (y == 1 ? log(mu) : log1p(-mu))
        case .binomial:
            let n = weight.rounded()
            let k = (y * weight).rounded()
            let choose = lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)
            return choose + xlogy(k, mu) + xlogy(n - k, 1 - mu)
        case .poisson:
            return weight * (xlogy(y, mu) - mu - lgamma(y + 1))
        }
    }

    /// GLM.jl's starting mean for IRLS.
    func startingMean(_ y: Double, weight: Double) -> Double {
        switch self {
        case .bernoulli, .binomial: (weight * y + 0.5) / (weight + 1)
        case .poisson: y + 0.1
        }
    }

    /// Checks the response (and prior weights) lie in the family's support.
    func validate(response y: [Double], weights: [Double]) throws {
        for (i, value) in y.enumerated() {
            let row = i + 1
            guard value.isFinite else { throw GLMMError.invalidResponse("response has a non-finite value at row \(row)") }
            switch self {
            case .bernoulli:
                if value != 0 && value != 1 {
                    throw GLMMError.invalidResponse(
                        "Bernoulli response must be 0 or 1 (or a two-level string or Bool); row \(row) has \(value)")
                }
            case .binomial:
                if value < 0 || value > 1 {
                    throw GLMMError.invalidResponse(
                        "Binomial response must be a proportion in [0, 1]; row \(row) has \(value)")
                }
                let successes = value * weights[i]
                if abs(successes - successes.rounded()) > 1e-8 * max(1, weights[i]) {
                    throw GLMMError.invalidResponse(
                        "Binomial response times the weights (trials) must be whole numbers; row \(row) gives \(successes)")
                }
            case .poisson:
                if value < 0 {
                    throw GLMMError.invalidResponse("Poisson response must be a count ≥ 0; row \(row) has \(value)")
                }
            }
        }
    }
}

/// x·log(y), taken as 0 when x is 0.
@inline(__always)
private func xlogy(_ x: Double, _ y: Double) -> Double {
    x == 0 ? 0 : x * log(y)
}
