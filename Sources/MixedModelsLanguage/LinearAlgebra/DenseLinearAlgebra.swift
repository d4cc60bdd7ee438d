import CBLAS
import Foundation

/// The LAPACK and BLAS routines Julia's LinearAlgebra calls for dense `Float64` matrices (column-major), so that
/// results agree with Julia's to the bit wherever the same OpenBLAS kernels run.
enum DenseLinearAlgebra {
    /// `LAPACK.potrf!('U', A)`: the upper Cholesky factor (lower triangle zeroed), or nil if `A` is not positive
    /// definite.
    static func choleskyUpper(_ a: [Double], n: Int) -> [Double]? {
        var u = a
        let info = u.withUnsafeMutableBufferPointer {
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), $0.baseAddress, Int32(max(1, n)))
        }
        guard info == 0 else { return nil }
        for j in 0..<n { for i in (j + 1)..<max(j + 1, n) { u[i + j * n] = 0 } }
        return u
    }

    /// `lu(A)`: the packed factors and 1-based pivots (`getrf`), and whether `U` is nonsingular.
    static func lu(_ a: [Double], n: Int) -> (factors: [Double], pivots: [Int32], nonsingular: Bool) {
        var f = a
        var pivots = [Int32](repeating: 0, count: n)
        let info = f.withUnsafeMutableBufferPointer { fp in
            pivots.withUnsafeMutableBufferPointer { pp in
                LAPACKE_dgetrf(LAPACK_COL_MAJOR, Int32(n), Int32(n), fp.baseAddress, Int32(max(1, n)), pp.baseAddress)
            }
        }
        return (f, pivots, info == 0)
    }

    /// `inv(A)` through `getrf`/`getri`, or nil when `A` is singular.
    static func inverse(_ a: [Double], n: Int) -> [Double]? {
        var (f, pivots, nonsingular) = lu(a, n: n)
        guard nonsingular else { return nil }
        let info = f.withUnsafeMutableBufferPointer { fp in
            pivots.withUnsafeMutableBufferPointer { pp in
                LAPACKE_dgetri(LAPACK_COL_MAJOR, Int32(n), fp.baseAddress, Int32(max(1, n)), pp.baseAddress)
            }
        }
        return info == 0 ? f : nil
    }

    /// Whether every element below (`upper`) or above the diagonal is zero (`istriu`, `istril`).
    static func isTriangular(_ a: [Double], n: Int, upper: Bool) -> Bool {
        for j in 0..<n { for i in 0..<n where (upper ? i > j : i < j) && a[i + j * n] != 0 { return false } }
        return true
    }

    /// `inv(UpperTriangular(A))` / `inv(LowerTriangular(A))` (`trtri`), the other triangle set to zero as
    /// Julia's `inv` does for triangular input; nil when a diagonal element is zero.
    static func triangularInverse(_ a: [Double], n: Int, upper: Bool) -> [Double]? {
        var t = a
        let info = t.withUnsafeMutableBufferPointer {
            LAPACKE_dtrtri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: upper ? "U" : "L")), CChar(UInt8(ascii: "N")),
                           Int32(n), $0.baseAddress, Int32(max(1, n)))
        }
        guard info == 0 else { return nil }
        for j in 0..<n { for i in 0..<n where upper ? i > j : i < j { t[i + j * n] = 0 } }
        return t
    }

    /// `det(lu(A))`: the product of `U`'s diagonal, then the sign of the permutation.
    static func determinant(_ a: [Double], n: Int) -> Double {
        let (f, pivots, nonsingular) = lu(a, n: n)
        guard nonsingular else { return 0 }
        var p = 1.0
        var swaps = 0
        for i in 0..<n {
            p *= f[i + i * n]
            if pivots[i] != Int32(i + 1) { swaps += 1 }
        }
        return p * (swaps % 2 == 1 ? -1 : 1)
    }

    /// `logabsdet(lu(A))`: the sum of log |u_ii| and the determinant's sign.
    static func logAbsDeterminant(_ a: [Double], n: Int) -> (Double, Double) {
        let (f, pivots, nonsingular) = lu(a, n: n)
        guard nonsingular else { return (-.infinity, 1) }
        var sign = 1.0
        var swaps = 0
        var total = 0.0
        for i in 0..<n {
            let d = f[i + i * n]
            sign *= d > 0 ? 1 : -1
            if pivots[i] != Int32(i + 1) { swaps += 1 }
            total += Foundation.log(Swift.abs(d))
        }
        return (total, swaps % 2 == 1 ? -sign : sign)
    }

    /// `eigen(Symmetric(A))`: `syevr('V', 'A', 'U')`, eigenvalues ascending and eigenvectors as columns.
    static func symmetricEigen(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double])? {
        var work = a
        var w = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n * n)
        var support = [Int32](repeating: 0, count: 2 * max(1, n))
        var found: Int32 = 0
        let info = work.withUnsafeMutableBufferPointer { ap in
            w.withUnsafeMutableBufferPointer { wp in
                z.withUnsafeMutableBufferPointer { zp in
                    support.withUnsafeMutableBufferPointer { sp in
                        LAPACKE_dsyevr(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "A")),
                                       CChar(UInt8(ascii: "U")), Int32(n), ap.baseAddress, Int32(max(1, n)), 0, 0, 0, 0,
                                       -1, &found, wp.baseAddress, zp.baseAddress, Int32(max(1, n)), sp.baseAddress)
                    }
                }
            }
        }
        return info == 0 ? (w, z) : nil
    }

    /// `eigen(SymTridiagonal(dv, ev))`: `stegr('V', 'A')`.
    static func tridiagonalEigen(diagonal: [Double], offDiagonal: [Double]) -> (values: [Double], vectors: [Double])? {
        let n = diagonal.count
        var d = diagonal
        var e = offDiagonal + [0]
        var w = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n * n)
        var support = [Int32](repeating: 0, count: 2 * max(1, n))
        var found: Int32 = 0
        let info = d.withUnsafeMutableBufferPointer { dp in
            e.withUnsafeMutableBufferPointer { ep in
                w.withUnsafeMutableBufferPointer { wp in
                    z.withUnsafeMutableBufferPointer { zp in
                        support.withUnsafeMutableBufferPointer { sp in
                            LAPACKE_dstegr(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "A")), Int32(n),
                                           dp.baseAddress, ep.baseAddress, 0, 0, 0, 0, -1, &found, wp.baseAddress,
                                           zp.baseAddress, Int32(max(1, n)), sp.baseAddress)
                        }
                    }
                }
            }
        }
        return info == 0 ? (w, z) : nil
    }

    /// `dot(x, y)` for vectors of `Float64` (BLAS `ddot`, as Julia).
    static func dot(_ x: [Double], _ y: [Double]) -> Double {
        cblas_ddot(Int32(x.count), x, 1, y, 1)
    }

    /// `norm(x)`: Julia sums squares in order below 32 elements and calls BLAS `dnrm2` from 32 on.
    static func norm2(_ x: [Double]) -> Double {
        if x.count >= 32 { return cblas_dnrm2(Int32(x.count), x, 1) }
        let maxAbs = x.reduce(0.0) { Swift.max($0, Swift.abs($1)) }
        if maxAbs == 0 || maxAbs.isInfinite || maxAbs.isNaN { return maxAbs }
        let tail = Double(x.count) * maxAbs * maxAbs
        if tail.isFinite && maxAbs * maxAbs != 0 {
            return x.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
        return maxAbs * x.reduce(0) { $0 + ($1 / maxAbs) * ($1 / maxAbs) }.squareRoot()
    }
}
