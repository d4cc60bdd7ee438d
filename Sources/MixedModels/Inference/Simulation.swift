import JuliaRandom

/// The parameters a response is simulated from: β in coefficient order (or the estimable ones only), σ and θ.
struct SimulationParameters {
    /// β on the columns of X, one per coefficient (a dropped column gets 0).
    var beta: [Double]
    var sigma: Double
    var theta: [Double]
}

extension LinearMixedModel {
    /// Checks and completes `β`, `σ`, `θ` for a simulation: each defaults to the model's estimate; β may have one
    /// entry per coefficient or per estimable coefficient (MixedModels.jl's "all (non-singular) βs").
    func simulationParameters(beta: [Double]?, sigma: Double?, theta: [Double]?) throws -> SimulationParameters {
        var full = coef.map { $0 == 0 ? 0 : $0 }
        if let beta {
            if beta.count == frame.fixedEffectCount {
                full = beta
            } else if beta.count == frame.rank {
                full = [Double](repeating: 0, count: frame.fixedEffectCount)
                for (t, column) in frame.pivot.prefix(frame.rank).enumerated() { full[column] = beta[t] }
            } else {
                throw InferenceError("You must specify all (non-singular) βs: β has \(beta.count) values, the model "
                                     + "\(frame.fixedEffectCount) coefficients (\(frame.rank) estimable)")
            }
        }
        let theta = theta ?? self.theta
        guard theta.count == self.theta.count else {
            throw InferenceError("θ has \(theta.count) values; the model has \(self.theta.count)")
        }
        let sigma = sigma ?? self.sigma
        guard sigma.isFinite, sigma >= 0 else { throw InferenceError("σ must be a finite non-negative number, got \(sigma)") }
        guard full.allSatisfy(\.isFinite), theta.allSatisfy(\.isFinite) else {
            throw InferenceError("β and θ must be finite")
        }
        return SimulationParameters(beta: full, sigma: sigma, theta: theta)
    }

    /// MixedModels.jl's `simulate(rng, m; β, σ, θ)`: a response drawn from the model at the given parameters (by
    /// default the estimates). The draws are Julia's, in its order: `randn!` for the n scaled residuals, then
    /// for each random-effects term a `v × levels` matrix of `randn` scaled by λ(θ); finally y = Xβ + σ y.
    public func simulate(using rng: any JuliaRNG, beta: [Double]? = nil, sigma: Double? = nil,
                         theta: [Double]? = nil) throws -> [Double] {
        let parameters = try simulationParameters(beta: beta, sigma: sigma, theta: theta)
        var y = [Double](repeating: 0, count: nobs)
        var effects: [Double] = []
        simulate(into: &y, effects: &effects, using: rng, parameters, inPlace: false)
        return y
    }

    /// The simulation proper, into reusable buffers (`effects` is scratch for one term's random effects).
    /// `inPlace`: MixedModels.jl's `simulate!(rng, m)` draws into the model's response, a view, for which Julia's
    /// `randn!` takes one `randn` per element; a new vector (`simulate(rng, m)`) is filled by the bulk `randn!`
    /// of an `Array`, which consumes the stream differently once a draw is rejected.
    func simulate(into y: inout [Double], effects: inout [Double], using rng: any JuliaRNG,
                  _ parameters: SimulationParameters, inPlace: Bool) {
        let n = nobs
        if inPlace {
            for o in 0..<n { y[o] = rng.randn() }
        } else {
            y.withUnsafeMutableBufferPointer { rng.randn(fill: $0) }
        }
        addUnscaledRandomEffects(to: &y, terms: frame.randomEffectsTerms, theta: parameters.theta, using: rng,
                                 effects: &effects)
        for o in 0..<n { y[o] *= parameters.sigma }
        for (c, value) in parameters.beta.enumerated() where value != 0 {
            for o in 0..<n { y[o] += frame.x[o + c * n] * value }
        }
    }

