import MixedModels
import TextDisplay

/// `m.A` and `m.L`: MixedModels.jl 4.x's `Vector{AbstractMatrix{Float64}}` of blocks in packed lower-triangular
/// order (`block(i, j)` numbers them), each element in the type Julia stores it in.
enum BlockedMatrices {
    /// The `A` or `L` vector of a model.
    static func value(of model: ModelObject, _ name: String) throws -> Value {
        let blocks: (a: [PLSBlock], l: [PLSBlock])
        do {
            switch model.fit {
            case .linear(let m): blocks = try m.blockedMatrices()
            case .generalized(let g): blocks = try g.blockedMatrices()
            }
        } catch let error as PLSBlockError {
            throw LanguageError("m.\(name) is not available: \(error)")
        }
        let chosen = name == "A" ? blocks.a : blocks.l
        return .array(ArrayBox(chosen.map { element($0, inL: name == "L") }, elementType: "AbstractMatrix{Float64}"))
    }

    /// One block as the language value of its Julia type.
    static func element(_ block: PLSBlock, inL: Bool) -> Value {
        let m = block.matrix
        switch block.storage {
        case .diagonal:
            return .object(StructuredMatrixObject(.diagonal, n: m.rows, values: m.values))
        case .uniformBlockDiagonal:
            return .object(TypedDenseMatrixObject(typeName: "UniformBlockDiagonal{Float64}", matrix: m))
        case .sparse(let rowSize, let columnSize) where inL:
            return .object(TypedDenseMatrixObject(
                typeName: "MixedModels.BlockedSparse{Float64, \(rowSize), \(columnSize)}", matrix: m))
        case .sparse:
            var entries: [(row: Int, column: Int, value: Double)] = []
            for c in 0..<m.cols {
                for r in 0..<m.rows where m.values[r + c * m.rows] != 0 {
                    entries.append((r, c, m.values[r + c * m.rows]))
                }
            }
            return .object(SparseMatrixObject(rows: m.rows, columns: m.cols, entries: entries))
        case .dense:
            return .array(ArrayBox(doubles: m.values, rows: m.rows, columns: m.cols))
        }
    }
}

/// A matrix type MixedModels.jl defines on dense storage (`UniformBlockDiagonal`, `BlockedSparse`), shown as
/// Julia shows any `AbstractMatrix`: the summary, then every element (zeros included).
final class TypedDenseMatrixObject: LanguageObject {
    let typeName: String
    let matrix: ColumnMajorMatrix

    init(typeName: String, matrix: ColumnMajorMatrix) {
        self.typeName = typeName
        self.matrix = matrix
    }

    private var rows: [[JuliaElement]] {
        (0..<matrix.rows).map { i in (0..<matrix.cols).map { j in .float(matrix.values[i + j * matrix.rows]) } }
    }

    var denseValue: Value { .array(ArrayBox(doubles: matrix.values, rows: matrix.rows, columns: matrix.cols)) }

    func display() -> String {
        JuliaArrayDisplay.structuredMatrix(header: "\(matrix.rows)×\(matrix.cols) \(typeName)", rows: rows,
                                           isStructuralZero: { _, _ in false })
    }

    /// Julia's two-argument `show` of an `AbstractMatrix`: the one-line dense form.
    func printed() -> String { Display.repr(denseValue) }

    func index(_ indices: [Value]) throws -> Value? {
        guard indices.count == 2, case .int(let i) = indices[0], case .int(let j) = indices[1] else { return nil }
        guard (1...matrix.rows).contains(i), (1...matrix.cols).contains(j) else {
            throw LanguageError("BoundsError: attempt to access \(matrix.rows)×\(matrix.cols) \(typeName) "
                                + "at index [\(i), \(j)]")
        }
        return .float(matrix.values[(i - 1) + (j - 1) * matrix.rows])
    }

    func isEqual(to other: any LanguageObject) -> Bool {
        guard let o = other as? TypedDenseMatrixObject else { return false }
        return o.matrix == matrix
    }
}

extension BuiltinLibrary {
    /// `sparseL(m; fname, full)`: L's random-effects blocks from grouping factor `fname` on (with the `[X y]`
    /// rows too when `full`), as one lower-triangular `SparseMatrixCSC{Float64, Int32}` without stored zeros.
    mutating func registerSparseL() {
        add("sparseL", keywords: ["full", "fname"]) { c in
            try c.expectCount(1, "sparseL(model; full = false, fname = first(fnames(model)))")
            let model = try ModelFitting.model(c, 0)
            let full = try c.boolKeyword("full", default: false)
            let names = model.frame.randomEffectsTerms.map(\.groupingName)
            var first = 0
            if let fname = c.keyword("fname") {
                guard case .symbol(let s) = fname, let index = names.firstIndex(of: s) else {
                    throw LanguageError("ArgumentError: fname = \(Display.printed(fname)) is not the name of a "
                                        + "grouping factor")
                }
                first = index
            }
            guard case .array(let blocks) = try BlockedMatrices.value(of: model, "L") else { return .nothing }
            let last = names.count - 1 + (full ? 1 : 0)
            func blockMatrix(_ i: Int, _ j: Int) -> Value { blocks.elements[i * (i + 1) / 2 + j] }
            var entries: [(row: Int, column: Int, value: Double)] = []
            var rowOffset = 0
            var size = 0
            for i in first...last {
                var columnOffset = 0
                var height = 0
                for j in first...i {
                    let (rows, columns, values) = BlockedMatrices.dense(blockMatrix(i, j))
                    height = rows
                    for cc in 0..<columns {
                        for r in 0..<rows where rowOffset + r >= columnOffset + cc {
                            let x = values[r + cc * rows]
                            if x != 0 { entries.append((rowOffset + r, columnOffset + cc, x)) }
                        }
                    }
                    columnOffset += columns
                }
                rowOffset += height
                size = rowOffset
            }
            entries.sort { ($0.column, $0.row) < ($1.column, $1.row) }
            return .object(SparseMatrixObject(rows: size, columns: size, entries: entries))
        }
    }
}

extension BlockedMatrices {
    /// The rows, columns and column-major values of a block built by `element`.
    static func dense(_ value: Value) -> (Int, Int, [Double]) {
        switch value {
        case .object(let d as StructuredMatrixObject): return (d.n, d.n, d.values)
        case .object(let t as TypedDenseMatrixObject): return (t.matrix.rows, t.matrix.cols, t.matrix.values)
        case .object(let s as SparseMatrixObject):
            var values = [Double](repeating: 0, count: s.rows * s.columns)
            for e in s.entries { values[e.row + e.column * s.rows] = e.value }
            return (s.rows, s.columns, values)
        case .array(let a):
            let values = a.elements.map { $0.asDouble ?? 0 }
            return (a.shape[0], a.shape.count > 1 ? a.shape[1] : 1, values)
        default: return (0, 0, [])
        }
    }
}
