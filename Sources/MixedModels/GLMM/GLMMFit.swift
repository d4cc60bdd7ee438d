import CNLopt

extension GeneralizedLinearMixedModel {
    /// Fits the model by maximum likelihood.
    /// - Parameters:
    ///   - fast: optimize θ only, with β from PIRLS (faster, slightly less accurate); otherwise optimize [β; θ].
    ///   - nAGQ: quadrature points: 1 for the Laplace approximation, k > 1 for adaptive Gauss–Hermite
    ///     (single scalar random-effects term only).
    ///   - control: progress reports and cancellation (a cancelled fit throws `FitCancellation`).
    /// As MixedModels.jl's `fit!`, an unfitted model is fit from its current β and θ: the GLM's β and θ's initial
    /// values for a new model, the parameters kept by `simulate!`/`replaceResponse` otherwise. A model that is
    /// already fitted (where Julia asks for `refit!`) is fit again from those starting values; `refit` starts
    /// from the estimates instead. The [β; θ] optimization first optimizes θ alone, with β from PIRLS, and starts
    /// from that optimum, as lme4 does; where evaluations are expensive (PIRLS with Krylov steps) that run is
    /// Newton's method on finite-difference derivatives (`GLMMNewtonRun`), BOBYQA only where it stops short
    /// (`optimizationSummary.optimizer` says which). After the optimizer stops, the gradient and Hessian of the
    /// deviance are checked as lme4 does; a failed check restarts BOBYQA from the best point, and a check that
    /// still fails is reported in `optimizationSummary.warnings`.
    @discardableResult
    public func fit(fast: Bool = false, nAGQ: Int = 1, control: FitControl? = nil) throws
        -> GeneralizedLinearMixedModel {
        try fit(fast: fast, nAGQ: nAGQ, control: control, fromCurrentValues: false)
    }

    /// The fit proper; `fromCurrentValues`: start from the current β and θ even when the model is fitted
    /// (`refit`).
    func fit(fast: Bool, nAGQ: Int, control: FitControl?, fromCurrentValues: Bool) throws
        -> GeneralizedLinearMixedModel {
        try checkQuadrature(nAGQ)
        let previous = optimizationSummary
        do {
            if previous.isFitted && !fromCurrentValues { try resetToStartingValues() }
            try optimize(fast: fast, nAGQ: nAGQ, monitor: EvaluationMonitor(control))
        } catch {
            // A cancelled or failed refit leaves the previous fit in place.
            if previous.isFitted {
                try? install(previous.final, fast: previous.fast)
                try? pirls(varyBeta: previous.fast)
                try? system.factor(weights: response.workingWeight, includeFixedEffects: true)
                optimizationSummary = previous
            }
            throw error
        }
        return self
    }

    /// θ's initial values: 1 on λ's diagonal, 0 below it.
    var initialTheta: [Double] {
        terms.flatMap { term in term.lambdaIndices.map { $0 % (term.vsize + 1) == 0 ? 1.0 : 0.0 } }
    }

