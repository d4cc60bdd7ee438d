import Foundation

/// The fixed-effects-only generalized linear model.
enum GLMFit {

/// Iteratively reweighted least squares for the fixed effects alone, as GLM.jl's `glm` fits them: the
/// starting values for β of a GLMM. `x` is column-major n × p; the response carries weights and offset.
/// On return `response` holds the state at the returned β.
static func fit(x: [Double], columns p: Int, response: inout GLMResponse,
            maxIterations: Int = 30, relativeTolerance: Double = 1e-6, absoluteTolerance: Double = 1e-6,
            minimumStepFactor: Double = 0.001) throws -> [Double] {
    let n = response.count
    var eta = [Double](repeating: 0, count: n)
    for i in 0..<n {
        let mu = response.family.startingMean(response.y[i], weight: response.priorWeights[i])
        eta[i] = response.link.linkfun(mu) + response.offset[i]
    }
    response.update(eta: eta)
    if p == 0 { return [] }
    var beta = try weightedLeastSquares(x: x, columns: p, z: response.workingResponse(),
                                        w: response.workingWeight)
    response.update(eta: linearPredictor(x: x, columns: p, beta: beta, offset: response.offset))
    var previousDeviance = response.deviance
    guard previousDeviance.isFinite else { throw GLMMError.glmFailed("non-finite deviance at the starting values") }
    for _ in 0..<maxIterations {
        let target = try weightedLeastSquares(x: x, columns: p, z: response.workingResponse(),
                                              w: response.workingWeight)
        var factor = 1.0
        var candidate = target
        response.update(eta: linearPredictor(x: x, columns: p, beta: candidate, offset: response.offset))
        var deviance = response.deviance
        while !(deviance <= previousDeviance + relativeTolerance * deviance) {
            factor /= 2
            guard factor > minimumStepFactor else {
                throw GLMMError.glmFailed("step-halving could not reduce the deviance")
            }
            for j in 0..<p { candidate[j] = beta[j] + factor * (target[j] - beta[j]) }
            response.update(eta: linearPredictor(x: x, columns: p, beta: candidate, offset: response.offset))
            deviance = response.deviance
        }
        beta = candidate
        if previousDeviance - deviance < max(relativeTolerance * previousDeviance, absoluteTolerance) {
            return beta
        }
        previousDeviance = deviance
    }
    throw GLMMError.glmFailed("no convergence in \(maxIterations) iterations")
}

/// Xβ + offset.
static func linearPredictor(x: [Double], columns p: Int, beta: [Double], offset: [Double]) -> [Double] {
    var eta = [Double](repeating: 0, count: offset.count)
    linearPredictor(into: &eta, x: x, columns: p, beta: beta, offset: offset)
    return eta
}

/// eta ← Xβ + offset, in place (`eta` has the length of `offset`).
static func linearPredictor(into eta: inout [Double], x: [Double], columns p: Int, beta: [Double],
                            offset: [Double]) {
    let n = offset.count
    guard n > 0 else { return }
    x.withUnsafeBufferPointer { x in
    offset.withUnsafeBufferPointer { offset in
    eta.withUnsafeMutableBufferPointer { eta in
    beta.withUnsafeBufferPointer { beta in
        // Row by row, four rows at a time, in registers: the same terms added in the same order (offset, then the
        // columns with a nonzero coefficient) as column by column, without p passes over η.
        let x = x.baseAddress!
        let o = offset.baseAddress!, e = eta.baseAddress!
        var i = 0
        while i + 3 < n {
            var sum = UnsafeRawPointer(o + i).loadUnaligned(as: SIMD4<Double>.self)
            for j in 0..<p where beta[j] != 0 {
                sum += UnsafeRawPointer(x + j * n + i).loadUnaligned(as: SIMD4<Double>.self) * beta[j]
            }
            UnsafeMutableRawPointer(e + i).storeBytes(of: sum, as: SIMD4<Double>.self)
            i += 4
        }
        while i < n {
            var sum = offset[i]
            for j in 0..<p where beta[j] != 0 { sum += x[j * n + i] * beta[j] }
            eta[i] = sum
            i += 1
        }
    }}}}
}

/// argmin_β Σ wᵢ (zᵢ − xᵢβ)² via the Cholesky factor of XᵀWX.
static func weightedLeastSquares(x: [Double], columns p: Int, z: [Double], w: [Double]) throws -> [Double] {
    let n = z.count
    var xtwx = [Double](repeating: 0, count: p * p)
    var xtwz = [Double](repeating: 0, count: p)
    x.withUnsafeBufferPointer { x in
        for j in 0..<p {
            let cj = x.baseAddress! + j * n
            var s = 0.0
            for i in 0..<n { s += cj[i] * w[i] * z[i] }
            xtwz[j] = s
            for k in j..<p {
                let ck = x.baseAddress! + k * n
                var t = 0.0
                for i in 0..<n { t += cj[i] * w[i] * ck[i] }
                xtwx[k + j * p] = t
            }
        }
    }
    let ok = xtwx.withUnsafeMutableBufferPointer {
        choleskyLower($0.baseAddress!, n: p, ld: p, dividingByPivot: true)
    }
    guard ok else { throw GLMMError.glmFailed("the weighted cross-product XᵀWX is not positive definite") }
    xtwx.withUnsafeBufferPointer { l in
        xtwz.withUnsafeMutableBufferPointer { b in
            solveLower(l.baseAddress!, n: p, ld: p, b.baseAddress!)
            solveLowerTransposed(l.baseAddress!, n: p, ld: p, b.baseAddress!)
        }
    }
    return xtwz
}
}
