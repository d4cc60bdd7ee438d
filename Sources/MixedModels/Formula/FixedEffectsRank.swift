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

    /// |diag(R)| and the 0-based column order of a column-pivoted QR of `x`. The pivoted decomposition runs on
    /// the R of an unpivoted blocked QR, which has the same column norms and pivots but is only `p × p`.
    static func pivotedQR(_ x: [Double], n: Int, p: Int) throws -> (diagonal: [Double], order: [Int]) {
        var a = x
        let k = min(n, p)
        var tau = [Double](repeating: 0, count: max(k, 1))
        let m32 = Int32(n), p32 = Int32(p)
        var info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, m32, p32, &a, max(m32, 1), &tau)
        guard info == 0 else { throw FormulaError("the QR decomposition of the fixed-effects matrix failed (\(info))") }
        var r = [Double](repeating: 0, count: k * p)
        for j in 0..<p {
            for i in 0...min(j, k - 1) { r[i + j * k] = a[i + j * n] }
        }
        var jpvt = [Int32](repeating: 0, count: p)
        info = LAPACKE_dgeqp3(LAPACK_COL_MAJOR, Int32(k), p32, &r, max(Int32(k), 1), &jpvt, &tau)
        guard info == 0 else { throw FormulaError("the pivoted QR decomposition of the fixed-effects matrix failed (\(info))") }
        let diagonal = (0..<k).map { abs(r[$0 + $0 * k]) } + [Double](repeating: 0, count: p - k)
        return (diagonal, jpvt.map { Int($0) - 1 })
    }
}
