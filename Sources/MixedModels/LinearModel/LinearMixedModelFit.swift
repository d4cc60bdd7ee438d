import CNLopt

extension LinearMixedModel {
    /// How many unconstrained NEWUOA restarts may follow the first run. With many θ, BOBYQA can stall against a
    /// bound (the dummy-coded sleepstudy fits stop at 1611.989; the optimum is 1610.798): NEWUOA without bounds walks
    /// through the sign-symmetric region, and flipping column signs of λ afterwards restores non-negative diagonals
    /// without changing ΛΛᵀ (MixedModels.jl 5's approach). A gradient-based first run is certified by the
    /// convergence check instead (analytic gradient, Hessian from its differences): the restarts follow it only
    /// when that check fails. Run unconditionally they gained nothing on the dummy-coded fits and cost 97–395
    /// evaluations each (at 55 θ NEWUOA's first model alone needs 111).
    static let maximumRestarts = 3
    /// From this many θ on, a fit whose terms share one grouping factor starts unconstrained, with L-BFGS on the
    /// analytic gradient (`ProfiledGradient`), instead of BOBYQA: at 10 and 11 θ (the zerocorr dummy-coded
    /// sleepstudy fits) BOBYQA already stops short on flat ridges, 1e-7 above the optimum. Without that gradient
    /// (several grouping factors) the fit runs BOBYQA within the bounds, as MixedModels.jl does, and the NEWUOA
    /// restarts below certify its optimum (kb07's 13-θ model: BOBYQA reaches NEWUOA's optimum, and `optsum`
    /// names the optimizer that ran).
    static let unconstrainedStartThreshold = 10
    /// From this many θ on, NEWUOA restarts follow the first run.
    static let restartThreshold = 10
    /// A restart is repeated only while it gains more than this.
    static let restartGain = 1e-5
    /// The parameter tolerance of those restarts. NLopt tests ftol only on an improving step, so at the rounding
    /// floor of the objective a restart would otherwise shrink its trust region down to 1e-10 (about 1000
    /// evaluations at 55 θ) without a single improvement.
    static let restartParameterTolerance = 1e-6

    /// Fits the model by maximum likelihood, or by REML when `reml` is true. `control` receives progress reports
    /// and can cancel the fit (which then throws `FitCancellation` and leaves the model as it was). `thin` records
    /// every `thin`-th evaluation in `optsum.fitlog` (by default only the first and the last).
    @discardableResult
    public func fit(reml: Bool = false, control: FitControl? = nil, thin: Int = .max) throws -> LinearMixedModel {
        guard thin > 0 else { throw MixedModelError.invalidArgument("thin must be positive, got \(thin)") }
        guard nloptAlgorithms[optsum.optimizer] != nil else {
            throw MixedModelError.invalidArgument("unknown optimizer :\(optsum.optimizer); use one of "
                + nloptAlgorithms.keys.sorted().map { ":" + $0 }.joined(separator: ", "))
        }
        try Self.checkFittable(frame.y)
        do {
            try optimize(reml: reml, monitor: EvaluationMonitor(control), thin: thin)
        } catch {
            // L was factored at the optimizer's last point: restore the previous estimates' factorization.
            if isFitted { try? install(theta: currentTheta) }
            throw error
        }
        return self
    }

