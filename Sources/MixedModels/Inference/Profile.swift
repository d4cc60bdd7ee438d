import Foundation

/// One profiled parameter: the values visited with their signed square-root deviance change ζ.
public struct ParameterProfile {
    /// `β1`…, `σ`, `σ1`… as in MixedModels.jl's profile table.
    public var parameter: String
    public var estimate: Double
    /// (value, ζ) pairs in increasing order of value.
    public var points: [(value: Double, zeta: Double)]
    /// ζ(value): the signed square root of the increase in −2 log L when the parameter is held at `value`.
    let zeta: (Double) throws -> Double
    /// The smallest admissible value (0 for standard deviations, −1 for correlations).
    let lowerLimit: Double
    /// The largest admissible value (1 for correlations).
    var upperLimit = Double.infinity
}

/// MixedModels.jl's `MixedModelProfile` of a maximum-likelihood fit: ζ as a function of each fixed effect, of σ and
/// of each random-effects standard deviation, the other parameters re-optimized at every point.
public struct MixedModelProfile {
    public var profiles: [ParameterProfile]
    /// Reinstalls the estimates in the model (profiling refactors it at other θ).
    let restore: () -> Void
    /// Warnings, e.g. for a parameter estimated on its boundary (a singular fit) whose profile is one-sided.
    public var warnings: [String]

    /// Profile-based confidence intervals at `level`: where ζ = ∓z, z = Φ⁻¹((1 + level)/2); a bound beyond the
    /// admissible range is the range's limit.
    public func confint(level: Double = 0.95) throws -> [(par: String, estimate: Double, lower: Double, upper: Double)] {
        guard level > 0, level < 1 else { throw InferenceError("level = \(level) should be in (0,1)") }
        let z = Distributions.normalQuantile((1 + level) / 2)
        defer { restore() }
        return try profiles.map { p in
            (p.parameter, p.estimate, try Self.solve(p, target: -z), try Self.solve(p, target: z))
        }
    }

    /// The value where ζ = target, bracketed from the visited points and refined by bisection with secant steps.
    static func solve(_ p: ParameterProfile, target: Double) throws -> Double {
        let pts = p.points
        guard let k = (0..<(pts.count - 1)).first(where: { i in
            (pts[i].zeta - target) * (pts[i + 1].zeta - target) <= 0
        }) else {
            return target < 0 ? (p.lowerLimit.isFinite ? p.lowerLimit : -.infinity) : p.upperLimit
        }
        var (a, fa) = (pts[k].value, pts[k].zeta - target)
        var (b, fb) = (pts[k + 1].value, pts[k + 1].zeta - target)
        for _ in 0..<60 where abs(b - a) > 1e-9 * max(1, abs(a)) {
            var m = fa != fb ? a - fa * (b - a) / (fb - fa) : (a + b) / 2
            if !(m > min(a, b) && m < max(a, b)) || abs(m - a) < 1e-3 * abs(b - a) || abs(b - m) < 1e-3 * abs(b - a) {
                m = (a + b) / 2
            }
            let fm = try p.zeta(m) - target
            if fm == 0 { return m }
            if (fm < 0) == (fa < 0) { (a, fa) = (m, fm) } else { (b, fb) = (m, fm) }
        }
        return abs(fa) < abs(fb) ? a : b
    }
}

