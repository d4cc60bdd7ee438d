/// Julia's `Xoshiro` (Xoshiro256++, Blackman & Vigna) with Julia 1.10's seeding: the SHA-256 digest of the seed's
/// 32-bit words (`make_seed`) read as four little-endian `UInt64`. Julia's task-local default generator runs the
/// same algorithm, so `Random.seed!(n)` followed by `rand()` equals `rand(Xoshiro(n))`.
public final class Xoshiro: JuliaRNG {
    public private(set) var s0: UInt64
    public private(set) var s1: UInt64
    public private(set) var s2: UInt64
    public private(set) var s3: UInt64

    /// `Xoshiro(s0, s1, s2, s3)`: a generator in the given state.
    public init(_ s0: UInt64, _ s1: UInt64, _ s2: UInt64, _ s3: UInt64) {
        (self.s0, self.s1, self.s2, self.s3) = (s0, s1, s2, s3)
    }

    /// `Xoshiro(seed)` for a non-negative integer seed.
    public convenience init(seed: UInt64) {
        self.init(seedWords: MersenneTwister.makeSeed(seed))
    }

    /// `Xoshiro(seed::Vector{UInt32})`.
    public convenience init(seedWords: [UInt32]) {
        let bytes = seedWords.flatMap { w in (0..<4).map { UInt8(truncatingIfNeeded: w >> (8 * UInt32($0))) } }
        let digest = SHA256.digest(bytes)
        let words = (0..<4).map { i in
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(digest[8 * i + $1]) << (8 * UInt64($1)) }
        }
        self.init(words[0], words[1], words[2], words[3])
    }

    /// `seed!(rng, seed)`: reseeds in place.
    public func seed(_ seed: UInt64) {
        let fresh = Xoshiro(seed: seed)
        (s0, s1, s2, s3) = (fresh.s0, fresh.s1, fresh.s2, fresh.s3)
    }

    public func copy() -> any JuliaRNG { Xoshiro(s0, s1, s2, s3) }

    /// `rand(rng, UInt64)`: one Xoshiro256++ step.
    @inline(__always)
    public func randUInt64() -> UInt64 {
        let result = rotateLeft(s0 &+ s3, 23) &+ s0
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// The 53 high bits as a double in [0, 1), as Julia converts Xoshiro output.
    public func rand() -> Double { Double(randUInt64() >> 11) * 0x1.0p-53 }

    public func randRaw52() -> UInt64 { randUInt64() >> 12 }

    public func randn() -> Double { Ziggurat.normal(randRaw52(), self) }

    public func randexp() -> Double { Ziggurat.exponential(randRaw52(), self) }

    public func rand(in range: ClosedRange<Int>) -> Int { RangeSampler.nearlyDivisionless(self, range) }

    /// `rand!(rng, A::Array{Float64})`: from 8 elements on, Julia's bulk mode forks 8 interleaved generators
    /// (seeded from 32 draws of this one) and fills whole groups of 8 with them; the rest comes from this one.
    public func rand(fill buffer: UnsafeMutableBufferPointer<Double>) {
        var start = 0
        let lanes = 8
        if buffer.count >= lanes {
            var f0 = [UInt64](repeating: 0, count: lanes), f1 = f0, f2 = f0, f3 = f0
            for i in 0..<lanes { f0[i] = 0x0201_1ce3_4bce_797f &* randUInt64() }
            for i in 0..<lanes { f1[i] = 0x5a94_851f_b48a_6e05 &* randUInt64() }
            for i in 0..<lanes { f2[i] = 0x3688_cf5d_4889_9fa7 &* randUInt64() }
            for i in 0..<lanes { f3[i] = 0x867b_4bb4_c42e_5661 &* randUInt64() }
            while start + lanes <= buffer.count {
                for i in 0..<lanes {
                    let result = rotateLeft(f0[i] &+ f3[i], 23) &+ f0[i]
                    let t = f1[i] << 17
                    f2[i] ^= f0[i]
                    f3[i] ^= f1[i]
                    f1[i] ^= f2[i]
                    f0[i] ^= f3[i]
                    f2[i] ^= t
                    f3[i] = rotateLeft(f3[i], 45)
                    buffer[start + i] = Double(result >> 11) * 0x1.0p-53
                }
                start += lanes
            }
        }
        for i in start..<buffer.count { buffer[i] = rand() }
    }

    /// `randn!(rng, A)`: Julia's generic loop of scalar `randn`.
    public func randn(fill buffer: UnsafeMutableBufferPointer<Double>) {
        for i in buffer.indices { buffer[i] = randn() }
    }
}

extension Xoshiro: CustomStringConvertible {
    /// Julia 1.10's `show`: the four state words in hexadecimal.
    public var description: String {
        let words = [s0, s1, s2, s3].map { "0x" + String(repeating: "0", count: 16 - String($0, radix: 16).count) + String($0, radix: 16) }
        return "Xoshiro(\(words.joined(separator: ", ")))"
    }
}

@inline(__always)
func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
