import Foundation
/// Numeric views of language values shared by the statistics and linear-algebra builtins.
enum Numeric {
    /// The elements of a collection as doubles, or a clear error naming the function.
    static func doubles(_ v: Value, _ name: String) throws -> [Double] {
        // Unboxed arrays convert without boxing every element.
        if case .array(let a) = v {
            if let d = a.doubles { return d }
            if let i = a.ints { return i.map(Double.init) }
        }
        var poll = BlockDeadline.Poll()
        return try Iteration.elements(of: v).map {
            try poll.tick()
            guard let d = $0.asDouble else {
                throw LanguageError("\(name) expects numbers, got \($0.described)")
            }
            return d
        }
    }

    /// A numeric vector or matrix: rows, columns and column-major values (a vector is one column).
    static func matrix(_ v: Value, _ name: String) throws -> (rows: Int, columns: Int, values: [Double]) {
        if case .object(let o as StructuredMatrixObject) = v { return (o.n, o.n, o.values) }
        if case .array(let a) = v, a.shape.count == 2 {
            return (a.shape[0], a.shape[1], try doubles(v, name))
        }
        let values = try doubles(v, name)
        return (values.count, 1, values)
    }

    /// A square matrix, or an error naming the function and the shape.
    static func square(_ v: Value, _ name: String) throws -> (n: Int, values: [Double]) {
        // Factorizations run in LAPACK, which cannot be stopped: refuse one that cannot end before the deadline
        // (before converting the elements, which takes time of its own for a huge matrix).
        if name != "tr", case .array(let a) = v, a.shape.count == 2 {
            let n = Double(a.shape[0])
            try BlockDeadline.ensureTime(for: n * n * n, "\(name) of a \(a.shape[0])×\(a.shape[1]) matrix")
        }
        let m = try matrix(v, name)
        if case .object(let o as StructuredMatrixObject) = v { return (o.n, o.values) }
        guard case .array(let a) = v, a.shape.count == 2, m.rows == m.columns else {
            throw LanguageError("DimensionMismatch: \(name) needs a square matrix, got \(v.described)"
                                + (m.rows != m.columns ? " of size \(m.rows)×\(m.columns)" : ""))
        }
        return (m.rows, m.values)
    }

    static func vector(_ values: [Double]) -> Value { .array(ArrayBox(doubles: values)) }

    static func matrixValue(_ values: [Double], rows: Int, columns: Int) -> Value {
        .array(ArrayBox(doubles: values, rows: rows, columns: columns))
    }

    /// The `dims` keyword (1 or 2), if given.
    static func dimension(_ c: CallContext) throws -> Int? {
        guard let d = try c.intKeyword("dims") else { return nil }
        guard d == 1 || d == 2 else { throw LanguageError("\(c.name): dims must be 1 or 2, got \(d)") }
        return d
    }

    /// Applies a reduction to each column (`dims=1`, a 1×n result) or each row (`dims=2`, an m×1 result).
    static func reduce(_ v: Value, dims: Int, _ name: String, _ f: ([Double]) throws -> Double) throws -> Value {
        let m = try matrix(v, name)
        if dims == 1 {
            let out = try (0..<m.columns).map { j in try f(Array(m.values[(j * m.rows)..<((j + 1) * m.rows)])) }
            return matrixValue(out, rows: 1, columns: m.columns)
        }
        let out = try (0..<m.rows).map { i in try f((0..<m.columns).map { m.values[i + $0 * m.rows] }) }
        return matrixValue(out, rows: m.rows, columns: 1)
    }
}

extension Value {
    /// The Julia type a value names when passed as a type argument (`zeros(Int, 3)`, `floor(Int, x)`): both
    /// type values and constructor functions such as `Int` and `Float64`.
    var namedType: String? {
        switch self {
        case .type(let t): t
        case .function(let f) where f.isType: f.name == "Int" ? "Int64" : f.name
        default: nil
        }
    }
}
