/// The modes (u, and β when it varies) at the optimizer's last k + 1 evaluations, k parameters, for an affine
/// prediction of the modes at the next point: x = x₀ + Σ aⱼ(xⱼ − x₀) gives u = u₀ + Σ aⱼ(uⱼ − u₀), which is exact to
/// first order in the distance between the points. Near an optimum the optimizer's points cluster, and PIRLS
/// from such a start needs a Newton step fewer than from the newest modes alone. All storage is allocated once.
final class ModeHistory {
    let dimension: Int
    let modeCount: Int
    /// Points (k each) and modes (`modeCount` each), slot by slot; `newest` is the last recorded slot.
    private var points: [Double]
    private var modes: [Double]
    private var recorded = 0
    private var newest = 0
    /// Scratch: the k × k system of differences (column-major) and its right-hand side / solution.
    private var differences: [Double]
    private var coefficients: [Double]
    /// The largest |aⱼ| trusted: farther extrapolations start from the newest modes instead.
    static let maximumCoefficient = 2.0

    init(dimension: Int, modeCount: Int) {
        self.dimension = dimension
        self.modeCount = modeCount
        points = [Double](repeating: 0, count: (dimension + 1) * dimension)
        modes = [Double](repeating: 0, count: (dimension + 1) * modeCount)
        differences = [Double](repeating: 0, count: dimension * dimension)
        coefficients = [Double](repeating: 0, count: dimension)
        levelWeights = [Double](repeating: 0, count: modeCount)
    }

    /// Σ W z² by level of each scalar term (indexed as u), fixed from the first modes recorded or predicted since
    /// the last reset (see `fixLevelWeights`).
    var levelWeights: [Double]
    var hasLevelWeights = false

    /// Forgets the recorded modes (after a failed evaluation).
    func reset() {
        recorded = 0
        hasLevelWeights = false
    }

    /// Records the modes `u` followed by `beta` at `point`.
    func record(_ point: [Double], u: [Double], beta: [Double]) {
        newest = (newest + 1) % (dimension + 1)
        for k in 0..<dimension { points[newest * dimension + k] = point[k] }
        let base = newest * modeCount
        for k in u.indices { modes[base + k] = u[k] }
        for j in beta.indices where u.count + j < modeCount { modes[base + u.count + j] = beta[j] }
        recorded = min(recorded + 1, dimension + 1)
    }

    /// Writes the predicted modes at `point` into `u` (and `beta` when it is part of the modes); false, leaving
    /// them alone, when fewer than k + 1 points are recorded, they are (nearly) affinely dependent, or `point`
    /// lies far outside them.
    func predict(_ point: [Double], u: inout [Double], beta: inout [Double]) -> Bool {
        let k = dimension
        guard k > 0, recorded == k + 1 else { return false }
        func slot(_ c: Int) -> Int { (newest + 1 + c) % (k + 1) }
        var scale = 0.0
        for c in 0..<k {
            let slot = slot(c)
            for r in 0..<k {
                let d = points[slot * k + r] - points[newest * k + r]
                differences[r + c * k] = d
                scale = max(scale, abs(d))
            }
        }
        for r in 0..<k { coefficients[r] = point[r] - points[newest * k + r] }
        guard scale > 0, solveDifferences(k, tolerance: 1e-10 * scale) else { return false }
        guard coefficients.allSatisfy({ abs($0) <= Self.maximumCoefficient }) else { return false }
        let base = newest * modeCount
        for m in 0..<modeCount {
            let start = modes[base + m]
            var value = start
            for c in 0..<k { value += coefficients[c] * (modes[slot(c) * modeCount + m] - start) }
            if m < u.count { u[m] = value } else { beta[m - u.count] = value }
        }
        return true
    }

    /// Solves differences · a = coefficients in place by Gaussian elimination with partial pivoting; false when a
    /// pivot is at most `tolerance`.
    private func solveDifferences(_ k: Int, tolerance: Double) -> Bool {
        for c in 0..<k {
            var pivot = c
            for r in c..<k where abs(differences[r + c * k]) > abs(differences[pivot + c * k]) { pivot = r }
            guard abs(differences[pivot + c * k]) > tolerance else { return false }
            if pivot != c {
                for j in 0..<k { differences.swapAt(c + j * k, pivot + j * k) }
                coefficients.swapAt(c, pivot)
            }
            for r in (c + 1)..<k {
                let factor = differences[r + c * k] / differences[c + c * k]
                for j in c..<k { differences[r + j * k] -= factor * differences[c + j * k] }
                coefficients[r] -= factor * coefficients[c]
            }
        }
        for c in stride(from: k - 1, through: 0, by: -1) {
            var s = coefficients[c]
            for j in (c + 1)..<k { s -= differences[c + j * k] * coefficients[j] }
            coefficients[c] = s / differences[c + c * k]
        }
        return true
    }
}

