import CBLAS

/// The numerical rank of the fixed-effects matrix and the column order that puts independent columns first,
/// as MixedModels.jl's `statsrank`: a column-pivoted QR decomposition with relative tolerance `1e-8` on the
/// diagonal of R. A full-rank X keeps the identity order; otherwise the kept columns stay in their original
/// order, followed by the dropped ones, and an intercept column is not pivoted out.
struct FixedEffectsRank {
    let rank: Int
    let pivot: [Int]

    static let tolerance = 1e-8

    /// `x` is column-major `n × p`.
    init(x: [Double], n: Int, p: Int) throws {
        guard p > 0 else { rank = 0; pivot = []; return }
        if FixedEffectsRank.isClearlyFullRank(x, n: n, p: p) { rank = p; pivot = Array(0..<p); return }
        var (diagonal, order) = try FixedEffectsRank.pivotedQR(x, n: n, p: p)
        let threshold = (diagonal.first ?? 0) * FixedEffectsRank.tolerance
        let r = diagonal.prefix { $0 > threshold }.count
        guard r < p else { rank = p; pivot = Array(0..<p); return }
        let firstIsIntercept = n > 0 && x[0..<n].allSatisfy { $0 == 1 }
        if firstIsIntercept && order.first != 0 {
            // Inflate the intercept so that pivoting keeps it first, then pivot again.
            var inflated = x
            let scale = ((diagonal.first ?? 0) + 1) / Double(n).squareRoot()
            for i in 0..<n { inflated[i] *= scale }
            (diagonal, order) = try FixedEffectsRank.pivotedQR(inflated, n: n, p: p)
        }
        rank = r
        pivot = order.prefix(r).sorted() + order.dropFirst(r)
    }

    /// A cheap screen: a pivoted Cholesky factor of X'X whose smallest diagonal is above `1e-5` of its largest
    /// proves that the pivoted QR's |R_kk| ratios are far above the tolerance (X'X loses only about the square
    /// root of the precision), so X has full rank. Near-deficient matrices go to the exact QR.
    static func isClearlyFullRank(_ x: [Double], n: Int, p: Int) -> Bool {
        guard n >= p else { return false }
        var xtx = [Double](repeating: 0, count: p * p)
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(p), Int32(n), 1, x, Int32(n), 0, &xtx, Int32(p))
        var piv = [Int32](repeating: 0, count: p)
        var rank: Int32 = 0
        let info = LAPACKE_dpstrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(p), &xtx, Int32(p), &piv, &rank, -1)
        guard info == 0, rank == Int32(p) else { return false }
        let first = xtx[0], last = xtx[(p - 1) * (p + 1)]
        return first > 0 && last > 1e-5 * first
    }

    /// |diag(R)| and the 0-based column order of a column-pivoted QR of `x`. The pivoted decomposition runs on
    /// the triangular factor R of X, which has the same column norms and pivots but is only `p × p`; R itself
    /// comes from QR decompositions of row blocks stacked under the R so far, which stay in cache.
    static func pivotedQR(_ x: [Double], n: Int, p: Int) throws -> (diagonal: [Double], order: [Int]) {
        let (r, k) = try triangularFactor(x, n: n, p: p)
        var a = r
        var tau = [Double](repeating: 0, count: max(k, 1))
        var jpvt = [Int32](repeating: 0, count: p)
        let info = LAPACKE_dgeqp3(LAPACK_COL_MAJOR, Int32(k), Int32(p), &a, max(Int32(k), 1), &jpvt, &tau)
        guard info == 0 else { throw FormulaError("the pivoted QR decomposition of the fixed-effects matrix failed (\(info))") }
        let diagonal = (0..<k).map { abs(a[$0 + $0 * k]) } + [Double](repeating: 0, count: p - k)
        return (diagonal, jpvt.map { Int($0) - 1 })
    }

    /// The `k × p` upper-trapezoidal R of X = QR (k = min(n, p)), column-major.
    static func triangularFactor(_ x: [Double], n: Int, p: Int) throws -> (r: [Double], rows: Int) {
        let block = max(2048, p)
        let ld = p + block
        var buffer = [Double](repeating: 0, count: ld * p)
        var tau = [Double](repeating: 0, count: p)
        var r: [Double] = []
        var rRows = 0
        var start = 0
        while start < n {
            let count = min(block, n - start)
            let m = rRows + count
            for j in 0..<p {
                for i in 0..<rRows { buffer[i + j * ld] = i <= j ? r[i + j * rRows] : 0 }
                for i in 0..<count { buffer[rRows + i + j * ld] = x[start + i + j * n] }
            }
            let info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(m), Int32(p), &buffer, Int32(ld), &tau)
            guard info == 0 else { throw FormulaError("the QR decomposition of the fixed-effects matrix failed (\(info))") }
            let k = min(m, p)
            var next = [Double](repeating: 0, count: k * p)
            for j in 0..<p {
                for i in 0...min(j, k - 1) { next[i + j * k] = buffer[i + j * ld] }
            }
            r = next
            rRows = k
            start += count
        }
        return (r, rRows)
    }
}