extension LinearMixedModel {
    /// MixedModels.jl's `profile(m; threshold)`: each fixed effect, σ and each random-effects standard deviation
    /// profiled out to |ζ| = `threshold`. Needs a maximum-likelihood fit. A standard deviation estimated as zero
    /// (a singular fit) gets a one-sided profile and a warning. `control` reports the evaluations of all the
    /// profile's optimizations and can stop them (`FitCancellation`).
    public func profile(threshold: Double = 4, control: FitControl? = nil) throws -> MixedModelProfile {
        guard isFitted else { throw MixedModelError.notFitted("profile") }
        guard !isREML else { throw InferenceError("profile needs a maximum-likelihood fit; refit with REML=false") }
        let thetaHat = theta
        let devianceHat = objective
        let sigmaHat = sigma
        let n = Double(nobs)
        let system = self.system
        let lowerbd = optsum.lowerbd
        var warnings: [String] = []
        var profiles: [ParameterProfile] = []
        let monitor = EvaluationMonitor(control)
        defer { try? install(theta: thetaHat) }

        // Minimizes `f(θ)` over θ from `start` (by default the estimate; each f factors L at θ first).
        func minimize(from start: [Double]? = nil, _ f: @escaping (UnsafePointer<Double>) -> Double) throws -> Double {
            var summary = OptSummary(initial: start ?? thetaHat, lowerbd: lowerbd)
            summary.ftolRel = 1e-10
            let run = try runBOBYQA(from: start ?? thetaHat, summary: summary, monitor: monitor, objective: f)
            return run.f
        }
        func factor(_ theta: UnsafePointer<Double>) -> Bool { system.updateL(theta: theta) }
        func zeta(_ deviance: Double, _ value: Double, _ estimate: Double) -> Double {
            let d = max(0, deviance - devianceHat).squareRoot()
            return value < estimate ? -d : d
        }

        // Fixed effects: r²(θ) = pwrss + (b − β̂ⱼ)²/vⱼⱼ with vⱼⱼ = ‖L_XX⁻¹ eⱼ‖².
        let p = frame.rank
        let se = stderror
        let pivot = Array(frame.pivot.prefix(p))
        var unit = [Double](repeating: 0, count: max(1, p))
        var betaWork = [Double](repeating: 0, count: max(1, p))
        for j in 0..<p {
            let estimate = currentBeta[j]
            let f: (Double) throws -> Double = { b in
                let dev = try minimize { theta in
                    guard factor(theta) else { return .infinity }
                    for e in 0..<p { unit[e] = e == j ? 1 : 0 }
                    unit.withUnsafeMutableBufferPointer { solveLower(system.lXX.data, n: p, ld: p + 1, $0.baseAddress!) }
                    let v = unit.prefix(p).reduce(0) { $0 + $1 * $1 }
                    betaWork.withUnsafeMutableBufferPointer { system.solveBeta(into: $0.baseAddress!) }
                    let r2 = system.penalizedRSS() + (b - betaWork[j]) * (b - betaWork[j]) / v
                    return system.logDeterminant() + n * (1 + log(2 * Double.pi * r2 / n))
                }
                return zeta(dev, b, estimate)
            }
            profiles.append(try trace("β\(pivot[j] + 1)", estimate: estimate, step: se[pivot[j]] / 2,
                                      lowerLimit: -.infinity, threshold: threshold, f))
        }

        // σ: −2 log L(θ, σ) = logdet + n log(2πσ²) + pwrss/σ².
        let sigmaZeta: (Double) throws -> Double = { s in
            // From θ̂ scaled to keep the random-effects standard deviations σθ at their estimates.
            let dev = try minimize(from: thetaHat.map { $0 * sigmaHat / s }) { theta in
                guard factor(theta) else { return .infinity }
                return system.logDeterminant() + n * log(2 * Double.pi * s * s) + system.penalizedRSS() / (s * s)
            }
            return zeta(dev, s, sigmaHat)
        }
        profiles.append(try trace("σ", estimate: sigmaHat, step: sigmaHat / (2 * (2 * n).squareRoot()),
                                  lowerLimit: 0, threshold: threshold, sigmaZeta))

        // Each random-effects standard deviation σᵢ = σ‖row i of λ‖: σ = s/‖row‖, θ free.
        var offset = 0
        var index = 0
        for term in frame.randomEffectsTerms {
            let v = term.vsize
            let indices = term.lambdaIndices
            let base = offset
            for row in 0..<v {
                index += 1
                let entries = indices.enumerated().filter { $0.element % v == row }.map { base + $0.offset }
                func rowLength(_ theta: UnsafePointer<Double>) -> Double {
                    entries.reduce(0) { $0 + theta[$1] * theta[$1] }.squareRoot()
                }
                let estimate = thetaHat.withUnsafeBufferPointer { sigmaHat * rowLength($0.baseAddress!) }
                let diagonal = indices.firstIndex(of: row * v + row).map { base + $0 }
                let f: (Double) throws -> Double = { s in
                    // Start from θ̂ with this row scaled to give σᵢ = s at σ̂ (or, from zero, its diagonal set so).
                    var start = thetaHat
                    if estimate > 0 {
                        for e in entries { start[e] *= s / estimate }
                    } else if let diagonal {
                        start[diagonal] = s / sigmaHat
                    }
                    let dev = try minimize(from: start) { theta in
                        let length = rowLength(theta)
                        guard length > 0, factor(theta) else { return .infinity }
                        let sigma = s / length
                        return system.logDeterminant() + n * log(2 * Double.pi * sigma * sigma)
                            + system.penalizedRSS() / (sigma * sigma)
                    }
                    return zeta(dev, s, estimate)
                }
                let name = "σ\(index)"
                if estimate == 0 {
                    warnings.append("\(name) (\(term.groupingName), \(term.columnNames[row])) is estimated as zero: "
                                    + "its profile is one-sided")
                }
                profiles.append(try trace(name, estimate: estimate, step: max(estimate, sigmaHat / 10) / 4,
                                          lowerLimit: 0, threshold: threshold, f))
            }
            offset += indices.count
        }
        profiles += try correlationProfiles(thetaHat: thetaHat, devianceHat: devianceHat, threshold: threshold,
                                            monitor: monitor)
        let model = self
        return MixedModelProfile(profiles: profiles, restore: { try? model.install(theta: thetaHat) }, warnings: warnings)
    }

