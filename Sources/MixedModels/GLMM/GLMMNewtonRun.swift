/// Newton's method with step halving on the convergence check's finite-difference derivatives: the [β; θ] run of
/// fits whose evaluations are expensive (Krylov steps), in place of BOBYQA.
///
/// The run starts at the θ-only optimum, where the [β; θ] deviance is close to quadratic (at Bernoulli 10⁶, 41
/// above its minimum). The first derivatives cost k(k + 1)/2 + k evaluations. After a step the quadratic model
/// predicted, the next gradient costs k: forward differences on the held Hessian, updated by BFGS; the check's
/// central differences (k more, the forward ones reused) come where that gradient is within lme4's tolerance or
/// the steps slow down. The derivatives of the last step are the convergence check's. At Bernoulli 10⁶ the run
/// takes 40 evaluations (57 in all, against 117 with BOBYQA and 70 with a full check after every step) and
/// reaches the same optimum to the printed digits. A run that cannot go on — the Hessian not positive definite
/// with either difference step, a step that would reach a bound, no descent after the halvings — stops at its
/// best point, from which BOBYQA takes over.
enum GLMMNewtonRun {
    /// The difference step after lme4's (`ConvergenceCheck.step`) gave no positive definite Hessian: each
    /// evaluation is a PIRLS run whose deviance carries noise of about 1e-5 at 10⁶ rows, which a step of 1e-4
    /// turns into noise of 1e3 in the Hessian's entries. Where the item effects' SD is 2 that is as much as the
    /// intercept's curvature, and BOBYQA took over (97 evaluations); with this step, 70. Not the first choice: its
    /// truncation error slows the steps elsewhere (65–73 evaluations instead of 57–59 at seeds 1–3, 127 instead
    /// of 49 where θ is 0.05).
    static let noisyDifferenceStep = 1e-3
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
    /// A held Hessian whose next step promises more than this share of the last step's decrease is differenced
    /// again: the steps on it converge too slowly (at Bernoulli 10⁶ each step's decrease is 23 times or more
    /// below the last one's).
    static let slowConvergence = 0.1

    enum Outcome {
        /// The check passed with a gradient below `GLMMNewtonStep.passedGradientShare` of lme4's tolerance at
        /// `x`, or passed one step before `x` (that step only lowered the gradient).
        case converged(x: [Double], f: Double, check: ConvergenceCheck)
        /// The run stopped short at its best point.
        case stopped(x: [Double], f: Double)
    }

