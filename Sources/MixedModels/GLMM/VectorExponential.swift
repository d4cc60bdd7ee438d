/// exp(−a) for a ≥ 0 in four SIMD lanes, within about one ulp of the correctly rounded value: the logit update's
/// one transcendental call per observation, which as four scalar `exp` calls is the update's largest cost on large
/// data. Branch-free and deterministic (fused multiply-adds, exactly rounded on every machine).
///
/// exp(−a) = 2⁻ᵏ exp(−r) with k = round(a/log 2) and r = a − k log 2 ∈ [−log 2/2, log 2/2], k log 2 taken in two
/// parts (fdlibm's split, whose high part makes k·high exact) so that r carries no cancellation error; exp(−r) is
/// its Taylor polynomial of degree 13 (truncation below 5·10⁻¹⁸ relative) and 2⁻ᵏ two exact powers of two, so that
/// results in the subnormal range round once more at most. a > 746 gives 0 (+∞ too), NaN gives NaN.
enum VectorExponential {
    static let log2e = 1.4426950408889634
    static let ln2High = 6.93147180369123816490e-01
    static let ln2Low = 1.90821492927058770002e-10
    /// 1.5·2⁵²: adding it rounds a number below 2⁵¹ in magnitude to an integer held in the low bits.
    static let shifter = 6755399441055744.0

    @inline(__always)
    static func negativeExponential(_ a: SIMD4<Double>) -> SIMD4<Double> {
        // Past 746, exp(−a) is below half the smallest subnormal; the clamp keeps k's bits in range (NaN stays).
        let clamped = a.replacing(with: 746, where: a .> 746)
        let shifted = clamped * log2e + shifter
        let k = shifted - shifter
        let r = clamped.addingProduct(-k, SIMD4(repeating: ln2High)).addingProduct(-k, SIMD4(repeating: ln2Low))
        let t = -r
        // Horner's rule on 1/n!, n = 13 … 0.
        var p = SIMD4<Double>(repeating: 1.6059043836821613e-10)
        p = SIMD4(repeating: 2.08767569878681e-09).addingProduct(p, t)
        p = SIMD4(repeating: 2.505210838544172e-08).addingProduct(p, t)
        p = SIMD4(repeating: 2.755731922398589e-07).addingProduct(p, t)
        p = SIMD4(repeating: 2.7557319223985893e-06).addingProduct(p, t)
        p = SIMD4(repeating: 2.48015873015873e-05).addingProduct(p, t)
        p = SIMD4(repeating: 0.0001984126984126984).addingProduct(p, t)
        p = SIMD4(repeating: 0.001388888888888889).addingProduct(p, t)
        p = SIMD4(repeating: 0.008333333333333333).addingProduct(p, t)
        p = SIMD4(repeating: 0.041666666666666664).addingProduct(p, t)
        p = SIMD4(repeating: 0.16666666666666666).addingProduct(p, t)
        p = SIMD4(repeating: 0.5).addingProduct(p, t)
        p = SIMD4(repeating: 1).addingProduct(p, t)
        p = SIMD4(repeating: 1).addingProduct(p, t)
        // k ≤ 1077 as an integer from the shifted value's low bits, and 2⁻ᵏ as 2^−⌊k/2⌋ · 2^−⌈k/2⌉, both normal.
        let kBits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self) &- unsafeBitCast(SIMD4(repeating: shifter),
                                                                                    to: SIMD4<UInt64>.self)
        let k1 = kBits &>> 1
        let k2 = kBits &- k1
        let bias = SIMD4<UInt64>(repeating: 1023)
        let s1 = unsafeBitCast((bias &- k1) &<< 52, to: SIMD4<Double>.self)
        let s2 = unsafeBitCast((bias &- k2) &<< 52, to: SIMD4<Double>.self)
        return p * s1 * s2
    }
}
