import CNLopt

extension GeneralizedLinearMixedModel {
    /// Tolerances of the θ-only stage before an [β; θ] fit: it only supplies a start, so it stops early.
    enum JointStartTolerance {
        static let ftolRel = 1e-8
        static let xtolAbs = 1e-4
        /// … and before Newton's method (`GLMMNewtonRun`), whose cost hardly depends on how far its start is
        /// within the quadratic region: at Bernoulli 10⁶ (seeds 1–3) the stage's last 9–14 evaluations gained
        /// about 1 in deviance, which the Newton steps make up at no extra cost (70, 68 and 68 evaluations in all,
        /// against 81, 72 and 73 after the tighter stage; the same optimum within 6e-12 relative).
        static let newtonFtolRel = 1e-6
        static let newtonXtolAbs = 1e-3
        /// PIRLS's relative tolerance in this stage: Newton's method leaves an error in the deviance of about the
        /// square of its last change, far below the stage's own 1e-8, and the check step at PIRLS's default
        /// 1e-12 costs a factorization per evaluation.
        static let pirls = 1e-10
        /// The [β; θ] run's first steps: this many standard errors for β, this much for θ.
        static let betaStep = 0.2
        static let thetaStep = 0.05
    }

    /// The start and first steps of an [β; θ] fit, from a θ-only optimization with β from PIRLS (lme4's
    /// `nAGQ0initStep`). That optimum is close to the [β; θ] one (verbagg: 0.34 higher in deviance), so the
    /// second run, scaled by β's standard errors there, needs about half the evaluations of a run from the GLM's β
    /// — and the θ-only evaluations are few. `fastDeviance` evaluates the θ-only deviance; `newtonRun`: the
    /// [β; θ] run will be Newton's method, so the stage stops earlier, its start takes β as PIRLS left it at the
    /// best point, and the steps (for BOBYQA, should the Newton run stop short) are only worked out when asked
    /// for: their re-evaluation at the θ-only optimum and factorization cost about 0.4 s at Bernoulli 10⁶.
    func jointStart(from thetaStart: [Double], newtonRun: Bool, monitor: EvaluationMonitor,
                    fastDeviance: @escaping ([Double]) throws -> Double) throws
        -> (start: [Double], step: () throws -> [Double]) {
        var stage = OptSummary(initial: thetaStart, lowerbd: thetaLowerBounds)
        stage.ftolRel = newtonRun ? JointStartTolerance.newtonFtolRel : JointStartTolerance.ftolRel
        let xtolAbs = newtonRun ? JointStartTolerance.newtonXtolAbs : JointStartTolerance.xtolAbs
        stage.xtolAbs = [Double](repeating: xtolAbs, count: thetaStart.count)
        var point = thetaStart
        var best = (f: Double.infinity, beta: fullRankBeta)
        let run = try runBOBYQA(from: thetaStart, summary: stage, monitor: monitor) { x in
            for k in point.indices { point[k] = x[k] }
            let value = try fastDeviance(point)
            if value < best.f {
                best.f = value
                for j in best.beta.indices { best.beta[j] = self.fullRankBeta[j] }
            }
            return value
        }
        guard run.code.rawValue > 0 || run.code == NLOPT_ROUNDOFF_LIMITED else {
            throw GLMMError.numerical("the θ-only stage failed: \(nloptResultName(run.code))")
        }
        // β at the θ-only optimum, and its standard errors from the factor there.
        let step = { [unowned self] () throws -> [Double] in
            _ = try fastDeviance(run.x)
            try system.factor(weights: response.workingWeight, includeFixedEffects: true)
            let p = rank
            let covariance = p > 0 ? system.inverseFixedEffectsCrossProduct() : []
            let betaStep = (0..<p).map { JointStartTolerance.betaStep * covariance[$0 * (p + 1)].squareRoot() }
            guard betaStep.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw GLMMError.numerical("no standard errors at the θ-only optimum")
            }
            return betaStep + run.x.map { _ in JointStartTolerance.thetaStep }
        }
        if newtonRun && best.f == run.f { return (best.beta + run.x, step) }
        let steps = try step()
        return (fullRankBeta + run.x, { steps })
    }
}
