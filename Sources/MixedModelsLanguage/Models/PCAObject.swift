import CBLAS
import MixedModels
import TextDisplay

/// `MixedModels.PCA` of one random-effects term (an element of `m.PCA`): the principal components of λ,
/// standardized to the correlation scale by default (`corr = true`).
final class PCAObject: LanguageObject {
    let names: [String]
    let corr: Bool
    /// λλᵀ (or its correlation form), v × v column-major.
    let covcor: [Double]
    /// Singular values and left singular vectors (column-major) of the (row-normalized) λ.
    let singularValues: [Double]
    let loadings: [Double]

    init?(lambda: [Double], names: [String], corr: Bool = true) {
        let v = names.count
        var f = lambda
        if corr {
            for i in 0..<v {
                let norm = (0..<v).reduce(0) { $0 + f[i + $1 * v] * f[i + $1 * v] }.squareRoot()
                if norm != 0 { for j in 0..<v { f[i + j * v] /= norm } }
            }
        }
        var product = [Double](repeating: 0, count: v * v)
        for i in 0..<v { for j in 0..<v { product[i + j * v] = (0..<v).reduce(0) { $0 + f[i + $1 * v] * f[j + $1 * v] } } }
        guard let (s, u) = Self.svd(f, n: v) else { return nil }
        self.names = names
        self.corr = corr
        covcor = product
        singularValues = s
        loadings = u
    }

    /// LAPACK's divide-and-conquer SVD (`gesdd`, as Julia's `svd`): singular values and U.
    static func svd(_ a: [Double], n: Int) -> ([Double], [Double])? {
        var work = a
        var s = [Double](repeating: 0, count: n)
        var u = [Double](repeating: 0, count: n * n)
        var vt = [Double](repeating: 0, count: n * n)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "A")), Int32(n), Int32(n), &work, Int32(n),
                                  &s, &u, Int32(n), &vt, Int32(n))
        return info == 0 ? (s, u) : nil
    }

    var typeName: String { "MixedModels.PCA{Float64}" }

    /// Normalized cumulative variances: cumulative sums of squared singular values over their total.
    var cumvar: [Double] {
        var total = 0.0
        let sums = singularValues.map { s -> Double in total += s * s; return total }
        return sums.map { $0 / total }
    }

    var propertyNames: [String] { ["covcor", "sv", "corr", "cumvar", "loadings"] }

    func property(_ name: String) throws -> Value? {
        let v = names.count
        switch name {
        case "cumvar": return ModelValues.vector(cumvar)
        case "loadings": return .array(ArrayBox(doubles: loadings, rows: v, columns: v))
        case "corr": return .bool(corr)
        case "covcor": return .object(StructuredMatrixObject(.symmetric, n: v, values: covcor))
        case "sv": throw LanguageError("property `sv` of PCA (an SVD object) is not provided by this implementation")
        default: return nil
        }
    }

    /// `show(io, MIME("text/plain"), pca)`: an empty first line, the lower triangle of the correlation (or
    /// covariance) matrix rounded to 2 digits, the normalized cumulative variances to 4 digits, the loadings to 2.
    func display() -> String {
        let v = names.count
        var cv = (0..<v).map { i in (0..<v).map { j in JuliaFloatFormat.shortest(round2(covcor[i + j * v])) } }
        let widest = cv.flatMap { $0 }.map { $0.count }.max() ?? 1
        let dot = String(repeating: " ", count: max(0, widest / 2 - 1)) + "."
        for i in 0..<v { for j in (i + 1)..<max(i + 1, v) { cv[i][j] = dot } }
        if cv.flatMap({ $0 }).contains(where: { $0.hasPrefix("-") }) {
            cv = cv.map { $0.map { $0.hasPrefix("-") ? $0 : " " + $0 } }
        }
        let covRows = (0..<v).map { i in [JuliaElement.text(names[i])] + cv[i].map { JuliaElement.text($0) } }
        var loadingRows = [[JuliaElement.text("")] + (1...max(1, v)).map { JuliaElement.text("PC\($0)") }]
        for i in 0..<v {
            loadingRows.append([.text(names[i])] + (0..<v).map { .float(round2(loadings[i + $0 * v])) })
        }
        return "\nPrincipal components based on " + (corr ? "correlation" : "(relative) covariance") + " matrix\n"
            + body(covRows) + "\n\nNormalized cumulative variances:\n"
            + OptSummaryDisplay.vector(cumvar.map { MixedModelsMarkdown.roundDigits($0, 4) })
            + "\n\nComponent loadings\n" + body(loadingRows)
    }

    private func round2(_ x: Double) -> Double { MixedModelsMarkdown.roundDigits(x, 2) }

    /// `Base.print_matrix` of a matrix of mixed text and numbers: the display without its summary line.
    private func body(_ rows: [[JuliaElement]]) -> String {
        let text = JuliaArrayDisplay.matrix(elementTypeName: "Any", rows: rows)
        guard let newline = text.firstIndex(of: "\n") else { return "" }
        return String(text[text.index(after: newline)...])
    }
}
