import CBLAS

/// A final Newton step on the quadratic model of the convergence check's finite-difference derivatives.
///
/// BOBYQA approaches the optimum of the [β; θ] deviance slowly along its flat directions: most of a tight run's
/// evaluations go into its last digits. The convergence check evaluates the gradient and the Hessian at the optimum
/// anyway; one Newton step on them lands within the differences' truncation error of the minimum, so the
/// optimizer's own tolerance can stop earlier.
enum GLMMNewtonStep {
    /// A step longer than this (relative to the parameter's size) is not a refinement: the quadratic model is
    /// trusted only very near the point where it was formed.
    static let maximumStep = 1e-2

    /// The check's derivatives give one Newton step to the optimum's last digits (BOBYQA's tolerance leaves them to
    /// it), kept when it lowers the objective. A passed check's verdict stands: the step only lowers the gradient.
    /// A failed one is made again (`recheck`) at the better point: on large data BOBYQA's relative tolerance can
    /// stop where the gradient is still a little above lme4's tolerance (the Bernoulli 10⁶ crossed fit: a scaled
    /// gradient of 0.0036, one Newton step from the optimum).
    static func polish(_ x: [Double], f: Double, check: ConvergenceCheck, derivatives: ConvergenceCheck.Derivatives,
                       lowerbd: [Double], objective: ([Double]) throws -> Double,
                       recheck: ([Double], Double) throws -> ConvergenceCheck) rethrows
        -> (x: [Double], f: Double, check: ConvergenceCheck) {
        guard let candidate = step(at: x, derivatives: derivatives, lowerbd: lowerbd) else { return (x, f, check) }
        let value = try objective(candidate)
        guard value < f else { return (x, f, check) }
        return (candidate, value, check.converged ? check : try recheck(candidate, value))
    }

    /// x − H⁻¹g over the parameters off their bounds, or nil when the Hessian is not positive definite, only its
    /// diagonal is known, or the step is long or crosses a bound.
    static func step(at x: [Double], derivatives d: ConvergenceCheck.Derivatives, lowerbd: [Double]) -> [Double]? {
        let k = x.count
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
        guard info == 0 else { return nil }
        var y = x
        for (a, i) in free.enumerated() {
            guard delta[a].isFinite, abs(delta[a]) <= maximumStep * max(1, abs(x[i])) else { return nil }
            y[i] += delta[a]
            guard y[i] >= lowerbd[i] else { return nil }
        }
        return y
    }
}
