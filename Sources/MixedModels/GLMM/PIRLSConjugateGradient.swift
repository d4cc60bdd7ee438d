import Foundation

/// PIRLS with its Newton steps solved by preconditioned conjugate gradients, for models whose factorization costs
/// far more than a pass over the observations: a large dense block of crossed levels (2000 items at 10⁶
/// Bernoulli observations: 2.7 GFlop per factor against a few MFlop per pass).
///
/// A Newton step solves H δ = g at the current modes, with H = [ΛᵀZᵀWZΛ + I, ΛᵀZᵀWX; XᵀWZΛ, XᵀWX] (the X rows
/// when β varies) and g = [ΛᵀZᵀW r − u; XᵀW r], r the working residual. The direct path factors H at every step.
/// Here the factor the system already holds — of H at nearby parameters and modes, usually the previous
/// evaluation's last — preconditions conjugate gradients on H itself, applied without forming it. Near the
/// optimizer's last point the two matrices differ by a few per cent and a few iterations solve the step to far
/// below PIRLS's tolerance. The iteration, its step-halving and its stopping rule are PIRLS's own (they need only
/// the penalized deviance); the system is factored once, at the modes, for log det. One factorization per
/// evaluation instead of one per Newton step.
extension GeneralizedLinearMixedModel {
    /// Whether PIRLS takes its Newton steps by conjugate gradients (`krylovPolicy`; automatically when a
    /// factorization costs more than `KrylovSteps.factorizationRatio` times an iteration in units of work).
    var usesKrylovSteps: Bool {
        switch krylovPolicy {
        case .always: return true
        case .never: return false
        case .automatic: return factorizationWorkInIterations > KrylovSteps.factorizationRatio
        }
    }

    /// A factorization's work in units of an iteration's: the dense triangle of the second term's Schur
    /// complement and its scattered downdate against passes over the observations and the dense triangle.
    var factorizationWorkInIterations: Double {
        let q2 = Double(system.q2), n = Double(response.count), termCount = Double(terms.count)
        let factorization = q2 * q2 * q2 / 3 + Double(system.cross.gramPlan?.work ?? 0) + n * termCount
        let iteration = 2 * n * (termCount + Double(rank)) + 2 * Double(system.cross.valueCount) + 2 * q2 * q2
        return factorization / iteration
    }

    /// Iterations of one Newton step's solve above which the next step factors H first: about a factorization's
    /// time (at least 4).
    var refactoringIterations: Int {
        max(4, Int(factorizationWorkInIterations / KrylovSteps.iterationWorkPerTime))
    }

    /// PIRLS (see `pirls`) with Krylov Newton steps; from the current u (zeroed by the caller for a cold start).
    /// Leaves the system factored at the modes, with its fixed-effects rows when `varyBeta`.
    func pirlsWithKrylovSteps(varyBeta: Bool, warmStart: Bool, maxIterations: Int,
                              relativeTolerance: Double) throws {
        updateLinearPredictor()
        var previousObjective = penalizedDeviance() * (warmStart ? 1 : 1.0001)
        guard previousObjective.isFinite else {
            throw GLMMError.pirlsFailed("the deviance is not finite at the starting values")
        }
        savePreviousState(varyBeta: varyBeta)
        let refactoring = refactoringIterations
        var factorFirst = false
        for iteration in 1...maxIterations {
            let iterationsBefore = krylovIterationCount, factorizationsBefore = factorizationCount
            // At the modes already (to far below the tolerance): η and the weights are those of u.
            guard try krylovNewtonStep(varyBeta: varyBeta, tolerance: relativeTolerance * (abs(previousObjective) + 1),
                                       factorFirst: factorFirst) else { break }
            // A solve as slow as a factorization had a poor preconditioner (the factor of a far point, as at the
            // optimizer's first points): the next step factors H where it is, and the later steps precondition with
            // that factor (the Bernoulli 10⁶ crossed fit's θ-only points 3 to 9 took 25 to 53 iterations each). A
            // step that fell back to a factorization left a fresh one.
            factorFirst = krylovIterationCount - iterationsBefore > refactoring
                && factorizationCount == factorizationsBefore
            updateLinearPredictor()
            let objective = penalizedDeviance()
            let tolerance = relativeTolerance * (abs(objective) + 1)
            let accepted = try halvingStep(objective, previous: previousObjective, tolerance: tolerance,
                                           mayFail: iteration < 2 && !warmStart, varyBeta: varyBeta) { _ in
                updateLinearPredictor()
            }
            if abs(accepted - previousObjective) <= tolerance { break }
            savePreviousState(varyBeta: varyBeta)
            previousObjective = accepted
        }
        factorizationCount += 1
        try system.factor(weights: response.workingWeight, includeFixedEffects: varyBeta)
        try finishPIRLS()
    }

