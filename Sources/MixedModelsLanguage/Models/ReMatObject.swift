import MixedModels
import TextDisplay

/// One element of `m.reterms`: MixedModels.jl's `ReMat`, the n × q indicator-times-covariate block of Z for one
/// grouping factor, with its relative covariance factor `λ`. It is an abstract matrix in Julia, so it displays and
/// broadcasts (`Int.(t)`) as the dense n × q matrix.
final class ReMatObject: LanguageObject, IterableObject {
    let model: ModelObject
    let index: Int

    init(model: ModelObject, index: Int) {
        self.model = model
        self.index = index
    }

    var term: RandomEffectsTerm { model.frame.randomEffectsTerms[index] }
    var rows: Int { term.refs.count }
    var columns: Int { term.randomEffectCount }
    var typeName: String { "ReMat{Float64, \(term.vsize)}" }

    /// This term's part of the model's θ.
    var theta: [Double] {
        let terms = model.frame.randomEffectsTerms
        let offset = terms.prefix(index).reduce(0) { $0 + $1.lambdaIndices.count }
        return Array(ModelValues.theta(model)[offset..<(offset + term.lambdaIndices.count)])
    }

    /// λ, lower triangular, from θ.
    var lambda: StructuredMatrixObject {
        let v = term.vsize
        var values = [Double](repeating: 0, count: v * v)
        for (e, position) in term.lambdaIndices.enumerated() { values[position] = theta[e] }
        return StructuredMatrixObject(.lowerTriangular, n: v, values: values)
    }

    /// Z's entry in row `i`, column `j` (0-based): the covariate when observation i is at the column's level.
    func entry(_ i: Int, _ j: Int) -> Double {
        let t = term
        let v = t.vsize
        return Int(t.refs[i]) == j / v ? t.z[i * v + j % v] : 0
    }

    var length: Int { rows * columns }
    var shape: [Int] { [rows, columns] }

    func element(at position: Int) throws -> Value { .float(entry(position % rows, position / rows)) }

    func index(_ indices: [Value]) throws -> Value? {
        guard indices.count == 2, case .int(let i) = indices[0], case .int(let j) = indices[1] else { return nil }
        guard (1...rows).contains(i), (1...columns).contains(j) else {
            throw LanguageError("BoundsError: attempt to access \(rows)×\(columns) \(typeName) at index [\(i), \(j)]")
        }
        return .float(entry(i - 1, j - 1))
    }

    var denseValue: Value {
        var values = [Double](repeating: 0, count: rows * columns)
        for j in 0..<columns { for i in 0..<rows { values[i + j * rows] = entry(i, j) } }
        return .array(ArrayBox(doubles: values, rows: rows, columns: columns))
    }

    func display() -> String {
        var text = Display.textPlain(denseValue)
        if let newline = text.firstIndex(of: "\n") {
            text = "\(rows)×\(columns) \(typeName):" + text[newline...]
        }
        return text
    }

    var propertyNames: [String] { ["trm", "refs", "levels", "cnames", "z", "wtz", "λ", "inds", "adjA", "scratch"] }

    func property(_ name: String) throws -> Value? {
        let t = term
        switch name {
        case "λ", "lambda": return .object(lambda)
        case "refs": return .array(ArrayBox(t.refs.map { .int(Int($0) + 1) }, elementType: "Int32"))
        case "levels": return ModelValues.strings(t.levels)
        case "cnames": return ModelValues.strings(t.columnNames)
        case "inds": return .array(ArrayBox(ints: t.lambdaIndices.map { $0 + 1 }))
        case "z", "wtz":
            var values = [Double](repeating: 0, count: t.z.count)
            for i in 0..<rows { for k in 0..<t.vsize { values[k + i * t.vsize] = t.z[i * t.vsize + k] } }
            return .array(ArrayBox(doubles: values, rows: t.vsize, columns: rows))
        case "adjA": return .object(SparseMatrixObject(self).adjoint())
        default:
            if propertyNames.contains(name) {
                throw LanguageError("property `\(name)` of ReMat is not provided by this implementation")
            }
            return nil
        }
    }
}
