import DataTables
import JuliaRandom

/// The model frame of `newdata` for a simulation from a model fit to `fitted` (from `data`): built on the new rows
/// alone (the response column must be present, with any numeric values), as MixedModels.jl builds a new model, but
/// with the fit's fixed-effects columns: when a categorical predictor lacks some of the fit's levels there, X is
/// taken from the new rows coded as in the fit.
private func newDataFrame(_ formula: Formula, newdata: DataTable, data: DataTable,
                          contrasts: [String: ContrastCoding], fitted: ModelFrame) throws -> ModelFrame {
    for name in formula.response.variables where newdata[name] == nil {
        throw InferenceError("Response column :\(name) must be present in newdata, initialized to a non-missing "
                             + "numeric value (it is overwritten by the simulation)")
    }
    var frame = try modelFrame(formula, data: newdata, contrasts: contrasts)
    guard frame.coefficientNames != fitted.coefficientNames else { return frame }
    let (combined, newRows) = try LinearMixedModel.stackedFrame(frame: fitted, newdata: newdata, data: data,
                                                                formula: formula, contrasts: contrasts)
    let index = Dictionary(uniqueKeysWithValues: newRows.map { ($0.row, $0.index) })
    let n = frame.observationCount, m = combined.observationCount, p = combined.fixedEffectCount
    var x = [Double](repeating: 0, count: n * p)
    for (o, row) in frame.rowsUsed.enumerated() {
        guard let i = index[row] else { throw InferenceError("row \(row + 1) of newdata has a missing predictor") }
        for c in 0..<p { x[o + c * n] = combined.x[i + c * m] }
    }
    frame.x = x
    frame.coefficientNames = combined.coefficientNames
    frame.rank = combined.rank
    frame.pivot = combined.pivot
    return frame
}

extension LinearMixedModel {
    /// MixedModels.jl's `simulate(rng, m, newdata; β, σ, θ)`: a new model is built on `newdata` (with `formula`
    /// and `contrasts`, as the fit was) and its response simulated in place at this model's parameters (by default
    /// its estimates), one `randn` per observation as Julia draws into a model's response.
    public func simulate(using rng: any JuliaRNG, newdata: DataTable, data: DataTable, formula: Formula,
                         contrasts: [String: ContrastCoding] = [:], beta: [Double]? = nil, sigma: Double? = nil,
                         theta: [Double]? = nil) throws -> [Double] {
        let frame = try newDataFrame(formula, newdata: newdata, data: data, contrasts: contrasts, fitted: self.frame)
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
    public func simulate(using rng: any JuliaRNG, newdata: DataTable, data: DataTable, formula: Formula,
                         contrasts: [String: ContrastCoding] = [:], beta: [Double]? = nil, sigma: Double? = nil,
                         theta: [Double]? = nil) throws -> [Double] {
        let parameters = try simulationParameters(beta: beta, sigma: sigma, theta: theta)
        let frame = try newDataFrame(formula, newdata: newdata, data: data, contrasts: contrasts, fitted: modelFrame)
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
