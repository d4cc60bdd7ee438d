import CBLAS

// Small dense kernels on raw column-major buffers. Blocks up to `handCholeskyLimit` are factored by hand
// (a LAPACK call costs more than the arithmetic there); larger ones go to OpenBLAS, single-threaded.

/// Order up to which a Cholesky factor is computed in Swift rather than by LAPACK.
let handCholeskyLimit = 16

/// OpenBLAS runs single-threaded: on two cores a second thread only slows small factorizations down.
let singleThreadedBLAS: Void = { openblas_set_num_threads(1) }()

/// In-place lower Cholesky factor of the symmetric `n × n` matrix at `a` (leading dimension `ld`); only the lower
/// triangle is read. Returns false when the matrix is not positive definite (or has an infinite pivot).
/// Below the LAPACK order, a column is scaled by the reciprocal of its pivot, or with `dividingByPivot` divided by
/// the pivot (correctly rounded). The GLMM fits divide: both forms are kept because fits on flat ridges (GLMM
/// verbagg fast, the LMM fulldummy sleepstudy fit) follow a different optimizer path on a last-bit change.
@inline(__always)
func choleskyLower(_ a: UnsafeMutablePointer<Double>, n: Int, ld: Int, dividingByPivot: Bool = false) -> Bool {
    if n == 1 {
        let d = a[0]
        guard d > 0, d.isFinite else { return false }
        a[0] = d.squareRoot()
        return true
    }
    if n >= blockedCholeskyLimit { return blockedCholeskyLower(a, n: n, ld: ld) }
    if n > handCholeskyLimit {
        _ = singleThreadedBLAS
        let info = LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), a, Int32(ld))
        return info == 0
    }
    // Left-looking by columns: each update is a contiguous axpy.
    for j in 0..<n {
        let column = a + j * ld
        for k in 0..<j {
            let other = a + k * ld
            let ljk = other[j]
            if ljk == 0 { continue }
            for i in j..<n { column[i] -= ljk * other[i] }
        }
        let d = column[j]
        guard d > 0, d.isFinite else { return false }
        let ljj = d.squareRoot()
        column[j] = ljj
        if dividingByPivot {
            for i in (j + 1)..<max(j + 1, n) { column[i] /= ljj }
        } else {
            let inv = 1 / ljj
            for i in (j + 1)..<max(j + 1, n) { column[i] *= inv }
        }
    }
    return true
}

/// Order from which `choleskyLower` runs its own right-looking blocked algorithm (LAPACK on a panel, then dtrsm
/// and dsyrk): with OpenBLAS's kernels that is 5–10% faster than its dpotrf at the 1128 × 1128 block of insteval.
let blockedCholeskyLimit = 400
/// Panel width of the blocked Cholesky factorization (measured best of 32–256 for orders 500–2000).
let choleskyPanel = 64

/// Right-looking blocked lower Cholesky factor (see `choleskyLower`). When `b` is given, also B ← B L⁻ᵀ for the
/// `rows × n` matrix B (leading dimension `ldb`), panel by panel: a dgemm per panel instead of one thin dtrsm.
func blockedCholeskyLower(_ a: UnsafeMutablePointer<Double>, n: Int, ld: Int,
                          dividing b: UnsafeMutablePointer<Double>? = nil, rows: Int = 0, ldb: Int = 1) -> Bool {
    _ = singleThreadedBLAS
    let lda = Int32(ld)
    var j = 0
    while j < n {
        let width = min(choleskyPanel, n - j)
        let diagonal = a + j + j * ld
        guard LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(width), diagonal, lda) == 0
        else { return false }
        let rest = n - j - width
        if rest > 0 {
            cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(rest), Int32(width), 1,
                        diagonal, lda, diagonal + width, lda)
            subtractGramLower(diagonal + width, rows: rest, width: width, ldp: ld,
                              from: diagonal + width + width * ld, ldc: ld)
        }
        if let b, rows > 0 {
            let panel = b + j * ldb
            cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(rows), Int32(width), 1,
                        diagonal, lda, panel, Int32(ldb))
            if rest > 0 {
                cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(rest), Int32(width), -1,
                            panel, Int32(ldb), diagonal + width, lda, 1, panel + width * ldb, Int32(ldb))
            }
        }
        j += width
    }
    return true
}

/// Order from which `subtractGramLower` (the blocked Cholesky factor's trailing update) is computed as two parts, on
/// two cores when one is free. The parts are the same with or without a free core, so results do not depend on it.
let parallelCholeskyOrder = 512

/// C ← C − P Pᵀ on the lower triangle of the `rows × rows` matrix C (leading dimension `ldc`), for the
/// `rows × width` matrix P (leading dimension `ldp`). Large updates split C's columns at 29 % (equal halves of the
/// flops): the first part is the leading triangle and the block below it, the second the trailing triangle.
func subtractGramLower(_ p: UnsafePointer<Double>, rows: Int, width: Int, ldp: Int,
                       from c: UnsafeMutablePointer<Double>, ldc: Int) {
    _ = singleThreadedBLAS
    let lp = Int32(ldp), lc = Int32(ldc)
    guard rows >= parallelCholeskyOrder else {
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(rows), Int32(width), -1, p, lp, 1, c, lc)
        return
    }
    let split = Int((Double(rows) * (1 - 0.5.squareRoot())).rounded())
    SpareCores.split { part in
        if part == 0 {
            cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(split), Int32(width), -1, p, lp, 1, c, lc)
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(rows - split), Int32(split), Int32(width), -1,
                        p + split, lp, p, lp, 1, c + split, lc)
        } else {
            cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(rows - split), Int32(width), -1, p + split,
                        lp, 1, c + split + split * ldc, lc)
        }
    }
}

