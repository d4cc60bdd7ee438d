import TextDisplay

/// The result of MixedModels.jl's `likelihoodratiotest(m1, m2, …)`: the models ordered by degrees of freedom,
/// and for each after the first the χ² statistic (the drop in objective), its degrees of freedom and p-value.
public struct LikelihoodRatioTest: CustomStringConvertible, Sendable {
    public var formulas: [String]
    public var dof: [Int]
    /// The objective of each model: −2 log L for linear models (the REML criterion for REML fits), the
    /// deviance for generalized ones.
    public var deviance: [Double]
    public var dofdiff: [Int]
    public var deviancediff: [Double]
    /// P(χ²(dofdiff) > deviancediff), NaN where the deviance did not drop.
    public var pvalues: [Double]
    /// Whether the models are linear (the table then says `-2 logLik`).
    public var linear: Bool

    /// Compares nested fitted models as MixedModels.jl does: they must share the objective (all ML or all REML;
    /// REML only with the same fixed effects), the data, and for GLMMs family and link. Models are sorted by
    /// degrees of freedom (stably); nesting of the random effects is the caller's responsibility, as in Julia.
    public init(_ models: [ComparedModel]) throws {
        try checkComparable(models)
        let order = models.indices.sorted { (models[$0].dof, $0) < (models[$1].dof, $1) }
        let sorted = order.map { models[$0] }
        formulas = sorted.map(\.formula)
        dof = sorted.map(\.dof)
        deviance = sorted.map(\.objective)
        dofdiff = zip(dof.dropFirst(), dof).map { $0 - $1 }
        deviancediff = zip(deviance, deviance.dropFirst()).map { $0 - $1 }
        pvalues = zip(dofdiff, deviancediff).map { df, dev in
            dev > 0 ? Distributions.chisqccdf(Double(df), dev) : .nan
        }
        linear = sorted[0].isLinear
    }

    public var description: String {
        LikelihoodRatioTestDisplay.mixedModels(formulas: formulas, dof: dof, deviance: deviance, linear: linear,
                                               dofdiff: dofdiff, deviancediff: deviancediff, pvalues: pvalues)
    }
}

/// The result of StatsModels' `lrtest(m1, m2, …)`: models in the order given, each nested in the next (or each
/// next nested in it), with log-likelihoods, deviances and the p-value of each step.
public struct LRTestResult: CustomStringConvertible, Sendable {
    public var nobs: Int
    public var dof: [Int]
    public var loglikelihood: [Double]
    public var deviance: [Double]
    /// NaN for the first model, then P(χ²(|Δdof|) > 2|Δ log L|).
    public var pval: [Double]

    /// StatsModels' checks: at least two models, the same observations, strictly increasing (or decreasing)
    /// degrees of freedom with each model nested in the larger one, and a deviance that drops as they grow.
    public init(_ models: [ComparedModel]) throws {
        guard models.count >= 2 else {
            throw ModelComparisonError("At least two models are needed to perform LR test")
        }
        guard models.allSatisfy({ $0.nobs == models[0].nobs }) else {
            throw ModelComparisonError("LR test is only valid for models fitted on the same data, "
                                       + "but number of observations differ")
        }
        let forward = models[0].dof <= models[1].dof
        for i in 1..<models.count {
            let (small, large) = forward ? (models[i - 1], models[i]) : (models[i], models[i - 1])
            guard small.dof < large.dof, isnested(small, large) else {
                throw ModelComparisonError("LR test is only valid for nested models")
            }
        }
        var logliks: [Double] = []
        for m in models {
            guard let l = m.loglikelihood else {
                throw ModelComparisonError("lrtest needs log-likelihoods: refit the REML models with REML=false")
            }
            logliks.append(l)
        }
        let steps = zip(logliks, logliks.dropFirst()).map { $1 - $0 }
        if (forward && steps.contains { $0 < 0 }) || (!forward && steps.contains { $0 > 0 }) {
            throw ModelComparisonError("Residual deviance must be strictly lower in models with more degrees of "
                                       + "freedom")
        }
        nobs = models[0].nobs
        dof = models.map(\.dof)
        loglikelihood = logliks
        deviance = models.map(\.objective)
        pval = [.nan] + zip(zip(dof, dof.dropFirst()), steps).map { d, step in
            Distributions.chisqccdf(Double(abs(d.1 - d.0)), 2 * abs(step))
        }
    }

    public var description: String {
        LikelihoodRatioTestDisplay.statsModels(nobs: nobs, dof: dof, loglikelihood: loglikelihood,
                                               deviance: deviance, pvalues: pval)
    }
}
