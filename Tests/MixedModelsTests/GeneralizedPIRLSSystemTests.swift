import DataTables
import Foundation
import Testing
@testable import MixedModels

/// The blocked factor of ΛᵀZᵀWZΛ + I (and its X rows) against a plain dense computation, for vector-valued and
/// crossed terms.
@Suite("GLMM penalized system")
struct GeneralizedPIRLSSystemTests {
    /// Dense ΛᵀZᵀWZΛ + I (q × q) and ΛᵀZᵀWX (q × p), from the terms' scaled columns.
    static func dense(_ terms: [PIRLSTerm], x: [Double], n: Int, p: Int, w: [Double]) -> (a: [[Double]], b: [[Double]]) {
        let q = terms.reduce(0) { $0 + $1.randomEffectCount }
        var zt = [[Double]](repeating: [Double](repeating: 0, count: n), count: q)
        for term in terms {
            for i in 0..<n {
                for k in 0..<term.vsize {
                    zt[term.offset + Int(term.refs[i]) * term.vsize + k][i] = term.scaledZ.pointer[i * term.vsize + k]
                }
            }
        }
        var a = [[Double]](repeating: [Double](repeating: 0, count: q), count: q)
        var b = [[Double]](repeating: [Double](repeating: 0, count: p), count: q)
        for r in 0..<q {
            for c in 0..<q { for i in 0..<n { a[r][c] += zt[r][i] * w[i] * zt[c][i] } }
            a[r][r] += 1
            for j in 0..<p { for i in 0..<n { b[r][j] += zt[r][i] * w[i] * x[i + j * n] } }
        }
        return (a, b)
    }

    static func choleskyLogDet(_ a: [[Double]]) -> Double {
        let q = a.count
        var l = a
        var logDet = 0.0
        for j in 0..<q {
            for k in 0..<j { l[j][j] -= l[j][k] * l[j][k] }
            l[j][j] = l[j][j].squareRoot()
            logDet += 2 * log(l[j][j])
            for i in (j + 1)..<max(j + 1, q) {
                for k in 0..<j { l[i][j] -= l[i][k] * l[j][k] }
                l[i][j] /= l[j][j]
            }
        }
        return logDet
    }

    @Test func blockedFactorMatchesDense() throws {
        let n = 48
        try checkBlockedFactor(n: n, g: { "G\($0 % 5)" }, h: { "H\($0 % 3)" }, k: { "K\($0 % 4)" })
    }

    /// Levels of the later terms that meet only some levels of the first: L21 stored by its pattern.
    @Test func sparseCrossBlockMatchesDense() throws {
        try checkBlockedFactor(n: 60, g: { "G\($0 % 12)" }, h: { "H\(($0 % 12) / 3)" },
                               k: { "K\((($0 % 12) + ($0 / 12) % 2) % 5)" })
    }

    func checkBlockedFactor(n: Int, g: (Int) -> String, h: (Int) -> String, k: (Int) -> String) throws {
        let data = try DataTable(columns: [
            Column(name: "y", doubles: (0..<n).map { Double(($0 * 7) % 5) }),
            Column(name: "x", doubles: (0..<n).map { Double($0 % 6) / 2 - 1 }),
            Column(name: "g", strings: (0..<n).map(g)),
            Column(name: "h", strings: (0..<n).map(h)),
            Column(name: "k", strings: (0..<n).map(k)),
        ])
        let m = try GeneralizedLinearMixedModel(formula: Formula("y ~ 1 + x + (1 + x|g) + (1 + x|h) + (1|k)"),
                                                data: data, family: .poisson)
        m.setTheta([0.8, 0.3, 0.5, 1.1, -0.2, 0.7, 0.9][...])
        m.sphericalEffects = (0..<m.sphericalEffects.count).map { 0.05 * Double($0 % 7) - 0.15 }
        try m.updateDeviance()
        let (a, _) = Self.dense(m.terms, x: m.fullRankX, n: n, p: m.rank, w: m.response.workingWeight)
        #expect(abs(m.system.logDet - Self.choleskyLogDet(a)) < 1e-10)

        // The joint solve: [A B; Bᵀ XᵀWX][u; β] = [ΛᵀZᵀWz; XᵀWz] for the working response z.
        try m.system.factorFixedEffects(weights: m.response.workingWeight)
        let z = m.response.workingResponse()
        let (aa, bb) = Self.dense(m.terms, x: m.fullRankX, n: n, p: m.rank, w: m.response.workingWeight)
        try m.solveForModes(varyBeta: true)
        let u = m.sphericalEffects, beta = m.fixef
        let w = m.response.workingWeight
        var zt = [Double](repeating: 0, count: u.count)
        for term in m.terms {
            for i in 0..<n {
                for k in 0..<term.vsize {
                    zt[term.offset + Int(term.refs[i]) * term.vsize + k] += term.scaledZ.pointer[i * term.vsize + k] * w[i] * z[i]
                }
            }
        }
        for r in 0..<u.count {
            let lhs = (0..<u.count).reduce(0) { $0 + aa[r][$1] * u[$1] } + (0..<m.rank).reduce(0) { $0 + bb[r][$1] * beta[$1] }
            #expect(abs(lhs - zt[r]) < 1e-8 * max(1, abs(zt[r])), "row \(r)")
        }
    }

    /// PIRLS from the previous modes reaches the same modes and deviance as PIRLS from u = 0.
    @Test func warmStartMatchesColdStart() throws {
        let m = try GeneralizedLinearMixedModel(formula: Formula("use ~ 1 + age + abs2(age) + livch + urban + (1|dist)"),
                                                data: dataset("contra"), family: .bernoulli)
        for varyBeta in [false, true] {
            m.setBeta(m.startingBeta[...])
            m.setTheta([0.6][...])
            try m.pirls(varyBeta: varyBeta)
            let cold = m.laplaceDeviance(), coldModes = m.sphericalEffects
            m.setTheta([0.45][...])
            try m.pirls(varyBeta: varyBeta, warmStart: true)
            m.setTheta([0.6][...])
            try m.pirls(varyBeta: varyBeta, warmStart: true)
            #expect(abs(m.laplaceDeviance() - cold) < 1e-9 * cold, "varyBeta \(varyBeta)")
            for (a, b) in zip(m.sphericalEffects, coldModes) { #expect(abs(a - b) < 1e-6) }
        }
    }

    @Test func vectorValuedPoissonFit() throws {
        let mmec = try dataset("mmec")
        let offset = try #require(try mmec.column("expected").doubles).map { log($0) }
        let m = try fitGeneralizedLinearMixedModel(Formula("deaths ~ 1 + uvb + (1 + uvb|region)"), mmec, .poisson,
                                                   offset: offset)
        let start = m.optimizationSummary.initialObjective
        #expect(m.deviance.isFinite && m.deviance <= start)
        #expect(m.theta.count == 3 && m.ranef()[0].count == 2 && m.ranef()[0][0].count == 78)
        let v = try m.vcov()
        #expect(v[0][1] == v[1][0] && v[0][0] > 0 && v[1][1] > 0)
        #expect(m.sigmarhos[0].correlations.count == 1)
    }
}
