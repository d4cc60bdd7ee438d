import Foundation
import DataTables
import JuliaRandom
import MixedModels

/// Parametric bootstraps of 10 000 replicates (`mixedmodels-bench bootstrap`): the draws are sequential, the
/// refits run on every core. The reported evaluations are the replicates; replicates per second = 10 000 / time.
enum BootstrapBenchmarks {
    static let replicates = 10_000
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    static var cases: [BenchCase] {
        [
            bootstrapCase("bootstrap dyestuff", target: 1.0, "yield ~ 1 + (1|batch)", "dyestuff"),
            bootstrapCase("bootstrap sleepstudy", target: 5.0, "reaction ~ 1 + days + (1 + days|subj)", "sleepstudy"),
        ]
    }

    static func bootstrapCase(_ name: String, target: Double, _ formula: String, _ dataset: String) -> BenchCase {
        var fitted: LinearMixedModel?
        return BenchCase(name: "\(name) (\(replicates), \(cores) cores)", targetSeconds: target) {
            let model = try fitted ?? LinearMixedModel(formula: Formula(formula), data: Datasets.load(dataset)).fit()
            fitted = model
            let samp = try model.parametricbootstrap(using: MersenneTwister(seed: 1234321), replicates)
            return FitOutcome(objective: samp.fits[0].objective, evaluations: samp.count)
        }
    }
}
