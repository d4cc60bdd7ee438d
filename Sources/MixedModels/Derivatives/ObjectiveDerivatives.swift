import Foundation

/// Why a derivative of the objective could not be computed.
public struct DerivativeError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
}

/// Gradient and Hessian of a linear mixed model's objective with respect to θ, as MixedModels.jl's ForwardDiff and
/// FiniteDiff extensions define them:
/// - `forwardGradient`/`forwardHessian`: exact (forward-mode, hyper-dual) derivatives of the deviance with σ fixed
///   at its estimate (`DenseDeviance`);
/// - `finiteDifferenceGradient`/`finiteDifferenceHessian`: central differences of the profiled objective with
///   FiniteDiff.jl's default steps: h = max(ε^(1/3)|θᵢ|, ε^(1/3)) for the gradient, h = max(ε^(1/4)|θᵢ|, ε^(1/4))
///   for the Hessian.
/// Every function leaves the model as it was (L, β and u at the fitted θ).
extension LinearMixedModel {
    /// Largest dense work (multiply-adds) the forward-mode derivatives accept: a few seconds.
    static let forwardWorkLimit = 2.0e10

    /// The exact gradient of the σ-fixed deviance at θ (default: the fitted θ).
    public func forwardGradient(at theta: [Double]? = nil) throws -> [Double] {
        let (dense, point, sigmaSquared) = try forwardSetup(theta, passes: system.thetaCount, what: "ForwardDiff.gradient")
        return try (0..<point.count).map { i in
            var seeded = point.map { HyperDual($0) }
            seeded[i].b = 1
            guard let d = dense.deviance(theta: seeded, sigmaSquared: sigmaSquared, reml: optsum.reml) else {
                throw DerivativeError(description: "ForwardDiff.gradient: the system is not positive definite at θ")
            }
            return d.b
        }
    }

    /// The exact Hessian (column-major `k × k`) of the σ-fixed deviance at θ (default: the fitted θ).
    public func forwardHessian(at theta: [Double]? = nil) throws -> [Double] {
        let k = system.thetaCount
        let (dense, point, sigmaSquared) = try forwardSetup(theta, passes: k * (k + 1) / 2, what: "ForwardDiff.hessian")
        var hessian = [Double](repeating: 0, count: k * k)
        for j in 0..<k {
            for i in j..<k {
                var seeded = point.map { HyperDual($0) }
                seeded[i].b = 1
                seeded[j].c = 1
                guard let d = dense.deviance(theta: seeded, sigmaSquared: sigmaSquared, reml: optsum.reml) else {
                    throw DerivativeError(description: "ForwardDiff.hessian: the system is not positive definite at θ")
                }
                hessian[i + j * k] = d.d
                hessian[j + i * k] = d.d
            }
        }
        return hessian
    }

    /// Central-difference gradient of the profiled objective at θ (default: the fitted θ).
    public func finiteDifferenceGradient(at theta: [Double]? = nil) throws -> [Double] {
        let point = try derivativePoint(theta, what: "FiniteDiff.finite_difference_gradient")
        let relstep = cbrt(Double.ulpOfOne)
        defer { restoreFit() }
        let reml = optsum.reml
        return point.indices.map { i in
            let h = max(relstep * abs(point[i]), relstep)
            var x = point
            x[i] = point[i] + h
            let up = objective(at: x, reml: reml)
            x[i] = point[i] - h
            let down = objective(at: x, reml: reml)
            return (up - down) / (2 * h)
        }
    }

    /// Central-difference Hessian (column-major `k × k`, symmetric) of the profiled objective at θ.
    public func finiteDifferenceHessian(at theta: [Double]? = nil) throws -> [Double] {
        let point = try derivativePoint(theta, what: "FiniteDiff.finite_difference_hessian")
        let relstep = pow(Double.ulpOfOne, 0.25)
        defer { restoreFit() }
        let reml = optsum.reml
        let k = point.count
        let f = { (x: [Double]) in self.objective(at: x, reml: reml) }
        let center = f(point)
        let steps = point.map { max(relstep * abs($0), relstep) }
        var hessian = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            var x = point
            x[i] = point[i] + steps[i]
            let up = f(x)
            x[i] = point[i] - steps[i]
            let down = f(x)
            hessian[i + i * k] = (up - 2 * center + down) / (steps[i] * steps[i])
            for j in (i + 1)..<max(i + 1, k) {
                func value(_ si: Double, _ sj: Double) -> Double {
                    var y = point
                    y[i] = point[i] + si * steps[i]
                    y[j] = point[j] + sj * steps[j]
                    return f(y)
                }
                let mixed = (value(1, 1) - value(1, -1) - value(-1, 1) + value(-1, -1)) / (4 * steps[i] * steps[j])
                hessian[i + j * k] = mixed
                hessian[j + i * k] = mixed
            }
        }
        return hessian
    }

    private func derivativePoint(_ theta: [Double]?, what: String) throws -> [Double] {
        guard isFitted else { throw MixedModelError.notFitted(what) }
        let point = theta ?? currentTheta
        guard point.count == system.thetaCount else {
            throw DerivativeError(description: "\(what): θ has \(point.count) elements; the model has "
                + "\(system.thetaCount)")
        }
        guard point.allSatisfy(\.isFinite) else {
            throw DerivativeError(description: "\(what): θ has a NaN or infinite element")
        }
        return point
    }

    private func forwardSetup(_ theta: [Double]?, passes: Int,
                              what: String) throws -> (DenseDeviance, [Double], Double) {
        let point = try derivativePoint(theta, what: what)
        guard !system.isWeighted else {
            throw DerivativeError(description: "\(what) is not available for models with weights")
        }
        let dense = DenseDeviance(system: system)
        guard dense.work(passes: passes) <= Self.forwardWorkLimit else {
            throw DerivativeError(description: "\(what): the model is too large for the dense forward-mode "
                + "derivatives (q + p + 1 = \(dense.size), \(system.thetaCount) θ parameters); use "
                + "FiniteDiff.finite_difference_\(what.hasSuffix("hessian") ? "hessian" : "gradient") instead")
        }
        return (dense, point, varest)
    }

    /// L, β and u back at the fitted θ after evaluations elsewhere.
    private func restoreFit() {
        try? install(theta: currentTheta)
    }
}
