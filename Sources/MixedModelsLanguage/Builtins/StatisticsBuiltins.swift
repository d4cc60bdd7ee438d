import Foundation

extension BuiltinLibrary {
    /// Julia's `Statistics`: means, spreads, quantiles and correlations, with `dims` where Julia has it.
    mutating func registerStatistics() {
        reduction("mean") { xs in xs.reduce(0, +) / Double(xs.count) }
        reduction("median") { xs in
            guard !xs.contains(where: \.isNaN) else { return .nan }
            var poll = BlockDeadline.Poll()
            let s = try xs.sorted { try poll.tick(); return $0 < $1 }
            let n = s.count
            return n % 2 == 1 ? s[n / 2] : s[n / 2 - 1] / 2 + s[n / 2] / 2
        }
        for name in ["var", "std"] {
            add(name, keywords: ["dims", "corrected", "mean"]) { c in
                try c.expectCount(1)
                let corrected = try c.boolKeyword("corrected", default: true)
                let f: ([Double]) throws -> Double = { xs in
                    let v = variance(xs, corrected: corrected)
                    return name == "std" ? v.squareRoot() : v
                }
                if let d = try Numeric.dimension(c) { return try Numeric.reduce(c.positional[0], dims: d, name, f) }
                return .float(try f(try nonEmptyDoubles(c)))
            }
        }
        add("quantile") { c in
            try c.expectCount(2, "quantile(x, p)")
            var poll = BlockDeadline.Poll()
            let sorted = try nonEmptyDoubles(c).sorted { try poll.tick(); return $0 < $1 }
            if sorted.contains(where: \.isNaN) {
                throw LanguageError("ArgumentError: quantiles are undefined in presence of NaNs or missing values")
            }
            let ps = c.positional[1].asDouble.map { [$0] }
            let probabilities = try ps ?? Numeric.doubles(c.positional[1], "quantile")
            let values = try probabilities.map { p -> Double in
                guard (0...1).contains(p) else { throw LanguageError("ArgumentError: input probability out of [0,1] range") }
                return quantile(sorted, p)
            }
            return ps == nil ? Numeric.vector(values) : .float(values[0])
        }
        add("cov", keywords: ["corrected"]) { c in
            try c.expectCount(1...2, "cov(x, y) or cov(X)")
            let corrected = try c.boolKeyword("corrected", default: true)
            return try pairwise(c) { x, y in
                let (mx, my) = (mean(x), mean(y))
                let s = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
                return s / Double(x.count - (corrected ? 1 : 0))
            }
        }
        add("cor") { c in
            try c.expectCount(1...2, "cor(x, y) or cor(X)")
            if c.count == 1, case .array(let a) = c.positional[0], a.shape.count == 2 {
                return try correlationMatrix(c)
            }
            return try pairwise(c) { x, y in
                let (mx, my) = (mean(x), mean(y))
                var (sx, sy, sxy) = (0.0, 0.0, 0.0)
                for (a, b) in zip(x, y) {
                    let (dx, dy) = (a - mx, b - my)
                    sx += dx * dx
                    sy += dy * dy
                    sxy += dx * dy
                }
                return Swift.max(-1, Swift.min(1, sxy / (sx.squareRoot() * sy.squareRoot())))
            }
        }
        add("middle") { c in
            try c.expectCount(1...2)
            if c.count == 2 { return .float(try c.double(0) / 2 + c.double(1) / 2) }
            let xs = try nonEmptyDoubles(c)
            return .float(xs.min()! / 2 + xs.max()! / 2)
        }
    }

