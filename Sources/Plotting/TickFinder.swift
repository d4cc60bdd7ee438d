import Foundation

/// Tick positions: Talbot, Lin and Hanrahan's extension of Wilkinson's algorithm ("An extension of Wilkinson's
/// algorithm for positioning tick labels on axes", InfoVis 2010) for linear axes, decades for log axes.
public enum TickFinder {
    /// Nice step multipliers, best first.
    static let niceSteps: [Double] = [1, 5, 2, 2.5, 4, 3]
    /// Weights of simplicity, coverage, density and legibility.
    static let weights = (0.25, 0.2, 0.5, 0.05)

    /// Labelled ticks inside `range`, aiming at about five of them.
    public static func ticks(for range: ClosedRange<Double>, scale: Scale, target: Int = 5) -> [Tick] {
        if let base = scale.base { return logTicks(range, base: base) }
        let values = positions(range.lowerBound, range.upperBound, target: target)
        return zip(values, NumberFormat.labels(values)).map { Tick(value: $0, label: $1) }
    }

    /// Tick values within [lo, hi].
    public static func positions(_ lo: Double, _ hi: Double, target m: Int = 5) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi > lo else { return lo.isFinite ? [lo] : [] }
        guard let best = search(lo, hi, Double(m)) else { return [] }
        var values: [Double] = []
        let decimals = max(0, -Int(floor(log10(best.step))) + (best.q == 2.5 ? 1 : 0))
        let scale = pow(10, Double(min(decimals, 15)))
        var i = 0.0
        while true {
            var v = best.start + i * best.step
            v = (v * scale).rounded() / scale
            if v > hi + best.step * 1e-9 { break }
            if v >= lo - best.step * 1e-9 { values.append(v == 0 ? 0 : v) }
            i += 1
            if i > 100 { break }
        }
        return values
    }

    private struct Labeling {
        var start: Double, step: Double, q: Double, score: Double
    }

    private static func search(_ dmin: Double, _ dmax: Double, _ m: Double) -> Labeling? {
        let (ws, wc, wd, wl) = weights
        var best: Labeling?
        var bestScore = -2.0
        var j = 1.0
        outer: while j < 20 {
            for (index, q) in niceSteps.enumerated() {
                let sm = simplicityMax(index, j)
                if ws * sm + wc + wd + wl < bestScore { break outer }
                var k = 2.0
                while k < 50 {
                    let dm = densityMax(k, m)
                    if ws * sm + wc + wd * dm + wl < bestScore { break }
                    let delta = (dmax - dmin) / (k + 1) / j / q
                    var z = ceil(log10(delta))
                    while z < 400 {
                        let step = j * q * pow(10, z)
                        let cm = coverageMax(dmin, dmax, step * (k - 1))
                        if ws * sm + wc * cm + wd * dm + wl < bestScore { break }
                        let minStart = floor(dmax / step) * j - (k - 1) * j
                        let maxStart = ceil(dmin / step) * j
                        if minStart <= maxStart {
                            var start = minStart
                            while start <= maxStart {
                                let lmin = start * (step / j), lmax = lmin + step * (k - 1)
                                let s = simplicity(index, j, lmin, lmax, step)
                                let c = coverage(dmin, dmax, lmin, lmax)
                                let g = density(k, m, dmin, dmax, lmin, lmax)
                                let score = ws * s + wc * c + wd * g + wl
                                if score > bestScore {
                                    bestScore = score
                                    best = Labeling(start: lmin, step: step, q: q, score: score)
                                }
                                start += 1
                            }
                        }
                        z += 1
                    }
                    k += 1
                }
            }
            j += 1
        }
        return best
    }

    private static func simplicity(_ i: Int, _ j: Double, _ lmin: Double, _ lmax: Double, _ step: Double) -> Double {
        let n = Double(niceSteps.count)
        let r = lmin.truncatingRemainder(dividingBy: step)
        let hasZero = (abs(r) < 1e-10 || step - abs(r) < 1e-10) && lmin <= 0 && lmax >= 0 ? 1.0 : 0
        return 1 - Double(i) / (n - 1) - j + hasZero
    }

    private static func simplicityMax(_ i: Int, _ j: Double) -> Double {
        2 - Double(i) / Double(niceSteps.count - 1) - j
    }

    private static func coverage(_ dmin: Double, _ dmax: Double, _ lmin: Double, _ lmax: Double) -> Double {
        let r = dmax - dmin
        return 1 - 0.5 * (pow(dmax - lmax, 2) + pow(dmin - lmin, 2)) / pow(0.1 * r, 2)
    }

    private static func coverageMax(_ dmin: Double, _ dmax: Double, _ span: Double) -> Double {
        let r = dmax - dmin
        guard span > r else { return 1 }
        let half = (span - r) / 2
        return 1 - 0.5 * (2 * half * half) / pow(0.1 * r, 2)
    }

    private static func density(_ k: Double, _ m: Double, _ dmin: Double, _ dmax: Double,
                                _ lmin: Double, _ lmax: Double) -> Double {
        let r = (k - 1) / (lmax - lmin)
        let rt = (m - 1) / (max(lmax, dmax) - min(dmin, lmin))
        return 2 - max(r / rt, rt / r)
    }

    private static func densityMax(_ k: Double, _ m: Double) -> Double {
        k >= m ? 2 - (k - 1) / (m - 1) : 1
    }

    /// Powers of the base inside the range (labelled 10⁰, 10¹, … or 2⁰, 2¹, …); when fewer than two fit, linear
    /// ticks instead.
    static func logTicks(_ range: ClosedRange<Double>, base: Double = 10) -> [Tick] {
        let a = log(range.lowerBound) / log(base), b = log(range.upperBound) / log(base)
        let first = Int(ceil(a - 1e-12)), last = Int(floor(b + 1e-12))
        let exponents: [Int] = first <= last ? Array(first...last) : []
        if exponents.count >= 2 {
            var chosen = exponents
            while chosen.count > 7 { chosen = stride(from: 0, to: chosen.count, by: 2).map { chosen[$0] } }
            let name = base == 10 ? "10" : NumberFormat.plain(base)
            return chosen.map { Tick(value: pow(base, Double($0)), label: name + NumberFormat.superscript($0)) }
        }
        let values = positions(range.lowerBound, range.upperBound).filter { $0 > 0 }
        return zip(values, NumberFormat.labels(values)).map { Tick(value: $0, label: $1) }
    }
}
