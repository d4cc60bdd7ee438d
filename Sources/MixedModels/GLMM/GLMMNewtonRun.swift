/// Newton's method with step halving on the convergence check's finite-difference derivatives: the [β; θ] run of
/// fits whose evaluations are expensive (Krylov steps), in place of BOBYQA.
///
/// The run starts at the θ-only optimum, where the [β; θ] deviance is close to quadratic: at Bernoulli 10⁶ it is
/// 9.5 above its minimum, which BOBYQA reached in 55 evaluations and the check with its Newton steps in 23 more.
/// Here the first derivatives cost k(k + 1)/2 + k evaluations, every later step 2k + 1 (the Hessian's
/// off-diagonal entries kept), and the steps converge quadratically down to the differences' precision; the
/// derivatives of the last step are the convergence check's. That fit now takes 52 evaluations after the θ-only
/// stage (70 in all, against 117), and reaches the same optimum to the printed digits. A run that cannot go on —
/// the Hessian not positive definite, a step that would reach a bound, no descent after the halvings — stops at
/// its best point, from which BOBYQA takes over.
enum GLMMNewtonRun {
    /// Newton steps at most.
    static let maximumIterations = 10
    /// Halvings of a step that does not lower the deviance.
    static let maximumHalvings = 4
    /// The longest step of a parameter, relative to its size (absolute below 1): farther the quadratic model is
    /// not trusted.
    static let maximumStep = 0.5
    /// A step whose decrease falls short of this share of the quadratic model's prediction leaves a model too
    /// poor to keep its Hessian's off-diagonal entries.
    static let predictedShare = 0.5

    enum Outcome {
        /// The check passed with a gradient below `GLMMNewtonStep.passedGradientShare` of lme4's tolerance at
        /// `x`, or passed one step before `x` (that step only lowered the gradient).
        case converged(x: [Double], f: Double, check: ConvergenceCheck)
        /// The run stopped short at its best point.
        case stopped(x: [Double], f: Double)
    }

    /// Minimizes `objective` from `x` (value `f`). `derivatives` makes the convergence check at a point and
    /// returns it with its derivatives; with the previous derivatives it reuses their off-diagonal entries.
    static func minimize(from x: [Double], f: Double, lowerbd: [Double], objective: ([Double]) throws -> Double,
                         derivatives: ([Double], Double, ConvergenceCheck.Derivatives?) throws
                             -> (ConvergenceCheck, ConvergenceCheck.Derivatives)) rethrows -> Outcome {
        var (x, f) = (x, f)
        var (check, d) = try derivatives(x, f, nil)
        // Whether d's off-diagonal entries come from an earlier point: a failed step is then retried with
        // fresh ones before the run gives up.
        var reused = false
        // Replaces reused derivatives by fresh ones; false when they were fresh already (the run cannot go on).
        func refreshed() throws -> Bool {
            guard reused else { return false }
            (check, d) = try derivatives(x, f, nil)
            reused = false
            return true
        }
        var steps = 0
        // A refresh of reused derivatives is not a step: it happens at most once per step.
        while steps < maximumIterations {
            if check.converged
                && check.maximumGradient < GLMMNewtonStep.passedGradientShare * ConvergenceCheck.gradientTolerance {
                return .converged(x: x, f: f, check: check)
            }
            guard let delta = GLMMNewtonStep.direction(derivatives: d),
                  let scale = feasibleScale(x, delta, lowerbd: lowerbd) else {
                if check.converged { return .converged(x: x, f: f, check: check) }
                if try refreshed() { continue }
                return .stopped(x: x, f: f)
            }
            var t = scale
            var lowered = false
            // Whether the quadratic model predicted the step's decrease: the Hessian's off-diagonal entries
            // are then reused at the new point, otherwise differenced again.
            var modelHeld = false
            // −gᵀδ = δᵀHδ: the decrease of a full step is (t − t²/2) of it.
            let curvature = -zip(d.gradient, delta).reduce(0) { $0 + $1.0 * $1.1 }
            // After a passed check the step is a refinement at the noise floor: not worth halving.
            for _ in 0...(check.converged ? 0 : maximumHalvings) {
                let candidate = x.indices.map { x[$0] + t * delta[$0] }
                let value = try objective(candidate)
                if value < f {
                    modelHeld = f - value >= predictedShare * (t - t * t / 2) * curvature
                    (x, f) = (candidate, value)
                    lowered = true
                    break
                }
                t /= 2
            }
            // A passed check's verdict stands after a step that lowers the deviance (as `GLMMNewtonStep.polish`).
            if check.converged { return .converged(x: x, f: f, check: check) }
            guard lowered else {
                if try refreshed() { continue }
                return .stopped(x: x, f: f)
            }
            steps += 1
            (check, d) = try derivatives(x, f, modelHeld ? d : nil)
            reused = modelHeld
        }
        return check.converged ? .converged(x: x, f: f, check: check) : .stopped(x: x, f: f)
    }

    /// The factor (at most 1) that keeps every parameter's step within `maximumStep`, or nil when the step would
    /// reach a bound: an optimum there is BOBYQA's to find.
    private static func feasibleScale(_ x: [Double], _ delta: [Double], lowerbd: [Double]) -> Double? {
        var scale = 1.0
        for i in x.indices where delta[i] != 0 {
            scale = min(scale, maximumStep * max(1, abs(x[i])) / abs(delta[i]))
        }
        for i in x.indices where lowerbd[i].isFinite && x[i] + scale * delta[i] <= lowerbd[i] { return nil }
        return scale
    }
}
