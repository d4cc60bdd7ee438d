/// Errors a user can cause when building or fitting a generalized linear mixed model.
public enum GLMMError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The response is outside the family's support, or cannot be read as such.
    case invalidResponse(String)
    /// The link is not valid for the family (e.g. a log link for a Bernoulli response).
    case invalidLink(family: Family, link: Link)
    /// Prior weights or offsets of the wrong length or with invalid values.
    case invalidWeights(String)
    case invalidOffset(String)
    /// Adaptive Gauss–Hermite quadrature needs a single scalar random-effects term.
    case quadratureNeedsSingleScalarTerm(String)
    /// An argument outside its domain (e.g. nAGQ < 1).
    case invalidArgument(String)
    /// Penalized iteratively reweighted least squares failed to reduce the deviance.
    case pirlsFailed(String)
    /// The iterative fit of the fixed-effects-only GLM did not converge.
    case glmFailed(String)
    /// A numerical failure (non-positive-definite system, non-finite deviance).
    case numerical(String)

    public var description: String {
        switch self {
        case .invalidResponse(let s): "invalid response: \(s)"
        case .invalidLink(let f, let l): "the link \(l.juliaName) is not valid for the \(f.juliaName) family"
        case .invalidWeights(let s): "invalid weights: \(s)"
        case .invalidOffset(let s): "invalid offset: \(s)"
        case .quadratureNeedsSingleScalarTerm(let s):
            "adaptive Gauss-Hermite quadrature (nAGQ > 1) needs a single scalar random-effects term: \(s)"
        case .invalidArgument(let s): s
        case .pirlsFailed(let s): "PIRLS failed: \(s)"
        case .glmFailed(let s): "GLM fit for starting values failed: \(s)"
        case .numerical(let s): "numerical failure: \(s)"
        }
    }
}
