/// Problems with a mixed model's data or use: each names its cause.
public enum MixedModelError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The model has no observations left to fit.
    case noObservations
    /// The formula has no random-effects term.
    case noRandomEffects
    /// A grouping factor has at least as many levels as there are observations (lme4's check).
    case tooManyLevels(groupingFactor: String, levels: Int, observations: Int)
    /// NaN or ±Inf in a used column (the response, a fixed-effects column or a random-effects column).
    case nonFiniteValue(column: String, row: Int)
    /// Every value of the response is the same.
    case constantResponse(value: Double)
    /// An extractor that needs a fitted model was called before `fit`.
    case notFitted(String)
    /// The log-likelihood is not defined for a REML fit.
    case remlLogLikelihood(String)
    /// A dimension of the model frame does not match the others.
    case inconsistentFrame(String)
    /// The optimizer stopped with an error.
    case optimizationFailed(String)
    /// An argument or setting out of its domain (a θ of the wrong length, an unknown optimizer).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .noObservations:
            return "the model has no observations (after dropping rows with missing values)"
        case .noRandomEffects:
            return "no random effects terms specified in formula"
        case .tooManyLevels(let name, let levels, let n):
            return "number of levels of each grouping factor must be < number of observations (problems: \(name) "
                + "has \(levels) levels for \(n) observations)"
        case .nonFiniteValue(let column, let row):
            return "column \(column) has a NaN or infinite value in observation \(row + 1)"
        case .constantResponse(let value):
            return "the response is constant (every value is \(value)): its variance cannot be estimated"
        case .notFitted(let what):
            return "\(what) needs a fitted model: call fit first"
        case .remlLogLikelihood(let what):
            return "\(what) is not defined for a model fit by REML; refit with REML=false"
        case .inconsistentFrame(let detail):
            return "inconsistent model frame: \(detail)"
        case .optimizationFailed(let detail):
            return "optimization failed: \(detail)"
        case .invalidArgument(let detail):
            return detail
        }
    }
}