    /// Visits values below and above the estimate in growing steps until |ζ| passes `threshold` or a limit.
    private func trace(_ name: String, estimate: Double, step: Double, lowerLimit: Double,
                       upperLimit: Double = .infinity, threshold: Double,
                       _ zeta: @escaping (Double) throws -> Double) throws -> ParameterProfile {
        var points = [(value: estimate, zeta: 0.0)]
        let h = step > 0 && step.isFinite ? step : max(abs(estimate), 1) / 10
        for direction in [-1.0, 1.0] {
            let limit = direction < 0 ? lowerLimit : upperLimit
            var delta = h
            for _ in 0..<40 {
                var value = estimate + direction * delta
                if direction < 0 ? value <= limit : value >= limit {
                    if limit.isFinite && estimate != limit {
                        // The last point just inside the limit.
                        value = limit + (estimate - limit) * 1e-6
                        let z = try zeta(value)
                        if z.isFinite { points.append((value, z)) }
                    }
                    break
                }
                let z = try zeta(value)
                guard z.isFinite else { break }
                points.append((value, z))
                if abs(z) > threshold { break }
                delta *= 1.5
            }
        }
        points.sort { $0.value < $1.value }
        return ParameterProfile(parameter: name, estimate: estimate, points: points, zeta: zeta,
                                lowerLimit: lowerLimit, upperLimit: upperLimit)
    }

    /// Profiles of the correlations of each term's first random effect with the others, ρ(i, 1) = λᵢ₁/‖row i‖:
    /// holding ρ = r, the row's other entries w stay free and λᵢ₁ = r‖w‖/√(1 − r²).
    func correlationProfiles(thetaHat: [Double], devianceHat: Double, threshold: Double,
                             monitor: EvaluationMonitor? = nil) throws -> [ParameterProfile] {
        var profiles: [ParameterProfile] = []
        var offset = 0
        var rhoIndex = 0
        let system = self.system
        let lowerbd = optsum.lowerbd
        for term in frame.randomEffectsTerms {
            let v = term.vsize
            let indices = term.lambdaIndices
            let base = offset
            offset += indices.count
            for i in 1..<max(1, v) {
                for j in 0..<i {
                    rhoIndex += 1
                    guard j == 0, let first = indices.firstIndex(of: i), indices.contains(0) else { continue }
                    let fixedSlot = base + first
                    let others = indices.enumerated().filter { $0.element % v == i && $0.element != i }
                        .map { base + $0.offset }
                    guard !others.isEmpty else { continue }
                    let rowNorm = others.reduce(thetaHat[fixedSlot] * thetaHat[fixedSlot]) { $0 + thetaHat[$1] * thetaHat[$1] }
                    guard rowNorm > 0, thetaHat[base] > 0 else { continue }
                    let estimate = thetaHat[fixedSlot] / rowNorm.squareRoot()
                    let free = thetaHat.indices.filter { $0 != fixedSlot }
                    var theta = thetaHat
                    let f: (Double) throws -> Double = { r in
                        let scale = r / (1 - r * r).squareRoot()
                        let start = free.map { thetaHat[$0] }
                        var summary = OptSummary(initial: start, lowerbd: free.map { lowerbd[$0] })
                        summary.ftolRel = 1e-10
                        let run = try runBOBYQA(from: start, summary: summary, monitor: monitor) { x in
                            for (k, slot) in free.enumerated() { theta[slot] = x[k] }
                            theta[fixedSlot] = scale * others.reduce(0.0) { $0 + theta[$1] * theta[$1] }.squareRoot()
                            let ok = theta.withUnsafeBufferPointer { system.updateL(theta: $0.baseAddress!) }
                            return ok ? system.objective(reml: false) : .infinity
                        }
                        let d = max(0, run.f - devianceHat).squareRoot()
                        return r < estimate ? -d : d
                    }
                    profiles.append(try trace("ρ\(rhoIndex)", estimate: estimate, step: 0.05, lowerLimit: -1,
                                              upperLimit: 1, threshold: threshold, f))
                }
            }
        }
        return profiles
    }
}