    /// One Newton step from the current u (and β): by conjugate gradients when the system holds a factor to
    /// precondition with, they converge and not `factorFirst`, otherwise by factoring H here (the direct step).
    /// False, and no step, when the step's decrease of the penalized deviance, gᵀM⁻¹g, is below `KrylovSteps.absoluteDecrement` of
    /// `tolerance` and below its square: u is then the modes to far below PIRLS's tolerance, and the step would be
    /// PIRLS's last. The square bounds log det at the modes, which moves with the square root of gᵀM⁻¹g (the
    /// penalized deviance only with gᵀM⁻¹g itself): above it, the deviance of a well-predicted start carried noise
    /// of 4e-13 relative, and BOBYQA, whose tolerance is 1e-12, ran 541 evaluations instead of 54 (n = 10⁴).
    private func krylovNewtonStep(varyBeta: Bool, tolerance: Double, factorFirst: Bool) throws -> Bool {
        if !factorFirst && system.isFactored && (!varyBeta || system.hasFixedEffectRows) {
            accumulateRightHandSides(varyBeta: varyBeta, fromCurrentModes: true)
            krylovStepCount += 1
            let absolute = min(tolerance * KrylovSteps.absoluteDecrement, tolerance * tolerance)
            switch solveNewtonSystemByConjugateGradients(jointly: varyBeta, absolute: absolute) {
            case .atModes:
                return false
            case .solved:
                let q = sphericalEffects.count
                krylov.solution.withUnsafeBufferPointer { delta in
                    for k in 0..<q { sphericalEffects[k] += delta[k] }
                    if varyBeta { for j in fullRankBeta.indices { fullRankBeta[j] += delta[q + j] } }
                }
                if varyBeta { updateFixedPredictor() }
                return true
            case .failed:
                break
            }
        }
        factorizationCount += 1
        try system.factor(weights: response.workingWeight, includeFixedEffects: varyBeta)
        try solveForModes(varyBeta: varyBeta)
        return true
    }

    /// How a conjugate-gradient solve of a Newton step ended.
    private enum KrylovOutcome {
        /// δ is in `krylov.solution`.
        case solved
        /// gᵀM⁻¹g is below the absolute tolerance at the start: no step is needed.
        case atModes
        /// Not converged within `KrylovSteps.maximumIterations`, or not finite.
        case failed
    }

    /// Solves H δ = g into `krylov.solution`, g from the right-hand sides just accumulated (less u).
    ///
    /// The test is on rᵀM⁻¹r, with M ≈ H the square of the H-norm of δ's remaining error, which sets the error
    /// of u after the step: the iteration stops when it is `KrylovSteps.relativeDecrement` of its start (the
    /// Newton step's own error, quadratic in the distance to the modes, is then larger) or below `absolute` (the
    /// change of the penalized deviance it could still make is then a small fraction of PIRLS's tolerance).
    private func solveNewtonSystemByConjugateGradients(jointly: Bool, absolute: Double) -> KrylovOutcome {
        let q = sphericalEffects.count, m = q + (jointly ? rank : 0)
        krylov.prepare(count: m, randomEffects: q, fixedEffects: rank)
        var w = krylov
        // The workspace is moved out for the duration (no exclusive-access conflict with `self`'s methods).
        krylov = KrylovWorkspace()
        defer { krylov = w }
        for k in 0..<q { w.residual[k] = randomEffectsRightHandSide[k] - sphericalEffects[k] }
        for j in 0..<(m - q) { w.residual[q + j] = fixedEffectsRightHandSide[j] }
        applyPreconditioner(&w, jointly: jointly)
        var rz = dot(w.residual, w.preconditioned)
        guard rz.isFinite, rz >= 0 else { return .failed }
        if rz <= absolute { return .atModes }
        let target = max(absolute, KrylovSteps.relativeDecrement * rz)
        prepareHessianProducts(&w, jointly: jointly)
        for k in 0..<m { w.solution[k] = 0 }
        for k in 0..<m { w.direction[k] = w.preconditioned[k] }
        for _ in 0..<KrylovSteps.maximumIterations {
            krylovIterationCount += 1
            applyHessian(&w, jointly: jointly)
            let curvature = dot(w.direction, w.product)
            guard curvature > 0, curvature.isFinite else { return .failed }
            let alpha = rz / curvature
            for k in 0..<m {
                w.solution[k] += alpha * w.direction[k]
                w.residual[k] -= alpha * w.product[k]
            }
            applyPreconditioner(&w, jointly: jointly)
            let next = dot(w.residual, w.preconditioned)
            guard next.isFinite else { return .failed }
            if next <= target { return .solved }
            let beta = next / rz
            rz = next
            for k in 0..<m { w.direction[k] = w.preconditioned[k] + beta * w.direction[k] }
        }
        return .failed
    }

