import Foundation

extension GeneralizedLinearMixedModel {
    /// η = Xβ + offset + ZΛu, and the response quantities that follow from it. Works in place.
    func updateLinearPredictor() {
        let n = response.count
        response.eta.withUnsafeMutableBufferPointer { eta in
        fixedPredictor.withUnsafeBufferPointer { fixed in
        sphericalEffects.withUnsafeBufferPointer { u in
        system.rawTerms.withUnsafeBufferPointer { terms in
            // Each η is its own sum: on large data two cores take half the observations each.
            func update(_ range: Range<Int>) {
                // One or two scalar terms (random intercepts, nested or crossed) in one pass: the same sums in the
                // same order as term by term.
                if (1...2).contains(terms.count) && terms.allSatisfy({ $0.vsize == 1 }) {
                    let s1 = terms[0].scaledZ, r1 = terms[0].refs, u1 = u.baseAddress! + terms[0].offset
                    if terms.count == 1 {
                        for i in range { eta[i] = fixed[i] + s1[i] * u1[Int(r1[i])] }
                        return
                    }
                    let s2 = terms[1].scaledZ, r2 = terms[1].refs, u2 = u.baseAddress! + terms[1].offset
                    for i in range { eta[i] = fixed[i] + s1[i] * u1[Int(r1[i])] + s2[i] * u2[Int(r2[i])] }
                    return
                }
                for i in range { eta[i] = fixed[i] }
                for term in terms {
                    let v = term.vsize, base = term.offset
                    let s = term.scaledZ, refs = term.refs
                    if v == 1 {
                        for i in range { eta[i] += s[i] * u[base + Int(refs[i])] }
                    } else {
                        for i in range {
                            let level = base + Int(refs[i]) * v
                            var sum = 0.0
                            for a in 0..<v { sum += s[i * v + a] * u[level + a] }
                            eta[i] += sum
                        }
                    }
                }
            }
            if n < PIRLSSystem.parallelAccumulationWork {
                update(0..<n)
            } else {
                SpareCores.split { update($0 == 0 ? 0..<n / 2 : n / 2..<n) }
            }
        }}}}
        response.updateFromEta()
    }

    /// MixedModels.jl's `deviance!`: updates η and μ, installs the working weights in the penalized system,
    /// refactors it, and returns the Laplace deviance.
    @discardableResult
    func updateDeviance(includeFixedEffects: Bool = false) throws -> Double {
        updateLinearPredictor()
        factorizationCount += 1
        try system.factor(weights: response.workingWeight, includeFixedEffects: includeFixedEffects)
        return laplaceDeviance()
    }

    /// Σ deviance residuals + log det(ΛᵀZᵀWZΛ + I) + ‖u‖², at the current state.
    func laplaceDeviance() -> Double {
        response.deviance + system.logDet + squaredLength()
    }

    /// ‖u‖².
    private func squaredLength() -> Double {
        var sum = 0.0
        for value in sphericalEffects { sum += value * value }
        return sum
    }

    /// One Newton step's target: new u (and β when `varyBeta`) from the current working response and weights.
    /// The right-hand sides ΛᵀZᵀW r and XᵀW r come from one pass over the observations, with r the working
    /// response less the offset (and less Xβ when β is held fixed).
    ///
    /// `fromCurrentModes` (β fixed) takes the step as a correction, u + H⁻¹(ΛᵀZᵀW r − u) with r the working
    /// residual: with the factor of the current H it is the same step; with a factor of a nearby H (the previous
    /// evaluation's) it is a quasi-Newton step that still moves towards the modes at the current parameters.
    func solveForModes(varyBeta: Bool, fromCurrentModes: Bool = false) throws {
        // The X rows are formed only when a joint step needs them, not at every deviance evaluation.
        if varyBeta && !system.hasFixedEffectRows {
            try system.factorFixedEffects(weights: response.workingWeight)
        }
        accumulateRightHandSides(varyBeta: varyBeta, fromCurrentModes: fromCurrentModes)
        if varyBeta {
            system.solveJointly(randomEffects: &randomEffectsRightHandSide, fixedEffects: &fixedEffectsRightHandSide)
            setBeta(fixedEffectsRightHandSide)
        } else if fromCurrentModes {
            for k in randomEffectsRightHandSide.indices { randomEffectsRightHandSide[k] -= sphericalEffects[k] }
            system.solveConditionalModes(&randomEffectsRightHandSide)
            for k in randomEffectsRightHandSide.indices { randomEffectsRightHandSide[k] += sphericalEffects[k] }
        } else {
            system.solveConditionalModes(&randomEffectsRightHandSide)
        }
        // The solution becomes u; u's old storage is the next step's right-hand side.
        swap(&sphericalEffects, &randomEffectsRightHandSide)
    }

