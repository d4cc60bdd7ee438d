import CNLopt

extension LinearMixedModel {
    /// How many times BOBYQA is restarted from its optimum while that still lowers the objective: with many θ
    /// its quadratic model can stall on a flat ridge (the dummy-coded sleepstudy fits), and a fresh start escapes.
    static let maximumRestarts = 4

    /// Fits the model by maximum likelihood, or by REML when `reml` is true.
    @discardableResult
    public func fit(reml: Bool = false) throws -> LinearMixedModel {
        var summary = OptSummary(initial: optsum.initial, lowerbd: optsum.lowerbd)
        summary.reml = reml
        warnings = []
        let system = self.system
        let objective: (UnsafePointer<Double>) -> Double = { theta in
            system.updateL(theta: theta) ? system.objective(reml: reml) : .infinity
        }
        summary.finitial = summary.initial.withUnsafeBufferPointer { objective($0.baseAddress ?? theta0Fallback) }
        var run = runBOBYQA(from: summary.initial, summary: summary, objective: objective)
        var evaluations = run.evaluations
        if run.code.rawValue < 0 && run.code != NLOPT_ROUNDOFF_LIMITED {
            throw MixedModelError.optimizationFailed("NLopt returned \(nloptResultName(run.code))")
        }
        if summary.initial.count > 1 {
            for _ in 0..<Self.maximumRestarts {
                let again = runBOBYQA(from: run.x, summary: summary, objective: objective)
                evaluations += again.evaluations
                guard again.code.rawValue > 0, again.f < run.f - summary.ftolAbs else {
                    if again.code.rawValue > 0 && again.f < run.f { run = again }
                    break
                }
                run = again
            }
        }
        var theta = run.x
        var fmin = run.f
        // MixedModels.jl's clean-up: a diagonal θ that is nearly zero is set to zero when that costs almost nothing.
        var zeroed = theta
        for i in zeroed.indices where summary.lowerbd[i] == 0 && zeroed[i] > 0 && zeroed[i] < summary.xtolZeroAbs {
            zeroed[i] = 0
        }
        if zeroed != theta {
            let value = zeroed.withUnsafeBufferPointer { objective($0.baseAddress ?? theta0Fallback) }
            evaluations += 1
            if value <= fmin + summary.ftolZeroAbs {
                theta = zeroed
                fmin = value
            }
        }
        summary.final = theta
        summary.fmin = fmin
        summary.feval = evaluations
        summary.returnvalue = nloptResultName(run.code)
        if run.code == NLOPT_ROUNDOFF_LIMITED {
            warnings.append("NLopt was roundoff limited")
        } else if run.code == NLOPT_MAXEVAL_REACHED || run.code == NLOPT_MAXTIME_REACHED {
            warnings.append("NLopt optimization failure: \(summary.returnvalue)")
        }
        optsum = summary
        try install(theta: theta)
        isFitted = true
        return self
    }

    /// Factors L at θ and computes β, u and b there.
    func install(theta: [Double]) throws {
        let ok = theta.withUnsafeBufferPointer { system.updateL(theta: $0.baseAddress ?? theta0Fallback) }
        guard ok else { throw MixedModelError.optimizationFailed("the system is not positive definite at θ") }
        currentTheta = theta
        currentBeta.withUnsafeMutableBufferPointer { beta in
            if let base = beta.baseAddress { system.solveBeta(into: base) }
        }
        currentBeta.withUnsafeBufferPointer { beta in
            currentU.withUnsafeMutableBufferPointer { u in
                if let ub = u.baseAddress { system.solveU(beta: beta.baseAddress ?? theta0Fallback, into: ub) }
            }
        }
        currentU.withUnsafeBufferPointer { u in
            currentB.withUnsafeMutableBufferPointer { b in
                if let ub = u.baseAddress, let bb = b.baseAddress { system.multiplyLambda(u: ub, into: bb) }
            }
        }
    }
}

/// A valid pointer for the degenerate empty case (never read: every model has at least one θ).
let theta0Fallback: UnsafePointer<Double> = {
    let storage = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    storage.initialize(to: 0)
    return UnsafePointer(storage)
}()