    private func optimize(reml: Bool, monitor: EvaluationMonitor, thin: Int) throws {
        var summary = OptSummary(initial: optsum.initial, lowerbd: optsum.lowerbd)
        summary.reml = reml
        summary.keepSettings(of: optsum)
        // A requested algorithm other than the default runs alone, bounded, as MixedModels.jl runs it.
        let requested = summary.optimizer == "LN_BOBYQA" ? nil : nloptAlgorithms[summary.optimizer]
        if !summary.stepChosen {
            summary.initialStep = nloptInitialStep(algorithm: requested ?? NLOPT_LN_BOBYQA, start: summary.initial,
                                                   lowerbd: summary.lowerbd)
        }
        let system = self.system
        // The θ at which L was last factored: the final install skips its factorization when that is the final θ
        // (after an accepted Newton refinement its candidate is the last evaluation).
        var factoredAt = [Double](repeating: .nan, count: summary.initial.count)
        var log = FitLog(thin: thin)
        let objective: (UnsafePointer<Double>) -> Double = { theta in
            for i in factoredAt.indices { factoredAt[i] = theta[i] }
            guard system.updateL(theta: theta) else {
                factoredAt[0] = .nan
                log.record(factoredAt, .infinity)
                return .infinity
            }
            let value = system.objective(reml: reml)
            log.record(factoredAt, value)
            return value
        }
        // Every NLopt algorithm evaluates the starting point first: that value is the initial objective.
        var initialValue: Double?
        let initial = summary.initial
        let recordingObjective: (UnsafePointer<Double>) -> Double = { theta in
            let value = objective(theta)
            if initialValue == nil && initial.indices.allSatisfy({ theta[$0] == initial[$0] }) { initialValue = value }
            return value
        }
        // Evaluations outside NLopt's runs (refinement, checks) also go through the monitor.
        let evaluate: ([Double]) throws -> Double = { x in
            let value = x.withUnsafeBufferPointer { objective($0.baseAddress ?? theta0Fallback) }
            try monitor.record(value)
            return value
        }
        let manyTheta = summary.initial.count >= Self.unconstrainedStartThreshold
        // The analytic gradient drives L-BFGS and the convergence check of large models.
        let needsGradient = manyTheta || summary.initial.count > ConvergenceCheck.fullHessianDimension
        let gradient = needsGradient ? ProfiledGradient(system: system) : nil
        // Many θ on one grouping factor: start unconstrained (BOBYQA would spend thousands of evaluations stalled
        // against a bound).
        let unconstrainedFirst = manyTheta && gradient != nil
        var run: (x: [Double], f: Double, evaluations: Int, code: nlopt_result)
        if let requested {
            run = try runBOBYQA(from: summary.initial, summary: summary, initialStep: summary.initialStep,
                                algorithm: requested, monitor: monitor, objective: recordingObjective)
        } else if unconstrainedFirst, let gradient {
            run = try runWithGradient(from: summary.initial, summary: summary, algorithm: NLOPT_LD_LBFGS,
                                      monitor: monitor) { theta, g in
                let f = recordingObjective(theta)
                if let g, f.isFinite { gradient.evaluate(reml: reml, into: g) }
                return f
            }
            run.x = flipSigns(run.x)
            summary.optimizer = "LD_LBFGS"
            summary.optimizerReplaced = true
        } else {
            run = try runBOBYQA(from: summary.initial, summary: summary, algorithm: NLOPT_LN_BOBYQA,
                                monitor: monitor, objective: recordingObjective)
        }
        summary.finitial = try initialValue ?? evaluate(initial)
        let gradientBased = summary.optimizer == "LD_LBFGS"
        // A failed L-BFGS run (NLopt still returns its best point) is rescued by the restarts too.
        if requested == nil && summary.initial.count >= Self.restartThreshold
            && (!gradientBased || run.code.rawValue < 0) {
            run = try restartUnconstrained(run, summary: summary, monitor: monitor, objective: objective)
        }
        if run.code.rawValue < 0 && run.code != NLOPT_ROUNDOFF_LIMITED {
            throw MixedModelError.optimizationFailed("NLopt returned \(nloptResultName(run.code))")
        }
        summary.optimizerEvaluations = monitor.evaluations
        var point = try polish(run.x, f: run.f, summary: summary, evaluate: evaluate)
        let analyticGradient: (([Double]) throws -> (f: Double, g: [Double]))? = gradient.map { gradient in
            { x in
                let f = try evaluate(x)
                var g = [Double](repeating: 0, count: x.count)
                g.withUnsafeMutableBufferPointer { gradient.evaluate(reml: reml, into: $0.baseAddress!) }
                return (f, g)
            }
        }
        let unconstrainedRestart: (([Double], Double) throws -> (x: [Double], f: Double))? = gradientBased
            ? { x, f in
                let again = try self.restartUnconstrained((x, f, 0, NLOPT_SUCCESS), summary: summary,
                                                          monitor: monitor, objective: objective)
                return (again.x, again.f)
            } : nil
        let check = try verify(&point, summary: summary, monitor: monitor, evaluate: evaluate,
                               gradient: analyticGradient, restart: unconstrainedRestart, objective: objective)
        summary.final = point.theta
        summary.fmin = point.f
        summary.feval = monitor.evaluations
        summary.returnvalue = nloptResultName(run.code)
        summary.fitlog = log.entries(initial: (summary.initial, summary.finitial), final: (point.theta, point.f))
        var messages = check.warnings
        if run.code == NLOPT_ROUNDOFF_LIMITED {
            messages.append("NLopt was roundoff limited")
        } else if run.code == NLOPT_MAXEVAL_REACHED || run.code == NLOPT_MAXTIME_REACHED {
            messages.append("NLopt optimization failure: \(summary.returnvalue)")
        }
        warnings = messages
        summary.warnings = messages + check.notes
        if ConvergenceCheck.onBound(point.theta, lowerbd: summary.lowerbd).contains(true) {
            summary.warnings.append(ConvergenceCheck.singularMessage)
        }
        optsum = summary
        try install(theta: point.theta, factored: point.theta == factoredAt)
        isFitted = true
    }

