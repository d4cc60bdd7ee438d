import Foundation

/// The Bernoulli logit quantities for four observations at once, in SIMD lanes, with the same operations in the same
/// order as one observation at a time (so the same bits), but with each lane's choices made by bitwise blends:
/// written as conditionals they compile to branches on the sign of η and on y, which the data make unpredictable.
struct LogitLanes {
    /// μ = g⁻¹(η).
    var mu: SIMD4<Double>
    /// (y − μ)/(dμ/dη), which simplifies to ±d or ±d/e with e = exp(−|η|) and d = 1 + e: exact, and one division.
    var workingResidual: SIMD4<Double>
    /// dμ/dη = e/d², the working weight for a unit prior weight.
    var muEta: SIMD4<Double>
    /// d = 1 + e: the unit deviance −2 log μ (y = 1) or −2 log(1 − μ) (y = 0) is 2(log d + `excess`).
    var d: SIMD4<Double>
    /// max(0, ∓η), − for y = 1.
    var excess: SIMD4<Double>

    /// The quantities at linear predictors `eta` and 0/1 responses `y`, with exp from `VectorExponential` when
    /// `vectorExponential` holds and from the C library otherwise.
    @inline(__always)
    init(eta h: SIMD4<Double>, y: SIMD4<Double>, vectorExponential: Bool = false) {
        let sign = 1 - 2 * y
        // s = ∓η is positive when μ lies on the far side of ½ from y.
        let s = h * sign
        let far = s .> 0
        let a = unsafeBitCast(Self.bits(h) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD4<Double>.self)
        let e = vectorExponential ? VectorExponential.negativeExponential(a)
            : SIMD4(exp(-a[0]), exp(-a[1]), exp(-a[2]), exp(-a[3]))
        let d = 1 + e
        let inverse = 1 / d
        let one = SIMD4<Double>(repeating: 1)
        mu = Self.select(e, one, where: h .< 0) * inverse
        muEta = e * inverse * inverse
        workingResidual = -sign * d / Self.select(e, one, where: far)
        self.d = d
        excess = Self.select(s, .zero, where: far)
    }

    @inline(__always)
    private static func bits(_ x: SIMD4<Double>) -> SIMD4<UInt64> { unsafeBitCast(x, to: SIMD4<UInt64>.self) }

    /// `a` where `mask` holds and `b` elsewhere, by bit operations.
    @inline(__always)
    private static func select(_ a: SIMD4<Double>, _ b: SIMD4<Double>,
                               where mask: SIMDMask<SIMD4<Int64>>) -> SIMD4<Double> {
        let m = unsafeBitCast(mask, to: SIMD4<UInt64>.self)
        return unsafeBitCast((bits(a) & m) | (bits(b) & ~m), to: SIMD4<Double>.self)
    }
}
