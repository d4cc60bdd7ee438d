import Foundation

extension GeneralizedLinearMixedModel {
    /// η = Xβ + offset + ZΛu, and the response quantities that follow from it.
    func updateLinearPredictor() {
        var eta = fixedPredictor
        let n = eta.count
        eta.withUnsafeMutableBufferPointer { eta in
            sphericalEffects.withUnsafeBufferPointer { u in
                for term in terms {
                    let v = term.vsize
                    term.scaledZ.withUnsafeBufferPointer { s in
                        term.refs.withUnsafeBufferPointer { refs in
                            let base = term.offset
                            if v == 1 {
                                for i in 0..<n { eta[i] += s[i] * u[base + Int(refs[i])] }
                            } else {
                                for i in 0..<n {
                                    let level = base + Int(refs[i]) * v
                                    var sum = 0.0
                                    for a in 0..<v { sum += s[i * v + a] * u[level + a] }
                                    eta[i] += sum
                                }
                            }
                        }
                    }
                }
            }
        }
        response.update(eta: eta)
    }

    /// MixedModels.jl's `deviance!`: updates η and μ, installs the working weights in the penalized system,
    /// refactors it, and returns the Laplace deviance.
    @discardableResult
    func updateDeviance(includeFixedEffects: Bool = false) throws -> Double {
        updateLinearPredictor()
        try system.factor(terms: terms, weights: response.workingWeight, includeFixedEffects: includeFixedEffects)
        return laplaceDeviance()
    }

    /// Σ deviance residuals + log det(ΛᵀZᵀWZΛ + I) + ‖u‖², at the current state.
    func laplaceDeviance() -> Double {
        var squaredLength = 0.0
        for value in sphericalEffects { squaredLength += value * value }
        return response.deviance + system.logDet + squaredLength
    }

    /// ΛᵀZᵀW r for a per-observation vector r.
    func weightedCrossProduct(_ r: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: sphericalEffects.count)
        let w = response.workingWeight
        let n = r.count
        for term in terms {
            let v = term.vsize
            for i in 0..<n {
                let wr = w[i] * r[i]
                let base = term.offset + Int(term.refs[i]) * v
                for a in 0..<v { result[base + a] += term.scaledZ[i * v + a] * wr }
            }
        }
        return result
    }

    /// XᵀW r on the full-rank columns.
    func fixedEffectsCrossProduct(_ r: [Double]) -> [Double] {
        let n = r.count
        let w = response.workingWeight
        return (0..<rank).map { j in
            var s = 0.0
            for i in 0..<n { s += fullRankX[i + j * n] * w[i] * r[i] }
            return s
        }
    }

    /// One Newton step's target: new u (and β when `varyBeta`) from the current working response and weights.
    func solveForModes(varyBeta: Bool) {
        let z = response.workingResponse()
        if varyBeta {
            let (beta, u) = system.jointSolution(randomEffectsRightHandSide: weightedCrossProduct(z),
                                                 fixedEffectsRightHandSide: fixedEffectsCrossProduct(z))
            setBeta(beta[...])
            sphericalEffects = u
        } else {
            var r = z
            for i in r.indices { r[i] -= fixedPredictor[i] - response.offset[i] }
            sphericalEffects = system.conditionalModes(rightHandSide: weightedCrossProduct(r))
        }
    }

    /// Penalized iteratively reweighted least squares for the conditional modes u (and β when `varyBeta`),
    /// from u = 0, with step-halving, as MixedModels.jl's `pirls!`. Leaves the system factored at the modes.
    func pirls(varyBeta: Bool, maxIterations: Int = 10) throws {
        for k in sphericalEffects.indices { sphericalEffects[k] = 0 }
        previousSphericalEffects = sphericalEffects
        if varyBeta { previousBeta = fullRankBeta }
        var previousObjective = try updateDeviance(includeFixedEffects: varyBeta) * 1.0001
        for iteration in 1...maxIterations {
            solveForModes(varyBeta: varyBeta)
            var objective = try updateDeviance(includeFixedEffects: varyBeta)
            var halvings = 0
            while !(objective <= previousObjective) {
                halvings += 1
                if halvings > 10 {
                    if iteration < 2 || !objective.isFinite {
                        throw GLMMError.pirlsFailed(
                            "step-halving could not reduce the deviance (\(previousObjective)) after 10 halvings")
                    }
                    break
                }
                for k in sphericalEffects.indices {
                    sphericalEffects[k] = (sphericalEffects[k] + previousSphericalEffects[k]) / 2
                }
                if varyBeta {
                    setBeta(zip(fullRankBeta, previousBeta).map { ($0 + $1) / 2 }[...])
                }
                objective = try updateDeviance(includeFixedEffects: varyBeta)
            }
            if abs(objective - previousObjective) <= 1e-5 { break }
            previousSphericalEffects = sphericalEffects
            previousBeta = fullRankBeta
            previousObjective = objective
        }
        let final = laplaceDeviance()
        guard final.isFinite else { throw GLMMError.pirlsFailed("the deviance is not finite at the conditional modes") }
    }
}
