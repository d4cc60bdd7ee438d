import DataTables
import Foundation
import Testing
@testable import MixedModels

/// PIRLS warm starts from modes predicted by the optimizer's last evaluations.
@Suite("GLMM PIRLS warm starts")
struct GeneralizedWarmStartTests {
    /// The affine prediction reproduces modes that are affine in the parameters, and declines without k + 1
    /// points, with (nearly) dependent points, or far outside them.
    @Test func modeHistoryPredictsAffineModes() {
        let history = ModeHistory(dimension: 2, modeCount: 3)
        func modes(_ x: [Double]) -> [Double] { [1 + 2 * x[0] - x[1], 0.5 * x[1], 3 - x[0]] }
        var u = [0.0, 0.0], beta = [0.0]
        history.record([1, 1], u: Array(modes([1, 1]).prefix(2)), beta: [modes([1, 1])[2]])
        history.record([1.1, 1], u: Array(modes([1.1, 1]).prefix(2)), beta: [modes([1.1, 1])[2]])
        #expect(!history.predict([1.05, 1.02], u: &u, beta: &beta))
        history.record([1, 1.2], u: Array(modes([1, 1.2]).prefix(2)), beta: [modes([1, 1.2])[2]])
        #expect(history.predict([1.05, 1.02], u: &u, beta: &beta))
        for (a, b) in zip(u + beta, modes([1.05, 1.02])) { #expect(abs(a - b) < 1e-12) }
        // Far outside the recorded points: no prediction, nothing written.
        #expect(!history.predict([3, 1], u: &u, beta: &beta))
        for (a, b) in zip(u + beta, modes([1.05, 1.02])) { #expect(abs(a - b) < 1e-12) }
        // Collinear points.
        let line = ModeHistory(dimension: 2, modeCount: 1)
        for t in [0.0, 1, 2] { line.record([t, 2 * t], u: [t], beta: []) }
        var v = [0.0], none: [Double] = []
        #expect(!line.predict([1, 2.5], u: &v, beta: &none))
    }

    /// From modes predicted by the last three evaluations, PIRLS reaches the cold start's modes and deviance with
    /// fewer factorizations than from the newest modes.
    @Test func predictedModesMatchColdStart() throws {
        let m = try GeneralizedLinearMixedModel(
            formula: Formula("r2 ~ 1 + anger + gender + btype + situ + (1|subj) + (1|item)"),
            data: dataset("verbagg"), family: .bernoulli)
        let history = ModeHistory(dimension: 2, modeCount: m.sphericalEffects.count + m.rank)
        for theta in [[1.3, 0.5], [1.32, 0.5], [1.3, 0.52]] {
            m.setTheta(theta[...])
            try m.pirls(varyBeta: true, warmStart: true)
            history.record(theta, u: m.sphericalEffects, beta: m.fullRankBeta)
        }
        let target = [1.31, 0.51]
        let newest = m.sphericalEffects, newestBeta = m.fullRankBeta
        func factorizations(_ body: () throws -> Void) rethrows -> Int {
            let before = m.factorizationCount
            try body()
            return m.factorizationCount - before
        }
        let fromNewest = try factorizations {
            m.setTheta(target[...])
            try m.pirls(varyBeta: true, warmStart: true)
        }
        m.sphericalEffects = newest
        m.setBeta(newestBeta)
        let predicted = try factorizations {
            #expect(history.predict(target, u: &m.sphericalEffects, beta: &m.fullRankBeta))
            m.updateFixedPredictor()
            m.setTheta(target[...])
            try m.pirls(varyBeta: true, warmStart: true)
        }
        let warm = m.laplaceDeviance(), warmModes = m.sphericalEffects
        m.setBeta(m.startingBeta[...])
        try m.pirls(varyBeta: true)
        #expect(abs(warm - m.laplaceDeviance()) <= 1e-10 * warm)
        for (a, b) in zip(warmModes, m.sphericalEffects) { #expect(abs(a - b) <= 1e-8) }
        #expect(predicted < fromNewest, "factorizations: predicted \(predicted), from the newest modes \(fromNewest)")
    }

    /// PIRLS's first step with the previous evaluation's factor (a nearby θ): the same modes and Laplace deviance
    /// as a cold start, with fewer factorizations than a warm start that factors first; and with a factor from a
    /// distant θ (a poor quasi-Newton step, kept when it lowers the deviance and declined otherwise) PIRLS still
    /// reaches the same deviance.
    @Test func firstStepWithThePreviousFactor() throws {
        let m = try GeneralizedLinearMixedModel(
            formula: Formula("r2 ~ 1 + anger + gender + btype + situ + (1|subj) + (1|item)"),
            data: dataset("verbagg"), family: .bernoulli)
        func factorizations(_ body: () throws -> Void) rethrows -> Int {
            let before = m.factorizationCount
            try body()
            return m.factorizationCount - before
        }
        func converge(at theta: [Double]) throws -> (deviance: Double, modes: [Double]) {
            m.setTheta(theta[...])
            try m.pirls(varyBeta: false)
            return (m.laplaceDeviance(), m.sphericalEffects)
        }
        let target = [1.3001, 0.5002]
        let cold = try converge(at: target)
        // The factor held is the one at θ = [1.3, 0.5], at its modes.
        _ = try converge(at: [1.3, 0.5])
        let held = m.sphericalEffects
        let reusing = try factorizations {
            m.setTheta(target[...])
            try m.pirls(varyBeta: false, warmStart: true, reusingFactor: true)
        }
        #expect(abs(m.laplaceDeviance() - cold.deviance) <= 1e-10 * cold.deviance)
        for (a, b) in zip(m.sphericalEffects, cold.modes) { #expect(abs(a - b) <= 1e-7) }
        _ = try converge(at: [1.3, 0.5])
        let factoringFirst = try factorizations {
            m.setTheta(target[...])
            try m.pirls(varyBeta: false, warmStart: true)
        }
        #expect(reusing < factoringFirst, "factorizations: reusing \(reusing), factoring first \(factoringFirst)")
        // The factor held is one at a distant θ.
        _ = try converge(at: [0.05, 0.05])
        m.sphericalEffects = held
        m.setTheta([1.3, 0.5][...])
        try m.pirls(varyBeta: false, warmStart: true, reusingFactor: true)
        let far = m.laplaceDeviance()
        _ = try converge(at: [1.3, 0.5])
        #expect(abs(far - m.laplaceDeviance()) <= 1e-10 * far)
    }

    /// Without a prediction (the optimizer's first and farthest points), the modes carried to the new θ at the same
    /// level scores reach the cold start's modes and deviance in fewer Newton steps than the old u.
    @Test func modesCarriedToAFarTheta() throws {
        let m = try GeneralizedLinearMixedModel(
            formula: Formula("r2 ~ 1 + anger + gender + btype + situ + (1|subj) + (1|item)"),
            data: dataset("verbagg"), family: .bernoulli)
        let start = [1.3, 0.5]
        for target in [[2.2, 0.5], [0.6, 0.9], [1.3, 0.1]] {
            m.setTheta(target[...])
            try m.pirls(varyBeta: false)
            let cold = (deviance: m.laplaceDeviance(), modes: m.sphericalEffects)
            func steps(carrying: Bool) throws -> Int {
                m.setTheta(start[...])
                try m.pirls(varyBeta: false)
                let history = ModeHistory(dimension: 2, modeCount: m.sphericalEffects.count)
                m.recordModes(in: history, at: start)
                if carrying { #expect(!m.predictModes(from: history, at: target, theta: target[...])) }
                m.setTheta(target[...])
                let before = m.factorizationCount
                try m.pirls(varyBeta: false, warmStart: true)
                #expect(abs(m.laplaceDeviance() - cold.deviance) <= 1e-10 * cold.deviance, "θ \(target)")
                for (a, b) in zip(m.sphericalEffects, cold.modes) { #expect(abs(a - b) <= 1e-7) }
                return m.factorizationCount - before
            }
            let carried = try steps(carrying: true), kept = try steps(carrying: false)
            #expect(carried < kept, "θ \(target): factorizations carried \(carried), from the old u \(kept)")
        }
    }
}
