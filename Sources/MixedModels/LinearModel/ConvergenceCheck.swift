import CBLAS
import Foundation

/// lme4's post-fit convergence check (`checkConv`) on the profiled objective: the gradient scaled by the Cholesky
/// factor of the Hessian (a Newton step's size in the metric of the curvature) must be small, the Hessian must not
/// have negative or vanishing eigenvalues, and a parameter on its bound must not gain by moving inwards.
/// A derivative-free optimizer can stop without ever seeing a descent (every trial point near the start worse);
/// this check is what catches such a stop.
struct ConvergenceCheck {
    /// lme4's `check.conv.grad` tolerance on min(|scaled gradient|, |gradient|).
    static let gradientTolerance = 0.002
    /// lme4's `check.conv.hess` tolerance, relative to the largest eigenvalue here (the objective's scale varies
    /// with n).
    static let hessianTolerance = 1e-6
    /// lme4's finite-difference step (`deriv12`'s delta).
    static let step = 1e-4
    /// A diagonal θ within this of its zero bound is on the boundary (lme4's `isSingular` tolerance).
    static let boundaryTolerance = 1e-4
    /// lme4's note on a fit with a variance component on its boundary.
    static let singularMessage = "boundary (singular) fit: see help('isSingular')"
    /// Up to this many parameters the Hessian is computed in full by differences of the objective (k(k + 1)
    /// evaluations); above it from the analytic gradient, or only its diagonal.
    static let fullHessianDimension = 10

    /// Derivatives at the optimum: gradient (length k) and Hessian (k × k, column-major) for the free parameters,
    /// the one-sided slope for parameters on their bound (`boundSlope`, NaN for free ones), and the step used.
    struct Derivatives {
        var gradient: [Double]
        var hessian: [Double]
        var boundSlope: [Double]
        var step: Double
        /// Whether `hessian` holds only its diagonal (large models without an analytic gradient).
        var diagonalOnly = false
    }

    /// The largest of min(|scaled gradient|, |gradient|), and at which parameter (0-based).
    var maximumGradient = 0.0
    var component = 0
    /// lme4-style messages for a failed convergence (gradient too large, negative curvature): shown with the
    /// model.
    var warnings: [String] = []
    /// lme4-style notes on the model itself (a direction in which the objective is flat): recorded in the
    /// optimization summary only, as MixedModels.jl prints no such note with the model.
    var notes: [String] = []
    var converged: Bool { warnings.isEmpty }
    /// Whether a restart may help: the gradient is too large or the Hessian has negative eigenvalues (a flat
    /// direction is a property of the model, not of the optimizer's stop).
    var needsRestart = false

    /// Parameters on their lower bound.
    static func onBound(_ theta: [Double], lowerbd: [Double]) -> [Bool] {
        theta.indices.map { lowerbd[$0].isFinite && theta[$0] - lowerbd[$0] < boundaryTolerance }
    }

    /// How the Hessian's off-diagonal entries are differenced.
    enum CrossDifference {
        /// lme4's `deriv12`: f(x + hᵢ + hⱼ) and f(x − hᵢ − hⱼ), two evaluations per pair, error O(h²).
        case central
        /// f(x + hᵢ + hⱼ) alone with the axis evaluations already made: one evaluation per pair, error O(h), far
        /// below what the check and a Newton step need (a relative 1e-4 in the curvature).
        case forward
    }

    /// Finite-difference derivatives of `objective` at θ (objective value `f`): central differences for the free
    /// parameters, a forward slope for those on their bound. With `gradient` (the objective and its analytic
    /// gradient at a point) a large model's Hessian comes from k forward differences of the gradient, and the
    /// slope of a bound parameter from the same evaluations. With `reusing` (derivatives at a point a Newton step
    /// away) only the axis evaluations are made: the gradient and the Hessian's diagonal are new, its off-diagonal
    /// entries are kept — over so short a step they do not change at the check's precision. `plus` holds the
    /// objective at θ + h·eᵢ where it was evaluated already (a forward-difference gradient at the same point).
    /// `h`: the difference step, lme4's unless the objective's noise calls for a longer one.
    static func derivatives(theta: [Double], f: Double, lowerbd: [Double],
                            objective: ([Double]) throws -> Double,
                            gradient: (([Double]) throws -> (f: Double, g: [Double]))? = nil,
                            crossDifference: CrossDifference = .central, reusing previous: Derivatives? = nil,
                            plus known: [Double]? = nil, step h: Double = step) throws -> Derivatives {
        let k = theta.count
        let bound = onBound(theta, lowerbd: lowerbd)
        var d = Derivatives(gradient: [Double](repeating: 0, count: k),
                            hessian: [Double](repeating: 0, count: k * k),
                            boundSlope: [Double](repeating: .nan, count: k), step: h)
        func shifted(_ i: Int, _ di: Double, _ j: Int? = nil, _ dj: Double = 0) -> [Double] {
            var x = theta
            x[i] += di
            if let j { x[j] += dj }
            return x
        }
        if k > fullHessianDimension, let gradient {
            let g0 = try gradient(theta).g
            d.gradient = g0
            for i in 0..<k {
                let (fi, gi) = try gradient(shifted(i, h))
                if bound[i] { d.boundSlope[i] = (fi - f) / h }
                for j in 0..<k { d.hessian[j + i * k] = (gi[j] - g0[j]) / h }
            }
            for i in 0..<k {
                for j in 0..<i {
                    let m = (d.hessian[j + i * k] + d.hessian[i + j * k]) / 2
                    d.hessian[j + i * k] = m
                    d.hessian[i + j * k] = m
                }
            }
            return d
        }
        var plus = [Double](repeating: f, count: k)
        var minus = [Double](repeating: f, count: k)
        for i in 0..<k {
            if let known, known.count == k {
                plus[i] = known[i]
            } else {
                plus[i] = try objective(shifted(i, h))
            }
            if bound[i] {
                d.boundSlope[i] = (plus[i] - f) / h
                continue
            }
            minus[i] = try objective(shifted(i, -h))
            d.gradient[i] = (plus[i] - minus[i]) / (2 * h)
            d.hessian[i + i * k] = (plus[i] - 2 * f + minus[i]) / (h * h)
        }
        guard k <= fullHessianDimension else {
            d.diagonalOnly = true
            return d
        }
        let reused = previous.map { $0.hessian.count == k * k && !$0.diagonalOnly } ?? false
        for i in 0..<k where !bound[i] {
            for j in 0..<i where !bound[j] {
                let hij: Double
                if reused, let previous {
                    hij = previous.hessian[j + i * k]
                } else if crossDifference == .forward {
                    let pp = try objective(shifted(i, h, j, h))
                    hij = (pp - plus[i] - plus[j] + f) / (h * h)
                } else {
                    let pp = try objective(shifted(i, h, j, h))
                    let mm = try objective(shifted(i, -h, j, -h))
                    hij = (pp + mm - plus[i] - minus[i] - plus[j] - minus[j] + 2 * f) / (2 * h * h)
                }
                d.hessian[j + i * k] = hij
                d.hessian[i + j * k] = hij
            }
        }
        return d
    }

