import Dispatch
import Foundation
import JuliaRandom

extension GeneralizedLinearMixedModel {
    /// MixedModels.jl's `parametricbootstrap(rng, n, m; β, θ)` for a GLMM: `n` responses simulated from the model at
    /// (β, θ) (by default the estimates), drawn one after another from `rng` exactly as Julia's `simulate!` draws
    /// them (offset included), each refit as the model was fit (fast or not, the same nAGQ). The replicates carry
    /// no σ (these families have no dispersion). The refits run on `threads` workers, each with its own copy of
    /// the model; every refit starts from the GLM fit to its response and θ's initial values, so the replicates
    /// do not depend on the number of workers. (MixedModels.jl refits one model in turn, each replicate from the
    /// previous one's β and the simulating θ, and, through `refit!`'s default after `simulate!`, always `fast`.)
    /// `control` can stop the bootstrap between replicates and evaluations (`FitCancellation`) and receives the
    /// replicates done.
    public func parametricbootstrap(using rng: any JuliaRNG, _ n: Int, beta: [Double]? = nil, sigma: Double? = nil,
                                    theta: [Double]? = nil, threads: Int? = nil,
                                    control: FitControl? = nil) throws -> MixedModelBootstrap {
        guard n > 0 else {
            throw InferenceError("the number of bootstrap replicates must be positive, got \(n)")
        }
        guard optimizationSummary.isFitted else { throw MixedModelError.notFitted("parametricbootstrap") }
        let parameters = try simulationParameters(beta: beta, sigma: sigma, theta: theta)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, n))
        let fast = optimizationSummary.fast, nAGQ = optimizationSummary.nAGQ
        let copies = try (0..<workers).map { _ in try copy() }
        let n0 = nobs
        let block = max(1, min(n, (1 << 20) / max(1, n0)))
        var responses = [[Double]](repeating: [Double](repeating: 0, count: n0), count: block)
        var effects: [Double] = []
        var results: [BootstrapReplicate] = []
        results.reserveCapacity(n)
        let monitor = ReplicateMonitor(control, total: n)
        let refitControl = monitor.refitControl
        var start = 0
        while start < n {
            let size = min(block, n - start)
            for i in 0..<size {
                try monitor.checkCancellation()
                simulate(into: &responses[i], effects: &effects, using: rng, beta: parameters.beta,
                         theta: parameters.theta, includeOffset: true)
            }
            let chunk = responses
            let lock = NSLock()
            var chunkResults = [BootstrapReplicate?](repeating: nil, count: size)
            var failure: Error?
            forEachReplicate(size, workers: workers) { i, w in
                let m = copies[w]
                do {
                    try monitor.checkCancellation()
                    try m.refitFromStart(response: chunk[i], fast: fast, nAGQ: nAGQ, control: refitControl)
                    let se = m.stderror
                    let replicate = BootstrapReplicate(
                        objective: try m.objective(), sigma: .nan, beta: m.fixef,
                        se: m.modelFrame.pivot.prefix(m.rank).map { se[$0] }, theta: m.theta)
                    lock.lock()
                    chunkResults[i] = replicate
                    lock.unlock()
                    monitor.finished(objective: replicate.objective)
                } catch is FitCancellation {
                    lock.lock()
                    failure = monitor.cancellation()
                    lock.unlock()
                } catch {
                    lock.lock()
                    failure = failure ?? InferenceError("bootstrap replicate \(start + i + 1): \(error)")
                    lock.unlock()
                }
            }
            if let failure { throw failure }
            results.append(contentsOf: chunkResults.compactMap { $0 })
            start += size
        }
        return MixedModelBootstrap(
            fits: results, fixefnames: fixefnames,
            terms: modelFrame.randomEffectsTerms.map {
                BootstrapTerm(grouping: $0.groupingName, columns: $0.columnNames, lambdaIndices: $0.lambdaIndices)
            },
            lowerbd: thetaLowerBounds, hasDispersion: false)
    }
}
