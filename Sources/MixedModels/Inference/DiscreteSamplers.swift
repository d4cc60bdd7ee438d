import Foundation
import JuliaRandom

/// Draws from the GLMM families' distributions exactly as Distributions.jl draws them (`rand(rng, Bernoulli(p))`,
/// `rand(rng, Binomial(n, p))`, `rand(rng, Poisson(λ))`), so that a simulated response repeats Julia's values from
/// the same generator state.
enum DiscreteSamplers {
    /// Bernoulli: one uniform, success when it is ≤ p.
    static func bernoulli(_ rng: any JuliaRNG, _ p: Double) -> Int { rng.rand() <= p ? 1 : 0 }

    /// Binomial(n, p): Devroye's geometric method when n·min(p, 1−p) ≤ 10, otherwise BTPE (Kachitvichyanukul and
    /// Schmeiser 1988), both on min(p, 1−p) and reflected for p > ½, as Distributions.jl does.
    static func binomial(_ rng: any JuliaRNG, _ n: Int, _ p: Double) -> Int {
        let r = p <= 0.5 ? p : 1 - p
        let y = r * Double(n) <= 10 ? binomialGeometric(rng, n, r) : BinomialTPE(n, r).draw(rng)
        return p <= 0.5 ? y : n - y
    }

    /// Counts exponential gaps until their sum passes n (r ≤ ½).
    static func binomialGeometric(_ rng: any JuliaRNG, _ n: Int, _ r: Double) -> Int {
        let scale = -1 / log1p(-r)
        var y = 0
        var x = 0
        while true {
            let v = rng.randexp() * scale
            if v > Double(n) { break }
            y += Int(v.rounded(.up))
            if y > n { break }
            x += 1
        }
        return x
    }

    /// Poisson(μ): counting exponential arrivals for μ < 6, Ahrens and Dieter's (1982) normal-based method above.
    static func poisson(_ rng: any JuliaRNG, _ mu: Double) -> Int {
        if mu < 6 {
            var n = 0
            var c = rng.randexp()
            while c < mu {
                n += 1
                c += rng.randexp()
            }
            return n
        }
        return poissonAD(rng, mu)
    }

    private static func poissonAD(_ rng: any JuliaRNG, _ mu: Double) -> Int {
        let s = mu.squareRoot()
        let d = 6 * mu * mu
        let bigL = Int((mu - 1.1484).rounded(.down))
        let g = mu + s * rng.randn()
        if g >= 0 {
            let k = Int(g.rounded(.down))
            if k >= bigL { return k }
            let u = rng.rand()
            let gap = mu - Double(k)
            if d * u >= gap * gap * gap { return k }
            let f = procedureF(mu, k, s)
            if f.fy * (1 - u) <= f.py * exp(f.px - f.fx) { return k }
        }
        while true {
            let e = rng.randexp()
            let u = 2 * rng.rand() - 1
            let t = 1.8 + (u.sign == .minus ? -e : e)
            if t <= -0.6744 { continue }
            let k = Int((mu + s * t).rounded(.down))
            let f = procedureF(mu, k, s)
            let c = 0.1069 / mu
            if c * abs(u) <= f.py * exp(f.px + e) - f.fy * exp(f.fx + e) { return k }
        }
    }

    /// Ahrens and Dieter's procedure F.
    private static func procedureF(_ mu: Double, _ k: Int, _ s: Double) -> (px: Double, py: Double, fx: Double,
                                                                           fy: Double) {
        let omega = 0.3989422804014327 / s
        let b1 = 0.041666666666666664 / mu
        let b2 = 0.3 * b1 * b1
        let c3 = 0.14285714285714285 * b1 * b2
        let c2 = b2 - 15 * c3
        let c1 = b1 - 6 * b2 + 45 * c3
        let c0 = 1 - b1 + 3 * b2 - 15 * c3
        let px: Double, py: Double
        if k < 10 {
            px = -mu
            py = pow(mu, Double(k)) / Double((1...max(1, k)).reduce(1, *))
        } else {
            var delta = 0.08333333333333333 / Double(k)
            delta -= 4.8 * delta * delta * delta
            let v = (mu - Double(k)) / Double(k)
            px = Double(k) * log1pmx(v) - delta
            py = 0.3989422804014327 / Double(k).squareRoot()
        }
        let x = (Double(k) - mu + 0.5) / s
        let x2 = x * x
        return (px, py, -x2 / 2, omega * (((c3 * x2 + c2) * x2 + c1) * x2 + c0))
    }

