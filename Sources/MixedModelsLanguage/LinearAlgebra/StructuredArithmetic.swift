extension BuiltinLibrary {
    /// `+`, `-` and `*` with a structured matrix on either side: a number scales it (keeping its kind), a vector
    /// or dense matrix meets its dense values, and two diagonals stay diagonal, as in Julia.
    mutating func registerStructuredArithmetic() {
        objectOperators.append { op, l, r in
            guard ["+", "-", "*"].contains(op) else { return nil }
            let left = l.structuredMatrix, right = r.structuredMatrix
            guard left != nil || right != nil else { return nil }
            if op == "*", let s = left ?? right, let x = (left == nil ? l : r).asDouble {
                return .object(StructuredMatrixObject(s.kind, n: s.n, values: s.values.map { $0 * x },
                                                      elementType: promoted(s.elementType, (left == nil ? l : r).typeName)))
            }
            let a = try Numeric.matrix(l, op), b = try Numeric.matrix(r, op)
            if op == "*" {
                guard a.columns == b.rows else {
                    throw LanguageError("DimensionMismatch: matrix A has dimensions (\(a.rows),\(a.columns)), matrix B has dimensions (\(b.rows),\(b.columns))")
                }
                var out = [Double](repeating: 0, count: a.rows * b.columns)
                for j in 0..<b.columns {
                    for k in 0..<a.columns where b.values[k + j * b.rows] != 0 {
                        let bkj = b.values[k + j * b.rows]
                        for i in 0..<a.rows { out[i + j * a.rows] += a.values[i + k * a.rows] * bkj }
                    }
                }
                if let left, let right, left.kind == .diagonal, right.kind == .diagonal {
                    return .object(StructuredMatrixObject(.diagonal, n: left.n, values: out))
                }
                if case .array(let v) = r, v.shape.count == 1 { return Numeric.vector(out) }
                return Numeric.matrixValue(out, rows: a.rows, columns: b.columns)
            }
            guard a.rows == b.rows, a.columns == b.columns else {
                throw LanguageError("DimensionMismatch: dimensions must match: a has dims (\(a.rows), \(a.columns)), b has dims (\(b.rows), \(b.columns))")
            }
            let out = zip(a.values, b.values).map { op == "+" ? $0 + $1 : $0 - $1 }
            if let left, let right, left.kind == right.kind, left.kind == .diagonal {
                return .object(StructuredMatrixObject(.diagonal, n: left.n, values: out, elementType: promoted(left.elementType, right.elementType)))
            }
            return Numeric.matrixValue(out, rows: a.rows, columns: a.columns)
        }
    }
}

private extension Value {
    var structuredMatrix: StructuredMatrixObject? {
        if case .object(let o as StructuredMatrixObject) = self { return o }
        return nil
    }
}

private func promoted(_ a: String, _ b: String) -> String {
    a == "Float64" || b == "Float64" ? "Float64" : (a == "Bool" && b == "Bool" ? "Int64" : "Int64")
}
