import Foundation

extension BuiltinLibrary {
    /// Julia's `LinearAlgebra` for dense `Float64` matrices: factorizations through LAPACK, structured matrices
    /// with Julia's displays, `dot`, `norm`, `tr`, `det`, `logdet`, `inv`.
    mutating func registerLinearAlgebra() {
        add("diag") { c in
            try c.expectCount(1)
            let m = try Numeric.matrix(c.positional[0], "diag")
            guard m.columns > 1 || isMatrix(c.positional[0]) else { throw c.wrongType(0, expected: "a matrix") }
            let values = (0..<min(m.rows, m.columns)).map { m.values[$0 + $0 * m.rows] }
            return typedVector(values, like: c.positional[0])
        }
        add("Diagonal", isType: true) { c in
            try c.expectCount(1)
            if isMatrix(c.positional[0]) {
                let (n, values) = try Numeric.square(c.positional[0], "Diagonal")
                return .object(StructuredMatrixObject.from(.diagonal, dense: values, n: n, elementType: elementType(c.positional[0])))
            }
            let d = try Numeric.doubles(c.positional[0], "Diagonal")
            return .object(diagonal(d, elementType: elementType(c.positional[0])))
        }
        add("I") { c in
            try c.expectCount(1, "I(n)")
            let n = try c.integer(0)
            guard n >= 0 else { throw LanguageError("ArgumentError: I(n) needs a non-negative size, got \(n)") }
            return .object(diagonal(Array(repeating: 1, count: n), elementType: "Bool"))
        }
        for (name, kind) in [("UpperTriangular", StructuredMatrixObject.Kind.upperTriangular),
                             ("LowerTriangular", .lowerTriangular)] {
            add(name, isType: true) { c in
                try c.expectCount(1)
                let (n, values) = try Numeric.square(c.positional[0], name)
                return .object(StructuredMatrixObject.from(kind, dense: values, n: n, elementType: elementType(c.positional[0])))
            }
        }
        for (name, kind) in [("Symmetric", StructuredMatrixObject.Kind.symmetric), ("Hermitian", .hermitian)] {
            add(name, isType: true) { c in
                try c.expectCount(1)
                var (n, values) = try Numeric.square(c.positional[0], name)
                for j in 0..<n { for i in (j + 1)..<max(j + 1, n) { values[i + j * n] = values[j + i * n] } }
                return .object(StructuredMatrixObject(kind, n: n, values: values, elementType: elementType(c.positional[0])))
            }
        }
        add("SymTridiagonal", isType: true) { c in
            try c.expectCount(2, "SymTridiagonal(dv, ev)")
            let dv = try Numeric.doubles(c.positional[0], "SymTridiagonal"), ev = try Numeric.doubles(c.positional[1], "SymTridiagonal")
            guard ev.count == dv.count - 1 || (dv.isEmpty && ev.isEmpty) else {
                throw LanguageError("DimensionMismatch: subdiagonal has wrong length. Has length \(ev.count), but should be \(max(0, dv.count - 1)).")
            }
            let n = dv.count
            var values = [Double](repeating: 0, count: n * n)
            for i in 0..<n { values[i + i * n] = dv[i] }
            for i in 0..<max(0, n - 1) { values[i + 1 + i * n] = ev[i]; values[i + (i + 1) * n] = ev[i] }
            return .object(StructuredMatrixObject(.symTridiagonal, n: n, values: values, elementType: elementType(c.positional[0])))
        }
        add("Matrix", isType: true) { c in
            try c.expectCount(1)
            if case .object(let o as StructuredMatrixObject) = c.positional[0] { return o.denseValue }
            if case .array(let a) = c.positional[0], a.shape.count == 2 {
                return .array(ArrayBox(a.elements, shape: a.shape, elementType: a.elementType))
            }
            throw c.wrongType(0, expected: "a matrix")
        }
        add("tr") { c in
            try c.expectCount(1)
            let (n, values) = try Numeric.square(c.positional[0], "tr")
            let total = (0..<n).reduce(0.0) { $0 + values[$1 + $1 * n] }
            return elementType(c.positional[0]) == "Int64" ? .int(Int(total)) : .float(total)
        }
        add("det") { c in
            try c.expectCount(1)
            let (n, values) = try Numeric.square(c.positional[0], "det")
            if DenseLinearAlgebra.isTriangular(values, n: n, upper: true)
                || DenseLinearAlgebra.isTriangular(values, n: n, upper: false) {
                return .float((0..<n).reduce(1.0) { $0 * values[$1 + $1 * n] })
            }
            return .float(DenseLinearAlgebra.determinant(values, n: n))
        }
        add("logdet") { c in
            try c.expectCount(1)
            let (n, values) = try Numeric.square(c.positional[0], "logdet")
            let (logAbs, sign) = DenseLinearAlgebra.logAbsDeterminant(values, n: n)
            guard sign > 0 else {
                throw LanguageError("DomainError with \(JuliaFormat.number(sign)):\nlogdet is only defined for positive determinant.")
            }
            return .float(logAbs)
        }
        add("logabsdet") { c in
            try c.expectCount(1)
            let (n, values) = try Numeric.square(c.positional[0], "logabsdet")
            let (logAbs, sign) = DenseLinearAlgebra.logAbsDeterminant(values, n: n)
            return .tuple([.float(logAbs), .float(sign)])
        }
        add("inv") { c in
            try c.expectCount(1)
            if let x = c.positional[0].asDouble { return .float(1 / x) }
            let (n, values) = try Numeric.square(c.positional[0], "inv")
            if let o = structured(c.positional[0]), o.kind == .diagonal {
                return .object(diagonal((0..<n).map { 1 / o.values[$0 + $0 * n] }, elementType: "Float64"))
            }
            let upper = DenseLinearAlgebra.isTriangular(values, n: n, upper: true)
            let triangular = upper || DenseLinearAlgebra.isTriangular(values, n: n, upper: false)
            let inverse = triangular ? DenseLinearAlgebra.triangularInverse(values, n: n, upper: upper)
                : DenseLinearAlgebra.inverse(values, n: n)
            guard let inverse else {
                throw LanguageError("SingularException: the matrix is singular and has no inverse")
            }
            return Numeric.matrixValue(inverse, rows: n, columns: n)
        }
        add("dot") { c in
            try c.expectCount(2, "dot(x, y)")
            let x = try Numeric.doubles(c.positional[0], "dot"), y = try Numeric.doubles(c.positional[1], "dot")
            guard x.count == y.count else {
                throw LanguageError("DimensionMismatch: first array has length \(x.count) which does not match the length of the second, \(y.count).")
            }
            if elementType(c.positional[0]) == "Int64", elementType(c.positional[1]) == "Int64" {
                return .int(zip(x, y).reduce(0) { $0 + Int($1.0) * Int($1.1) })
            }
            return .float(DenseLinearAlgebra.dot(x, y))
        }
        add("norm") { c in
            try c.expectCount(1...2, "norm(x) or norm(x, p)")
            let x = try Numeric.doubles(c.positional[0], "norm")
            return .float(pNorm(x, c.count == 2 ? try c.double(1) : 2))
        }
        // `normalize(x, p = 2)`: x scaled to unit p-norm (a Float64 copy); `normalize!` scales a Float64 array in place.
        for name in ["normalize", "normalize!"] {
            add(name) { c in
                try c.expectCount(1...2, "\(name)(x) or \(name)(x, p)")
                let x = try Numeric.doubles(c.positional[0], name)
                // Julia multiplies by the norm's inverse (LinearAlgebra.__normalize!), which the last digit shows.
                let inverse = 1 / pNorm(x, c.count == 2 ? try c.double(1) : 2)
                let scaled = x.map { $0 * inverse }
                guard case .array(let a) = c.positional[0] else { throw c.wrongType(0, expected: "an array") }
                if name == "normalize!" {
                    guard a.elementType == "Float64" else {
                        throw LanguageError("InexactError: normalize! needs a floating-point array, got a \(a.typeName)")
                    }
                    a.elements = scaled.map(Value.float)
                    return c.positional[0]
                }
                return .array(ArrayBox(scaled.map(Value.float), shape: a.shape, elementType: "Float64"))
            }
        }
        add("cholesky") { c in
            try c.expectCount(1)
            let (n, values) = try Numeric.square(c.positional[0], "cholesky")
            guard isSymmetric(values, n) else {
                throw LanguageError("PosDefException: matrix is not Hermitian; Cholesky factorization failed.")
            }
            guard let upper = DenseLinearAlgebra.choleskyUpper(values, n: n) else {
                throw LanguageError("PosDefException: matrix is not positive definite; Cholesky factorization failed.")
            }
            return .object(CholeskyObject(n: n, upper: upper))
        }
        add("eigen") { c in
            try c.expectCount(1)
            if let o = structured(c.positional[0]), o.kind == .symTridiagonal {
                let n = o.n
                let dv = (0..<n).map { o.values[$0 + $0 * n] }, ev = (0..<max(0, n - 1)).map { o.values[$0 + 1 + $0 * n] }
                guard let (w, z) = DenseLinearAlgebra.tridiagonalEigen(diagonal: dv, offDiagonal: ev) else {
                    throw LanguageError("LAPACKException: the eigenvalue computation did not converge")
                }
                return .object(EigenObject(values: w, vectors: z))
            }
            let (n, values) = try Numeric.square(c.positional[0], "eigen")
            guard isSymmetric(values, n) else {
                throw LanguageError("eigen of a non-symmetric matrix (complex eigenvalues) is not supported here")
            }
            guard let (w, z) = DenseLinearAlgebra.symmetricEigen(values, n: n) else {
                throw LanguageError("LAPACKException: the eigenvalue computation did not converge")
            }
            return .object(EigenObject(values: w, vectors: z))
        }
        add("eigvals") { c in
            try c.expectCount(1)
            let e = try c.interpreter.call(try c.interpreter.lookup("eigen", at: 0), c.positional)
            guard case .object(let o as EigenObject) = e else { return e }
            return .array(ArrayBox(doubles: o.values))
        }
        for name in ["size", "length"] {
            extend(name) { c, previous in
                guard case .object(let o as StructuredMatrixObject)? = c.positional.first else { return try previous(c) }
                if name == "length" { return .int(o.n * o.n) }
                if c.count == 2 { return .int(try c.integer(1) <= 2 ? o.n : 1) }
                return .tuple([.int(o.n), .int(o.n)])
            }
        }
        add("issymmetric") { c in
            try c.expectCount(1)
            guard let (n, values) = try? Numeric.square(c.positional[0], "issymmetric") else { return .bool(false) }
            return .bool(isSymmetric(values, n))
        }
    }
}

