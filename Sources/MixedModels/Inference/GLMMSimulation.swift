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

    /// MixedModels.jl's `simulate!(rng, m; β, θ)`: replaces the response by one simulated from the model at
    /// (β, θ) (by default the model's current values). As in Julia, a given θ is installed in the model, and so is
    /// a given β when the model holds a fit on [β; θ] (not after a `fast` fit nor when unfitted); the model then
    /// keeps its β, θ and conditional modes, unfitted (`unfit!`), so that a second `simulate!` draws from the
    /// same parameters and `refit` starts from them.
    @discardableResult
    public func simulateResponse(using rng: any JuliaRNG, beta: [Double]? = nil, sigma: Double? = nil,
                                 theta: [Double]? = nil) throws -> GeneralizedLinearMixedModel {
        let parameters = try simulationParameters(beta: beta, sigma: sigma, theta: theta)
        var y = [Double](repeating: 0, count: nobs)
        var effects: [Double] = []
        simulate(into: &y, effects: &effects, using: rng, beta: parameters.beta, theta: parameters.theta,
                 includeOffset: true)
        if theta != nil { setTheta(parameters.theta[...]) }
        if beta != nil, optimizationSummary.isFitted, !optimizationSummary.fast { setBeta(parameters.beta[...]) }
        try replaceResponse(y)
        return self
    }

    /// The prior weights, or ones when none were given.
    private var trials: [Double] {
        priorWeights.isEmpty ? [Double](repeating: 1, count: nobs) : priorWeights
    }

    /// Installs a new response of the same length keeping β, θ and the conditional modes, and marks the model
    /// unfitted (MixedModels.jl's `copyto!(m.resp.y, y)` then `unfit!(m)`): the next fit starts from the current
    /// parameters, with the last fit's nAGQ.
    public func replaceResponse(_ y: [Double]) throws {
        try installObservations(y)
        unfit()
        try updatingDeviance()
    }

    /// Checks a new response against the model and family and puts it in place of the old one.
    private func installObservations(_ y: [Double]) throws {
        guard y.count == nobs else {
            throw InferenceError("the new response has \(y.count) values; the model has \(nobs) observations")
        }
        try family.validate(response: y, weights: trials)
        response.replaceObservations(y)
    }

    /// MixedModels.jl's `unfit!`: the model is no longer fitted, but keeps its parameters and the last fit's
    /// nAGQ (which `refit` reuses).
    func unfit() {
        var summary = GLMMOptimizationSummary()
        summary.nAGQ = optimizationSummary.nAGQ
        optimizationSummary = summary
    }

    /// Installs a new response and the starting values of a first fit: β from the GLM fit to it, θ at its
    /// initial values, u = 0. The bootstrap refits from here, so that a replicate does not depend on the one
    /// refit before it on the same worker.
    func resetResponse(_ y: [Double]) throws {
        try installObservations(y)
        try resetToStartingValues()
    }

    /// β from the GLM fit to the current response, θ at its initial values, u = 0, unfitted.
    func resetToStartingValues() throws {
        startingBeta = try GLMFit.fit(x: fullRankX, columns: rank, rows: system.paddedRows, response: &response)
        setBeta(startingBeta[...])
        setTheta(initialTheta[...])
        for k in sphericalEffects.indices { sphericalEffects[k] = 0 }
        unfit()
        try updatingDeviance()
    }

    /// The default `fast` of `refit!` in MixedModels.jl: `length(m.θ) == length(m.optsum.final)`, true unless
    /// the model holds a fit on [β; θ]. After `simulate!` (which unfits) it is therefore true.
    var refitIsFast: Bool { !optimizationSummary.isFitted || optimizationSummary.fast }

    /// MixedModels.jl's `refit!(m, y; fast, nAGQ)`: installs the response `y` and fits again from the current β
    /// and θ. `fast` and `nAGQ` default as in Julia: nAGQ from the last fit, `fast` from the state before `y`
    /// is installed (`refitIsFast`).
    @discardableResult
    public func refit(response y: [Double], fast: Bool? = nil, nAGQ: Int? = nil, control: FitControl? = nil) throws
        -> GeneralizedLinearMixedModel {
        let fast = fast ?? refitIsFast, nAGQ = nAGQ ?? optimizationSummary.nAGQ
        try replaceResponse(y)
        return try fit(fast: fast, nAGQ: nAGQ, control: control)
    }

    /// `refit!(m; fast, nAGQ)`: fits again from the current β and θ (`fit!(unfit!(m))`); a cancelled or failed
    /// refit leaves a previous fit in place.
    @discardableResult
    public func refit(fast: Bool? = nil, nAGQ: Int? = nil, control: FitControl? = nil) throws
        -> GeneralizedLinearMixedModel {
        try fit(fast: fast ?? refitIsFast, nAGQ: nAGQ ?? optimizationSummary.nAGQ, control: control,
                fromCurrentValues: true)
    }

    /// The bootstrap's refit of one replicate: the response `y`, fit from the starting values of a first fit.
    func refitFromStart(response y: [Double], fast: Bool, nAGQ: Int, control: FitControl?) throws {
        try resetResponse(y)
        try fit(fast: fast, nAGQ: nAGQ, control: control)
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
