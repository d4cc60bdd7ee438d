import Foundation

/// Julia's `randn` and `randexp`: Marsaglia and Tsang's ziggurat with 256 strips, fed 52 random bits per draw.
enum Ziggurat {
    /// The right end of the normal ziggurat's base strip (Julia's `ziggurat_nor_r`), and its inverse.
    static let normalR = 3.6541528853610087963519472518
    static let normalInverseR = 1 / normalR
    /// The right end of the exponential ziggurat's base strip (`ziggurat_exp_r`).
    static let exponentialR = 7.6971174701310497140446280481

    /// `_randn(rng, r)`: a standard normal from the 52 low bits of `raw` (one sign bit, 8 strip bits, the rest
    /// the abscissa); the rare rejections draw further uniforms from `rng`.
    @inline(__always)
    static func normal<R: JuliaRNG>(_ raw: UInt64, _ rng: R) -> Double {
        let r = raw & 0x000f_ffff_ffff_ffff
        let rabs = Int64(r >> 1)
        let idx = Int(rabs & 0xff)
        let x = Double(r & 1 == 1 ? -rabs : rabs) * ZigguratTables.wi[idx]
        if UInt64(rabs) < ZigguratTables.ki[idx] { return x }
        return normalUnlikely(rng, idx, rabs, x)
    }

    @inline(never)
    static func normalUnlikely<R: JuliaRNG>(_ rng: R, _ idx: Int, _ rabs: Int64, _ x: Double) -> Double {
        if idx == 0 {
            while true {
                let xx = -normalInverseR * log(rng.rand())
                let yy = -log(rng.rand())
                if yy + yy > xx * xx {
                    return (rabs >> 8) & 1 == 1 ? -normalR - xx : normalR + xx
                }
            }
        }
        let fi = ZigguratTables.fi
        if (fi[idx - 1] - fi[idx]) * rng.rand() + fi[idx] < exp(-0.5 * x * x) {
            return x
        }
        return rng.randn()
    }

    /// `randexp(rng)` from the 52 bits `ri`.
    @inline(__always)
    static func exponential<R: JuliaRNG>(_ ri: UInt64, _ rng: R) -> Double {
        let idx = Int(ri & 0xff)
        let x = Double(ri) * ZigguratTables.we[idx]
        if ri < ZigguratTables.ke[idx] { return x }
        if idx == 0 { return exponentialR - log(rng.rand()) }
        let fe = ZigguratTables.fe
        if (fe[idx - 1] - fe[idx]) * rng.rand() + fe[idx] < exp(-x) { return x }
        return rng.randexp()
    }
}