extension GeneralizedLinearMixedModel {
    /// Records the modes of the evaluation just made in `history`, each scalar term's u as its level scores
    /// (`convertScalarModes`): nearby points share their scores far more closely than their u.
    func recordModes(in history: ModeHistory, at x: [Double]) {
        fixLevelWeights(of: history)
        if modeScratch.count != sphericalEffects.count { modeScratch = sphericalEffects }
        for k in sphericalEffects.indices { modeScratch[k] = sphericalEffects[k] }
        convertScalarModes(&modeScratch, theta: nil, weights: history.levelWeights, toScores: true)
        history.record(x, u: modeScratch, beta: fullRankBeta)
    }

    /// Sets u (and β from a θ-only history) for the evaluation at `x`, whose θ is `newTheta`, before it is
    /// installed: the affine prediction from `history` where it has one; otherwise the current modes carried to the
    /// new θ at the same scores, which takes the optimizer's first and farthest points (θ from 1 to 1.75 or 0.25)
    /// from 5 to 11 Newton steps down to 3 to 5 (Bernoulli 10⁶ crossed). True when β was predicted too.
    func predictModes(from history: ModeHistory, at x: [Double], theta newTheta: ArraySlice<Double>) -> Bool {
        fixLevelWeights(of: history)
        if modeScratch.count != sphericalEffects.count { modeScratch = sphericalEffects }
        if history.predict(x, u: &modeScratch, beta: &fullRankBeta) {
            for k in sphericalEffects.indices { sphericalEffects[k] = modeScratch[k] }
            convertScalarModes(&sphericalEffects, theta: newTheta, weights: history.levelWeights, toScores: false)
            return true
        }
        convertScalarModes(&sphericalEffects, theta: nil, weights: history.levelWeights, toScores: true)
        convertScalarModes(&sphericalEffects, theta: newTheta, weights: history.levelWeights, toScores: false)
        return false
    }

    /// Converts each scalar term's modes to level scores (`toScores`) or back, at θ (nil: the installed θ) and
    /// Σ W z² by level, `weights`. Level j of the working model with only that term has the mode
    /// uⱼ = θ sⱼ / (θ² wⱼ + 1), with sⱼ = Σ W z r and wⱼ = Σ W z² over its observations, and its score sⱼ does not
    /// depend on θ: from one θ to another a level with much data keeps its b = θu (η stays), one with little keeps
    /// its u. On θ = 0, u = 0 and the score is taken as 0. Vector-valued terms keep u.
    private func convertScalarModes(_ values: inout [Double], theta: ArraySlice<Double>?, weights: [Double],
                                    toScores: Bool) {
        var start = theta?.startIndex ?? 0
        for term in terms {
            defer { start += term.parameterCount }
            guard term.vsize == 1 else { continue }
            let t = theta?[start] ?? term.lambda[0], base = term.offset
            for j in 0..<term.levelCount {
                let factor = t > 0 ? (t * t * weights[base + j] + 1) / t : 0
                values[base + j] = toScores ? values[base + j] * factor : (t > 0 ? values[base + j] / factor : 0)
            }
        }
    }

    /// Gives `history` its Σ W z² by level of each scalar term, at the current working weights, unless it has them:
    /// one set for all its points, so that their scores are one smooth function of their modes.
    private func fixLevelWeights(of history: ModeHistory) {
        guard !history.hasLevelWeights else { return }
        history.hasLevelWeights = true
        history.levelWeights.withUnsafeMutableBufferPointer { w in
        response.workingWeight.withUnsafeBufferPointer { weight in
            for term in terms where term.vsize == 1 {
                let base = term.offset
                for j in 0..<term.levelCount { w[base + j] = 0 }
                term.refs.withUnsafeBufferPointer { refs in
                term.z.withUnsafeBufferPointer { z in
                    for i in refs.indices { w[base + Int(refs[i])] += weight[i] * z[i] * z[i] }
                }}
            }
        }}
    }
}
