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
            let samp = try model.parametricbootstrap(using: BenchmarkRNG(seed: 1234321), replicates)
            return FitOutcome(objective: samp.fits[0].objective, evaluations: samp.count)
        }
    }
}

/// A fast stand-in generator (splitmix64 with Box–Muller normals): the bootstrap's cost is the refits, not the
/// draws, so the timing does not depend on which stream is used.
final class BenchmarkRNG: JuliaRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    func randUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    func rand() -> Double { Double(randUInt64() >> 11) * 0x1p-53 }
    func randn() -> Double {
        (-2 * log(max(rand(), 1e-300))).squareRoot() * cos(2 * Double.pi * rand())
    }
    func rand(in range: ClosedRange<Int>) -> Int { range.lowerBound + Int(randUInt64() % UInt64(range.count)) }
    func rand(fill buffer: UnsafeMutableBufferPointer<Double>) { for i in buffer.indices { buffer[i] = rand() } }
    func randn(fill buffer: UnsafeMutableBufferPointer<Double>) { for i in buffer.indices { buffer[i] = randn() } }
    func copy() -> any JuliaRNG {
        let c = BenchmarkRNG(seed: 0)
        c.state = state
        return c
    }
}