    /// The right-hand sides of a Newton step, ΛᵀZᵀW r and (when `varyBeta`) XᵀW r, into
    /// `randomEffectsRightHandSide` and `fixedEffectsRightHandSide`: r is the working response less the offset
    /// (less Xβ when β is held fixed), or the working residual alone when `fromCurrentModes`.
    func accumulateRightHandSides(varyBeta: Bool, fromCurrentModes: Bool) {
        let n = response.count, p = rank
        for k in randomEffectsRightHandSide.indices { randomEffectsRightHandSide[k] = 0 }
        for j in fixedEffectsRightHandSide.indices { fixedEffectsRightHandSide[j] = 0 }
        randomEffectsRightHandSide.withUnsafeMutableBufferPointer { rz in
        fixedEffectsRightHandSide.withUnsafeMutableBufferPointer { rx in
        (fromCurrentModes ? response.eta : varyBeta ? response.offset : fixedPredictor)
            .withUnsafeBufferPointer { base in
        response.eta.withUnsafeBufferPointer { eta in
        response.workingResidual.withUnsafeBufferPointer { wres in
        response.workingWeight.withUnsafeBufferPointer { w in
        system.xRows.withUnsafeBufferPointer { x in
        system.rawTerms.withUnsafeBufferPointer { raw in
            let scalarOnly = raw.allSatisfy { $0.vsize == 1 }
            if scalarOnly {
                // Per term, sums over runs of equal levels (see accumulateRuns): separate passes into separate
                // parts of the right-hand side, so on large data the first term's runs on a second core.
                let target = rz.baseAddress!
                func accumulate(_ terms: some Sequence<PIRLSSystem.RawTerm>) {
                    for term in terms {
                        accumulateRuns(into: target + term.offset, count: n, index: { Int(term.refs[$0]) },
                                       value: { term.scaledZ[$0] * w[$0] * (eta[$0] - base[$0] + wres[$0]) })
                    }
                }
                if raw.count < 2 || n < PIRLSSystem.parallelAccumulationWork {
                    accumulate(raw)
                } else {
                    SpareCores.split { $0 == 0 ? accumulate(raw.prefix(1)) : accumulate(raw.dropFirst()) }
                }
            } else {
                for i in 0..<n {
                    let wr = w[i] * (eta[i] - base[i] + wres[i])
                    for term in raw {
                        let v = term.vsize
                        let level = term.offset + Int(term.refs[i]) * v
                        for a in 0..<v { rz[level + a] += term.scaledZ[i * v + a] * wr }
                    }
                }
            }
            if varyBeta && p <= 8 && !system.paddedRows.isEmpty {
                // X rows as 8-lane vectors: the sums stay in registers (the same products, added in the same order).
                system.paddedRows.withUnsafeBufferPointer { rows in
                    var sum = SIMD8<Double>.zero
                    for i in 0..<n { sum += rows[i] * (w[i] * (eta[i] - base[i] + wres[i])) }
                    for j in 0..<p { rx[j] = sum[j] }
                }
            } else if varyBeta {
                for i in 0..<n {
                    let wr = w[i] * (eta[i] - base[i] + wres[i])
                    for j in 0..<p { rx[j] += x[i * p + j] * wr }
                }
            }
        }}}}}}}}
    }