    /// Minimizes `objective` from `x` (value `f`). `derivatives` makes the convergence check at a point and
    /// returns it with its derivatives; with the previous derivatives it reuses their off-diagonal entries, with
    /// the objective at x + h·eᵢ it reuses those evaluations. `heldHessianSteps`: a step the quadratic model
    /// predicted is followed by a forward-difference gradient on the held Hessian (`heldHessianDerivatives`), the
    /// full check only where that gradient is within lme4's tolerance. The last argument of `derivatives` is the
    /// difference step.
    static func minimize(from x: [Double], f: Double, lowerbd: [Double], objective: ([Double]) throws -> Double,
                         heldHessianSteps: Bool = true,
                         derivatives: ([Double], Double, ConvergenceCheck.Derivatives?, [Double]?, Double) throws
                             -> (ConvergenceCheck, ConvergenceCheck.Derivatives)) rethrows -> Outcome {
        var (x, f) = (x, f)
        var h = ConvergenceCheck.step
        let (first, firstDerivatives) = try derivatives(x, f, nil, nil, h)
        var d = firstDerivatives
        // The check at x, nil while d's gradient is a held-Hessian estimate (no verdict).
        var verdict: ConvergenceCheck? = first
        // The check at x and its derivatives, with `previous`'s off-diagonal entries and the known f(x + h·eᵢ).
        func differenced(reusing previous: ConvergenceCheck.Derivatives? = nil, plus: [Double]? = nil) throws {
            let (check, measured) = try derivatives(x, f, previous, plus, h)
            verdict = check
            d = measured
        }
        // Whether d's off-diagonal entries come from an earlier point: a failed step is then retried with
        // fresh ones before the run gives up.
        var reused = false
        // Replaces reused derivatives by fresh ones; false when they were fresh already (the run cannot go on).
        func refreshed() throws -> Bool {
            guard reused else { return false }
            try differenced()
            reused = false
            return true
        }
        // Fresh derivatives with the longer step, once: false when the step is long already.
        func lengthened() throws -> Bool {
            guard h < noisyDifferenceStep else { return false }
            h = noisyDifferenceStep
            try differenced()
            return true
        }
        var steps = 0
        // A refresh of reused derivatives is not a step: it happens at most once per step.
        while steps < maximumIterations {
            if let check = verdict, check.converged,
               check.maximumGradient < GLMMNewtonStep.passedGradientShare * ConvergenceCheck.gradientTolerance {
                return .converged(x: x, f: f, check: check)
            }
            let direction = GLMMNewtonStep.direction(derivatives: d)
            guard let delta = direction, let scale = feasibleScale(x, delta, lowerbd: lowerbd) else {
                if let check = verdict, check.converged { return .converged(x: x, f: f, check: check) }
                if try refreshed() { continue }
                if direction == nil, try lengthened() { continue }
                return .stopped(x: x, f: f)
            }
            let passed = verdict?.converged ?? false
            let before = x
            var t = scale
            var lowered = false
            // Whether the quadratic model predicted the step's decrease: the Hessian's off-diagonal entries
            // are then reused at the new point, otherwise differenced again.
            var modelHeld = false
            var decrease = 0.0
            // −gᵀδ = δᵀHδ: the decrease of a full step is (t − t²/2) of it.
            let curvature = -zip(d.gradient, delta).reduce(0) { $0 + $1.0 * $1.1 }
            // After a passed check the step is a refinement at the noise floor: not worth halving.
            for _ in 0...(passed ? 0 : maximumHalvings) {
                let candidate = x.indices.map { x[$0] + t * delta[$0] }
                let value = try objective(candidate)
                if value < f {
                    decrease = f - value
                    modelHeld = f - value >= predictedShare * (t - t * t / 2) * curvature
                    (x, f) = (candidate, value)
                    lowered = true
                    break
                }
                t /= 2
            }
            // A passed check's verdict stands after a step that lowers the deviance (as `GLMMNewtonStep.polish`).
            if passed, let check = verdict { return .converged(x: x, f: f, check: check) }
            guard lowered else {
                if try refreshed() { continue }
                return .stopped(x: x, f: f)
            }
            steps += 1
            reused = modelHeld
            if heldHessianSteps && modelHeld,
               let held = try heldHessianDerivatives(at: x, f: f, from: before, previous: d, lowerbd: lowerbd,
                                                     objective: objective) {
                // Steps on a Hessian that has changed much converge only linearly: one whose next step promises
                // more than `slowConvergence` of this step's decrease differences the Hessian afresh.
                let next = GLMMNewtonStep.direction(derivatives: held.derivatives).map { delta in
                    -zip(held.derivatives.gradient, delta).reduce(0) { $0 + $1.0 * $1.1 } / 2
                }
                let slow = next.map { $0 > slowConvergence * decrease } ?? true
                // Near the optimum the estimate's verdict is not enough: the check completes the differences.
                if slow || ConvergenceCheck(held.derivatives, f: f).maximumGradient
                    < ConvergenceCheck.gradientTolerance {
                    try differenced(reusing: slow ? nil : held.derivatives, plus: held.plus)
                    reused = !slow
                } else {
                    d = held.derivatives
                    verdict = nil
                }
            } else {
                try differenced(reusing: modelHeld ? d : nil)
            }
        }
        if let check = verdict, check.converged { return .converged(x: x, f: f, check: check) }
        return .stopped(x: x, f: f)
    }

    /// Derivatives at `x` for the next step, in k evaluations instead of the check's 2k: the gradient by forward
    /// differences, corrected by the held Hessian's diagonal (gᵢ = (f(x + h·eᵢ) − f)/h − h·Hᵢᵢ/2, whose error is
    /// h/2 times the diagonal's change since `previous`), and the Hessian carried over with the BFGS update of
    /// the step from `from` (kept as it was where the step gives no positive curvature). Nil where a parameter is
    /// on its bound or the Hessian is only a diagonal: the check's differences are needed there.
    static func heldHessianDerivatives(at x: [Double], f: Double, from previousX: [Double],
                                       previous: ConvergenceCheck.Derivatives, lowerbd: [Double],
                                       objective: ([Double]) throws -> Double) rethrows
        -> (derivatives: ConvergenceCheck.Derivatives, plus: [Double])? {
        let k = x.count
        guard !previous.diagonalOnly, previous.boundSlope.allSatisfy(\.isNaN),
              !ConvergenceCheck.onBound(x, lowerbd: lowerbd).contains(true) else { return nil }
        let h = previous.step
        var plus = [Double](repeating: f, count: k)
        var next = previous
        for i in 0..<k {
            var shifted = x
            shifted[i] += h
            plus[i] = try objective(shifted)
            next.gradient[i] = (plus[i] - f) / h - h * previous.hessian[i + i * k] / 2
        }
        let s = (0..<k).map { x[$0] - previousX[$0] }
        let y = (0..<k).map { next.gradient[$0] - previous.gradient[$0] }
        let hs = (0..<k).map { i in (0..<k).reduce(0) { $0 + previous.hessian[i + $1 * k] * s[$1] } }
        let sHs = zip(s, hs).reduce(0) { $0 + $1.0 * $1.1 }
        let ys = zip(y, s).reduce(0) { $0 + $1.0 * $1.1 }
        if sHs > 0 && ys > 0 {
            for j in 0..<k {
                for i in 0..<k { next.hessian[i + j * k] += y[i] * y[j] / ys - hs[i] * hs[j] / sHs }
            }
        }
        return (next, plus)
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
