import Foundation

/// The statistics plot types need: quantiles, histogram counts, kernel density estimates, normal quantiles.
public enum PlotStatistics {
    /// Quantile with linear interpolation between order statistics (Julia's default, R's type 7) of sorted data.
    public static func quantile(sorted x: [Double], _ p: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        let h = Double(x.count - 1) * p
        let lo = Int(floor(h)), hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }

    /// Counts of `values` in `bins` equal-width bins spanning the finite data; returns the bin edges and counts.
    public static func histogram(_ values: [Double], bins: Int) -> (edges: [Double], counts: [Double]) {
        let finite = values.filter(\.isFinite)
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        if lo == hi {
            lo -= 0.5
            hi += 0.5
        }
        let width = (hi - lo) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for v in finite {
            let k = min(bins - 1, max(0, Int((v - lo) / width)))
            counts[k] += 1
        }
        return ((0...bins).map { lo + Double($0) * width }, counts)
    }

    /// Silverman's rule of thumb, as KernelDensity.jl's default: 0.9 min(σ, IQR/1.34) n^(-1/5).
    public static func silvermanBandwidth(_ values: [Double]) -> Double {
        let x = values.filter(\.isFinite).sorted()
        let n = Double(x.count)
        guard x.count > 1 else { return 1 }
        let mean = x.reduce(0, +) / n
        let sd = sqrt(x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1))
        let iqr = quantile(sorted: x, 0.75) - quantile(sorted: x, 0.25)
        var width = iqr > 0 ? min(sd, iqr / 1.34) : sd
        if width == 0 { width = 1 }
        return 0.9 * width * pow(n, -0.2)
    }

    /// A Gaussian kernel density estimate at `points` equally spaced values from 4 bandwidths below the smallest
    /// observation to 4 above the largest (KernelDensity.jl's default range).
    public static func density(_ values: [Double], bandwidth: Double? = nil,
                               points: Int = 200) -> (x: [Double], y: [Double]) {
        let x = values.filter(\.isFinite)
        let h = bandwidth ?? silvermanBandwidth(x)
        let lo = (x.min() ?? 0) - 4 * h, hi = (x.max() ?? 0) + 4 * h
        let grid = (0..<points).map { lo + (hi - lo) * Double($0) / Double(points - 1) }
        // Large samples are first binned on a fine grid: the estimate then costs grid × bins, not grid × n.
        var centers = x, weights = [Double](repeating: 1, count: x.count)
        if x.count > 4096 {
            let (edges, counts) = histogram(x, bins: 2048)
            centers = (0..<2048).map { (edges[$0] + edges[$0 + 1]) / 2 }
            weights = counts
        }
        let norm = 1 / (Double(x.count) * h * sqrt(2 * Double.pi))
        let y = grid.map { g -> Double in
            var sum = 0.0
            for (c, w) in zip(centers, weights) where w > 0 {
                let z = (g - c) / h
                if abs(z) < 9 { sum += w * exp(-0.5 * z * z) }
            }
            return sum * norm
        }
        return (grid, y)
    }

    /// Plotting positions for normal Q–Q plots (StatsBase's `ppoints`).
    public static func plottingPositions(_ n: Int) -> [Double] {
        let a = n <= 10 ? 3.0 / 8 : 0.5
        return (1...max(n, 1)).map { (Double($0) - a) / (Double(n) + 1 - 2 * a) }
    }

    /// The standard normal quantile function (Wichura's algorithm AS 241, about 16 digits).
    public static func normalQuantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * poly(r, [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427,
                                13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
                                33430.575583588128105, 2509.0809287301226727])
                / poly(r, [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
                           21213.794301586595867, 39307.89580009271061, 28729.085735721942674,
                           5226.495278852545925])
        }
        var r = q < 0 ? p : 1 - p
        r = sqrt(-log(r))
        let value: Double
        if r <= 5 {
            r -= 1.6
            value = poly(r, [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055,
                             3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177,
                             0.0227238449892691845833, 7.7454501427834140764e-4])
                / poly(r, [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455,
                           0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4,
                           1.05075007164441684324e-9])
        } else {
            r -= 5
            value = poly(r, [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358,
                             0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386,
                             2.71155556874348757815e-5, 2.01033439929228813265e-7])
                / poly(r, [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
                           7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7,
                           2.04426310338993978564e-15])
        }
        return q < 0 ? -value : value
    }

    private static func poly(_ x: Double, _ c: [Double]) -> Double {
        c.reversed().reduce(0) { $0 * x + $1 }
    }
}