    /// Σ deviance residuals + ‖u‖², the quantity each PIRLS step decreases, at the current state.
    func penalizedDeviance() -> Double {
        response.deviance + squaredLength()
    }

    /// Penalized iteratively reweighted least squares for the conditional modes u (and β when `varyBeta`), with
    /// step-halving, as MixedModels.jl's `pirls!`. Leaves the system factored at the modes.
    ///
    /// A cold start begins from u = 0. A warm start begins from the current u (and β), the modes at the previous
    /// parameters: near the optimizer's last point Newton's method then needs one or two steps instead of five or
    /// more. Steps are judged by the penalized deviance, which Newton's method decreases (the Laplace deviance adds
    /// log det, which may rise by a hair on a step towards the mode: halving such a step would stop short of it).
    /// The iteration stops when the penalized deviance changes by at most `relativeTolerance` of its size; near the
    /// mode that change is quadratic in the distance to it, so u is then accurate to far below the optimizer's
    /// differences, and cold and warm starts agree. (A fixed absolute tolerance is far too loose on large data,
    /// where the deviance is ~n.)
    /// `trace`, when given, receives MixedModels.jl's verbose events (Laplace deviances, as Julia prints them).
    func pirls(varyBeta: Bool, warmStart: Bool = false, reusingFactor: Bool = false, maxIterations: Int = 30,
               relativeTolerance: Double = PIRLSTolerance.relative, trace: ((PIRLSTraceEvent) -> Void)? = nil) throws {
        if !warmStart { for k in sphericalEffects.indices { sphericalEffects[k] = 0 } }
        if trace == nil && usesKrylovSteps {
            return try pirlsWithKrylovSteps(varyBeta: varyBeta, warmStart: warmStart, maxIterations: maxIterations,
                                            relativeTolerance: relativeTolerance)
        }
        var previousObjective: Double
        let quasiNewton = reusingFactor && warmStart && !varyBeta && trace == nil
            ? try quasiNewtonStart(relativeTolerance: relativeTolerance) : .declined
        if case .converged = quasiNewton { return try finishPIRLS() }
        if case .continues(let objective) = quasiNewton {
            previousObjective = objective
        } else {
            savePreviousState(varyBeta: varyBeta)
            let startLaplace = try updateDeviance()
            trace?(.start(objective: startLaplace * 1.0001, beta: varyBeta ? fullRankBeta : nil))
            // From u = 0 the first step may raise the deviance a little (MixedModels.jl's 1.0001).
            previousObjective = penalizedDeviance() * (warmStart ? 1 : 1.0001)
        }
        for iteration in 1...maxIterations {
            try solveForModes(varyBeta: varyBeta)
            let laplace = try updateDeviance()
            trace?(.iteration(iteration, objective: laplace))
            let objective = penalizedDeviance()
            let tolerance = relativeTolerance * (abs(objective) + 1)
            let accepted = try halvingStep(objective, previous: previousObjective, tolerance: tolerance,
                                           mayFail: iteration < 2 && !warmStart, varyBeta: varyBeta) { halvings in
                let halved = try updateDeviance()
                trace?(.halving(halvings, objective: halved))
            }
            if abs(accepted - previousObjective) <= tolerance { break }
            savePreviousState(varyBeta: varyBeta)
            previousObjective = accepted
        }
        try finishPIRLS()
    }

    func finishPIRLS() throws {
        let final = laplaceDeviance()
        guard final.isFinite else { throw GLMMError.pirlsFailed("the deviance is not finite at the conditional modes") }
    }