private func isMatrix(_ v: Value) -> Bool {
    switch v {
    case .array(let a): a.shape.count == 2
    case .object(let o): o is StructuredMatrixObject
    default: false
    }
}

private func structured(_ v: Value) -> StructuredMatrixObject? {
    if case .object(let o as StructuredMatrixObject) = v { return o }
    return nil
}

private func elementType(_ v: Value) -> String {
    switch v {
    case .array(let a): a.elementType == "Int64" || a.elementType == "Bool" ? a.elementType : "Float64"
    case .range: "Int64"
    case .object(let o as StructuredMatrixObject): o.elementType
    default: "Float64"
    }
}

private func typedVector(_ values: [Double], like v: Value) -> Value {
    let type = elementType(v)
    let elements: [Value] = values.map { type == "Int64" ? .int(Int($0)) : type == "Bool" ? .bool($0 != 0) : .float($0) }
    return .array(ArrayBox(elements, elementType: type))
}

private func diagonal(_ d: [Double], elementType: String) -> StructuredMatrixObject {
    let n = d.count
    var values = [Double](repeating: 0, count: n * n)
    for i in 0..<n { values[i + i * n] = d[i] }
    return StructuredMatrixObject(.diagonal, n: n, values: values, elementType: elementType)
}

private func isSymmetric(_ values: [Double], _ n: Int) -> Bool {
    for j in 0..<n { for i in 0..<j where values[i + j * n] != values[j + i * n] { return false } }
    return true
}

/// Julia's `norm(x, p)` of a vector's elements.
private func pNorm(_ x: [Double], _ p: Double) -> Double {
    switch p {
    case 2: DenseLinearAlgebra.norm2(x)
    case 1: x.reduce(0) { $0 + Swift.abs($1) }
    case .infinity: x.reduce(0) { Swift.max($0, Swift.abs($1)) }
    default: Foundation.pow(x.reduce(0) { $0 + Foundation.pow(Swift.abs($1), p) }, 1 / p)
    }
}
