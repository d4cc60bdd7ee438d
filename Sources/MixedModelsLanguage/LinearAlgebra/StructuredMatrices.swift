import TextDisplay

/// Julia's structured matrices: `Diagonal`, `UpperTriangular`, `LowerTriangular` and `SymTridiagonal`. They keep
/// their dense values (column-major) for arithmetic-free use here: indexing, `Matrix(x)`, `diag`, `det`, `inv`,
/// `eigen`, and Julia's displays with `⋅` for the structural zeros.
final class StructuredMatrixObject: LanguageObject {
    enum Kind {
        case diagonal, upperTriangular, lowerTriangular, symTridiagonal, symmetric, hermitian
    }

    let kind: Kind
    let n: Int
    let values: [Double]
    /// `Float64`, `Int64` or `Bool`: how elements display.
    let elementType: String
    /// `LinearAlgebra.` where Julia would qualify the type (LinearAlgebra not loaded), else empty.
    var modulePrefix = ""

    init(_ kind: Kind, n: Int, values: [Double], elementType: String = "Float64") {
        self.kind = kind
        self.n = n
        self.values = values
        self.elementType = elementType
    }

    /// A structured matrix keeping only the structural nonzeros of `dense`.
    static func from(_ kind: Kind, dense: [Double], n: Int, elementType: String = "Float64") -> StructuredMatrixObject {
        var kept = dense
        let probe = StructuredMatrixObject(kind, n: n, values: dense, elementType: elementType)
        for j in 0..<n { for i in 0..<n where probe.isStructuralZero(i, j) { kept[i + j * n] = 0 } }
        return StructuredMatrixObject(kind, n: n, values: kept, elementType: elementType)
    }

    var typeName: String {
        let storage = kind == .diagonal || kind == .symTridiagonal ? "Vector{\(elementType)}" : "Matrix{\(elementType)}"
        return "\(modulePrefix)\(kindName){\(elementType), \(storage)}"
    }

    private var kindName: String {
        switch kind {
        case .diagonal: "Diagonal"
        case .upperTriangular: "UpperTriangular"
        case .lowerTriangular: "LowerTriangular"
        case .symTridiagonal: "SymTridiagonal"
        case .symmetric: "Symmetric"
        case .hermitian: "Hermitian"
        }
    }

    func isStructuralZero(_ i: Int, _ j: Int) -> Bool {
        switch kind {
        case .diagonal: i != j
        case .upperTriangular: i > j
        case .lowerTriangular: i < j
        case .symTridiagonal: Swift.abs(i - j) > 1
        case .symmetric, .hermitian: false
        }
    }

    func element(_ x: Double) -> Value {
        switch elementType {
        case "Int64": .int(Int(x))
        case "Bool": .bool(x != 0)
        default: .float(x)
        }
    }

    var denseValue: Value {
        .array(ArrayBox(values.map(element), shape: [n, n], elementType: elementType))
    }

    func display() -> String {
        let rows = (0..<n).map { i in
            (0..<n).map { j -> JuliaElement in
                let x = values[i + j * n]
                switch elementType {
                case "Int64": return .integer(Int(x))
                case "Bool": return .integer(x != 0 ? 1 : 0)
                default: return .float(x)
                }
            }
        }
        return JuliaArrayDisplay.structuredMatrix(header: "\(n)×\(n) \(typeName)", rows: rows,
                                                  isStructuralZero: isStructuralZero)
    }

    /// Julia's `show`: `Diagonal([1, 2])` for a diagonal, the dense one-line form otherwise.
    func printed() -> String {
        guard kind == .diagonal else { return Display.repr(denseValue) }
        return "Diagonal(" + Display.repr(.array(ArrayBox((0..<n).map { element(values[$0 + $0 * n]) }, elementType: elementType))) + ")"
    }

    func index(_ indices: [Value]) throws -> Value? {
        guard indices.count == 2, case .int(let i) = indices[0], case .int(let j) = indices[1] else { return nil }
        guard (1...n).contains(i), (1...n).contains(j) else {
            throw LanguageError("BoundsError: attempt to access \(n)×\(n) \(typeName) at index [\(i), \(j)]")
        }
        return element(values[(i - 1) + (j - 1) * n])
    }

    var propertyNames: [String] { kind == .diagonal ? ["diag"] : [] }

    /// `D.diag`: a `Diagonal`'s stored diagonal.
    func property(_ name: String) throws -> Value? {
        guard kind == .diagonal, name == "diag" else { return nil }
        return .array(ArrayBox((0..<n).map { element(values[$0 + $0 * n]) }, elementType: elementType))
    }

    func isEqual(to other: any LanguageObject) -> Bool {
        guard let o = other as? StructuredMatrixObject else { return false }
        return o.n == n && o.values == values
    }
}

/// `cholesky(A)`: Julia's `Cholesky` with its upper factor; `.U`, `.L` and `.UL` are triangular matrices.
final class CholeskyObject: LanguageObject {
    let n: Int
    let upper: [Double]

    init(n: Int, upper: [Double]) {
        self.n = n
        self.upper = upper
    }

    var typeName: String { "Cholesky{Float64, Matrix{Float64}}" }

    var upperFactor: StructuredMatrixObject { StructuredMatrixObject(.upperTriangular, n: n, values: upper) }

    var lowerFactor: StructuredMatrixObject {
        var lower = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for i in 0..<n { lower[i + j * n] = upper[j + i * n] } }
        return StructuredMatrixObject(.lowerTriangular, n: n, values: lower)
    }

    func display() -> String { "\(typeName)\nU factor:\n\(upperFactor.display())" }

    var propertyNames: [String] { ["factors", "uplo", "info"] }

    func property(_ name: String) throws -> Value? {
        switch name {
        case "U", "UL": .object(upperFactor)
        case "L": .object(lowerFactor)
        case "factors": .array(ArrayBox(doubles: upper, rows: n, columns: n))
        case "uplo": .string("U")
        case "info": .int(0)
        default: nil
        }
    }
}

/// `eigen(A)`: Julia's `Eigen` with `.values` and `.vectors`.
final class EigenObject: LanguageObject {
    let values: [Double]
    let vectors: [Double]

    init(values: [Double], vectors: [Double]) {
        self.values = values
        self.vectors = vectors
    }

    var typeName: String { "Eigen{Float64, Float64, Matrix{Float64}, Vector{Float64}}" }

    var propertyNames: [String] { ["values", "vectors"] }

    func property(_ name: String) throws -> Value? {
        switch name {
        case "values": .array(ArrayBox(doubles: values))
        case "vectors": .array(ArrayBox(doubles: vectors, rows: values.count, columns: values.count))
        default: nil
        }
    }

    func display() -> String {
        let n = values.count
        return "\(typeName)\nvalues:\n" + Display.textPlain(.array(ArrayBox(doubles: values)))
            + "\nvectors:\n" + Display.textPlain(.array(ArrayBox(doubles: vectors, rows: n, columns: n)))
    }

    /// `λ, V = eigen(A)` destructures as in Julia.
    func index(_ indices: [Value]) throws -> Value? {
        guard indices.count == 1, case .int(let i) = indices[0] else { return nil }
        switch i {
        case 1: return try property("values")
        case 2: return try property("vectors")
        default: throw LanguageError("BoundsError: an Eigen factorization destructures into 2 parts, got index \(i)")
        }
    }
}
