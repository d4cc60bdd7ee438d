import Foundation
import JuliaRandom

extension GeneralizedLinearMixedModel {
    /// Checks and completes β and θ for a simulation: each defaults to the model's estimate. β may have one entry
    /// per coefficient (`coef` order; dropped columns ignored) or per estimable coefficient (`fixef` order). These
    /// families have no dispersion, so σ must not be given. Returns β on the full-rank, pivoted columns.
    func simulationParameters(beta: [Double]?, sigma: Double?, theta: [Double]?) throws
        -> (beta: [Double], theta: [Double]) {
        guard sigma == nil else {
            throw InferenceError("You must not specify a dispersion parameter for model families without a "
                                 + "dispersion parameter (\(family.juliaName) has none)")
        }
        var pivoted = fullRankBeta
        if let beta {
            if beta.count == modelFrame.fixedEffectCount {
                pivoted = modelFrame.pivot.prefix(rank).map { beta[$0] }
            } else if beta.count == rank {
                pivoted = beta
            } else {
                throw InferenceError("You must specify all (non-singular) βs: β has \(beta.count) values, the model "
                                     + "\(modelFrame.fixedEffectCount) coefficients (\(rank) estimable)")
            }
        }
        let theta = theta ?? self.theta
        guard theta.count == self.theta.count else {
            throw InferenceError("θ has \(theta.count) values; the model has \(self.theta.count)")
        }
        guard pivoted.allSatisfy(\.isFinite), theta.allSatisfy(\.isFinite) else {
            throw InferenceError("β and θ must be finite")
        }
        if family == .binomial, let row = priorWeights.firstIndex(where: { $0 != $0.rounded() }) {
            throw InferenceError("simulating a binomial response needs whole numbers of trials as weights; row "
                                 + "\(row + 1) has \(priorWeights[row])")
        }
        return (pivoted, theta)
    }

    /// MixedModels.jl's `simulate(rng, m; β, θ)` for a GLMM: a response drawn from the model at the given
    /// parameters (by default the estimates). Julia's order: for each random-effects term a `v × levels` matrix of
    /// `randn` scaled by λ(θ), η = Zb + Xβ, μ = g⁻¹(η) (no offset, as MixedModels.jl), then one draw per
    /// observation from the family at μ (binomial: successes out of the weight, as a proportion).
    public func simulate(using rng: any JuliaRNG, beta: [Double]? = nil, sigma: Double? = nil,
                         theta: [Double]? = nil) throws -> [Double] {
        let parameters = try simulationParameters(beta: beta, sigma: sigma, theta: theta)
        var y = [Double](repeating: 0, count: nobs)
        var effects: [Double] = []
        simulate(into: &y, effects: &effects, using: rng, beta: parameters.beta, theta: parameters.theta,
                 includeOffset: false)
        return y
    }

    /// The simulation proper, into reusable buffers. `includeOffset`: the in-place form (`simulate!(rng, m)`)
    /// goes through the response's μ update, which adds the offset; the vector form does not.
    func simulate(into y: inout [Double], effects: inout [Double], using rng: any JuliaRNG, beta: [Double],
                  theta: [Double], includeOffset: Bool) {
        let design = GLMMSimulationDesign(terms: modelFrame.randomEffectsTerms, fullRankX: fullRankX,
                                          family: family, link: link, weights: priorWeights,
                                          offsets: includeOffset ? offsets : [])
        design.draw(into: &y, effects: &effects, using: rng, beta: beta, theta: theta)
    }

    /// MixedModels.jl's `simulate!(rng, m; β, θ)`: replaces the response by one simulated from the model; the
    /// model is then unfitted until `fit` (or `refit`).
    @discardableResult
    public func simulateResponse(using rng: any JuliaRNG, beta: [Double]? = nil, sigma: Double? = nil,
                                 theta: [Double]? = nil) throws -> GeneralizedLinearMixedModel {
        let parameters = try simulationParameters(beta: beta, sigma: sigma, theta: theta)
        var y = [Double](repeating: 0, count: nobs)
        var effects: [Double] = []
        simulate(into: &y, effects: &effects, using: rng, beta: parameters.beta, theta: parameters.theta,
                 includeOffset: true)
        try replaceResponse(y)
        return self
    }

