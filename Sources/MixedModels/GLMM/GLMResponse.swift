import Foundation

/// The response side of a GLM(M): y, prior weights and offset, and the quantities that follow from a linear
/// predictor η — mean μ, working residuals and weights, deviance residuals. The analogue of GLM.jl's `GlmResp`.
struct GLMResponse {
    let family: Family
    let link: Link
    var y: [Double]
    /// Prior weights: ones when none were given (binomial: the number of trials).
    let priorWeights: [Double]
    let offset: [Double]
    /// Linear predictor including the offset.
    var eta: [Double]
    var mu: [Double]
    /// (y − μ) / (dμ/dη).
    var workingResidual: [Double]
    /// prior weight × (dμ/dη)² / V(μ).
    var workingWeight: [Double]
    /// Per-observation deviance contributions (prior weight × unit deviance).
    var devianceResidual: [Double]

    /// Whether every response value is 0 or 1.
    var isBinary: Bool

    init(family: Family, link: Link, y: [Double], priorWeights: [Double], offset: [Double]) {
        isBinary = y.allSatisfy { $0 == 0 || $0 == 1 }
        self.family = family
        self.link = link
        self.y = y
        self.priorWeights = priorWeights
        self.offset = offset
        let n = y.count
        eta = [Double](repeating: 0, count: n)
        mu = eta
        workingResidual = eta
        workingWeight = eta
        devianceResidual = eta
    }

    var count: Int { y.count }

    /// Sum of the deviance residuals: the GLM deviance at the current η (summed in order as they are formed).
    private(set) var deviance = 0.0

    /// Installs η (including the offset) and updates μ, the working quantities and the deviance residuals.
    mutating func update(eta newEta: [Double]) {
        eta = newEta
        updateFromEta()
    }

    /// Recomputes everything from the current `eta`.
    mutating func updateFromEta() {
        if link == .logit && family != .poisson && isBinary {
            updateBinaryLogit()
            return
        }
        let canonical = link == family.canonicalLink
        let n = y.count
        var total = 0.0
        y.withUnsafeBufferPointer { y in
        priorWeights.withUnsafeBufferPointer { pw in
        eta.withUnsafeBufferPointer { eta in
        mu.withUnsafeMutableBufferPointer { mu in
        workingResidual.withUnsafeMutableBufferPointer { wr in
        workingWeight.withUnsafeMutableBufferPointer { ww in
        devianceResidual.withUnsafeMutableBufferPointer { dr in
            for i in 0..<n {
                let (m, dmu) = link.inverse(eta[i])
                mu[i] = m
                wr[i] = (y[i] - m) / dmu
                // For the canonical link dμ/dη equals V(μ), so the working weight is dμ/dη itself.
                ww[i] = pw[i] * (canonical ? dmu : dmu * dmu / family.variance(m))
                dr[i] = pw[i] * family.unitDeviance(y[i], m)
                total += dr[i]
            }
        }}}}}}}
        deviance = total
    }

    /// The Bernoulli/binomial logit case with a 0/1 response, the common one, in one exponential and one
    /// logarithm per observation: with e = exp(−|η|) and d = 1 + e, μ = (η < 0 ? e : 1)/d, dμ/dη = e/d², and the
    /// unit deviance −2 log μ (y = 1) or −2 log(1 − μ) (y = 0) is 2(log d + max(0, ∓η)).
    private mutating func updateBinaryLogit() {
        let n = y.count
        var total = 0.0
        y.withUnsafeBufferPointer { y in
        priorWeights.withUnsafeBufferPointer { pw in
        eta.withUnsafeBufferPointer { eta in
        mu.withUnsafeMutableBufferPointer { mu in
        workingResidual.withUnsafeMutableBufferPointer { wr in
        workingWeight.withUnsafeMutableBufferPointer { ww in
        devianceResidual.withUnsafeMutableBufferPointer { dr in
            for i in 0..<n {
                let h = eta[i]
                let e = exp(-abs(h))
                let d = 1 + e
                let inverse = 1 / d
                let m = (h < 0 ? e : 1) * inverse
                let dmu = e * inverse * inverse
                mu[i] = m
                // (y − μ)/(dμ/dη) simplifies to ±d or ±d/e: exact, and one division at most.
                let positive = y[i] == 1
                let far = positive == (h < 0)
                let magnitude = far ? d / e : d
                wr[i] = positive ? magnitude : -magnitude
                ww[i] = pw[i] * dmu
                let contribution = pw[i] * 2 * (log(d) + max(0, y[i] == 1 ? -h : h))
                dr[i] = contribution
                total += contribution
            }
        }}}}}}}
        deviance = total
    }

    /// The working response without the offset: η − offset + working residual.
    func workingResponse() -> [Double] {
        var z = [Double](repeating: 0, count: count)
        for i in 0..<count { z[i] = eta[i] - offset[i] + workingResidual[i] }
        return z
    }

    /// Σ log-likelihood contributions of the observations at the current μ.
    func logLikelihood() -> Double {
        var total = 0.0
        for i in 0..<count { total += family.logLikelihood(y[i], mu[i], weight: priorWeights[i]) }
        return total
    }
}