    /// A reduction over all elements, or over `dims`.
    private mutating func reduction(_ name: String, _ f: @escaping ([Double]) throws -> Double) {
        add(name, keywords: ["dims"]) { c in
            if c.count == 2, name == "mean" {
                let values = try Iteration.elements(of: c.positional[1]).map { try c.interpreter.call(c.positional[0], [$0]) }
                let xs = try values.map { v -> Double in
                    guard let d = v.asDouble else { throw LanguageError("mean expects numbers, got \(v.described)") }
                    return d
                }
                guard !xs.isEmpty else { throw LanguageError("mean of an empty collection is undefined") }
                return .float(try f(xs))
            }
            try c.expectCount(1)
            if let d = try Numeric.dimension(c) { return try Numeric.reduce(c.positional[0], dims: d, name) { try f($0) } }
            return .float(try f(try nonEmptyDoubles(c)))
        }
    }
}

private func nonEmptyDoubles(_ c: CallContext) throws -> [Double] {
    let xs = try Numeric.doubles(c.positional[0], c.name)
    guard !xs.isEmpty else { throw LanguageError("\(c.name) of an empty collection is undefined") }
    return xs
}

private func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }

private func variance(_ xs: [Double], corrected: Bool) -> Double {
    let n = xs.count - (corrected ? 1 : 0)
    guard n > 0 else { return .nan }
    let m = mean(xs)
    return xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n)
}

/// Julia's default quantile (Hyndman and Fan's type 7) of sorted values.
private func quantile(_ v: [Double], _ p: Double) -> Double {
    let n = v.count
    if n == 1 { return v[0] }
    let aleph = Double(n - 1) * p + 1
    let j = Swift.max(1, Swift.min(n - 1, Int(aleph)))
    let gamma = Swift.max(0, Swift.min(1, aleph - Double(j)))
    let a = v[j - 1], b = v[j]
    return a + gamma * (b - a)
}

/// `f(x, y)` for two vectors, or the matrix of `f` over the columns of one matrix.
private func pairwise(_ c: CallContext, _ f: ([Double], [Double]) -> Double) throws -> Value {
    if c.count == 2 {
        let x = try Numeric.doubles(c.positional[0], c.name), y = try Numeric.doubles(c.positional[1], c.name)
        guard x.count == y.count else {
            throw LanguageError("DimensionMismatch: x and y have different lengths (\(x.count) and \(y.count))")
        }
        guard !x.isEmpty else { throw LanguageError("ArgumentError: \(c.name) is only defined for non-empty vectors") }
        return .float(f(x, y))
    }
    let m = try Numeric.matrix(c.positional[0], c.name)
    guard case .array(let a) = c.positional[0], a.shape.count == 2 else {
        let x = try Numeric.doubles(c.positional[0], c.name)
        return .float(f(x, x))
    }
    let columns = (0..<m.columns).map { j in Array(m.values[(j * m.rows)..<((j + 1) * m.rows)]) }
    var out = [Double](repeating: 0, count: m.columns * m.columns)
    for i in 0..<m.columns {
        for j in 0...i {
            let v = f(columns[i], columns[j])
            out[i + j * m.columns] = v
            out[j + i * m.columns] = v
        }
    }
    return Numeric.matrixValue(out, rows: m.columns, columns: m.columns)
}

/// `cor(X)` as Julia computes it: the covariance matrix scaled by the standard deviations, a unit diagonal,
/// off-diagonal values clamped to [-1, 1].
private func correlationMatrix(_ c: CallContext) throws -> Value {
    guard case .array(let covariance) = try pairwise(c, { x, y in
        let (mx, my) = (mean(x), mean(y))
        return zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / Double(x.count - 1)
    }) else { return .nothing }
    let n = covariance.shape[0]
    let values = try Numeric.doubles(.array(covariance), "cor")
    let sd = (0..<n).map { values[$0 * (n + 1)].squareRoot() }
    var out = values
    for i in 0..<n {
        for j in 0..<n {
            out[i + j * n] = i == j ? 1 : Swift.max(-1, Swift.min(1, values[i + j * n] / (sd[i] * sd[j])))
        }
    }
    return Numeric.matrixValue(out, rows: n, columns: n)
}