    /// Installs a new response of the same length: β's starting values become the GLM fit to it, and the model is
    /// unfitted (its conditional modes at zero) until the next fit.
    public func replaceResponse(_ y: [Double]) throws {
        guard y.count == nobs else {
            throw InferenceError("the new response has \(y.count) values; the model has \(nobs) observations")
        }
        try family.validate(response: y, weights: priorWeights.isEmpty ? [Double](repeating: 1, count: nobs)
                                                                      : priorWeights)
        response.replaceObservations(y)
        startingBeta = try GLMFit.fit(x: fullRankX, columns: rank, response: &response)
        setBeta(startingBeta[...])
        for k in sphericalEffects.indices { sphericalEffects[k] = 0 }
        optimizationSummary = GLMMOptimizationSummary()
        try updatingDeviance()
    }

    /// MixedModels.jl's `refit!(m, y; fast, nAGQ)`: installs the response `y` and fits again, by default as the
    /// last fit did (fast or not, the same nAGQ). Every fit starts from the GLM's β for the response in place.
    @discardableResult
    public func refit(response y: [Double], fast: Bool? = nil, nAGQ: Int? = nil, control: FitControl? = nil) throws
        -> GeneralizedLinearMixedModel {
        let previous = optimizationSummary
        try replaceResponse(y)
        return try fit(fast: fast ?? previous.fast, nAGQ: nAGQ ?? previous.nAGQ, control: control)
    }

    /// `refit!(m)`: fits again, by default as the last fit did.
    @discardableResult
    public func refit(fast: Bool? = nil, nAGQ: Int? = nil, control: FitControl? = nil) throws
        -> GeneralizedLinearMixedModel {
        try fit(fast: fast ?? optimizationSummary.fast, nAGQ: nAGQ ?? optimizationSummary.nAGQ, control: control)
    }

    /// An independent, unfitted model with the same design and the current response (one per bootstrap worker).
    public func copy() throws -> GeneralizedLinearMixedModel {
        var frame = modelFrame
        frame.y = response.y
        return try GeneralizedLinearMixedModel(modelFrame: frame, formula: formulaDescription, family: family,
                                               link: link, weights: priorWeights, offset: offsets)
    }
}

/// What a GLMM response is simulated from: the random-effects terms, the full-rank fixed-effects columns, the
/// family, link, prior weights (binomial trials) and offsets (empty when none).
struct GLMMSimulationDesign {
    var terms: [RandomEffectsTerm]
    /// n × rank, column-major, in β's (pivoted) order.
    var fullRankX: [Double]
    var family: Family
    var link: Link
    var weights: [Double]
    var offsets: [Double]

    /// Julia's order: the random effects term by term (`randn` scaled by λ(θ)), η = Zb + Xβ (+ offset), then one
    /// draw per observation from the family at μ = g⁻¹(η) (binomial: successes over trials, as a proportion).
    func draw(into y: inout [Double], effects: inout [Double], using rng: any JuliaRNG, beta: [Double],
              theta: [Double]) {
        let n = y.count
        for o in 0..<n { y[o] = 0 }
        addUnscaledRandomEffects(to: &y, terms: terms, theta: theta, using: rng, effects: &effects)
        for (c, value) in beta.enumerated() {
            for o in 0..<n { y[o] += fullRankX[o + c * n] * value }
        }
        for o in 0..<n {
            let mu = link.linkinv(offsets.isEmpty ? y[o] : y[o] + offsets[o])
            switch family {
            case .bernoulli:
                y[o] = Double(DiscreteSamplers.bernoulli(rng, mu))
            case .binomial:
                let trials = weights.isEmpty ? 1 : weights[o]
                y[o] = Double(DiscreteSamplers.binomial(rng, Int(trials), mu)) / trials
            case .poisson:
                y[o] = Double(DiscreteSamplers.poisson(rng, mu))
            }
        }
    }
}

extension GLMResponse {
    /// Replaces y (same length); η, μ and the working quantities are recomputed by the next update.
    mutating func replaceObservations(_ newY: [Double]) {
        y = newY
        isBinary = newY.allSatisfy { $0 == 0 || $0 == 1 }
    }
}