    /// Up to `maximumRestarts` unconstrained NEWUOA runs from `run`'s point, each kept (with flipped signs) when it
    /// gains; a failed run is replaced by a successful restart.
    func restartUnconstrained(_ first: (x: [Double], f: Double, evaluations: Int, code: nlopt_result),
                              summary: OptSummary, monitor: EvaluationMonitor,
                              objective: @escaping (UnsafePointer<Double>) -> Double) throws
        -> (x: [Double], f: Double, evaluations: Int, code: nlopt_result) {
        var run = first
        var restartTolerances = summary
        restartTolerances.xtolAbs = summary.xtolAbs.map { _ in Self.restartParameterTolerance }
        for _ in 0..<Self.maximumRestarts {
            let again = try runBOBYQA(from: run.x, summary: restartTolerances, algorithm: NLOPT_LN_NEWUOA,
                                      bounded: false, monitor: monitor, objective: objective)
            guard again.code.rawValue > 0, again.f < run.f - summary.ftolAbs || run.code.rawValue < 0 else { break }
            let gain = run.f - again.f
            run = (flipSigns(again.x), again.f, again.evaluations, again.code)
            if gain < Self.restartGain { break }
        }
        return run
    }

    /// θ with the columns of each λ negated where their diagonal is negative: ΛΛᵀ, hence the objective, is unchanged.
    func flipSigns(_ theta: [Double]) -> [Double] {
        var flipped = theta
        var offset = 0
        for term in frame.randomEffectsTerms {
            let v = term.vsize
            let indices = term.lambdaIndices
            for (e, index) in indices.enumerated() where index % v == index / v && flipped[offset + e] < 0 {
                let column = index / v
                for (f, other) in indices.enumerated() where other / v == column { flipped[offset + f].negate() }
            }
            offset += indices.count
        }
        return flipped
    }

    /// Factors L at θ (unless `factored`: L already is the factor at θ) and computes β, u and b there.
    func install(theta: [Double], factored: Bool = false) throws {
        let ok = factored || theta.withUnsafeBufferPointer { system.updateL(theta: $0.baseAddress ?? theta0Fallback) }
        guard ok else { throw MixedModelError.optimizationFailed("the system is not positive definite at θ") }
        currentTheta = theta
        pendingTheta = nil
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

/// The evaluations a fit keeps for `optsum.fitlog`: every `thin`-th after the first (the first is the start).
struct FitLog {
    let thin: Int
    private var count = 0
    private var kept: [(theta: [Double], objective: Double)] = []

    init(thin: Int) { self.thin = thin }

    mutating func record(_ theta: [Double], _ value: Double) {
        count += 1
        if thin != .max && count > 1 && count % thin == 0 { kept.append((theta, value)) }
    }

    /// The start, the kept evaluations, and the end when nothing was thinned in (MixedModels.jl's default log).
    func entries(initial: ([Double], Double), final: ([Double], Double)) -> [(theta: [Double], objective: Double)] {
        [initial] + kept + (thin == .max ? [final] : [])
    }
}