    /// z ← M⁻¹ r (`preconditioned` from `residual`) with M = L Lᵀ, the factor the system holds.
    private func applyPreconditioner(_ w: inout KrylovWorkspace, jointly: Bool) {
        let q = w.randomScratch.count
        for k in 0..<q { w.randomScratch[k] = w.residual[k] }
        if jointly {
            for j in 0..<rank { w.fixedScratch[j] = w.residual[q + j] }
            system.solveJointly(randomEffects: &w.randomScratch, fixedEffects: &w.fixedScratch)
            for j in 0..<rank { w.preconditioned[q + j] = w.fixedScratch[j] }
        } else {
            system.solveConditionalModes(&w.randomScratch)
        }
        for k in 0..<q { w.preconditioned[k] = w.randomScratch[k] }
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for k in a.indices { sum += a[k] * b[k] }
        return sum
    }

}

/// The settings of PIRLS's Krylov Newton steps.
enum KrylovSteps {
    /// When PIRLS uses them.
    enum Policy {
        /// When a factorization costs far more than an iteration (`factorizationRatio`).
        case automatic
        case always
        case never
    }

    /// The ratio of a factorization's work to an iteration's above which the Krylov steps are used. An
    /// iteration's unit of work (a random access per observation, a triangular solve's memory traffic) takes
    /// about 15 times a factorization's (a BLAS 3 multiply-add); an evaluation spends about 9 iterations to save
    /// about 1.8 factorizations (Bernoulli 10⁶). So 100 units is a time ratio of about 7, a little above where
    /// the two paths break even (about 5); at 10⁶ Bernoulli observations with 2000 items the ratio is about 150.
    static let factorizationRatio = 100.0
    /// rᵀM⁻¹r, relative to its value at the start, at which a Newton step is solved (the error of δ in H-norm
    /// 1e-3 of the step).
    static let relativeDecrement = 1e-6
    /// rᵀM⁻¹r, relative to PIRLS's tolerance on the penalized deviance, below which a step is solved.
    static let absoluteDecrement = 1e-6
    /// Iterations after which a Newton step falls back to a factorization.
    static let maximumIterations = 30
    /// An iteration's unit of work (a random access per observation, the triangle's memory traffic) takes about
    /// this many times a factorization's (a BLAS 3 multiply-add): a factorization takes the time of
    /// `factorizationWorkInIterations / iterationWorkPerTime` iterations (about 10 for Bernoulli 10⁶).
    static let iterationWorkPerTime = 15.0
}

/// The vectors of the conjugate-gradient iteration, allocated once per model (q + p entries each).
struct KrylovWorkspace {
    var solution: [Double] = []
    var residual: [Double] = []
    var preconditioned: [Double] = []
    var direction: [Double] = []
    var product: [Double] = []
    /// H v's second accumulator (the second core's half of the observations).
    var partial: [Double] = []
    /// The preconditioner's right-hand sides, in the shapes `PIRLSSystem`'s solves take.
    var randomScratch: [Double] = []
    var fixedScratch: [Double] = []
    /// The observations by the first term's level, for the products with H of two crossed intercepts (made once),
    /// and whether this Newton step's products use it.
    var ordering: LevelOrdering?
    var usesOrdering = false

    /// Sizes the vectors for `count` = q (+ p) entries.
    mutating func prepare(count: Int, randomEffects q: Int, fixedEffects p: Int) {
        if solution.count != count {
            solution = [Double](repeating: 0, count: count)
            residual = solution
            preconditioned = solution
            direction = solution
            product = solution
            partial = solution
        }
        if randomScratch.count != q { randomScratch = [Double](repeating: 0, count: q) }
        if fixedScratch.count != p { fixedScratch = [Double](repeating: 0, count: p) }
    }
}
