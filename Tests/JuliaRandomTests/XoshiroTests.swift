import XCTest
@testable import JuliaRandom

/// Reference values printed by Julia itself (jldoctest examples of Julia's Random standard library docstrings).
final class XoshiroTests: XCTestCase {
    /// `Xoshiro` docstring (Xoshiro.jl): `rng = Xoshiro(1234); rand(rng, 2)` (two elements: below the bulk threshold).
    func testRandMatchesDocstring() {
        let rng = Xoshiro(seed: 1234)
        var values = [Double](repeating: 0, count: 2)
        values.withUnsafeMutableBufferPointer { rng.rand(fill: $0) }
        XCTAssertEqual(values, [0.32597672886359486, 0.5490511363155669])
    }

    /// `randn!` docstring of Julia's Random documentation: `randn!(Xoshiro(123), zeros(5))`.
    func testRandnMatchesDocstring() {
        let rng = Xoshiro(seed: 123)
        var values = [Double](repeating: 0, count: 5)
        values.withUnsafeMutableBufferPointer { rng.randn(fill: $0) }
        XCTAssertEqual(values, [-0.6457306721039767, -1.4632513788889214, -1.6236037455860806,
                                -0.21766510678354617, 0.4922456865251828])
    }

    /// `randstring` docstring (misc.jl): `Random.seed!(3); randstring()` is `"Lxz5hUwn"` — the task-local
    /// Xoshiro seeded with 3, sampling 62 characters with Julia's nearly division-less range sampler.
    func testSeededGlobalRandstringMatchesDocstring() {
        let rng = Xoshiro(seed: 3)
        let characters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        let word = String((0..<8).map { _ in characters[rng.rand(in: 1...62) - 1] })
        XCTAssertEqual(word, "Lxz5hUwn")
    }

    /// SHA-256 of "abc" (FIPS 180-4, appendix B.1).
    func testSHA256() {
        let hex = SHA256.digest(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined()
        XCTAssertEqual(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

/// Table entries copied from Julia's `stdlib/Random/src/normal.jl` (`ki`, `wi`, `fi`, `ke`) to check the derived tables.
final class ZigguratTableTests: XCTestCase {
    func testTablesMatchJuliaSource() {
        XCTAssertEqual(ZigguratTables.ki[0], 0x0007799ec012f7b2)
        XCTAssertEqual(ZigguratTables.ki[1], 0)
        XCTAssertEqual(ZigguratTables.ki[2], 0x0006045f4c7de363)
        XCTAssertEqual(ZigguratTables.ki[255], 0x00078d2d25998e24)
        XCTAssertEqual(ZigguratTables.wi[0], 1.7367254121602630e-15)
        XCTAssertEqual(ZigguratTables.wi[1], 9.5586603514556339e-17)
        XCTAssertEqual(ZigguratTables.wi[159], 7.7892151409638524e-16)
        XCTAssertEqual(ZigguratTables.fi[0], 1.0)
        XCTAssertEqual(ZigguratTables.ki.count, 256)
        XCTAssertEqual(ZigguratTables.fe.count, 256)
    }
}
