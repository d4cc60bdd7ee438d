import Foundation

/// Julia's integer division family and integer powers, with its wrapping and `DivideError` rules.
enum IntegerDivision {
    /// `÷`/`div`, `%`/`rem` and `mod` of two Int64 values.
    static func apply(_ op: String, _ a: Int, _ b: Int) throws -> Int {
        guard b != 0 else { throw JuliaException.divideError() }
        switch op {
        case "÷", "div":
            if a == .min && b == -1 { throw JuliaException.divideError() }
            return a / b
        case "%", "rem":
            return b == -1 ? 0 : a % b
        default:
            if b == -1 { return 0 }
            let r = a % b
            return r != 0 && (r < 0) != (b < 0) ? r + b : r
        }
    }

    /// `a^b` by repeated squaring, wrapping on overflow as Julia's Int64 does.
    static func power(_ a: Int, _ b: Int) throws -> Int {
        if b < 0 {
            if a == 1 { return 1 }
            if a == -1 { return b % 2 == 0 ? 1 : -1 }
            throw LanguageError(exception: JuliaException(
                "DomainError", fields: [("val", .int(a)), ("msg", .string("negative power"))],
                message: "DomainError with \(b):\nCannot raise an integer x to a negative power \(b).\n"
                    + "Convert input to float."))
        }
        var result = 1, base = a, e = b
        while e > 0 {
            if e & 1 == 1 { result = result &* base }
            base = base &* base
            e >>= 1
        }
        return result
    }
}

/// `isapprox` / `≈` for numbers and arrays.
enum Approximation {
    static func isApprox(_ l: Value, _ r: Value, atol: Double, rtol: Double?) throws -> Bool {
        let relative = rtol ?? (atol > 0 ? 0 : Double.ulpOfOne.squareRoot())
        if let x = l.asDouble, let y = r.asDouble {
            return x == y || (x.isFinite && y.isFinite && Swift.abs(x - y) <= max(atol, relative * max(Swift.abs(x), Swift.abs(y))))
        }
        guard let a = Broadcasting.shape(of: l), let b = Broadcasting.shape(of: r) else {
            throw LanguageError("isapprox compares numbers or arrays of numbers, got \(l.described) and \(r.described)")
        }
        guard a == b else {
            throw JuliaException.dimensionMismatch("dimensions must match: a has dims \(a), b has dims \(b)")
        }
        let x = try Iteration.elements(of: l).map { v -> Double in
            guard let d = v.asDouble else { throw LanguageError("isapprox compares numbers, got \(v.described)") }
            return d
        }
        let y = try Iteration.elements(of: r).map { v -> Double in
            guard let d = v.asDouble else { throw LanguageError("isapprox compares numbers, got \(v.described)") }
            return d
        }
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let difference = norm(zip(x, y).map { $0 - $1 })
        return x == y || difference <= max(atol, relative * max(norm(x), norm(y)))
    }
}

/// The products and adjoints the operators need (`A * x`, `A * B`, `x'`).
enum LinearAlgebraCore {
    private static func matrix(_ v: Value) throws -> (rows: Int, columns: Int, data: [Double], isVector: Bool) {
        guard case .array(let a) = v else { throw LanguageError("expected an array, got \(v.described)") }
        var poll = BlockDeadline.Poll()
        let data = try a.doubles ?? (0..<a.count).map { i -> Double in
            try poll.tick()
            guard let d = a.element(i).asDouble else {
                throw LanguageError("matrix products need numbers, got \(a.element(i).described)")
            }
            return d
        }
        switch a.shape.count {
        case 1: return (a.count, 1, data, true)
        case 2: return (a.shape[0], a.shape[1], data, false)
        default: throw LanguageError("`*` needs vectors or matrices, got a \(a.typeName)")
        }
    }

    /// `A * B` and `A * x`.
    static func multiply(_ l: Value, _ r: Value, _ interpreter: Interpreter) throws -> Value {
        if case .array(let row) = l, row.isAdjointVector, case .array(let column) = r, column.shape.count == 1 {
            // `x' * y` is the inner product, a number (Julia's `Adjoint{T, Vector} * Vector`).
            guard row.count == column.count else {
                throw JuliaException.dimensionMismatch(
                    "first array has length \(row.count) which does not match the length of the second, \(column.count).")
            }
            var total = Value.int(0)
            for i in 0..<row.count {
                total = try Operators.binary("+", total, Operators.binary("*", row.element(i), column.element(i), interpreter),
                                             interpreter)
            }
            return total
        }
        let a = try matrix(l), b = try matrix(r)
        guard !a.isVector || b.rows == 1 else {
            throw JuliaException.dimensionMismatch("matrix A has dimensions (\(a.rows),), vector B has length \(b.rows)")
        }
        guard a.columns == b.rows else {
            throw JuliaException.dimensionMismatch(
                "matrix A has dimensions (\(a.rows),\(a.columns)), matrix B has dimensions (\(b.rows),\(b.columns))")
        }
        try Memory.reserve(a.rows * b.columns, bytes: 8)
        var out = [Double](repeating: 0, count: a.rows * b.columns)
        for j in 0..<b.columns {
            // One column can be 10⁸ multiplications: read the clock at each.
            try interpreter.checkDeadlineNow()
            for k in 0..<a.columns {
                let x = b.data[k + j * b.rows]
                if x == 0 { continue }
                for i in 0..<a.rows { out[i + j * a.rows] += a.data[i + k * a.rows] * x }
            }
        }
        let integral = [l, r].allSatisfy { if case .array(let x) = $0 { return x.elementType == "Int64" }; return false }
        if integral {
            let ints = out.map { Int($0) }
            return .array(ArrayBox(ints: ints, shape: b.isVector ? [a.rows] : [a.rows, b.columns]))
        }
        return .array(b.isVector ? ArrayBox(doubles: out) : ArrayBox(doubles: out, rows: a.rows, columns: b.columns))
    }
}
