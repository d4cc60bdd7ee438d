import DataTables

/// A linear mixed-effects model, y = Xβ + Zb + ε with b ~ N(0, σ²ΛΛᵀ) and ε ~ N(0, σ²I), fit by maximum
/// likelihood or REML through the profiled penalized least-squares criterion (Bates et al. 2015).
public final class LinearMixedModel {
    /// The numeric model frame the model was built from (its response replaced by `refit(response:)`).
    public internal(set) var frame: ModelFrame
    /// The formula as printed in the summary (`yield ~ 1 + (1 | batch)`).
    public let formulaText: String
    let system: PLSSystem
    /// The optimization record (initial and final θ, evaluations, return code).
    public internal(set) var optsum: OptSummary
    /// Warnings from the last fit (optimizer trouble); shown with the model.
    public internal(set) var warnings: [String] = []
    public internal(set) var isFitted = false

    /// θ at which L, β and u were last computed.
    var currentTheta: [Double]
    /// θ installed by `setTheta` and not yet factored by `updateL` (MixedModels.jl's `setθ!` before `updateL!`).
    var pendingTheta: [Double]?
    /// β for the `rank` pivoted columns.
    var currentBeta: [Double]
    /// Spherical random effects, stacked term by term.
    var currentU: [Double]
    /// b = Λu.
    var currentB: [Double]

    /// Builds a model from a model frame. `formulaText` is the formula as it should be printed.
    public init(frame: ModelFrame, formulaText: String) throws {
        try Self.validate(frame)
        self.frame = frame
        self.formulaText = formulaText
        system = PLSSystem(terms: frame.randomEffectsTerms, x: frame.x, columns: Array(frame.pivot.prefix(frame.rank)),
                           p: frame.rank, y: frame.y)
        let (initial, lower) = Self.initialTheta(frame.randomEffectsTerms)
        optsum = OptSummary(initial: initial, lowerbd: lower)
        currentTheta = initial
        currentBeta = [Double](repeating: 0, count: frame.rank)
        currentU = [Double](repeating: 0, count: system.q)
        currentB = currentU
    }

    /// θ₀ (1 on the diagonal of each λ, 0 elsewhere) and the lower bounds (0 on the diagonal, −∞ elsewhere).
    static func initialTheta(_ terms: [RandomEffectsTerm]) -> ([Double], [Double]) {
        var initial: [Double] = []
        var lower: [Double] = []
        for t in terms {
            for index in t.lambdaIndices {
                let diagonal = index % t.vsize == index / t.vsize
                initial.append(diagonal ? 1 : 0)
                lower.append(diagonal ? 0 : -.infinity)
            }
        }
        return (initial, lower)
    }

    /// The checks lme4 makes before fitting (but the constant response, checked by `fit`), plus finiteness of every
    /// used value.
    static func validate(_ frame: ModelFrame) throws {
        let n = frame.observationCount
        guard n > 0 else { throw MixedModelError.noObservations }
        guard !frame.randomEffectsTerms.isEmpty else { throw MixedModelError.noRandomEffects }
        guard frame.x.count == n * frame.fixedEffectCount, frame.rank <= frame.fixedEffectCount,
              frame.pivot.count == frame.fixedEffectCount else {
            throw MixedModelError.inconsistentFrame("X is not \(n) × \(frame.fixedEffectCount) with a pivot")
        }
        if let row = firstNonFinite(frame.y[...]) {
            throw MixedModelError.nonFiniteValue(column: "response", row: row)
        }
        for (c, name) in frame.coefficientNames.enumerated() {
            if let row = firstNonFinite(frame.x[(c * n)..<((c + 1) * n)]) {
                throw MixedModelError.nonFiniteValue(column: name, row: row)
            }
        }
        for term in frame.randomEffectsTerms {
            guard term.refs.count == n, term.z.count == n * term.vsize,
                  term.refs.allSatisfy({ $0 >= 0 && Int($0) < term.levelCount }) else {
                throw MixedModelError.inconsistentFrame("random-effects term | \(term.groupingName) does not match y")
            }
            if let index = firstNonFinite(term.z[...]) {
                throw MixedModelError.nonFiniteValue(column: term.columnNames[index % term.vsize],
                                                     row: index / term.vsize)
            }
            if term.levelCount >= n {
                throw MixedModelError.tooManyLevels(groupingFactor: term.groupingName, levels: term.levelCount,
                                                    observations: n)
            }
        }
    }

    /// A constant response cannot be fit (its variance is not estimable), though a model may hold one to be
    /// simulated into, as MixedModels.jl's `LinearMixedModel(f, newdata)` does.
    static func checkFittable(_ y: [Double]) throws {
        if let first = y.first, y.allSatisfy({ $0 == first }) {
            throw MixedModelError.constantResponse(value: first)
        }
    }

    /// Whether the last fit used the REML criterion.
    public var isREML: Bool { optsum.reml }

    /// Evaluates the objective at θ (ML deviance or REML criterion) and leaves L factored there.
    func objective(at theta: [Double], reml: Bool) -> Double {
        guard theta.count == system.thetaCount else { return .nan }
        let ok = theta.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return system.updateL(theta: base)
        }
        return ok ? system.objective(reml: reml) : .infinity
    }
}

extension LinearMixedModel {
    /// The objective at θ (for profiling and benchmarks); refits L there, so reinstall the estimates afterwards.
    public func evaluateObjective(at theta: [Double], reml: Bool) -> Double { objective(at: theta, reml: reml) }
}

/// The offset from the start of `values` of its first NaN or infinity: a scan counting the values whose exponent
/// bits are all ones (branch-free, so it runs in vector lanes), then a search only when there is one.
func firstNonFinite(_ values: ArraySlice<Double>) -> Int? {
    let nonFinite = values.withUnsafeBufferPointer { buffer in
        var count = 0
        for v in buffer { count &+= v.bitPattern & 0x7ff0_0000_0000_0000 == 0x7ff0_0000_0000_0000 ? 1 : 0 }
        return count
    }
    guard nonFinite > 0, let index = values.firstIndex(where: { !$0.isFinite }) else { return nil }
    return index - values.startIndex
}