    /// log(1 + x) − x, by its series near 0 where the difference cancels.
    static func log1pmx(_ x: Double) -> Double {
        guard abs(x) < 0.01 else { return log1p(x) - x }
        var term = x
        var sum = 0.0
        for k in 2...12 {
            term *= -x
            sum += term / Double(k)
        }
        return sum
    }

    /// log Γ(x) − Stirling's approximation, the remainder of Stirling's series.
    static func lstirlingAsym(_ x: Double) -> Double {
        lgamma(x) + x - (x - 0.5) * log(x) - 0.5 * log(2 * Double.pi)
    }
}

/// BTPE's set-up for Binomial(n, r) with r ≤ ½: the triangle, parallelograms and exponential tails.
private struct BinomialTPE {
    let n: Int, r: Double, q: Double, nrq: Double, bigM: Double, mi: Int
    let p1: Double, p2: Double, p3: Double, p4: Double
    let xM: Double, xL: Double, xR: Double, c: Double, lambdaL: Double, lambdaR: Double

    init(_ n: Int, _ r: Double) {
        self.n = n
        self.r = r
        q = 1 - r
        nrq = Double(n) * r * q
        let fM = Double(n + 1) * r
        bigM = fM.rounded(.down)
        mi = Int(bigM.rounded(.toNearestOrEven))
        p1 = (2.195 * nrq.squareRoot() - 4.6 * q).rounded(.down) + 0.5
        xM = bigM + 0.5
        xL = xM - p1
        xR = xM + p1
        c = 0.134 + 20.5 / (15.3 + bigM)
        var a = (fM - xL) / (fM - xL * r)
        lambdaL = a * (1 + 0.5 * a)
        a = (xR - fM) / (xR * q)
        lambdaR = a * (1 + 0.5 * a)
        p2 = p1 * (1 + 2 * c)
        p3 = p2 + c / lambdaL
        p4 = p3 + c / lambdaR
    }

    func draw(_ rng: any JuliaRNG) -> Int {
        while true {
            let u = p4 * rng.rand()
            var v = rng.rand()
            let y: Int
            if u <= p1 {
                return Int((xM - p1 * v + u).rounded(.down))
            } else if u <= p2 {
                let x = xL + (u - p1) / c
                v = v * c + 1 - abs(bigM - x + 0.5) / p1
                if v > 1 { continue }
                y = Int(x.rounded(.down))
            } else if u <= p3 {
                y = Int((xL + log(v) / lambdaL).rounded(.down))
                if y < 0 { continue }
                v *= (u - p2) * lambdaL
            } else {
                y = Int((xR - log(v) / lambdaR).rounded(.down))
                if y > n { continue }
                v *= (u - p3) * lambdaR
            }
            if accepts(y, v) { return y }
        }
    }

    /// Step 5: the exact ratio for y near the mode, otherwise squeezes and Stirling's bound.
    private func accepts(_ y: Int, _ v: Double) -> Bool {
        let k = abs(y - mi)
        if k <= 20 || Double(k) >= 0.5 * nrq - 1 {
            let s = r / q
            let a = s * Double(n + 1)
            var f = 1.0
            if mi < y {
                for i in (mi + 1)...y { f *= a / Double(i) - s }
            } else if mi > y {
                for i in (y + 1)...mi { f /= a / Double(i) - s }
            }
            return v <= f
        }
        let kd = Double(k)
        let rho = (kd / nrq) * ((kd * (kd / 3 + 0.625) + 1.0 / 6.0) / nrq + 0.5)
        let t = -kd * kd / (2 * nrq)
        let bigA = log(v)
        if bigA < t - rho { return true }
        if bigA > t + rho { return false }
        let x1 = Double(y + 1), f1 = Double(mi + 1), z = Double(n + 1 - mi), w = Double(n - y + 1)
        let bound = xM * log(f1 / x1) + (Double(n - mi) + 0.5) * log(z / w) + Double(y - mi) * log(w * r / (x1 * q))
            + DiscreteSamplers.lstirlingAsym(f1) + DiscreteSamplers.lstirlingAsym(z)
            + DiscreteSamplers.lstirlingAsym(x1) + DiscreteSamplers.lstirlingAsym(w)
        return bigA <= bound
    }
}
