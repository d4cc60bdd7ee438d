import Foundation
import Testing
@testable import DataTables

/// SplitMix64: a small seeded generator so every run feeds the same variants.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A truncated copy, or a copy with one to four bytes overwritten.
private func variant(of bytes: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
    if Bool.random(using: &rng) {
        return Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
    }
    var copy = bytes
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
        copy[Int.random(in: 0..<copy.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
    }
    return copy
}

/// Each variant must either load or throw a `DataReadError` (a crash or hang would end the test run).
@Suite struct RobustnessTests {
    @Test(arguments: ["dyestuff", "pastes"])
    func corruptedArrowFilesLoadOrThrow(name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Datasets.directory() + "/\(name).arrow")))
        var rng = SeededGenerator(state: 20_240_601)
        var loaded = 0, rejected = 0
        for _ in 0..<1500 {
            do {
                _ = try readArrow(data: variant(of: bytes, using: &rng), name: "\(name)-variant.arrow")
                loaded += 1
            } catch let error as DataReadError {
                #expect("\(error)".contains("\(name)-variant.arrow"))
                rejected += 1
            }
        }
        #expect(loaded + rejected == 1500)
        #expect(rejected > 0)
    }

    @Test func corruptedFixtureWithDictionariesLoadsOrThrows() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixturePath("multibatch.arrow"))))
        var rng = SeededGenerator(state: 7)
        var outcomes = 0
        for _ in 0..<1000 {
            do {
                _ = try readArrow(data: variant(of: bytes, using: &rng), name: "m.arrow")
            } catch is DataReadError {}
            outcomes += 1
        }
        #expect(outcomes == 1000)
    }

    @Test func corruptedCSVFilesLoadOrThrow() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Datasets.directory() + "/pastes.csv")))
        let quoted = Array("a,\"b\nc\",d\n\"1\",\"2,3\",4\n5,\"\"\"x\"\"\",6\n".utf8)
        var rng = SeededGenerator(state: 99)
        var outcomes = 0
        for k in 0..<1500 {
            do {
                _ = try readCSV(data: variant(of: k % 2 == 0 ? bytes : quoted, using: &rng), name: "v.csv")
            } catch let error as DataReadError {
                #expect("\(error)".contains("v.csv"))
            }
            outcomes += 1
        }
        #expect(outcomes == 1500)
    }
}
