import Foundation

/// A row of `samp.allpars`: one parameter of one replicate.
public struct BootstrapParameter: Equatable, Sendable {
    public var iter: Int
    /// `β`, `σ` or `ρ`.
    public var type: String
    /// The grouping factor (`residual` for σ), nil for fixed effects.
    public var group: String?
    /// The coefficient or column name(s), nil for the residual σ.
    public var names: String?
    public var value: Double
}

/// A row of `samp.coefpvalues`.
public struct BootstrapCoefficientTest: Equatable, Sendable {
    public var iter: Int
    public var coefname: String
    public var beta: Double
    public var se: Double
    public var z: Double
    public var p: Double
}

/// A row of `shortestcovint(samp)`.
public struct CoverageInterval: Equatable, Sendable {
    public var type: String
    public var group: String?
    public var names: String?
    public var lower: Double
    public var upper: Double
}

/// Shortest interval containing `level` of the values (MixedModels.jl's `shortestcovint(v, level)`).
public func shortestcovint(_ values: [Double], level: Double = 0.95) throws -> (lower: Double, upper: Double) {
    guard level > 0, level < 1 else { throw InferenceError("level = \(level) should be in (0,1)") }
    guard !values.isEmpty else { throw InferenceError("shortestcovint needs at least one value") }
    let v = values.sorted()
    let length = Int((Double(v.count) * level).rounded(.up))
    guard let first = v.firstIndex(where: \.isFinite), let last = v.lastIndex(where: \.isFinite),
          last >= first + length - 1 else {
        return (v[0], v[v.count - 1])
    }
    var best = first
    for i in first...(last + 1 - length) where v[i + length - 1] - v[i] < v[best + length - 1] - v[best] {
        best = i
    }
    return (v[best], v[best + length - 1])
}

extension MixedModelBootstrap {
    /// Standard deviations (σ × row lengths of λ) and correlations (inner products of the normalized rows) of
    /// one term at θ, in MixedModels.jl's order: the σs, then ρ(2,1), ρ(3,1), ρ(3,2), ….
    func sigmasAndRhos(_ term: BootstrapTerm, theta: [Double], offset: Int, sigma: Double) -> ([Double], [Double]) {
        let v = term.vsize
        var lambda = [Double](repeating: 0, count: v * v)
        for (e, index) in term.lambdaIndices.enumerated() { lambda[index] = theta[offset + e] }
        var sigmas: [Double] = []
        for i in 0..<v {
            let length = (0...i).reduce(0.0) { $0 + lambda[i + $1 * v] * lambda[i + $1 * v] }.squareRoot()
            sigmas.append(sigma * length)
            if length > 0 { for j in 0...i { lambda[i + j * v] /= length } }
        }
        var rhos: [Double] = []
        for i in 0..<v {
            for j in 0..<i { rhos.append((0...i).reduce(0.0) { $0 + lambda[i + $1 * v] * lambda[j + $1 * v] }) }
        }
        return (sigmas, rhos)
    }

    /// The factor of a replicate's standard deviations: σ, or 1 without a dispersion (MixedModels.jl's
    /// `coalesce(σ, 1)`).
    func scale(_ f: BootstrapReplicate) -> Double { hasDispersion ? f.sigma : 1 }

    /// The columns of `tbl` that are missing in every row: the residual σ without a dispersion. The terms' σs
    /// are numbers there, λ's row lengths (`coalesce(σ, 1)` times them, as MixedModels.jl since its fix of the
    /// bootstrap table for models without a dispersion parameter, issue #859).
    public var missingTableColumns: Set<String> { hasDispersion ? [] : ["σ"] }

    /// The column names of `tbl`: `obj`, `β1…`, `σ`, per term its `σ…` then its `ρ…` (numbered across terms),
    /// then `θ1…`.
    public var tableColumnNames: [String] {
        var names = ["obj"] + fixefnames.indices.map { "β\($0 + 1)" } + ["σ"]
        var s = 0
        var r = 0
        for term in terms {
            for _ in 0..<term.vsize {
                s += 1
                names.append("σ\(s)")
            }
            for _ in 0..<(term.vsize * (term.vsize - 1) / 2) {
                r += 1
                names.append("ρ\(r)")
            }
        }
        let k = fits.first?.theta.count ?? 0
        return names + (0..<k).map { "θ\($0 + 1)" }
    }

    /// `samp.tbl`: one row per replicate, in the order of `tableColumnNames`.
    public var table: [[Double]] {
        fits.map { f in
            var row = [f.objective] + f.beta + [f.sigma]
            var offset = 0
            for term in terms {
                let (s, r) = sigmasAndRhos(term, theta: f.theta, offset: offset, sigma: scale(f))
                row += s + r
                offset += term.lambdaIndices.count
            }
            return row + f.theta
        }
    }

