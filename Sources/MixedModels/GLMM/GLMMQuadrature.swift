import Foundation

extension GeneralizedLinearMixedModel {
    /// Throws unless the model has a single scalar random-effects term, the only case adaptive Gauss–Hermite
    /// quadrature applies to.
    func checkQuadrature(_ nAGQ: Int) throws {
        guard nAGQ >= 1 else { throw GLMMError.invalidArgument("nAGQ must be a positive integer, got \(nAGQ)") }
        guard nAGQ > 1 else { return }
        guard terms.count == 1 else {
            throw GLMMError.quadratureNeedsSingleScalarTerm("the model has \(terms.count) random-effects terms")
        }
        guard terms[0].vsize == 1 else {
            throw GLMMError.quadratureNeedsSingleScalarTerm(
                "the term for \(modelFrame.randomEffectsTerms[0].groupingName) has \(terms[0].vsize) columns")
        }
    }

    /// The deviance by `nAGQ`-point adaptive Gauss–Hermite quadrature around the current conditional modes,
    /// scaled by the conditional standard deviations 1/L's diagonal. The state is restored on return.
    func quadratureDeviance(_ nAGQ: Int) throws -> Double {
        try checkQuadrature(nAGQ)
        let rule = try GaussHermiteRule.normalized(nAGQ)
        let levels = terms[0].levelCount
        quadratureWorkspace.prepare(levels: levels)
        var work = quadratureWorkspace
        // Moved out of the model while in use, so that filling its arrays copies nothing.
        quadratureWorkspace = QuadratureWorkspace()
        defer { quadratureWorkspace = work }
        for j in 0..<levels {
            work.modes[j] = sphericalEffects[j]
            work.sd[j] = 1 / system.firstTermDiagonalEntry(j)
            work.multiplier[j] = 0
        }
        levelDeviances(into: &work.atModes)
        for (z, w) in zip(rule.nodes, rule.weights) where w != 0 {
            if z == 0 {
                for j in 0..<levels { work.multiplier[j] += w }
                continue
            }
            for j in 0..<levels { sphericalEffects[j] = work.modes[j] + z * work.sd[j] }
            updateLinearPredictor()
            levelDeviances(into: &work.shifted)
            for j in 0..<levels {
                work.multiplier[j] += exp((z * z + work.atModes[j] - work.shifted[j]) / 2) * w
            }
        }
        for j in 0..<levels { sphericalEffects[j] = work.modes[j] }
        updateLinearPredictor()
        var total = 0.0
        for j in 0..<levels { total += work.atModes[j] - 2 * (log(work.multiplier[j]) + log(work.sd[j])) }
        return total
    }

    /// Per level of the single term: u² plus the level's deviance residuals.
    private func levelDeviances(into result: inout [Double]) {
        for j in result.indices { result[j] = sphericalEffects[j] * sphericalEffects[j] }
        response.addDevianceResiduals(byLevel: system.rawTerms[0].refs, into: &result)
    }
}

/// Per-level arrays of adaptive Gauss–Hermite quadrature, kept with the model so that evaluations allocate nothing.
struct QuadratureWorkspace {
    var modes: [Double] = []
    var sd: [Double] = []
    var atModes: [Double] = []
    var shifted: [Double] = []
    var multiplier: [Double] = []

    /// Sizes the arrays for `levels` levels (allocating only when the size changes).
    mutating func prepare(levels: Int) {
        guard modes.count != levels else { return }
        // Separate buffers, not one shared array that each first write would copy.
        modes = [Double](repeating: 0, count: levels)
        sd = [Double](repeating: 0, count: levels)
        atModes = [Double](repeating: 0, count: levels)
        shifted = [Double](repeating: 0, count: levels)
        multiplier = [Double](repeating: 0, count: levels)
    }
}
