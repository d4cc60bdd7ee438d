/// Julia's `MersenneTwister`: dSFMT-19937 with Julia 1.10's seeding and its two caches (1002 doubles for floats,
/// 501 `UInt128` words for integers), so that every call consumes the stream exactly as Julia does.
public final class MersenneTwister: JuliaRNG {
    static let floatCacheSize = 501 << 1
    static let intCacheBytes = 501 << 4

    /// The seed as Julia's `make_seed` splits it: 32-bit words, least significant first.
    public let seedWords: [UInt32]
    var state: DSFMT
    var vals = [Double](repeating: 0, count: MersenneTwister.floatCacheSize)
    /// Position in `vals`: the number of doubles already used (`idxF`); `floatCacheSize` means empty.
    var idxF = MersenneTwister.floatCacheSize
    /// The integer cache as (low, high) 64-bit halves of 501 `UInt128` words.
    var ints = [(UInt64, UInt64)](repeating: (0, 0), count: 501)
    /// Bytes left in the integer cache (`idxI`).
    var idxI = 0
    /// Doubles drawn from the dSFMT state since seeding (`adv`), and when each cache was last filled.
    var adv: Int64 = 0
    var advVals: Int64 = -1
    var advInts: Int64 = -1

    /// `MersenneTwister(seed)` for a non-negative integer seed.
    public convenience init(seed: UInt64) {
        self.init(seedWords: MersenneTwister.makeSeed(seed))
    }

    /// `MersenneTwister(seed::Vector{UInt32})`.
    public init(seedWords: [UInt32]) {
        self.seedWords = seedWords
        state = DSFMT(key: seedWords)
    }

    private init(copying other: MersenneTwister) {
        seedWords = other.seedWords
        state = other.state
        vals = other.vals
        idxF = other.idxF
        ints = other.ints
        idxI = other.idxI
        adv = other.adv
        advVals = other.advVals
        advInts = other.advInts
    }

    /// Julia 1.10's `make_seed(n)`: the 32-bit words of `n`, least significant first (at least one word).
    public static func makeSeed(_ n: UInt64) -> [UInt32] {
        var words = [UInt32(truncatingIfNeeded: n)]
        var rest = n >> 32
        while rest != 0 {
            words.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        }
        return words
    }

    public func copy() -> any JuliaRNG { MersenneTwister(copying: self) }

    // MARK: the dSFMT stream

    private func fillArray(_ buffer: UnsafeMutableBufferPointer<Double>) {
        adv += Int64(buffer.count)
        state.fillClose1Open2(buffer)
    }

    private func refillFloats() {
        advVals = adv
        vals.withUnsafeMutableBufferPointer { fillArray($0) }
        idxF = 0
    }

    /// `rand(rng, CloseOpen12())`: the next cached double in [1, 2).
    @inline(__always)
    func nextClose1Open2() -> Double {
        if idxF == MersenneTwister.floatCacheSize { refillFloats() }
        let x = vals[idxF]
        idxF += 1
        return x
    }

    // MARK: JuliaRNG

    public func rand() -> Double { nextClose1Open2() - 1.0 }

    /// `rand(rng, UInt52Raw())`: the bit pattern of a double in [1, 2).
    public func randRaw52() -> UInt64 { nextClose1Open2().bitPattern }

    public func randn() -> Double { Ziggurat.normal(randRaw52(), self) }

    public func randexp() -> Double { Ziggurat.exponential(randRaw52() & DSFMT.lowMask, self) }

    /// `rand(rng, UInt64)`, from the integer cache (filled from the high end down, as `mt_pop!` reads it).
    public func randUInt64() -> UInt64 {
        if idxI < 8 { refillInts() }
        idxI -= 8
        let word = ints[idxI >> 4]
        return (idxI >> 3) & 1 == 1 ? word.1 : word.0
    }

