/// What comparing fitted models needs to know of each: the facts MixedModels.jl's `_iscomparable` and
/// `isnested` read, taken from a linear or a generalized model.
public struct ComparedModel: Sendable {
    /// The formula as printed.
    public var formula: String
    public var dof: Int
    /// The objective: −2 log L (ML), the REML criterion, or a GLMM's deviance.
    public var objective: Double
    public var loglikelihood: Double?
    public var nobs: Int
    public var response: [Double]
    /// `true`/`false` for a linear model fit by REML/ML; nil for a generalized model.
    public var reml: Bool?
    /// For a generalized model, `Distribution` and `Link` as Julia names them.
    public var family: String?
    public var link: String?
    public var coefnames: [String]
    /// The grouping factors with their random-effects column names.
    public var reterms: [(grouping: String, columns: [String])]

    public var isLinear: Bool { reml != nil }
}

extension LinearMixedModel {
    /// This model as a likelihood-ratio test sees it.
    public var compared: ComparedModel {
        ComparedModel(formula: formulaText, dof: dof, objective: objective,
                      loglikelihood: isREML ? nil : -objective / 2, nobs: nobs, response: frame.y, reml: isREML,
                      family: nil, link: nil, coefnames: coefnames,
                      reterms: frame.randomEffectsTerms.map { ($0.groupingName, $0.columnNames) })
    }
}

extension GeneralizedLinearMixedModel {
    /// This model as a likelihood-ratio test sees it.
    public var compared: ComparedModel {
        ComparedModel(formula: formulaDescription, dof: dof, objective: deviance, loglikelihood: loglikelihood(),
                      nobs: nobs, response: y, reml: nil, family: family.juliaName, link: link.juliaName,
                      coefnames: coefnames,
                      reterms: modelFrame.randomEffectsTerms.map { ($0.groupingName, $0.columnNames) })
    }
}

/// The reasons MixedModels.jl (and StatsModels' `lrtest`) give for refusing to compare models.
public struct ModelComparisonError: Error, CustomStringConvertible, Equatable, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }

    static let notComparable = ModelComparisonError(
        "Models are not comparable: are the objectives, data and, where appropriate, the link and family the same?")
}

/// MixedModels.jl's `_iscomparable`, plus the identity of the response: the models must share the objective
/// (all ML or all REML; REML only with identical fixed effects), the data, and for GLMMs the family and link.
func checkComparable(_ models: [ComparedModel]) throws {
    guard models.count >= 2 else {
        throw ModelComparisonError("At least two models are needed to perform a likelihood-ratio test")
    }
    let first = models[0]
    guard models.allSatisfy({ $0.isLinear == first.isLinear }) else {
        throw ModelComparisonError.notComparable
    }
    if first.isLinear {
        guard models.allSatisfy({ $0.reml == first.reml }) else {
            throw ModelComparisonError("Models must all be fit with the same objective (i.e. all ML or all REML)")
        }
        if first.reml == true && !models.allSatisfy({ $0.coefnames == first.coefnames }) {
            throw ModelComparisonError("Likelihood-ratio tests for REML-fitted models are only valid when the "
                                       + "fixed-effects specifications are identical")
        }
    } else {
        guard models.allSatisfy({ $0.family == first.family }) else {
            throw ModelComparisonError("Models must be fit to the same distribution")
        }
        guard models.allSatisfy({ $0.link == first.link }) else {
            throw ModelComparisonError("Models must have the same link function")
        }
    }
    guard models.allSatisfy({ $0.nobs == first.nobs }) else {
        throw ModelComparisonError("Models must have the same number of observations")
    }
    guard models.allSatisfy({ $0.response == first.response }) else { throw ModelComparisonError.notComparable }
}

/// MixedModels.jl's `isnested(m1, m2)`: the fixed effects of `m1` are among those of `m2`, and each grouping
/// factor of `m1` occurs in `m2` with (at least) the same random-effects columns.
public func isnested(_ m1: ComparedModel, _ m2: ComparedModel) -> Bool {
    guard (try? checkComparable([m1, m2])) != nil else { return false }
    guard m1.coefnames.allSatisfy(m2.coefnames.contains) else { return false }
    let outer = Dictionary(m2.reterms.map { ($0.grouping, $0.columns) }, uniquingKeysWith: { a, _ in a })
    return m1.reterms.allSatisfy { term in
        guard let columns = outer[term.grouping] else { return false }
        return term.columns.allSatisfy(columns.contains)
    }
}