    private func optimize(fast: Bool, nAGQ: Int, monitor: EvaluationMonitor) throws {
        if Set(response.y).count < 2 {
            throw GLMMError.invalidResponse("the response is constant and thus model fitting has failed")
        }
        unfit()
        // MixedModels.jl's start: the current β and θ.
        let thetaStart = theta
        let betaStart = fullRankBeta
        let p = rank
        let initial = fast ? thetaStart : betaStart + thetaStart
        let lower = fast ? thetaLowerBounds : [Double](repeating: -.infinity, count: p) + thetaLowerBounds
        var tolerances = OptSummary(initial: initial, lowerbd: lower)
        if fast {
            tolerances.xtolAbs = [Double](repeating: 1e-10, count: initial.count)
        } else {
            // The [β; θ] deviance is very flat near its optimum; MixedModels.jl's 1e-8 absolute tolerance stops
            // up to 1e-4 (relative) short in θ. These tolerances, with the final Newton steps, reach the optimum's
            // printed digits. No parameter tolerance: β and θ differ in scale.
            tolerances.ftolRel = usesKrylovSteps ? Self.expensiveJointFtolRel : 1e-12
            tolerances.ftolAbs = 1e-10
            tolerances.xtolAbs = [Double](repeating: 0, count: initial.count)
        }

        var initialObjective = Double.nan
        var evaluations = 0
        // PIRLS starts from the modes of the previous evaluation once there is one that succeeded.
        var warm = false
        // … or from modes extrapolated from the last evaluations' (see `ModeHistory`).
        // One history per kind of evaluation: an [β; θ] fit also evaluates the θ-only deviance (`jointStart`).
        let thetaOnlyHistory = ModeHistory(dimension: thetaStart.count, modeCount: sphericalEffects.count + rank)
        let jointHistory = ModeHistory(dimension: initial.count, modeCount: sphericalEffects.count)
        // The [β; θ] at which the system was last factored by an [β; θ] evaluation (`factorHeld` while no other
        // factorization came since): PIRLS's first step at a nearby point reuses that factor.
        var factoredAt = [Double](repeating: 0, count: initial.count)
        var factorHeld = false
        // `tolerance`: PIRLS's (the θ-only stage that only supplies a start stops it early too).
        let deviance: ([Double], Bool, Double) throws -> Double = { [unowned self] x, fast, tolerance in
            evaluations += 1
            let history = fast ? thetaOnlyHistory : jointHistory
            let reusingFactor = !fast && warm && factorHeld && nAGQ == 1
                && Self.isNear(x, factoredAt, within: Self.factorReuseChange)
            factorHeld = false
            do {
                // A predicted β (θ-only evaluations) moves Xβ.
                if warm, self.predictModes(from: history, at: x, theta: fast ? x[...] : x[self.rank...]), fast {
                    self.updateFixedPredictor()
                }
                try self.install(x, fast: fast)
                do {
                    try self.pirls(varyBeta: fast, warmStart: warm, reusingFactor: reusingFactor,
                                   relativeTolerance: tolerance)
                } catch is GLMMError where warm {
                    // The previous modes may be a poor start far from x: begin again from u = 0.
                    warm = false
                    try self.install(x, fast: fast)
                    try self.pirls(varyBeta: fast, relativeTolerance: tolerance)
                }
                let value = nAGQ == 1 ? self.laplaceDeviance() : try self.quadratureDeviance(nAGQ)
                guard value.isFinite else { throw GLMMError.numerical("non-finite deviance") }
                warm = true
                self.recordModes(in: history, at: x)
                if !fast && nAGQ == 1 {
                    for k in factoredAt.indices { factoredAt[k] = x[k] }
                    factorHeld = true
                }
                return value
            } catch GLMMError.numerical(let message) {
                warm = false
                history.reset()
                // As MixedModels.jl: a numerical failure away from the start is a poor point, not a failed fit.
                if evaluations == 1 { throw GLMMError.numerical(message) }
                return initialObjective
            }
        }
        // Evaluations outside NLopt's runs also go through the monitor.
        let objective: ([Double]) throws -> Double = { x in
            let value = try deviance(x, fast, PIRLSTolerance.relative)
            try monitor.record(value)
            return value
        }
        initialObjective = try objective(initial)
        // NLopt's points reach the objective through one reused array: no allocation per evaluation.
        var point = initial
        // The [β; θ] run starts from the θ-only optimum, as lme4's does (see `jointStart`).
        var jointStart = initial
        var jointStep: (() throws -> [Double])?
        // Expensive evaluations: Newton's method from the θ-only optimum, BOBYQA only where it stops short.
        let newtonRun = usesKrylovSteps && nAGQ == 1 && !fast
        if !fast {
            do {
                (jointStart, jointStep) = try self.jointStart(from: thetaStart, newtonRun: newtonRun,
                                                              monitor: monitor) {
                    try deviance($0, true, JointStartTolerance.pirls)
                }
            } catch is GLMMError {
                // A failed θ-only stage leaves the start of the [β; θ] run at the GLM's β.
                warm = false
            }
        }
        func optimize(from start: [Double], step: [Double]? = nil) throws
            -> (x: [Double], f: Double, code: nlopt_result) {
            let run = try runBOBYQA(from: start, summary: tolerances, initialStep: step, monitor: monitor) { x in
                for k in point.indices { point[k] = x[k] }
                return try deviance(point, fast, PIRLSTolerance.relative)
            }
            if run.code.rawValue < 0 && run.code != NLOPT_ROUNDOFF_LIMITED {
                throw GLMMError.numerical("NLopt optimization failure: \(nloptResultName(run.code))")
            }
            return (run.x, run.f, run.code)
        }
        // Each [β; θ] evaluation is a PIRLS run: the Hessian's cross terms take one evaluation per pair, and a
        // check made again after the Newton step keeps them (k(k + 1)/2 + k and 2k evaluations instead of k(k + 1)).
        func check(_ x: [Double], _ f: Double, reusing previous: ConvergenceCheck.Derivatives? = nil,
                   plus: [Double]? = nil, step: Double = ConvergenceCheck.step) throws
            -> (ConvergenceCheck, ConvergenceCheck.Derivatives) {
            let d = try ConvergenceCheck.derivatives(theta: x, f: f, lowerbd: lower, objective: objective,
                                                     crossDifference: .forward, reusing: previous, plus: plus,
                                                     step: step)
            return (ConvergenceCheck(d, f: f), d)
        }
        // BOBYQA's first steps from the θ-only stage; none (the default) where its standard errors fail.
        func fallbackStep() throws -> [Double]? {
            do {
                return try jointStep?()
            } catch is GLMMError {
                return nil
            }
        }
        let evaluationsBefore = evaluations
        var newton: GLMMNewtonRun.Outcome?
        if newtonRun && jointStep != nil {
            let f = try objective(jointStart)
            newton = try GLMMNewtonRun.minimize(from: jointStart, f: f, lowerbd: lower, objective: objective) {
                try check($0, $1, reusing: $2, plus: $3, step: $4)
            }
        }
        let run: (x: [Double], f: Double, code: nlopt_result)
        var newtonCheck: ConvergenceCheck?
        switch newton {
        case .converged(let x, let f, let check)?:
            run = (x, f, NLOPT_SUCCESS)
            newtonCheck = check
        case .stopped(let x, _)?:
            run = try optimize(from: x, step: fallbackStep())
        case nil:
            run = try optimize(from: jointStart, step: fallbackStep())
        }
        let optimizerEvaluations = evaluations - evaluationsBefore
        var result = (minimizer: run.x, minimum: run.f)
        // Snap tiny θ values on a zero bound to zero when that costs almost nothing.
        var snapped = result.minimizer
        for k in snapped.indices where lower[k] == 0 && snapped[k] > 0 && snapped[k] < 0.001 { snapped[k] = 0 }
        if newtonCheck == nil && snapped != result.minimizer {
            let value = try objective(snapped)
            if value <= result.minimum + 1e-5 {
                result.minimum = value
                result.minimizer = snapped
            }
        }
        // The [β; θ] run's last digits come from Newton steps on the check's derivatives (`GLMMNewtonStep`).
        func checkAndPolish() throws -> ConvergenceCheck {
            let (convergence, derivatives) = try check(result.minimizer, result.minimum)
            guard !fast else { return convergence }
            let polished = try GLMMNewtonStep.polish(
                result.minimizer, f: result.minimum, check: convergence, derivatives: derivatives, lowerbd: lower,
                objective: objective, recheck: { [derivatives] in try check($0, $1, reusing: derivatives) })
            result = (polished.x, polished.f)
            return polished.check
        }
        let stuck = newtonCheck == nil && result.minimizer == jointStart
        var convergence = try newtonCheck ?? checkAndPolish()
        // PIRLS stops at a deviance change of 1e-5, so the differences carry noise near lme4's tolerance: only a
        // clear failure (or a point that never left the start) is worth a restart.
        let clearFailure = convergence.needsRestart
            && convergence.maximumGradient > Self.restartGradientFactor * ConvergenceCheck.gradientTolerance
        if clearFailure || stuck {
            let again = try optimize(from: result.minimizer)
            if again.f < result.minimum {
                result = (again.x, again.f)
                convergence = try checkAndPolish()
            }
        }
        try install(result.minimizer, fast: fast)
        try pirls(varyBeta: fast, warmStart: warm)
        try system.factor(weights: response.workingWeight, includeFixedEffects: true)
        fixedEffectsCovariance = rank > 0 ? system.inverseFixedEffectsCrossProduct() : []
        var summary = GLMMOptimizationSummary()
        summary.isFitted = true
        summary.fast = fast
        summary.nAGQ = nAGQ
        summary.initial = initial
        summary.final = result.minimizer
        summary.initialObjective = initialObjective
        summary.minimumObjective = result.minimum
        summary.evaluations = evaluations
        summary.optimizerEvaluations = optimizerEvaluations
        summary.lowerbd = lower
        summary.ftolRel = tolerances.ftolRel
        summary.ftolAbs = tolerances.ftolAbs
        summary.xtolRel = tolerances.xtolRel
        summary.xtolAbs = tolerances.xtolAbs
        summary.initialStep = nloptInitialStep(algorithm: NLOPT_LN_BOBYQA, start: initial, lowerbd: lower)
        summary.returnValue = nloptResultName(run.code)
        if newtonCheck != nil { summary.optimizer = GLMMOptimizationSummary.newtonOptimizer }
        summary.warnings = convergence.warnings
        summary.notes = convergence.notes
        if ConvergenceCheck.onBound(result.minimizer, lowerbd: lower).contains(true) {
            summary.notes.append(ConvergenceCheck.singularMessage)
        }
        optimizationSummary = summary
    }