    /// MixedModels.jl's `simulate!(rng, m; β, σ, θ)`: replaces the response by a simulated one; the model is
    /// then unfitted until `fit` (or use `refit(response:)`).
    @discardableResult
    public func simulateResponse(using rng: any JuliaRNG, beta: [Double]? = nil, sigma: Double? = nil,
                                 theta: [Double]? = nil) throws -> LinearMixedModel {
        let parameters = try simulationParameters(beta: beta, sigma: sigma, theta: theta)
        var y = [Double](repeating: 0, count: nobs)
        var effects: [Double] = []
        simulate(into: &y, effects: &effects, using: rng, parameters, inPlace: true)
        try replaceResponse(y)
        return self
    }

    /// Installs a new response of the same length (the model is unfitted afterwards).
    func replaceResponse(_ y: [Double]) throws {
        guard y.count == nobs else {
            throw InferenceError("the new response has \(y.count) values; the model has \(nobs) observations")
        }
        if let row = y.firstIndex(where: { !$0.isFinite }) {
            throw MixedModelError.nonFiniteValue(column: "response", row: row)
        }
        frame.y = y
        y.withUnsafeBufferPointer { system.setResponse($0) }
        system.updateA()
        isFitted = false
    }

    /// MixedModels.jl's `refit!(m, y; REML)`: installs the response `y` and fits again, by default with the same
    /// criterion. `control` reports progress and can cancel the fit, as for `fit`.
    @discardableResult
    public func refit(response y: [Double], reml: Bool? = nil, thin: Int = .max,
                      control: FitControl? = nil) throws -> LinearMixedModel {
        try replaceResponse(y)
        return try fit(reml: reml ?? optsum.reml, control: control, thin: thin)
    }

    /// `refit!(m; REML)`: fits again from the starting values, by default with the same criterion.
    @discardableResult
    public func refit(reml: Bool? = nil, thin: Int = .max, control: FitControl? = nil) throws -> LinearMixedModel {
        try fit(reml: reml ?? optsum.reml, control: control, thin: thin)
    }

    /// An independent model with the same frame and response, unfitted (one per bootstrap worker).
    public func copy() throws -> LinearMixedModel {
        let copy = try LinearMixedModel(frame: frame, formulaText: formulaText)
        copy.optsum.reml = optsum.reml
        return copy
    }
}

/// MixedModels.jl's `unscaledre!` for every term in turn: a `v × levels` matrix of `randn` per term, multiplied by
/// λ(θ), added to `y` through Z. `effects` is scratch for one term's random effects.
func addUnscaledRandomEffects(to y: inout [Double], terms: [RandomEffectsTerm], theta: [Double],
                              using rng: any JuliaRNG, effects: inout [Double]) {
    let n = y.count
    var offset = 0
    for term in terms {
        let v = term.vsize
        let lambda = lambdaMatrix(term, theta: theta, offset: offset)
        offset += term.lambdaIndices.count
        let count = v * term.levelCount
        if effects.count < count { effects = [Double](repeating: 0, count: count) }
        effects.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            rng.randn(fill: UnsafeMutableBufferPointer(start: base, count: count))
            // b = λ B, column by column (λ lower triangular, so rows from the bottom up).
            for level in 0..<term.levelCount {
                let column = base + level * v
                for r in stride(from: v - 1, through: 0, by: -1) {
                    var s = 0.0
                    for k in 0...r { s += lambda[r + k * v] * column[k] }
                    column[r] = s
                }
            }
            for o in 0..<n {
                let b = base + Int(term.refs[o]) * v
                for e in 0..<v { y[o] += term.z[o * v + e] * b[e] }
            }
        }
    }
}

/// λ (v × v, column-major, lower triangular) of `term` at θ, whose entries for the term start at `offset`.
func lambdaMatrix(_ term: RandomEffectsTerm, theta: [Double], offset: Int) -> [Double] {
    var lambda = [Double](repeating: 0, count: term.vsize * term.vsize)
    for (e, index) in term.lambdaIndices.enumerated() { lambda[index] = theta[offset + e] }
    return lambda
}
