import CNLopt

/// The end of a fit: polishing the optimizer's point, checking it as lme4 does, and restarting when the check
/// fails or the point sits on a boundary where the interior may hold a better optimum.
extension LinearMixedModel {
    /// A candidate optimum: θ, its objective, and derivatives there when the polishing computed them.
    struct FitPoint {
        var theta: [Double]
        var f: Double
        var derivatives: ConvergenceCheck.Derivatives?
    }

    /// Restarts after a failed check (each from the best point so far).
    static let maximumCheckRestarts = 2

    /// The Newton refinement of a one- or two-θ fit, then MixedModels.jl's clean-up: a diagonal θ that is nearly
    /// zero is set to zero when that costs almost nothing.
    func polish(_ theta: [Double], f: Double, summary: OptSummary,
                evaluate: ([Double]) throws -> Double) throws -> FitPoint {
        let refinement = try NewtonRefinement.refine(theta: theta, f: f, lowerbd: summary.lowerbd,
                                                     tolerance: summary.ftolAbs, objective: evaluate)
        var point = FitPoint(theta: refinement.theta, f: refinement.f, derivatives: refinement.derivatives)
        var zeroed = point.theta
        for i in zeroed.indices where summary.lowerbd[i] == 0 && zeroed[i] > 0 && zeroed[i] < summary.xtolZeroAbs {
            zeroed[i] = 0
        }
        if zeroed != point.theta {
            let value = try evaluate(zeroed)
            if value <= point.f + summary.ftolZeroAbs { point = FitPoint(theta: zeroed, f: value, derivatives: nil) }
        }
        return point
    }

    /// lme4's convergence check at `point`; when it fails (or θ never left its start) BOBYQA restarts from the
    /// best point (or `restart`, the unconstrained restarts of a gradient-based fit), and from a boundary optimum
    /// of a vector-valued term the interior is tried. `point` ends as the best point found; the check returned is
    /// the one at that point.
    func verify(_ point: inout FitPoint, summary: OptSummary, monitor: EvaluationMonitor,
                evaluate: @escaping ([Double]) throws -> Double,
                gradient: (([Double]) throws -> (f: Double, g: [Double]))?,
                restart unconstrained: (([Double], Double) throws -> (x: [Double], f: Double))? = nil,
                objective: @escaping (UnsafePointer<Double>) -> Double) throws -> ConvergenceCheck {
        // The derivatives of the last check, for a Newton step from its point.
        var derivatives: ConvergenceCheck.Derivatives?
        func assess(_ p: FitPoint) throws -> ConvergenceCheck {
            let d = try p.derivatives ?? ConvergenceCheck.derivatives(theta: p.theta, f: p.f,
                                                                      lowerbd: summary.lowerbd,
                                                                      objective: evaluate, gradient: gradient)
            derivatives = d
            return ConvergenceCheck(d, f: p.f)
        }
        // A check that still fails after the restarts, at an interior point, gives one Newton step on its
        // derivatives, kept when it lowers the objective: BOBYQA can stop one step short of lme4's gradient
        // tolerance (insteval's (1 + service | dept) on Cooper Lake's BLAS: max|grad| 0.0042 against 0.002 after
        // two restarts). Near a bound the restarts alone decide.
        func newtonStep() throws {
            guard check.needsRestart, let d = derivatives,
                  !ConvergenceCheck.onBound(point.theta, lowerbd: summary.lowerbd).contains(true),
                  let x = GLMMNewtonStep.step(at: point.theta, derivatives: d, lowerbd: summary.lowerbd) else { return }
            let candidate = FitPoint(theta: x, f: try evaluate(x), derivatives: nil)
            guard candidate.f < point.f else { return }
            point = candidate
            check = try assess(point)
        }
        func restart(from start: [Double], f: Double) throws -> FitPoint {
            if let unconstrained {
                let run = try unconstrained(start, f)
                return try polish(run.x, f: run.f, summary: summary, evaluate: evaluate)
            }
            let run = try runBOBYQA(from: start, summary: summary, monitor: monitor, objective: objective)
            return try polish(run.x, f: run.f, summary: summary, evaluate: evaluate)
        }
        var check = try assess(point)
        func restartWhileFailing() throws {
            var restarts = 0
            while restarts < Self.maximumCheckRestarts && (check.needsRestart || point.theta == summary.initial) {
                restarts += 1
                let candidate = try restart(from: point.theta, f: point.f)
                guard candidate.f < point.f else { break }
                point = candidate
                check = try assess(point)
            }
            try newtonStep()
        }
        try restartWhileFailing()
        for pair in interiorStarts(point.theta, lowerbd: summary.lowerbd) {
            let values = try pair.map(evaluate)
            guard let best = values.indices.min(by: { values[$0] < values[$1] }) else { continue }
            let candidate = try restart(from: pair[best], f: values[best])
            if candidate.f < point.f - summary.ftolAbs {
                point = candidate
                check = try assess(point)
                try restartWhileFailing()
            }
        }
        return check
    }

    /// Starting points inside the feasible region from a θ on the boundary of a vector-valued term: the zero
    /// diagonal entries of its λ raised to a tenth of the term's largest diagonal entry (at least 0.1), once as they
    /// are and once with their columns negated. At a zero diagonal the sign of the entries below it does not change
    /// ΛΛᵀ, but inside it sets the sign of the correlation: the two starts lead to different optima (insteval's
    /// `(1 + service | dept)`). Each pair is given best first.
    func interiorStarts(_ theta: [Double], lowerbd: [Double]) -> [[[Double]]] {
        // With many θ the fit already runs unconstrained through the boundary (L-BFGS, or the NEWUOA restarts).
        guard theta.count < Self.unconstrainedStartThreshold else { return [] }
        var starts: [[[Double]]] = []
        var offset = 0
        for term in frame.randomEffectsTerms {
            let v = term.vsize
            let indices = term.lambdaIndices
            defer { offset += indices.count }
            guard indices.count > v else { continue }
            let diagonal = indices.enumerated().filter { $0.element % v == $0.element / v }.map { offset + $0.offset }
            let zero = diagonal.filter { lowerbd[$0] == 0 && theta[$0] < ConvergenceCheck.boundaryTolerance }
            guard !zero.isEmpty else { continue }
            let scale = max(0.1, (diagonal.map { theta[$0] }.max() ?? 0) / 10)
            var raised = theta
            var negated = theta
            for i in zero {
                raised[i] = scale
                negated[i] = -scale
            }
            starts.append([raised, flipSigns(negated)])
        }
        return starts
    }
}
