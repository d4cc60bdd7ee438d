import CBLAS

/// Small dense symmetric positive-definite helpers on column-major storage.
enum GLMMDense {
    /// Overwrites the lower triangle of the n×n matrix `a` (leading dimension `lda`) with its Cholesky factor.
    /// Returns false when the matrix is not positive definite. Uses LAPACK for large blocks, plain loops for
    /// small ones (LAPACK's call overhead dominates below about 24×24).
    @discardableResult
    static func factor(_ a: UnsafeMutablePointer<Double>, n: Int, lda: Int) -> Bool {
        if n == 0 { return true }
        if n >= 24 {
            var uplo: CChar = 76 // "L"
            var n32 = Int32(n), lda32 = Int32(lda), info: Int32 = 0
            dpotrf_(&uplo, &n32, a, &lda32, &info, 1)
            return info == 0
        }
        for j in 0..<n {
            var d = a[j + j * lda]
            for k in 0..<j { d -= a[j + k * lda] * a[j + k * lda] }
            guard d > 0, d.isFinite else { return false }
            let l = d.squareRoot()
            a[j + j * lda] = l
            for i in (j + 1)..<max(j + 1, n) {
                var s = a[i + j * lda]
                for k in 0..<j { s -= a[i + k * lda] * a[j + k * lda] }
                a[i + j * lda] = s / l
            }
        }
        return true
    }

    /// Solves L x = b in place (L lower triangular n×n, leading dimension lda).
    static func forwardSolve(_ l: UnsafePointer<Double>, n: Int, lda: Int, _ b: UnsafeMutablePointer<Double>) {
        for i in 0..<n {
            var s = b[i]
            for k in 0..<i { s -= l[i + k * lda] * b[k] }
            b[i] = s / l[i + i * lda]
        }
    }

    /// Solves Lᵀ x = b in place.
    static func backSolve(_ l: UnsafePointer<Double>, n: Int, lda: Int, _ b: UnsafeMutablePointer<Double>) {
        var i = n - 1
        while i >= 0 {
            var s = b[i]
            for k in (i + 1)..<max(i + 1, n) { s -= l[k + i * lda] * b[k] }
            b[i] = s / l[i + i * lda]
            i -= 1
        }
    }
}

extension GLMMDense {
    /// target[index(i)] += value(i) for i in 0..<n, summing runs of equal indices in a register first: data
    /// sorted by a grouping factor would otherwise chain every addition through memory to the previous one.
    @inline(__always)
    static func accumulateRuns(into target: UnsafeMutablePointer<Double>, count n: Int,
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
}