    /// A column of `samp.tbl` by name.
    public func column(_ name: String) -> [Double]? {
        guard let j = tableColumnNames.firstIndex(of: name) else { return nil }
        return table.map { $0[j] }
    }

    /// `samp.allpars`: every β, σ and ρ of every replicate, tidy.
    public var allpars: [BootstrapParameter] {
        var rows: [BootstrapParameter] = []
        for (i, f) in fits.enumerated() {
            for (name, value) in zip(fixefnames, f.beta) {
                rows.append(BootstrapParameter(iter: i + 1, type: "β", group: nil, names: name, value: value))
            }
            var offset = 0
            for term in terms {
                let (s, r) = sigmasAndRhos(term, theta: f.theta, offset: offset, sigma: scale(f))
                offset += term.lambdaIndices.count
                for (j, column) in term.columns.enumerated() {
                    rows.append(BootstrapParameter(iter: i + 1, type: "σ", group: term.grouping, names: column,
                                                   value: s[j]))
                    for k in 0..<j {
                        // ρ(j, k) sits at position j(j−1)/2 + k of the row-wise order.
                        let value = r[j * (j - 1) / 2 + k]
                        rows.append(BootstrapParameter(iter: i + 1, type: "ρ", group: term.grouping,
                                                       names: "\(term.columns[k]), \(column)", value: value))
                    }
                }
            }
            if hasDispersion {
                rows.append(BootstrapParameter(iter: i + 1, type: "σ", group: "residual", names: nil, value: f.sigma))
            }
        }
        return rows
    }

    /// `samp.coefpvalues`: each replicate's Wald z and two-sided p for every coefficient.
    public var coefpvalues: [BootstrapCoefficientTest] {
        fits.enumerated().flatMap { i, f in
            zip(fixefnames, zip(f.beta, f.se)).map { name, pair in
                let z = pair.0 / pair.1
                return BootstrapCoefficientTest(iter: i + 1, coefname: name, beta: pair.0, se: pair.1, z: z,
                                                p: erfc(abs(z) / 2.0.squareRoot()))
            }
        }
    }

    /// `samp.β`: (iter, coefname, β) rows.
    public var betas: [(iter: Int, coefname: String, beta: Double)] {
        fits.enumerated().flatMap { i, f in zip(fixefnames, f.beta).map { (i + 1, $0, $1) } }
    }

    /// `samp.σs`: (iter, group, column, σ) rows.
    public var sigmas: [(iter: Int, group: String, column: String, sigma: Double)] {
        fits.enumerated().flatMap { i, f -> [(iter: Int, group: String, column: String, sigma: Double)] in
            var rows: [(iter: Int, group: String, column: String, sigma: Double)] = []
            var offset = 0
            for term in terms {
                let (s, _) = sigmasAndRhos(term, theta: f.theta, offset: offset, sigma: scale(f))
                offset += term.lambdaIndices.count
                for (column, value) in zip(term.columns, s) { rows.append((i + 1, term.grouping, column, value)) }
            }
            return rows
        }
    }

    /// `issingular(samp)`: whether each replicate has a θ on its lower bound.
    public var issingular: [Bool] {
        fits.map { f in zip(f.theta, lowerbd).contains { $0 == $1 } }
    }

    /// `shortestcovint(samp, level)`: the shortest coverage interval of every parameter of `allpars`.
    public func shortestcovint(level: Double = 0.95) throws -> [CoverageInterval] {
        var keys: [String] = []
        var groups: [String: (type: String, group: String?, names: String?, values: [Double])] = [:]
        for row in allpars {
            let key = "\(row.type)|\(row.group ?? "")|\(row.names ?? "")"
            if groups[key] == nil {
                keys.append(key)
                groups[key] = (row.type, row.group, row.names, [])
            }
            groups[key]?.values.append(row.value)
        }
        return try keys.compactMap { groups[$0] }.map { g in
            let (lower, upper) = try MixedModels.shortestcovint(g.values, level: level)
            return CoverageInterval(type: g.type, group: g.group, names: g.names, lower: lower, upper: upper)
        }
    }

    /// `confint(samp; level)`: the shortest coverage interval of every column of `tbl` but `obj`, the θs and a
    /// missing σ (no dispersion), the parameters sorted by name as Julia sorts symbols.
    public func confint(level: Double = 0.95) throws -> [(par: String, lower: Double, upper: Double)] {
        let names = tableColumnNames
        let rows = table
        let absent = missingTableColumns
        let parameters = names.indices.filter { !names[$0].hasPrefix("θ") && names[$0] != "obj" && !absent.contains(names[$0]) }
            .sorted { Array(names[$0].unicodeScalars.map(\.value)).lexicographicallyPrecedes(names[$1].unicodeScalars.map(\.value)) }
        return try parameters.map { j in
            let (lower, upper) = try MixedModels.shortestcovint(rows.map { $0[j] }, level: level)
            return (names[j], lower, upper)
        }
    }
}
