import Foundation

/// Julia 1.10's sampler for `rand(rng, a:b)` and the permutations built on masked 52-bit draws.
enum RangeSampler {
    /// `SamplerRangeNDL` (Lemire's nearly division-less method), which Julia 1.10 uses for 64-bit ranges with
    /// every generator; the `randstring` docstrings pin it for both `MersenneTwister` and `Xoshiro`.
    static func nearlyDivisionless<R: JuliaRNG>(_ rng: R, _ range: ClosedRange<Int>) -> Int {
        let s = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
        var x = rng.randUInt64()
        if s == 0 { return Int(truncatingIfNeeded: x &+ UInt64(bitPattern: Int64(range.lowerBound))) }
        var product = x.multipliedFullWidth(by: s)
        if product.low < s {
            let t = (0 &- s) % s
            while product.low < t {
                x = rng.randUInt64()
                product = x.multipliedFullWidth(by: s)
            }
        }
        return Int(truncatingIfNeeded: product.high &+ UInt64(bitPattern: Int64(range.lowerBound)))
    }

    /// `rand(rng, ltm52(n, mask))`: an integer in [0, n) from masked 52-bit words, by rejection.
    static func lessThanMasked52<R: JuliaRNG>(_ rng: R, _ n: Int, mask: Int) -> Int {
        var x: Int
        repeat {
            x = Int(truncatingIfNeeded: rng.randRaw52()) & mask
        } while x > n - 1
        return x
    }
}

extension JuliaRNG {
    /// `rand(rng, a:b)` for a sampler created once and reused, as `rand(rng, a:b, n)` does.
    public func rand(in range: ClosedRange<Int>, count: Int) -> [Int] {
        (0..<count).map { _ in rand(in: range) }
    }

    /// `shuffle!(rng, v)`: Julia 1.10's Fisher–Yates from the last element down, with masked 52-bit draws.
    public func shuffle<T>(_ values: inout [T]) {
        let n = values.count
        guard n > 1 else { return }
        var mask = (n.nonzeroBitCount == 1 ? n : 1 << (Int.bitWidth - n.leadingZeroBitCount)) - 1
        for i in stride(from: n, through: 2, by: -1) {
            if mask >> 1 == i { mask >>= 1 }
            let j = 1 + RangeSampler.lessThanMasked52(self, i, mask: mask)
            values.swapAt(i - 1, j - 1)
        }
    }

    /// `randperm(rng, n)`.
    public func randperm(_ n: Int) -> [Int] { insideOutPermutation(n, cyclic: false) }

    /// `randcycle(rng, n)`.
    public func randcycle(_ n: Int) -> [Int] { insideOutPermutation(n, cyclic: true) }

    /// The "inside-out" Fisher–Yates of `randperm!` (`j` uniform on 1...i) and of `randcycle!` (Sattolo:
    /// `j` uniform on 1...i-1), with the same doubling mask as `shuffle!`.
    private func insideOutPermutation(_ n: Int, cyclic: Bool) -> [Int] {
        guard n > 0 else { return [] }
        var a = [Int](repeating: 0, count: n)
        a[0] = 1
        var mask = 3
        for i in stride(from: 2, through: n, by: 1) {
            let j = 1 + RangeSampler.lessThanMasked52(self, cyclic ? i - 1 : i, mask: mask)
            if i != j { a[i - 1] = a[j - 1] }
            a[j - 1] = i
            if i == 1 + mask { mask = 2 * mask + 1 }
        }
        return a
    }

    /// `randsubseq(rng, 1:n, p)` as indices: each included with probability `p` (Julia's two algorithms).
    public func randsubseqIndices(_ n: Int, probability p: Double) -> [Int] {
        precondition(p >= 0 && p <= 1)
        if p == 1 { return Array(0..<n).map { $0 + 1 } }
        if p == 0 { return [] }
        var result: [Int] = []
        if p > 0.15 {
            for i in 0..<n where rand() <= p { result.append(i + 1) }
            return result
        }
        let scale = -1 / log1pMinus(p)
        var i = 0
        while true {
            let s = randexp() * scale
            if s >= Double(n - i) { return result }
            i += Int(s.rounded(.up))
            result.append(i)
        }
    }
}

/// `log1p(-p)`.
private func log1pMinus(_ p: Double) -> Double {
    Foundation.log1p(-p)
}