    /// How PIRLS's first step with the previous evaluation's factor ended.
    private enum QuasiNewtonStart {
        /// The step changed the penalized deviance by at most the tolerance: the system is factored at the new
        /// modes, as PIRLS leaves it.
        case converged
        /// PIRLS goes on from the new modes, whose penalized deviance this is (the system is factored there).
        case continues(Double)
        /// The step raised the deviance, or was not tried: u is the warm start and PIRLS starts as usual.
        case declined
    }

    /// PIRLS's first step (β fixed) taken with the factor still held from the previous evaluation, at parameters
    /// close to these: a quasi-Newton step from the warm start, which saves the factorization at the start. The
    /// convergence test is PIRLS's own, made on the penalized deviance after the step, and the system is then
    /// factored at the new modes, so the Laplace deviance is evaluated exactly as after a full Newton step.
    private func quasiNewtonStart(relativeTolerance: Double) throws -> QuasiNewtonStart {
        updateLinearPredictor()
        let start = penalizedDeviance()
        guard start.isFinite else { return .declined }
        savePreviousState(varyBeta: false)
        try solveForModes(varyBeta: false, fromCurrentModes: true)
        try updateDeviance()
        let objective = penalizedDeviance()
        let tolerance = relativeTolerance * (abs(objective) + 1)
        if abs(objective - start) <= tolerance { return .converged }
        if objective <= start + tolerance {
            savePreviousState(varyBeta: false)
            return .continues(objective)
        }
        for k in sphericalEffects.indices { sphericalEffects[k] = previousSphericalEffects[k] }
        return .declined
    }

    /// MixedModels.jl's step-halving: while the penalized deviance `objective` after a step exceeds `previous`
    /// (+ `tolerance`), moves u (and β) half way back towards the state before the step and calls `reevaluate`
    /// (with the count of halvings) to update η. Returns the penalized deviance accepted; after 10 halvings the
    /// step stands, unless `mayFail` (the first step from u = 0) or the deviance is not finite.
    func halvingStep(_ objective: Double, previous: Double, tolerance: Double, mayFail: Bool, varyBeta: Bool,
                     reevaluate: (Int) throws -> Void) throws -> Double {
        var objective = objective
        var halvings = 0
        while !(objective <= previous + tolerance) {
            halvings += 1
            if halvings > 10 {
                if mayFail || !objective.isFinite {
                    throw GLMMError.pirlsFailed(
                        "step-halving could not reduce the deviance (\(previous)) after 10 halvings")
                }
                break
            }
            for k in sphericalEffects.indices {
                sphericalEffects[k] = (sphericalEffects[k] + previousSphericalEffects[k]) / 2
            }
            if varyBeta {
                for j in fullRankBeta.indices { fullRankBeta[j] = (fullRankBeta[j] + previousBeta[j]) / 2 }
                updateFixedPredictor()
            }
            try reevaluate(halvings)
            objective = penalizedDeviance()
        }
        return objective
    }

    /// Copies u (and β) into the step-halving state, element by element so that no buffer is shared.
    func savePreviousState(varyBeta: Bool) {
        for k in sphericalEffects.indices { previousSphericalEffects[k] = sphericalEffects[k] }
        if varyBeta { for j in fullRankBeta.indices { previousBeta[j] = fullRankBeta[j] } }
    }
}

/// One line of PIRLS's verbose trace, as MixedModels.jl's `pirls!(m, varyβ, true)` prints it.
public enum PIRLSTraceEvent: Equatable, Sendable {
    /// The Laplace deviance at u = 0 times 1.0001 (Julia's `obj₀`), and β when it varies.
    case start(objective: Double, beta: [Double]?)
    /// The Laplace deviance after the `Int`-th Newton step.
    case iteration(Int, objective: Double)
    /// The Laplace deviance after the `Int`-th halving of a step that raised the deviance.
    case halving(Int, objective: Double)
}

/// PIRLS's stopping rule (see `GeneralizedLinearMixedModel.pirls`).
enum PIRLSTolerance {
    /// Change of the Laplace deviance, relative to its size, at which the iteration stops.
    static let relative = 1e-12
}