    /// A failed convergence check restarts the optimizer when max|grad| exceeds this multiple of lme4's tolerance.
    static let restartGradientFactor = 10.0

    /// The [β; θ] run's relative tolerance where evaluations are expensive (Krylov steps): BOBYQA's last digits
    /// along the deviance's flat directions cost dozens of evaluations that Newton steps on the check's
    /// derivatives replace.
    static let expensiveJointFtolRel = 1e-10

    /// Largest change of any parameter (relative to its size, or absolute below 1) since the last [β; θ]
    /// evaluation at which PIRLS's first step reuses that evaluation's factor: the BOBYQA steps near the optimum
    /// and the convergence check's differences. Over such a change ΛᵀZᵀWZΛ + I moves by a few per cent, so the
    /// quasi-Newton step still contracts the distance to the modes by far more than it is long.
    static let factorReuseChange = 0.05

    static func isNear(_ x: [Double], _ y: [Double], within change: Double) -> Bool {
        x.indices.allSatisfy { abs(x[$0] - y[$0]) <= change * max(1, abs(y[$0])) }
    }

    /// Installs the optimizer's parameters: θ (fast) or [β; θ].
    private func install(_ x: [Double], fast: Bool) throws {
        guard x.allSatisfy(\.isFinite) else { throw GLMMError.numerical("non-finite parameter values") }
        if fast {
            setTheta(x[...])
        } else {
            setBeta(x[0..<rank])
            setTheta(x[rank...])
        }
    }
}
