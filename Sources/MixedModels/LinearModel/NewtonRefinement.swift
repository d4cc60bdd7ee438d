/// A final Newton step on a finite-difference quadratic model, for fits with one or two θ.
///
/// A derivative-free optimizer can only locate the minimum as precisely as the objective's rounding noise allows:
/// on insteval the objective is flat to ~1e-9 over a θ region of ~1e-7, so the point where BOBYQA stops depends on
/// rounding along its path, enough to move a printed coefficient in its sixth significant digit. Differences over a
/// step h = 1e-5 change the objective by ~1e-6 (far above the noise), so the quadratic model fixes θ to ~1e-9, while
/// the truncation error stays below the precision of small, noise-free fits. The step is kept when it stays within
/// h of θ, respects the bounds and does not raise the objective by more than `tolerance` (at the noise floor a
/// better θ may evaluate a hair higher).
enum NewtonRefinement {
    /// Up to this many θ the refinement runs (3 evaluations for one θ, 7 for two).
    static let maximumDimension = 2
    /// The finite-difference step.
    static let step = 1e-5

    /// The refined θ and objective, the evaluations spent (θ and `f` unchanged when the step is not taken) and,
    /// when the stencil was evaluated, the derivatives at the unrefined θ (for the convergence check: the step only
    /// lowers the gradient).
    static func refine(theta: [Double], f: Double, lowerbd: [Double], tolerance: Double,
                       objective: ([Double]) throws -> Double) rethrows
        -> (theta: [Double], f: Double, evaluations: Int, derivatives: ConvergenceCheck.Derivatives?) {
        let n = theta.count
        let h = step
        guard n >= 1, n <= maximumDimension, f.isFinite,
              theta.indices.allSatisfy({ theta[$0] - h >= lowerbd[$0] }) else { return (theta, f, 0, nil) }
        func shifted(_ d0: Double, _ d1: Double) -> [Double] {
            var x = theta
            x[0] += d0
            if n == 2 { x[1] += d1 }
            return x
        }
        var evaluations = 0
        func value(_ x: [Double]) throws -> Double {
            evaluations += 1
            return try objective(x)
        }
        let plus0 = try value(shifted(h, 0))
        let minus0 = try value(shifted(-h, 0))
        let g0 = (plus0 - minus0) / (2 * h)
        let h00 = (plus0 - 2 * f + minus0) / (h * h)
        var d = [Double](repeating: 0, count: n)
        var derivatives = ConvergenceCheck.Derivatives(gradient: [g0], hessian: [h00], boundSlope: [.nan], step: h)
        if n == 1 {
            guard h00 > 0 else { return (theta, f, evaluations, derivatives) }
            d[0] = -g0 / h00
        } else {
            let plus1 = try value(shifted(0, h))
            let minus1 = try value(shifted(0, -h))
            let plusPlus = try value(shifted(h, h))
            let minusMinus = try value(shifted(-h, -h))
            let g1 = (plus1 - minus1) / (2 * h)
            let h11 = (plus1 - 2 * f + minus1) / (h * h)
            let h01 = (plusPlus + minusMinus - plus0 - minus0 - plus1 - minus1 + 2 * f) / (2 * h * h)
            derivatives = ConvergenceCheck.Derivatives(gradient: [g0, g1], hessian: [h00, h01, h01, h11],
                                                       boundSlope: [.nan, .nan], step: h)
            let det = h00 * h11 - h01 * h01
            guard h00 > 0, det > 0 else { return (theta, f, evaluations, derivatives) }
            d[0] = -(h11 * g0 - h01 * g1) / det
            d[1] = -(h00 * g1 - h01 * g0) / det
        }
        let candidate = shifted(d[0], n == 2 ? d[1] : 0)
        guard d.allSatisfy({ abs($0) <= h }), candidate.indices.allSatisfy({ candidate[$0] >= lowerbd[$0] }) else {
            return (theta, f, evaluations, derivatives)
        }
        let refined = try value(candidate)
        return refined <= f + tolerance ? (candidate, refined, evaluations, derivatives)
            : (theta, f, evaluations, derivatives)
    }
}
