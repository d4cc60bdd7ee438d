import Foundation

/// The fixed-effects-only generalized linear model.
enum GLMFit {

/// Iteratively reweighted least squares for the fixed effects alone, as GLM.jl's `glm` fits them: the
/// starting values for β of a GLMM. `x` is column-major n × p; `rows`, when given, the same rows padded to
/// 8 lanes (`PIRLSSystem.paddedRows`), used when p < 8. The response carries weights and offset.
/// On return `response` holds the state at the returned β.
static func fit(x: [Double], columns p: Int, rows: [SIMD8<Double>] = [], response: inout GLMResponse,
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
    var beta = try weightedLeastSquares(x: x, columns: p, rows: rows, z: response.workingResponse(),
                                        w: response.workingWeight)
    response.update(eta: linearPredictor(x: x, columns: p, beta: beta, offset: response.offset))
    var previousDeviance = response.deviance
    guard previousDeviance.isFinite else { throw GLMMError.glmFailed("non-finite deviance at the starting values") }
    for _ in 0..<maxIterations {
        let target = try weightedLeastSquares(x: x, columns: p, rows: rows, z: response.workingResponse(),
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

/// XᵀWX's lower triangle and XᵀWz from rows padded to 8 lanes (p < 8): row i carries zᵢ in lane p, and lane k
/// of sum j collects Σᵢ (xᵢⱼwᵢ)·xᵢₖ over i in order, each lane the same sum as the column-by-column one.
private static func weightedCrossProducts(rows: [SIMD8<Double>], p: Int, z: [Double], w: [Double],
                                          xtwx: inout [Double], xtwz: inout [Double]) {
    withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: p) { sums in
        sums.initialize(repeating: .zero)
        rows.withUnsafeBufferPointer { rows in
        z.withUnsafeBufferPointer { z in
        w.withUnsafeBufferPointer { w in
            for i in rows.indices {
                var row = rows[i]
                row[p] = z[i]
                let wi = w[i]
                for j in 0..<p { sums[j] += (row[j] * wi) * row }
            }
        }}}
        for j in 0..<p {
            xtwz[j] = sums[j][p]
            for k in j..<p { xtwx[k + j * p] = sums[j][k] }
        }
    }
}

/// XᵀWX's lower triangle and XᵀWz from the columns of X, column j against z and the columns from j on.
private static func weightedCrossProducts(x: [Double], p: Int, z: [Double], w: [Double],
                                          xtwx: inout [Double], xtwz: inout [Double]) {
    let n = z.count
    x.withUnsafeBufferPointer { x in
    w.withUnsafeBufferPointer { w in
    z.withUnsafeBufferPointer { z in
        guard let x = x.baseAddress, let w = w.baseAddress, let z = z.baseAddress else { return }
        for j in 0..<p {
            let partners = [z] + (j..<p).map { UnsafePointer(x + $0 * n) }
            let sums = weightedSums(x + j * n, w, partners, n: n)
            xtwz[j] = sums[0]
            for k in j..<p { xtwx[k + j * p] = sums[k - j + 1] }
        }
    }}}
}

/// Σᵢ (cᵢwᵢ)·vᵢ for each v of `partners`, each summed over i in order; four at a time, so that one pass over c
/// and w feeds four independent sums.
private static func weightedSums(_ c: UnsafePointer<Double>, _ w: UnsafePointer<Double>,
                                 _ partners: [UnsafePointer<Double>], n: Int) -> [Double] {
    var sums = [Double](repeating: 0, count: partners.count)
    var m = 0
    while m + 4 <= partners.count {
        let (a, b, d, e) = (partners[m], partners[m + 1], partners[m + 2], partners[m + 3])
        var (sa, sb, sd, se) = (0.0, 0.0, 0.0, 0.0)
        for i in 0..<n {
            let cw = c[i] * w[i]
            sa += cw * a[i]
            sb += cw * b[i]
            sd += cw * d[i]
            se += cw * e[i]
        }
        (sums[m], sums[m + 1], sums[m + 2], sums[m + 3]) = (sa, sb, sd, se)
        m += 4
    }
    for r in m..<partners.count {
        let v = partners[r]
        var s = 0.0
        for i in 0..<n { s += c[i] * w[i] * v[i] }
        sums[r] = s
    }
    return sums
}

/// argmin_β Σ wᵢ (zᵢ − xᵢβ)² via the Cholesky factor of XᵀWX.
static func weightedLeastSquares(x: [Double], columns p: Int, rows: [SIMD8<Double>] = [], z: [Double],
                                 w: [Double]) throws -> [Double] {
    var xtwx = [Double](repeating: 0, count: p * p)
    var xtwz = [Double](repeating: 0, count: p)
    if p < 8 && rows.count == z.count {
        weightedCrossProducts(rows: rows, p: p, z: z, w: w, xtwx: &xtwx, xtwz: &xtwz)
    } else {
        weightedCrossProducts(x: x, p: p, z: z, w: w, xtwx: &xtwx, xtwz: &xtwz)
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
