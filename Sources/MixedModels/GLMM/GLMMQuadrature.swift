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
        let term = terms[0]
        let levels = term.levelCount
        let modes = sphericalEffects
        let sd = system.firstTermDiagonal.map { 1 / $0 }
        let atModes = levelDeviances()
        var multiplier = [Double](repeating: 0, count: levels)
        for (z, w) in zip(rule.nodes, rule.weights) where w != 0 {
            if z == 0 {
                for j in 0..<levels { multiplier[j] += w }
                continue
            }
            for j in 0..<levels { sphericalEffects[j] = modes[j] + z * sd[j] }
            updateLinearPredictor()
            let shifted = levelDeviances()
            for j in 0..<levels { multiplier[j] += exp((z * z + atModes[j] - shifted[j]) / 2) * w }
        }
        sphericalEffects = modes
        updateLinearPredictor()
        var total = 0.0
        for j in 0..<levels { total += atModes[j] - 2 * (log(multiplier[j]) + log(sd[j])) }
        return total
    }

    /// Per level of the single term: u² plus the level's deviance residuals.
    private func levelDeviances() -> [Double] {
        let term = terms[0]
        var result = sphericalEffects.map { $0 * $0 }
        let dr = response.devianceResidual
        for i in dr.indices { result[Int(term.refs[i])] += dr[i] }
        return result
    }
}
