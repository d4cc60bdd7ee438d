import DataTables
import JuliaRandom
@testable import MixedModels

/// A deterministic stand-in for a Julia generator (a 64-bit LCG with Box–Muller normals): not Julia's stream,
/// only reproducible, for tests that need draws but not Julia's digits.
final class TestRNG: JuliaRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    func randUInt64() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state
    }
    func rand() -> Double { Double(randUInt64() >> 11) * 0x1p-53 }
    func randn() -> Double {
        let u = max(rand(), 1e-300)
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * rand())
    }
    func rand(in range: ClosedRange<Int>) -> Int { range.lowerBound + Int(randUInt64() % UInt64(range.count)) }
    func rand(fill buffer: UnsafeMutableBufferPointer<Double>) { for i in buffer.indices { buffer[i] = rand() } }
    func randn(fill buffer: UnsafeMutableBufferPointer<Double>) { for i in buffer.indices { buffer[i] = randn() } }
    func copy() -> any JuliaRNG {
        let c = TestRNG(seed: 0)
        c.state = state
        return c
    }
}

import Foundation

/// Models of the bundled data sets, built through the formula parser.
enum InferenceModels {
    static func linear(_ formula: String, _ data: String, reml: Bool = false) throws -> LinearMixedModel {
        let f = try Formula(formula)
        let m = try LinearMixedModel(frame: try modelFrame(f, data: try Datasets.load(data)),
                                     formulaText: f.description)
        return try m.fit(reml: reml)
    }
}
