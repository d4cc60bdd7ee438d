import Foundation

/// A hyper-dual number a + b ε₁ + c ε₂ + d ε₁ε₂ with ε₁² = ε₂² = 0 (Fike & Alonso 2011): carried through a
/// computation it gives, exactly up to rounding, f, ∂f/∂x_i (in `b`), ∂f/∂x_j (in `c`) and ∂²f/∂x_i∂x_j (in `d`)
/// when x_i is seeded with ε₁ and x_j with ε₂ — forward-mode differentiation to second order, as ForwardDiff.jl's
/// nested duals compute it.
struct HyperDual {
    var a: Double
    var b: Double
    var c: Double
    var d: Double

    init(_ a: Double, _ b: Double = 0, _ c: Double = 0, _ d: Double = 0) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    static let zero = HyperDual(0)

    /// f applied through its first and second derivatives at `a`.
    @inline(__always) func chain(_ f: Double, _ f1: Double, _ f2: Double) -> HyperDual {
        HyperDual(f, b * f1, c * f1, d * f1 + b * c * f2)
    }

    @inline(__always) static func + (x: HyperDual, y: HyperDual) -> HyperDual {
        HyperDual(x.a + y.a, x.b + y.b, x.c + y.c, x.d + y.d)
    }

    @inline(__always) static func - (x: HyperDual, y: HyperDual) -> HyperDual {
        HyperDual(x.a - y.a, x.b - y.b, x.c - y.c, x.d - y.d)
    }

    @inline(__always) static func * (x: HyperDual, y: HyperDual) -> HyperDual {
        HyperDual(x.a * y.a, x.a * y.b + x.b * y.a, x.a * y.c + x.c * y.a,
                  x.a * y.d + x.b * y.c + x.c * y.b + x.d * y.a)
    }

    @inline(__always) static func * (s: Double, y: HyperDual) -> HyperDual {
        HyperDual(s * y.a, s * y.b, s * y.c, s * y.d)
    }

    @inline(__always) static func / (x: HyperDual, y: HyperDual) -> HyperDual {
        let inverse = 1 / y.a
        return x * y.chain(inverse, -inverse * inverse, 2 * inverse * inverse * inverse)
    }

    var squareRoot: HyperDual {
        let s = a.squareRoot()
        return chain(s, 0.5 / s, -0.25 / (s * a))
    }

    var log: HyperDual { chain(Foundation.log(a), 1 / a, -1 / (a * a)) }
}
