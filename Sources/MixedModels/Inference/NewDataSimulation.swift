import DataTables
import JuliaRandom

/// The model frame of `newdata` for a simulation from a fitted model: built afresh from the formula (the response
/// column must be present, with any numeric values), and checked to give the fit's fixed-effects columns.
private func newDataFrame(_ formula: Formula, newdata: DataTable, contrasts: [String: ContrastCoding],
                          fitted: ModelFrame) throws -> ModelFrame {
    for name in formula.response.variables where newdata[name] == nil {
        throw InferenceError("Response column :\(name) must be present in newdata, initialized to a non-missing "
                             + "numeric value (it is overwritten by the simulation)")
    }
    let frame = try modelFrame(formula, data: newdata, contrasts: contrasts)
    guard frame.coefficientNames == fitted.coefficientNames, frame.rank == fitted.rank else {
        throw InferenceError("newdata give the fixed effects other columns (\(frame.coefficientNames.joined(separator: ", "))) "
                             + "than the fit (\(fitted.coefficientNames.joined(separator: ", ")))")
    }
    return frame
}

extension LinearMixedModel {
    /// MixedModels.jl's `simulate(rng, m, newdata; β, σ, θ)`: a new model is built on `newdata` (with `formula`
    /// and `contrasts`, as the fit was) and its response simulated in place at this model's parameters (by default
    /// its estimates), one `randn` per observation as Julia draws into a model's response.
    public func simulate(using rng: any JuliaRNG, newdata: DataTable, formula: Formula,
                         contrasts: [String: ContrastCoding] = [:], beta: [Double]? = nil, sigma: Double? = nil,
                         theta: [Double]? = nil) throws -> [Double] {
        let frame = try newDataFrame(formula, newdata: newdata, contrasts: contrasts, fitted: self.frame)
        let model = try LinearMixedModel(frame: frame, formulaText: formulaText)
        let parameters = try model.simulationParameters(beta: beta ?? fixef, sigma: sigma ?? self.sigma,
                                                        theta: theta ?? self.theta)
        var y = [Double](repeating: 0, count: model.nobs)
        var effects: [Double] = []
        model.simulate(into: &y, effects: &effects, using: rng, parameters, inPlace: true)
        return y
    }
}

extension GeneralizedLinearMixedModel {
    /// MixedModels.jl's `simulate(rng, m, newdata; β, θ)` for a GLMM: the design is built on `newdata` without
    /// weights or offsets (a binomial model becomes Bernoulli there, as in MixedModels.jl's constructor) and a
    /// response drawn at this model's parameters (by default its estimates).
    public func simulate(using rng: any JuliaRNG, newdata: DataTable, formula: Formula,
                         contrasts: [String: ContrastCoding] = [:], beta: [Double]? = nil, sigma: Double? = nil,
                         theta: [Double]? = nil) throws -> [Double] {
        let parameters = try simulationParameters(beta: beta, sigma: sigma, theta: theta)
        let frame = try newDataFrame(formula, newdata: newdata, contrasts: contrasts, fitted: modelFrame)
        let n = frame.observationCount
        var x = [Double]()
        x.reserveCapacity(n * frame.rank)
        for j in frame.pivot.prefix(frame.rank) { x.append(contentsOf: frame.x[(j * n)..<((j + 1) * n)]) }
        let design = GLMMSimulationDesign(terms: frame.randomEffectsTerms, fullRankX: x,
                                          family: family == .binomial ? .bernoulli : family, link: link,
                                          weights: [], offsets: [])
        var y = [Double](repeating: 0, count: n)
        var effects: [Double] = []
        design.draw(into: &y, effects: &effects, using: rng, beta: parameters.beta, theta: parameters.theta)
        return y
    }
}