    /// `mt_setfull!(r, UInt64)`: 627 words of 104 random bits condensed into 501 fully random `UInt128`.
    private func refillInts() {
        advInts = adv
        let length = 501 + 126
        var raw = [Double](repeating: 0, count: 2 * length)
        raw.withUnsafeMutableBufferPointer { fillArray($0) }
        var words = (0..<length).map { (raw[2 * $0].bitPattern, raw[2 * $0 + 1].bitPattern) }
        var k = 501
        var n = 0
        while n != 500 {
            let u = words[k]
            k += 1
            for shift in [48, 36, 24, 12] {
                words[n] = xor(words[n], shiftLeft(u, shift))
                n += 1
            }
        }
        words[500] = xor(words[500], shiftLeft(words[length - 1], 48))
        ints = Array(words[0..<501])
        idxI = MersenneTwister.intCacheBytes
    }

    public func rand(in range: ClosedRange<Int>) -> Int {
        RangeSampler.nearlyDivisionless(self, range)
    }

    /// `rand!(rng, A::Array{Float64})`: large arrays are filled straight from the dSFMT state (bypassing the
    /// cache) except their last two or three elements; small ones are copied from the cache.
    public func rand(fill buffer: UnsafeMutableBufferPointer<Double>) {
        fillClose1Open2(buffer)
        for i in buffer.indices { buffer[i] -= 1.0 }
    }

    /// `rand!(rng, A, CloseOpen12())` for an `Array{Float64}`.
    func fillClose1Open2(_ buffer: UnsafeMutableBufferPointer<Double>) {
        let n = buffer.count
        let n2 = (n - 2) / 2 * 2
        if n2 < DSFMT.minArraySize {
            fillFromCache(buffer)
            return
        }
        fillArray(UnsafeMutableBufferPointer(rebasing: buffer[0..<n2]))
        for i in n2..<n { buffer[i] = nextClose1Open2() }
    }

    /// `_rand_max383!`: at most one refill of the cache.
    private func fillFromCache(_ buffer: UnsafeMutableBufferPointer<Double>) {
        for i in buffer.indices { buffer[i] = nextClose1Open2() }
    }

    /// `randn!(rng, A::Array{Float64})`: from 13 elements on, Julia draws all the uniforms first (`rand!` in
    /// [1, 2)) and feeds their bits to the ziggurat; rejected draws fall back to scalar `randn`.
    public func randn(fill buffer: UnsafeMutableBufferPointer<Double>) {
        if buffer.count < 13 {
            for i in buffer.indices { buffer[i] = randn() }
            return
        }
        fillClose1Open2(buffer)
        for i in buffer.indices {
            buffer[i] = Ziggurat.normal(buffer[i].bitPattern, self)
        }
    }
}

extension MersenneTwister: CustomStringConvertible {
    /// Julia's `show`: `MersenneTwister(42)` while unused, then the seed and the stream counters.
    public var description: String {
        var seed = "0"
        if seedWords.count <= 2 {
            var value: UInt64 = 0
            for (i, w) in seedWords.enumerated() { value |= UInt64(w) << (32 * UInt64(i)) }
            seed = value <= UInt64(Int64.max) ? String(value) : "0x" + String(value, radix: 16)
        } else {
            seed = "0x" + seedWords.reversed().enumerated().map { index, word in
                index == 0 ? String(word, radix: 16) : String(repeating: "0", count: 8 - String(word, radix: 16).count) + String(word, radix: 16)
            }.joined()
        }
        if adv == 0 { return "MersenneTwister(\(seed))" }
        var counters: [Int64] = [0, adv]
        if advVals != -1 || advInts != -1 {
            if advVals == -1 { counters += [0, 0] } else { counters += [advVals, Int64(idxF)] }
        }
        if advInts != -1 {
            counters += [advInts, Int64((ints.count * 16 - idxI) / 8)]
        }
        return "MersenneTwister(\(seed), (\(counters.map(String.init).joined(separator: ", "))))"
    }
}

@inline(__always)
func xor(_ a: (UInt64, UInt64), _ b: (UInt64, UInt64)) -> (UInt64, UInt64) { (a.0 ^ b.0, a.1 ^ b.1) }

/// A 128-bit (low, high) word shifted left by `s` bits, 0 < s < 64.
@inline(__always)
func shiftLeft(_ u: (UInt64, UInt64), _ s: Int) -> (UInt64, UInt64) {
    (u.0 << UInt64(s), (u.1 << UInt64(s)) | (u.0 >> UInt64(64 - s)))
}
