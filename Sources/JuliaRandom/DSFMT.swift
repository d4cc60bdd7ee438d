/// The dSFMT-19937 generator (Saito & Matsumoto's double precision SIMD-oriented Fast Mersenne Twister) as Julia's
/// `MersenneTwister` drives it: seeded by `dsfmt_init_by_array` and read only through `dsfmt_fill_array_close1_open2`.
///
/// Every fill continues one linear stream of 128-bit words, so the state is kept as a ring of the last `n` words
/// plus the "lung" word, and each new word is the recursion of the word `n` back, the word `n - pos1` back and the lung.
struct DSFMT {
    /// Number of 128-bit words in the state (`DSFMT_N` for a Mersenne exponent of 19937).
    static let n = 191
    /// Smallest array `dsfmt_fill_array_*` accepts, in doubles (`dsfmt_get_min_array_size()`).
    static let minArraySize = 2 * n
    static let pos1 = 117
    static let sl1: UInt64 = 19
    static let sr: UInt64 = 12
    static let mask1: UInt64 = 0x000f_faff_ffff_fb3f
    static let mask2: UInt64 = 0x000f_fdff_fc90_fffd
    static let fix1: UInt64 = 0x9001_4964_b32f_4329
    static let fix2: UInt64 = 0x3b8d_12ac_548a_7c7a
    static let pcv1: UInt64 = 0x3d84_e1ac_0dc8_2880
    static let pcv2: UInt64 = 0x0000_0000_0000_0001
    static let lowMask: UInt64 = 0x000f_ffff_ffff_ffff
    static let highConstant: UInt64 = 0x3ff0_0000_0000_0000

    /// The ring of words, two `UInt64` per word (`u[0]`, `u[1]`).
    private var words: [UInt64]
    private var lung: (UInt64, UInt64)
    /// Index of the oldest word, the next one to be replaced.
    private var position = 0

    /// `dsfmt_init_by_array(key)`.
    init(key: [UInt32]) {
        let size = (DSFMT.n + 1) * 4
        let lag = 11
        let mid = (size - lag) / 2
        var s = [UInt32](repeating: 0x8b8b_8b8b, count: size)
        func mix1(_ x: UInt32) -> UInt32 { (x ^ (x >> 27)) &* 1_664_525 }
        func mix2(_ x: UInt32) -> UInt32 { (x ^ (x >> 27)) &* 1_566_083_941 }
        let keyLength = key.count
        let count = max(keyLength + 1, size)
        var r = mix1(s[0] ^ s[mid % size] ^ s[(size - 1) % size])
        s[mid % size] &+= r
        r &+= UInt32(truncatingIfNeeded: keyLength)
        s[(mid + lag) % size] &+= r
        s[0] = r
        var i = 1
        var j = 0
        while j < count - 1 {
            r = mix1(s[i] ^ s[(i + mid) % size] ^ s[(i + size - 1) % size])
            s[(i + mid) % size] &+= r
            r &+= (j < keyLength ? key[j] : 0) &+ UInt32(truncatingIfNeeded: i)
            s[(i + mid + lag) % size] &+= r
            s[i] = r
            i = (i + 1) % size
            j += 1
        }
        for _ in 0..<size {
            r = mix2(s[i] &+ s[(i + mid) % size] &+ s[(i + size - 1) % size])
            s[(i + mid) % size] ^= r
            r &-= UInt32(truncatingIfNeeded: i)
            s[(i + mid + lag) % size] ^= r
            s[i] = r
            i = (i + 1) % size
        }
        var all = (0..<(size / 2)).map { UInt64(s[2 * $0]) | UInt64(s[2 * $0 + 1]) << 32 }
        for k in 0..<(2 * DSFMT.n) {
            all[k] = (all[k] & DSFMT.lowMask) | DSFMT.highConstant
        }
        words = Array(all[0..<(2 * DSFMT.n)])
        lung = (all[2 * DSFMT.n], all[2 * DSFMT.n + 1])
        certifyPeriod()
    }

    /// `period_certification`: makes sure the state is not in a short cycle.
    private mutating func certifyPeriod() {
        var inner = ((lung.0 ^ DSFMT.fix1) & DSFMT.pcv1) ^ ((lung.1 ^ DSFMT.fix2) & DSFMT.pcv2)
        var shift: UInt64 = 32
        while shift > 0 {
            inner ^= inner >> shift
            shift >>= 1
        }
        if inner & 1 == 0 {
            lung.1 ^= 1
        }
    }

    /// The next 128-bit word of the stream, as its two doubles in [1, 2) (their bit patterns).
    @inline(__always)
    mutating func nextWord() -> (UInt64, UInt64) {
        let a = 2 * position
        let b = 2 * ((position + DSFMT.pos1) % DSFMT.n)
        let t0 = words[a], t1 = words[a + 1]
        let l0 = lung.0, l1 = lung.1
        let new0 = (t0 << DSFMT.sl1) ^ (l1 >> 32) ^ (l1 << 32) ^ words[b]
        let new1 = (t1 << DSFMT.sl1) ^ (l0 >> 32) ^ (l0 << 32) ^ words[b + 1]
        lung = (new0, new1)
        let r0 = (new0 >> DSFMT.sr) ^ (new0 & DSFMT.mask1) ^ t0
        let r1 = (new1 >> DSFMT.sr) ^ (new1 & DSFMT.mask2) ^ t1
        words[a] = r0
        words[a + 1] = r1
        position = position + 1 == DSFMT.n ? 0 : position + 1
        return (r0, r1)
    }

    /// `dsfmt_fill_array_close1_open2`: the next `buffer.count` (even, at least `minArraySize`) doubles in [1, 2).
    mutating func fillClose1Open2(_ buffer: UnsafeMutableBufferPointer<Double>) {
        precondition(buffer.count % 2 == 0 && buffer.count >= DSFMT.minArraySize)
        var k = 0
        while k < buffer.count {
            let (u0, u1) = nextWord()
            buffer[k] = Double(bitPattern: u0)
            buffer[k + 1] = Double(bitPattern: u1)
            k += 2
        }
    }
}
