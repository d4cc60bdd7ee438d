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

    /// Whether every response value is 0 or 1.
    var isBinary: Bool
    /// Whether every prior weight is 1 (the logarithms of the 0/1 logit deviance are then taken of products).
    let hasUnitPriorWeights: Bool

    init(family: Family, link: Link, y: [Double], priorWeights: [Double], offset: [Double]) {
        isBinary = y.allSatisfy { $0 == 0 || $0 == 1 }
        self.family = family
        self.link = link
        self.y = y
        self.priorWeights = priorWeights
        hasUnitPriorWeights = priorWeights.allSatisfy { $0 == 1 }
        self.offset = offset
        let n = y.count
        eta = [Double](repeating: 0, count: n)
        mu = eta
        workingResidual = eta
        workingWeight = eta
    }

    var count: Int { y.count }

    /// Sum of the deviance residuals: the GLM deviance at the current η (summed in order as they are formed).
    private(set) var deviance = 0.0

    /// Installs η (including the offset) and updates μ, the working quantities and the deviance residuals.
    mutating func update(eta newEta: [Double]) {
        eta = newEta
        updateFromEta()
    }

    /// Whether the 0/1-response logit case applies (see `updateBinaryLogit`).
    private var isBinaryLogit: Bool { link == .logit && family != .poisson && isBinary }

    /// Recomputes everything from the current `eta`.
    mutating func updateFromEta() {
        if isBinaryLogit {
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
            for i in 0..<n {
                let (m, dmu) = link.inverse(eta[i])
                mu[i] = m
                wr[i] = (y[i] - m) / dmu
                // For the canonical link dμ/dη equals V(μ), so the working weight is dμ/dη itself.
                ww[i] = pw[i] * (canonical ? dmu : dmu * dmu / family.variance(m))
                total += pw[i] * family.unitDeviance(y[i], m)
            }
        }}}}}}
        deviance = total
    }

    /// Observations from which the 0/1 logit update runs as two halves, on two cores when one is free.
    static let parallelUpdateCount = 1 << 17

    /// Observations from which the logit update takes exp from `VectorExponential` (within an ulp of the C
    /// library's; with the whole-group loads and stores, the update's share of a Bernoulli 10⁶ fit's CPU fell from
    /// 12.8 % to 6.8 %): smaller models, the notebooks' among them, keep the C library's bits.
    static let vectorExponentialCount = 1 << 17

    /// Observations whose factors d = 1 + exp(−|η|) ∈ (1, 2] are multiplied before one logarithm is taken: far
    /// from overflow (2⁶⁴), and few enough roundings that the sum of logarithms is as accurate as term by term.
    static let productRun = 64

    /// The Bernoulli/binomial logit case with a 0/1 response, the common one, four observations at a time (see
    /// `LogitLanes`) in one exponential per observation and, with unit prior weights, one logarithm per
    /// `productRun` observations. The deviance contributions are summed in observation order and not stored
    /// (`devianceResidual(_:)` forms them on demand). On large data the two halves
    /// of the observations are summed separately and then added, with or without a free core.
    private mutating func updateBinaryLogit() {
        let n = y.count
        var total = 0.0
        y.withUnsafeBufferPointer { y in
        priorWeights.withUnsafeBufferPointer { pw in
        eta.withUnsafeBufferPointer { eta in
        mu.withUnsafeMutableBufferPointer { mu in
        workingResidual.withUnsafeMutableBufferPointer { wr in
        workingWeight.withUnsafeMutableBufferPointer { ww in
            func update(_ range: Range<Int>) -> Double {
                var total = 0.0
                // With unit prior weights, Σ log d is taken as the logarithm of the products of runs of d ∈ (1, 2]:
                // one logarithm per run instead of one per observation, and as accurate (a run's product carries
                // at most `productRun` roundings, each below 2⁻⁵³ relative).
                let unit = hasUnitPriorWeights
                let vector = n >= Self.vectorExponentialCount
                var product = 1.0
                var inRun = 0
                var logSum = 0.0
                var excessSum = 0.0
                var i = range.lowerBound
                while i < range.upperBound {
                    // Four observations at a time; a last partial group is padded with η = 0, y = 0.
                    let width = min(4, range.upperBound - i)
                    let lanes: LogitLanes
                    if width == 4 {
                        // Whole groups load and store the four lanes at once; the sums below take them in order.
                        lanes = LogitLanes(eta: UnsafeRawPointer(eta.baseAddress! + i).loadUnaligned(as: SIMD4.self),
                                           y: UnsafeRawPointer(y.baseAddress! + i).loadUnaligned(as: SIMD4.self),
                                           vectorExponential: vector)
                        UnsafeMutableRawPointer(mu.baseAddress! + i).storeBytes(of: lanes.mu, as: SIMD4<Double>.self)
                        UnsafeMutableRawPointer(wr.baseAddress! + i).storeBytes(of: lanes.workingResidual,
                                                                                as: SIMD4<Double>.self)
                        let w = UnsafeRawPointer(pw.baseAddress! + i).loadUnaligned(as: SIMD4<Double>.self)
                        UnsafeMutableRawPointer(ww.baseAddress! + i).storeBytes(of: w * lanes.muEta,
                                                                                as: SIMD4<Double>.self)
                    } else {
                        var h = SIMD4<Double>.zero, r = SIMD4<Double>.zero
                        for lane in 0..<width {
                            h[lane] = eta[i + lane]
                            r[lane] = y[i + lane]
                        }
                        lanes = LogitLanes(eta: h, y: r, vectorExponential: vector)
                        for lane in 0..<width {
                            let k = i + lane
                            mu[k] = lanes.mu[lane]
                            wr[k] = lanes.workingResidual[lane]
                            ww[k] = pw[k] * lanes.muEta[lane]
                        }
                    }
                    for lane in 0..<width {
                        if unit {
                            product *= lanes.d[lane]
                            excessSum += lanes.excess[lane]
                        } else {
                            total += pw[i + lane] * 2 * (log(lanes.d[lane]) + lanes.excess[lane])
                        }
                    }
                    if unit {
                        inRun += 4
                        if inRun >= Self.productRun {
                            logSum += log(product)
                            product = 1
                            inRun = 0
                        }
                    }
                    i += 4
                }
                return unit ? 2 * (logSum + log(product) + excessSum) : total
            }
            guard n >= Self.parallelUpdateCount else {
                total = update(0..<n)
                return
            }
            let half = n / 4 * 2
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2) { partial in
                SpareCores.split { partial[$0] = update($0 == 0 ? 0..<half : half..<n) }
                total = partial[0] + partial[1]
            }
        }}}}}}
        deviance = total
    }

    /// The deviance contribution of observation `i` (prior weight × unit deviance) at the last update.
    func devianceResidual(_ i: Int) -> Double {
        if isBinaryLogit {
            let h = eta[i]
            return priorWeights[i] * 2 * (log(1 + exp(-abs(h))) + max(0, y[i] == 1 ? -h : h))
        }
        return priorWeights[i] * family.unitDeviance(y[i], mu[i])
    }

    /// Adds each observation's deviance contribution to `result[refs[i]]`.
    func addDevianceResiduals(byLevel refs: UnsafeMutablePointer<Int32>, into result: inout [Double]) {
        for i in 0..<count { result[Int(refs[i])] += devianceResidual(i) }
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
