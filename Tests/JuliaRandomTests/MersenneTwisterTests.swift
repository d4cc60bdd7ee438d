import XCTest
@testable import JuliaRandom

/// Reference values printed by Julia itself: the jldoctest examples of Julia's Random standard library
/// (stdlib/Random/src/RNGs.jl, normal.jl and misc.jl docstrings), which Julia's documentation build checks.
final class MersenneTwisterTests: XCTestCase {
    /// `MersenneTwister` docstring (RNGs.jl): `rng = MersenneTwister(1234); rand(rng, 2)`.
    func testRandMatchesDocstring() {
        let rng = MersenneTwister(seed: 1234)
        XCTAssertEqual(rng.rand(), 0.5908446386657102)
        XCTAssertEqual(rng.rand(), 0.7667970365022592)
    }

    /// `randn!` docstring (normal.jl): `randn!(MersenneTwister(1234), zeros(5))` (fewer than 13 elements: scalar path).
    func testRandnMatchesDocstring() {
        let rng = MersenneTwister(seed: 1234)
        var values = [Double](repeating: 0, count: 5)
        values.withUnsafeMutableBufferPointer { rng.randn(fill: $0) }
        XCTAssertEqual(values, [0.8673472019512456, -0.9017438158568171, -0.4944787535042339,
                                -0.9029142938652416, 0.8644013132535154])
    }

    /// `randn` docstring (normal.jl): `randn(MersenneTwister(1234), ComplexF64)` is `(randn, randn) / √2`:
    /// `0.6133070881429037 - 0.6376291670853887im`.
    func testComplexRandnMatchesDocstring() {
        let rng = MersenneTwister(seed: 1234)
        let half = 0.7071067811865475244008
        XCTAssertEqual(half * rng.randn(), 0.6133070881429037)
        XCTAssertEqual(half * rng.randn(), -0.6376291670853887)
    }

    /// `randexp!` docstring (normal.jl): `randexp!(MersenneTwister(1234), zeros(5))`.
    func testRandexpMatchesDocstring() {
        let rng = MersenneTwister(seed: 1234)
        let values = (0..<5).map { _ in rng.randexp() }
        XCTAssertEqual(values, [2.4835053723904896, 1.516703605376473, 0.6044364871025417,
                                0.6958665886385867, 1.3065196315496677])
    }

    /// `shuffle` and `shuffle!` docstrings (misc.jl).
    func testShuffleMatchesDocstring() {
        var ten = Array(1...10)
        MersenneTwister(seed: 1234).shuffle(&ten)
        XCTAssertEqual(ten, [6, 1, 10, 2, 3, 9, 5, 7, 4, 8])
        var sixteen = Array(1...16)
        MersenneTwister(seed: 1234).shuffle(&sixteen)
        XCTAssertEqual(sixteen, [2, 15, 5, 14, 1, 9, 10, 6, 11, 3, 16, 7, 4, 12, 8, 13])
    }

    /// `randperm`, `randcycle` and `randsubseq` docstrings (misc.jl).
    func testPermutationsMatchDocstrings() {
        XCTAssertEqual(MersenneTwister(seed: 1234).randperm(4), [2, 1, 4, 3])
        XCTAssertEqual(MersenneTwister(seed: 1234).randcycle(6), [3, 5, 4, 6, 1, 2])
        XCTAssertEqual(MersenneTwister(seed: 1234).randsubseqIndices(8, probability: 0.3), [7, 8])
    }

    /// `randstring` docstring (misc.jl): `randstring(MersenneTwister(3), 'a':'z', 6) == "ocucay"`; sampling a
    /// collection draws indices with the range sampler, so this pins the sampler (nearly division-less, not `SamplerRangeFast`).
    func testRangeSamplerMatchesRandstringDocstring() {
        let rng = MersenneTwister(seed: 3)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let word = String((0..<6).map { _ in letters[rng.rand(in: 1...26) - 1] })
        XCTAssertEqual(word, "ocucay")
    }

    /// `show` (RNGs.jl): an unused generator shows its seed only; then the counters of the stream and its cache.
    func testShow() {
        let rng = MersenneTwister(seed: 42)
        XCTAssertEqual(rng.description, "MersenneTwister(42)")
        _ = rng.rand()
        XCTAssertEqual(rng.description, "MersenneTwister(42, (0, 1002, 0, 1))")
    }

    /// The array path (more than 383 elements) continues the dSFMT stream past the cache: filling a fresh
    /// generator's array of 1002 + 2 values must equal the cache's 1002 values followed by the next two.
    func testBulkFillContinuesTheStream() {
        let bulk = MersenneTwister(seed: 7)
        var values = [Double](repeating: 0, count: 1004)
        values.withUnsafeMutableBufferPointer { bulk.rand(fill: $0) }
        let scalar = MersenneTwister(seed: 7)
        let first1002 = (0..<1002).map { _ in scalar.rand() }
        XCTAssertEqual(Array(values[0..<1002]), first1002)
    }
}
