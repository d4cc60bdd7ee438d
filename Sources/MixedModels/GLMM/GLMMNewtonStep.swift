import CBLAS

/// Final Newton steps on the quadratic model of the convergence check's finite-difference derivatives.
///
/// BOBYQA approaches the optimum of the [β; θ] deviance slowly along its flat directions: most of a tight run's
/// evaluations go into its last digits. The convergence check evaluates the gradient and the Hessian at the optimum
/// anyway; a Newton step on them lands within the differences' truncation error of the minimum, so the
/// optimizer's own tolerance can stop earlier (where evaluations are expensive, at 1e-10 instead of 1e-12).
enum GLMMNewtonStep {
    /// A step longer than this (relative to the parameter's size) is not a refinement: the quadratic model is
    /// trusted only very near the point where it was formed.
    static let maximumStep = 1e-2

    /// Newton steps after a failed check: one step, the check made again there (its gradient only, the Hessian
    /// reused), and another step while it still fails — 2k + 1 evaluations each, where a restart of BOBYQA costs
    /// dozens.
    static let maximumSteps = 4

    /// The check's derivatives give Newton steps to the optimum's last digits (BOBYQA's tolerance leaves them to
    /// these steps), each kept when it lowers the objective. A passed check's verdict stands: one step only lowers the
    /// gradient. A failed one is made again (`recheck`, which also returns its derivatives) at the better point
    /// and the next step taken from there, until the check passes or a step no longer lowers the objective.
    static func polish(_ x: [Double], f: Double, check: ConvergenceCheck, derivatives: ConvergenceCheck.Derivatives,
                       lowerbd: [Double], objective: ([Double]) throws -> Double,
                       recheck: ([Double], Double) throws -> (ConvergenceCheck, ConvergenceCheck.Derivatives))
        rethrows -> (x: [Double], f: Double, check: ConvergenceCheck) {
        var (x, f, check, derivatives) = (x, f, check, derivatives)
        for _ in 0..<maximumSteps {
            guard let candidate = step(at: x, derivatives: derivatives, lowerbd: lowerbd) else { break }
            let value = try objective(candidate)
            guard value < f else { break }
            (x, f) = (candidate, value)
            if check.converged { break }
            (check, derivatives) = try recheck(x, f)
            if check.converged && check.maximumGradient < passedGradientShare * ConvergenceCheck.gradientTolerance {
                break
            }
        }
        return (x, f, check)
    }

    /// A recheck that passes with a gradient above this share of lme4's tolerance takes one more step: a point
    /// that only just passes is still short of the optimum's printed digits.
    static let passedGradientShare = 0.1

    /// x − H⁻¹g over the parameters off their bounds, or nil when the Hessian is not positive definite, only its
    /// diagonal is known, or the step is long or crosses a bound.
    static func step(at x: [Double], derivatives d: ConvergenceCheck.Derivatives, lowerbd: [Double]) -> [Double]? {
        guard let delta = direction(derivatives: d) else { return nil }
        var y = x
        for i in x.indices where delta[i] != 0 {
            guard abs(delta[i]) <= maximumStep * max(1, abs(x[i])) else { return nil }
            y[i] += delta[i]
            guard y[i] >= lowerbd[i] else { return nil }
        }
        return y
    }

    /// −H⁻¹g over the parameters off their bounds (0 for those on one), or nil when the Hessian is not positive
    /// definite or only its diagonal is known.
    static func direction(derivatives d: ConvergenceCheck.Derivatives) -> [Double]? {
        let k = d.gradient.count
        let free = (0..<k).filter { d.boundSlope[$0].isNaN }
        guard !free.isEmpty, !d.diagonalOnly else { return nil }
        let m = free.count
        var hessian = [Double](repeating: 0, count: m * m)
        for (a, i) in free.enumerated() {
            for (b, j) in free.enumerated() { hessian[b + a * m] = d.hessian[j + i * k] }
        }
        var delta = free.map { -d.gradient[$0] }
        let info = LAPACKE_dposv(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(m), 1, &hessian, Int32(m),
                                 &delta, Int32(m))
        guard info == 0, delta.allSatisfy(\.isFinite) else { return nil }
        var full = [Double](repeating: 0, count: k)
        for (a, i) in free.enumerated() { full[i] = delta[a] }
        return full
    }
}
