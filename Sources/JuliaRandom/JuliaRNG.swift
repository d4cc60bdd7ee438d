/// A random number generator whose streams are bit-for-bit those of Julia 1.10 (LTS) for the same seed, so that a
/// seeded simulation or bootstrap written for Julia reproduces Julia's printed numbers.
///
/// Julia's array methods are part of the contract: for `MersenneTwister`, `rand!`/`randn!` on an `Array{Float64}`
/// consume the stream differently from repeated scalar calls, and the engine's simulations draw through them.
public protocol JuliaRNG: AnyObject {
    /// `rand(rng)`: a `Float64` uniform on [0, 1).
    func rand() -> Double
    /// `randn(rng)`: a standard normal `Float64` (Julia's ziggurat).
    func randn() -> Double
    /// `randexp(rng)`: a standard exponential `Float64` (Julia's ziggurat).
    func randexp() -> Double
    /// `rand(rng, UInt64)`.
    func randUInt64() -> UInt64
    /// `rand(rng, UInt52Raw())`: the generator's native word holding at least 52 random low bits.
    func randRaw52() -> UInt64
    /// `rand(rng, lo:hi)`: an integer uniform on the closed range, drawn as Julia draws it.
    func rand(in range: ClosedRange<Int>) -> Int
    /// `rand!(rng, A)` for an `Array{Float64}` of `buffer.count` elements.
    func rand(fill buffer: UnsafeMutableBufferPointer<Double>)
    /// `randn!(rng, A)` for an `Array{Float64}` of `buffer.count` elements (column-major, as Julia fills arrays).
    func randn(fill buffer: UnsafeMutableBufferPointer<Double>)
    /// `copy(rng)`: an independent generator in the same state.
    func copy() -> any JuliaRNG
}
