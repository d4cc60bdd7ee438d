import Foundation

extension PlotStatistics {
    /// A loess smooth (Cleveland's local regression, as Gadfly's `Geom.smooth` draws by default): at each of
    /// `points` equally spaced x values from the smallest to the largest observation, a weighted least-squares
    /// polynomial of `degree` (1 or 2) fitted to the nearest `span` fraction of the data with tricube weights.
    /// Non-finite pairs are left out.
    public static func loess(_ x: [Double], _ y: [Double], span: Double = 0.75, degree: Int = 2,
                             points: Int = 100) -> (x: [Double], y: [Double]) {
        let pairs = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }.sorted { $0.0 < $1.0 }
        guard let lo = pairs.first?.0, let hi = pairs.last?.0 else { return ([], []) }
        let n = pairs.count
        let q = min(n, max(degree + 1, Int((span * Double(n)).rounded(.down))))
        let grid = lo == hi ? [lo] : (0..<points).map { lo + (hi - lo) * Double($0) / Double(points - 1) }
        let fitted = grid.map { x0 -> Double in
            var (radius, window) = nearest(pairs, at: x0, count: q)
            // With fewer than q neighbours inside, the window widens as R's loess does for span > 1.
            if q == n, span > 1 {
                radius *= pow(span, 1.0 / Double(max(degree, 1)))
                window = 0..<n
            }
            // Points outside the window are at least `radius` away: their tricube weight is zero.
            return localFit(pairs[window], at: x0, radius: radius, degree: degree)
        }
        return (grid, fitted)
    }

    /// The distance from `x0` to its `count`-th nearest x among pairs sorted by x, and the indices of those
    /// neighbours: the window grows from the insertion point towards the nearer side, `count` steps in all.
    private static func nearest(_ pairs: [(Double, Double)], at x0: Double,
                                count: Int) -> (radius: Double, window: Range<Int>) {
        var left = 0, right = pairs.count
        while left < right {
            let middle = (left + right) / 2
            if pairs[middle].0 < x0 { left = middle + 1 } else { right = middle }
        }
        var below = left - 1, above = left, radius = 0.0
        for _ in 0..<count {
            let down = below >= 0 ? x0 - pairs[below].0 : .infinity
            let up = above < pairs.count ? pairs[above].0 - x0 : .infinity
            if down <= up {
                radius = down
                below -= 1
            } else {
                radius = up
                above += 1
            }
        }
        return (radius, below + 1..<above)
    }

    /// The value at `x0` of the tricube-weighted polynomial fit in the window of `radius`, in powers of x − x0
    /// (its constant term is the fit); a lower degree when the window's points cannot determine the higher one.
    private static func localFit(_ pairs: ArraySlice<(Double, Double)>, at x0: Double, radius: Double, degree: Int) -> Double {
        // Sums of w·tᵏ (k = 0…4) and w·tᵏ·y (k = 0…2) with t = x − x0.
        var s = [Double](repeating: 0, count: 5), r = [Double](repeating: 0, count: 3)
        for (x, y) in pairs {
            let t = x - x0
            let u = radius > 0 ? abs(t) / radius : (t == 0 ? 0 : 1)
            guard u < 1 else { continue }
            let v = 1 - u * u * u
            let w = v * v * v
            var tk = w
            for k in 0..<5 {
                s[k] += tk
                if k < 3 { r[k] += tk * y }
                tk *= t
            }
        }
        guard s[0] > 0 else { return .nan }
        if degree >= 2 {
            let m = [[s[0], s[1], s[2]], [s[1], s[2], s[3]], [s[2], s[3], s[4]]]
            if let c = solve3(m, r) { return c }
        }
        let det = s[0] * s[2] - s[1] * s[1]
        if degree >= 1, det > 1e-12 * s[0] * s[2] { return (s[2] * r[0] - s[1] * r[1]) / det }
        return r[0] / s[0]
    }

    /// The first component of the solution of a symmetric 3 × 3 system by Cramer's rule; nil when it is (nearly)
    /// singular.
    private static func solve3(_ m: [[Double]], _ b: [Double]) -> Double? {
        func det(_ a: [[Double]]) -> Double {
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        }
        let d = det(m)
        let scale = m[0][0] * m[1][1] * m[2][2]
        guard scale > 0, abs(d) > 1e-10 * scale else { return nil }
        var first = m
        for i in 0..<3 { first[i][0] = b[i] }
        return det(first) / d
    }
}