    /// Assesses derivatives at an optimum with objective value `f` (its size sets the rounding noise of the
    /// differences).
    init(_ d: Derivatives, f: Double) {
        let k = d.gradient.count
        let free = (0..<k).filter { d.boundSlope[$0].isNaN }
        // A parameter on its bound whose inward slope is negative: the optimum lies inside.
        for i in 0..<k where !d.boundSlope[i].isNaN && -d.boundSlope[i] > maximumGradient {
            maximumGradient = -d.boundSlope[i]
            component = i
        }
        let m = free.count
        if m > 0 {
            var hessian = [Double](repeating: 0, count: m * m)
            for (a, i) in free.enumerated() {
                for (b, j) in free.enumerated() { hessian[b + a * m] = d.hessian[j + i * k] }
            }
            let g = free.map { d.gradient[$0] }
            let scaled = Self.scaledGradient(g, hessian: hessian, m: m, diagonalOnly: d.diagonalOnly)
            for (a, i) in free.enumerated() {
                let value = min(abs(scaled?[a] ?? g[a]), abs(g[a]))
                if value > maximumGradient {
                    maximumGradient = value
                    component = i
                }
            }
            // At a boundary (singular) fit the parameters tied to a zero variance are unidentified: lme4's note on
            // the singular fit replaces the Hessian's eigenvalue check there.
            if !d.diagonalOnly && m == k, let problem = Self.hessianProblem(hessian, m: m, f: f, step: d.step) {
                if problem.negative {
                    warnings.append(problem.message)
                    needsRestart = true
                } else {
                    notes.append(problem.message)
                }
            }
        }
        if maximumGradient > Self.gradientTolerance {
            let g = String(format: "%g", maximumGradient)
            needsRestart = true
            warnings.insert("Model failed to converge with max|grad| = \(g) (tol = \(Self.gradientTolerance), "
                            + "component \(component + 1))", at: 0)
        }
    }

    /// L⁻¹g for the Hessian H = LLᵀ (lme4's solve(chol(H), g) with chol's upper factor Lᵀ), or nil when H is not
    /// positive definite.
    private static func scaledGradient(_ g: [Double], hessian: [Double], m: Int, diagonalOnly: Bool) -> [Double]? {
        if diagonalOnly {
            var scaled = g
            for a in 0..<m {
                let h = hessian[a + a * m]
                guard h > 0 else { return nil }
                scaled[a] = g[a] / h.squareRoot()
            }
            return scaled
        }
        var factor = hessian
        var scaled = g
        let ok = factor.withUnsafeMutableBufferPointer { l -> Bool in
            guard let base = l.baseAddress, choleskyLower(base, n: m, ld: m) else { return false }
            scaled.withUnsafeMutableBufferPointer { s in
                if let sb = s.baseAddress { solveLower(base, n: m, ld: m, sb) }
            }
            return true
        }
        return ok ? scaled : nil
    }

    /// lme4's `check.conv.hess` messages: negative eigenvalues, or eigenvalues indistinguishable from zero
    /// (a direction in which the objective is flat). Zero is judged relative to the largest eigenvalue and to the
    /// rounding noise of the differences.
    private static func hessianProblem(_ hessian: [Double], m: Int, f: Double, step: Double)
        -> (message: String, negative: Bool)? {
        var a = hessian
        var eigenvalues = [Double](repeating: 0, count: m)
        let info = LAPACKE_dsyev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "L")), Int32(m),
                                 &a, Int32(m), &eigenvalues)
        guard info == 0 else { return ("unable to evaluate the Hessian's eigenvalues", false) }
        let largest = eigenvalues.map(abs).max() ?? 0
        let noise = 64 * Double.ulpOfOne * max(1, abs(f)) / (step * step)
        let zero = max(hessianTolerance * largest, noise)
        let negative = eigenvalues.filter { $0 < -zero }.count
        if negative > 0 {
            return ("Model failed to converge: degenerate Hessian with \(negative) negative eigenvalue"
                + (negative == 1 ? "" : "s"), true)
        }
        let flat = eigenvalues.filter { abs($0) <= zero }.count
        if flat > 0 {
            return ("Model is nearly unidentifiable: \(flat) eigenvalue" + (flat == 1 ? "" : "s")
                + " of the Hessian close to zero", false)
        }
        return nil
    }
}
