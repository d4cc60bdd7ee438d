import CBLAS

// Small dense kernels on raw column-major buffers. Blocks up to `handCholeskyLimit` are factored by hand
// (a LAPACK call costs more than the arithmetic there); larger ones go to OpenBLAS, single-threaded.

/// Order up to which a Cholesky factor is computed in Swift rather than by LAPACK.
let handCholeskyLimit = 16

/// OpenBLAS runs single-threaded: on two cores a second thread only slows small factorizations down.
let singleThreadedBLAS: Void = { openblas_set_num_threads(1) }()

/// In-place lower Cholesky factor of the symmetric `n × n` matrix at `a` (leading dimension `ld`); only the lower
/// triangle is read. Returns false when the matrix is not positive definite.
@inline(__always)
func choleskyLower(_ a: UnsafeMutablePointer<Double>, n: Int, ld: Int) -> Bool {
    if n == 1 {
        let d = a[0]
        guard d > 0 else { return false }
        a[0] = d.squareRoot()
        return true
    }
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
        guard d > 0 else { return false }
        let ljj = d.squareRoot()
        column[j] = ljj
        let inv = 1 / ljj
        for i in (j + 1)..<max(j + 1, n) { column[i] *= inv }
    }
    return true
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
    for j in 0..<n {
        for t in 0..<k {
            let bjt = b[j + t * ldb]
            if bjt == 0 { continue }
            for i in 0..<m { c[i + j * ldc] -= a[i + t * lda] * bjt }
        }
    }
}