/// B ← B L⁻ᵀ for `B` (`rows × n`, leading dimension `ldb`) and lower-triangular `L` (`n × n`, leading dimension `ldl`).
@inline(__always)
func divideByLowerTransposed(_ b: UnsafeMutablePointer<Double>, rows: Int, ldb: Int,
                             _ l: UnsafePointer<Double>, n: Int, ldl: Int) {
    if n == 1 {
        let inv = 1 / l[0]
        for i in 0..<rows { b[i] *= inv }
        return
    }
    if n > handCholeskyLimit && rows > 1 {
        _ = singleThreadedBLAS
        cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(rows), Int32(n), 1,
                    l, Int32(ldl), b, Int32(ldb))
        return
    }
    // Column k of B L⁻ᵀ is (b_k − Σ_{m<k} l_km x_m) / l_kk: contiguous axpys over the rows.
    for k in 0..<n {
        let column = b + k * ldb
        for m in 0..<k {
            let lkm = l[k + m * ldl]
            if lkm == 0 { continue }
            let other = b + m * ldb
            for i in 0..<rows { column[i] -= lkm * other[i] }
        }
        let inv = 1 / l[k + k * ldl]
        for i in 0..<rows { column[i] *= inv }
    }
}

/// Solves Lᵀ x = b in place (`L` lower triangular `n × n`, leading dimension `ld`): back substitution.
@inline(__always)
func solveLowerTransposed(_ l: UnsafePointer<Double>, n: Int, ld: Int, _ x: UnsafeMutablePointer<Double>) {
    var k = n - 1
    while k >= 0 {
        var s = x[k]
        for m in (k + 1)..<max(k + 1, n) { s -= l[m + k * ld] * x[m] }
        x[k] = s / l[k + k * ld]
        k -= 1
    }
}

/// Solves L x = b in place (`L` lower triangular `n × n`, leading dimension `ld`): forward substitution.
@inline(__always)
func solveLower(_ l: UnsafePointer<Double>, n: Int, ld: Int, _ x: UnsafeMutablePointer<Double>) {
    for k in 0..<n {
        var s = x[k]
        for m in 0..<k { s -= l[k + m * ld] * x[m] }
        x[k] = s / l[k + k * ld]
    }
}

/// B ← B Λ in place for `B` (`rows × v`, leading dimension `ldb`) and lower-triangular `Λ` (`v × v`).
@inline(__always)
func multiplyRightLambda(_ b: UnsafeMutablePointer<Double>, rows: Int, ldb: Int,
                         _ lambda: UnsafePointer<Double>, v: Int) {
    if v == 1 {
        let s = lambda[0]
        for i in 0..<rows { b[i] *= s }
        return
    }
    // Column j of BΛ only needs columns k ≥ j of B, which are still unchanged when j ascends.
    for j in 0..<v {
        let column = b + j * ldb
        let ljj = lambda[j + j * v]
        for i in 0..<rows { column[i] *= ljj }
        for k in (j + 1)..<max(j + 1, v) {
            let lkj = lambda[k + j * v]
            if lkj == 0 { continue }
            let other = b + k * ldb
            for i in 0..<rows { column[i] += lkj * other[i] }
        }
    }
}

/// B ← Λᵀ B in place for `B` (`v × cols`, leading dimension `ldb`) and lower-triangular `Λ` (`v × v`).
@inline(__always)
func multiplyLeftLambdaTransposed(_ b: UnsafeMutablePointer<Double>, cols: Int, ldb: Int,
                                  _ lambda: UnsafePointer<Double>, v: Int) {
    if v == 1 {
        let s = lambda[0]
        for j in 0..<cols { b[j * ldb] *= s }
        return
    }
    // Row i of ΛᵀB only needs rows k ≥ i of B, still unchanged when i ascends.
    for j in 0..<cols {
        for i in 0..<v {
            var s = 0.0
            for k in i..<v { s += lambda[k + i * v] * b[k + j * ldb] }
            b[i + j * ldb] = s
        }
    }
}

/// C ← C − A Bᵀ for `A` (`m × k`), `B` (`n × k`) and `C` (`m × n`), all column-major with leading dimensions.
@inline(__always)
func subtractProductTransposed(_ c: UnsafeMutablePointer<Double>, ldc: Int, _ a: UnsafePointer<Double>, lda: Int,
                               _ b: UnsafePointer<Double>, ldb: Int, m: Int, n: Int, k: Int) {
    // Column pointers keep the innermost loop free of index arithmetic, so it vectorizes.
    for j in 0..<n {
        let cj = c + j * ldc
        for t in 0..<k {
            let bjt = b[j + t * ldb]
            if bjt == 0 { continue }
            let at = a + t * lda
            for i in 0..<m { cj[i] -= at[i] * bjt }
        }
    }
}

/// target[index(i)] += value(i) for i in 0..<n, summing runs of equal indices in a register first: data sorted by a
/// grouping factor would otherwise chain every addition through memory to the previous one.
@inline(__always)
func accumulateRuns(into target: UnsafeMutablePointer<Double>, count n: Int,
                    index: (Int) -> Int, value: (Int) -> Double) {
    guard n > 0 else { return }
    var current = index(0)
    var sum = 0.0
    for i in 0..<n {
        let k = index(i)
        if k != current {
            target[current] += sum
            sum = 0
            current = k
        }
        sum += value(i)
    }
    target[current] += sum
}
