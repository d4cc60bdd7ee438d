import Foundation
import Testing
@testable import MixedModels

/// The analytic gradient of the profiled objective against central differences of the objective.
@Suite struct LinearGradientTests {
    /// Largest |analytic − numeric| relative to max(1, |numeric|) over θ, at a θ away from θ₀.
    func gradientError(_ frame: ModelFrame, reml: Bool) throws -> Double? {
        let model = try LinearMixedModel(frame: frame, formulaText: "")
        guard let gradient = ProfiledGradient(system: model.system) else { return nil }
        // A deterministic θ with non-trivial off-diagonals and one negative diagonal (unconstrained runs pass there).
        var theta = model.optsum.initial.enumerated().map { i, x in
            x == 1 ? 0.3 + 0.05 * Double(i % 7) : 0.02 * Double((i % 5) - 2)
        }
        theta[0] = -theta[0]
        var analytic = [Double](repeating: 0, count: theta.count)
        _ = model.evaluateObjective(at: theta, reml: reml)
        analytic.withUnsafeMutableBufferPointer { g in
            if let base = g.baseAddress { gradient.evaluate(reml: reml, into: base) }
        }
        var worst = 0.0
        let h = 1e-6
        for k in theta.indices {
            var plus = theta
            var minus = theta
            plus[k] += h
            minus[k] -= h
            let numeric = (model.evaluateObjective(at: plus, reml: reml)
                - model.evaluateObjective(at: minus, reml: reml)) / (2 * h)
            worst = max(worst, abs(analytic[k] - numeric) / max(1, abs(numeric)))
        }
        return worst
    }

    @Test(arguments: [false, true]) func sleepstudy(reml: Bool) throws {
        let error = try #require(try gradientError(LinearTestFrames.sleepstudy(), reml: reml))
        #expect(error < 1e-5)
    }

    @Test(arguments: [false, true]) func dummyCoded(reml: Bool) throws {
        let frame = LinearTestFrames.sleepstudyDummy(fulldummy: true, zerocorr: false)
        let error = try #require(try gradientError(frame, reml: reml))
        #expect(error < 1e-5)
    }

    /// `(1|subj) + (days|subj)`: two terms on one grouping factor, combined per level.
    @Test func separateTerms() throws {
        let base = LinearTestFrames.sleepstudyDummy(fulldummy: false, zerocorr: false)
        let term = base.randomEffectsTerms[0]
        let v = term.vsize
        var interceptZ: [Double] = []
        var daysZ: [Double] = []
        for o in 0..<base.observationCount {
            interceptZ.append(term.z[o * v])
            daysZ.append(contentsOf: term.z[(o * v + 1)..<(o * v + v)])
        }
        let intercept = RandomEffectsTerm(groupingName: "subj", levels: term.levels, refs: term.refs,
                                          columnNames: ["(Intercept)"], z: interceptZ, lambdaIndices: [0])
        let days = RandomEffectsTerm(groupingName: "subj", levels: term.levels, refs: term.refs,
                                     columnNames: Array(term.columnNames.dropFirst()), z: daysZ,
                                     lambdaIndices: LinearTestFrames.lowerTriangle(v - 1))
        let frame = LinearTestFrames.frame(y: base.y, xColumns: (0..<base.fixedEffectCount).map { c in
            Array(base.x[(c * base.observationCount)..<((c + 1) * base.observationCount)])
        }, names: base.coefficientNames, terms: [intercept, days])
        let error = try #require(try gradientError(frame, reml: false))
        #expect(error < 1e-5)
    }

    /// Crossed terms have no per-level block structure: no analytic gradient.
    @Test func crossedTermsHaveNone() throws {
        let model = try LinearMixedModel(frame: LinearTestFrames.penicillin(), formulaText: "")
        #expect(ProfiledGradient(system: model.system) == nil)
    }
}
