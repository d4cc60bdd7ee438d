import Dispatch
import Foundation
import JuliaRandom

/// One bootstrap replicate: the refit's objective, σ, fixed effects with their standard errors, and θ.
public struct BootstrapReplicate: Equatable, Sendable {
    public var objective: Double
    public var sigma: Double
    /// β of the estimable coefficients (`fixef` order).
    public var beta: [Double]
    public var se: [Double]
    public var theta: [Double]
}

/// A random-effects term as the bootstrap's summaries need it: names and where θ goes in λ.
public struct BootstrapTerm: Equatable, Sendable {
    public var grouping: String
    public var columns: [String]
    public var lambdaIndices: [Int]
    public var vsize: Int { columns.count }
}

/// Overrides of the optimizer settings for the bootstrap refits (MixedModels.jl's `optsum_overrides`).
public struct OptSummaryOverrides: Sendable {
    public var ftolRel: Double?
    public var ftolAbs: Double?
    public var xtolAbs: Double?
    public var maxfeval: Int?
    public init(ftolRel: Double? = nil, ftolAbs: Double? = nil, xtolAbs: Double? = nil, maxfeval: Int? = nil) {
        self.ftolRel = ftolRel
        self.ftolAbs = ftolAbs
        self.xtolAbs = xtolAbs
        self.maxfeval = maxfeval
    }
}

/// The result of `parametricbootstrap`: MixedModels.jl's `MixedModelBootstrap`.
public struct MixedModelBootstrap: Sendable {
    public var fits: [BootstrapReplicate]
    public var fixefnames: [String]
    public var terms: [BootstrapTerm]
    public var lowerbd: [Double]
    /// Whether the model has a residual σ (false for GLMMs: their replicates' σ is missing).
    public var hasDispersion = true

    public var count: Int { fits.count }
}

/// Runs `body(i, worker)` for every i in 0..<n on `workers` threads; worker w takes i = w, w + workers, ….
func forEachReplicate(_ n: Int, workers: Int, _ body: @escaping (Int, Int) -> Void) {
    if workers <= 1 {
        for i in 0..<n { body(i, 0) }
        return
    }
    // The workers hold the spare cores, so their fits do not split kernels across cores as well.
    let held = SpareCores.reserve(workers - 1)
    defer { SpareCores.release(held) }
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var i = w
        while i < n {
            body(i, w)
            i += workers
        }
    }
}

extension LinearMixedModel {
    /// MixedModels.jl's `parametricbootstrap(rng, n, m; β, σ, θ, optsum_overrides)`: `n` responses simulated
    /// from the model at (β, σ, θ) (by default the estimates), drawn one after another from `rng` exactly as Julia
    /// draws them, each refit by the model's criterion. The refits run on `threads` workers (by default every
    /// core), each with its own copy of the model; every refit starts from the same initial θ, so the replicates
    /// do not depend on the number of workers. `control` is asked before every replicate (and between the
    /// evaluations of each refit) whether to stop, which throws `FitCancellation`, and reports the replicates done.
    public func parametricbootstrap(using rng: any JuliaRNG, _ n: Int, beta: [Double]? = nil, sigma: Double? = nil,
                                    theta: [Double]? = nil, overrides: OptSummaryOverrides = .init(),
                                    threads: Int? = nil, control: FitControl? = nil) throws -> MixedModelBootstrap {
        guard n > 0 else {
            throw InferenceError("the number of bootstrap replicates must be positive, got \(n)")
        }
        guard isFitted else { throw MixedModelError.notFitted("parametricbootstrap") }
        let parameters = try simulationParameters(beta: beta, sigma: sigma, theta: theta)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, n))
        let reml = optsum.reml
        var copies: [LinearMixedModel] = []
        for _ in 0..<workers {
            let c = try copy()
            c.optsum.reml = reml
            if let v = overrides.ftolRel { c.optsum.ftolRel = v }
            if let v = overrides.ftolAbs { c.optsum.ftolAbs = v }
            if let v = overrides.xtolAbs { c.optsum.xtolAbs = [Double](repeating: v, count: c.optsum.initial.count) }
            if let v = overrides.maxfeval { c.optsum.maxfeval = v }
            copies.append(c)
        }
        // Responses are drawn in blocks (sequentially, from the one generator), then refit in parallel.
        let n0 = nobs
        let block = max(1, min(n, (1 << 21) / max(1, n0)))
        var responses = [[Double]](repeating: [Double](repeating: 0, count: n0), count: block)
        var effects: [Double] = []
        var results = [BootstrapReplicate?](repeating: nil, count: n)
        var failures = [Error?](repeating: nil, count: workers)
        let pivot = Array(frame.pivot.prefix(frame.rank))
        let monitor = ReplicateMonitor(control, total: n)
        let refitControl = monitor.refitControl
        var start = 0
        while start < n {
            let size = min(block, n - start)
            for i in 0..<size {
                try monitor.checkCancellation()
                copies[0].simulate(into: &responses[i], effects: &effects, using: rng, parameters, inPlace: true)
            }
            let chunk = responses
            let lock = NSLock()
            var chunkResults = [BootstrapReplicate?](repeating: nil, count: size)
            forEachReplicate(size, workers: workers) { i, w in
                let m = copies[w]
                do {
                    try monitor.checkCancellation()
                    try m.refit(response: chunk[i], control: refitControl)
                    let se = m.stderror
                    let replicate = BootstrapReplicate(objective: m.objective, sigma: m.sigma, beta: m.fixef,
                                                       se: pivot.map { se[$0] }, theta: m.theta)
                    lock.lock()
                    chunkResults[i] = replicate
                    lock.unlock()
                    monitor.finished(objective: replicate.objective)
                } catch {
                    lock.lock()
                    failures[w] = failures[w] ?? error
                    lock.unlock()
                }
            }
            if failures.contains(where: { $0 is FitCancellation }) { throw monitor.cancellation() }
            if let error = failures.compactMap({ $0 }).first { throw error }
            for i in 0..<size { results[start + i] = chunkResults[i] }
            start += size
        }
        return MixedModelBootstrap(
            fits: results.compactMap { $0 }, fixefnames: fixefnames,
            terms: frame.randomEffectsTerms.map {
                BootstrapTerm(grouping: $0.groupingName, columns: $0.columnNames, lambdaIndices: $0.lambdaIndices)
            },
            lowerbd: optsum.lowerbd)
    }
}

extension OptSummary {
    /// Keeps the convergence settings chosen before a fit (tolerances, evaluation limit) when a fit starts anew.
    mutating func keepSettings(of previous: OptSummary) {
        ftolRel = previous.ftolRel
        ftolAbs = previous.ftolAbs
        if previous.xtolAbs.count == xtolAbs.count { xtolAbs = previous.xtolAbs }
        maxfeval = previous.maxfeval
        xtolRel = previous.xtolRel
        maxtime = previous.maxtime
        if previous.initialStep.count == initial.count && previous.stepChosen { initialStep = previous.initialStep }
        stepChosen = previous.stepChosen
        if !previous.optimizerReplaced { optimizer = previous.optimizer }
    }
}
