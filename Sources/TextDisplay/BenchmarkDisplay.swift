#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// BenchmarkTools' `show(io, MIME"text/plain"(), ::Trial)`: summary statistics, a two-row histogram of the
/// fastest 99 % of the samples, and the memory estimate. Swift has no garbage collector, so every GC share is 0 %.
public enum BenchmarkDisplay {
    /// The full trial display (no trailing newline). Memory that was not measured prints as `not measured`.
    public static func trial(_ record: BenchmarkRecord) -> String {
        let times = record.times.sorted()
        let evaluations = record.evaluations
        var out = "BenchmarkTools.Trial: \(times.count) sample" + (times.count == 1 ? "" : "s")
        out += " with \(evaluations) evaluation" + (evaluations > 1 ? "s" : "") + ".\n"
        let memory = record.memoryBytes.map(prettyMemory) ?? "not measured"
        let allocations = record.allocations.map(String.init) ?? "not measured"
        guard let first = times.first else { return out + " No results." }
        if times.count == 1 {
            out += " Single result which took " + prettyTime(first) + " (" + prettyPercent(0) + " GC) to evaluate,\n"
            return out + " with a memory estimate of " + memory + ", over " + allocations + " allocations."
        }
        let minTime = prettyTime(first), maxTime = prettyTime(times[times.count - 1])
        let medianTime = prettyTime(median(times)), meanTime = prettyTime(mean(times))
        let stdTime = prettyTime(standardDeviation(times))
        let gc = prettyPercent(0)
        let leftWidth = [medianTime, meanTime, minTime].map(width).max() ?? 0
        let rightWidth = [stdTime, maxTime].map(width).max() ?? 0

        out += " Range (min … max):  " + padLeft(minTime, leftWidth) + " … " + padLeft(maxTime, rightWidth)
        out += "  ┊ GC (min … max): " + gc + " … " + gc + "\n"
        out += " Time  (median):     " + padLeft(medianTime, leftWidth) + String(repeating: " ", count: rightWidth + 5)
        out += "┊ GC (median):    " + gc + "\n"
        out += " Time  (mean ± σ):   " + padLeft(meanTime, leftWidth) + " ± " + padLeft(stdTime, rightWidth)
        out += "  ┊ GC (mean ± σ):  " + gc + " ± " + gc + "\n"
        out += "\n" + histogram(times, width: 42 + leftWidth + rightWidth)
        return out + "\n\n Memory estimate: " + memory + ", allocs estimate: " + allocations + "."
    }

    /// Two rows of bars and the axis line with the rounded minimum and maximum of the fastest 99 %.
    static func histogram(_ times: [Double], width histWidth: Int) -> String {
        let histTimes = Array(times.prefix(max(1, Int((0.99 * Double(times.count)).rounded(.toNearestOrEven)))))
        let low = histTimes[0], high = histTimes[histTimes.count - 1]
        var bins = binCounts(histTimes, count: histWidth - 1, low: low, high: high)
        bins += [1, (0.01 * Double(times.count)).rounded(.down)]
        let threshold = 0.1 * Double(times.count) / Double(histWidth)
        let populated = bins.filter { $0 > threshold }
        var logarithmic = false
        if let maxBin = bins.max(), maxBin > 0, !populated.isEmpty, median(populated.sorted()) / maxBin < 0.05 {
            bins = bins.map { log(1 + $0) }
            logarithmic = true
        }
        var rows = asciiHistogram(bins, height: 2)
        for r in rows.indices { rows[r][rows[r].count - 2] = " " }
        var out = rows.map { "  " + String($0) }.joined(separator: "\n")
        let minText = trimTrailingZeros(prettyTime(roundSignificant(low, digits: 3)))
        let maxText = trimTrailingZeros(prettyTime(roundSignificant(high, digits: 3)))
        let caption = "Histogram: " + (logarithmic ? "log(frequency)" : "frequency") + " by time"
        let spare = histWidth - width(caption)
        out += "\n  " + minText + String(repeating: " ", count: max(0, spare / 2 - width(minText))) + caption
        out += padLeft(maxText, (spare + 1) / 2 - 1) + " <"
        return out
    }

    /// Counts of sorted values in `count` equal-width bins over [low, high] (BenchmarkTools' `bindata`).
    static func binCounts(_ sorted: [Double], count: Int, low: Double, high: Double) -> [Double] {
        let delta = (high - low) / Double(count)
        var bins: [Double] = []
        var last = 0
        var position = 0
        for i in 1...max(1, count) {
            let edge = low + Double(i) * delta
            while position < sorted.count && sorted[position] <= edge { position += 1 }
            bins.append(Double(position - last))
            last = position
        }
        return bins
    }

    /// BenchmarkTools' `asciihist`: bar heights in eighths over `height` rows, top row first.
    static func asciiHistogram(_ bins: [Double], height: Int) -> [[Character]] {
        let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let maxBin = bins.max() ?? 0
        let levels = Double(height * bars.count)
        let hasEmptyBin = bins.min() == 0
        let heights: [Int] = bins.map { b in
            let share = maxBin > 0 ? b / maxBin : 0
            if hasEmptyBin {
                return b == 0 ? 1 : 2 + Int(((levels - 2) * share).rounded(.toNearestOrEven))
            }
            return 1 + Int(((levels - 1) * share).rounded(.toNearestOrEven))
        }
        return (1...height).reversed().map { h in
            heights.map { barHeight in
                let level = min(bars.count, barHeight - (h - 1) * bars.count)
                return level < 1 ? " " : bars[level - 1]
            }
        }
    }

    /// Time with three decimals in ns, μs, ms or s.
    public static func prettyTime(_ t: Double) -> String {
        let (value, unit): (Double, String) = t < 1e3 ? (t, "ns") : t < 1e6 ? (t / 1e3, "μs")
            : t < 1e9 ? (t / 1e6, "ms") : (t / 1e9, "s")
        return CFormat.fixed(value, digits: 3) + " " + unit
    }

    /// Bytes, or KiB/MiB/GiB with two decimals.
    public static func prettyMemory(_ bytes: Int) -> String {
        let b = Double(bytes)
        if bytes < 1024 { return "\(bytes) bytes" }
        let (value, unit): (Double, String) = b < 1024 * 1024 ? (b / 1024, "KiB")
            : b < 1024 * 1024 * 1024 ? (b / (1024 * 1024), "MiB") : (b / (1024 * 1024 * 1024), "GiB")
        return CFormat.fixed(value, digits: 2) + " " + unit
    }

    static func prettyPercent(_ p: Double) -> String { CFormat.fixed(p * 100, digits: 2) + "%" }

    /// Julia's `round(x, sigdigits = n)`.
    static func roundSignificant(_ x: Double, digits: Int) -> Double {
        guard x != 0, x.isFinite else { return x }
        let exponent = digits - 1 - Int(log10(abs(x)).rounded(.down))
        if exponent >= 0 {
            let scale = pow(10.0, Double(exponent))
            return (x * scale).rounded(.toNearestOrEven) / scale
        }
        let inverse = pow(10.0, Double(-exponent))
        return (x / inverse).rounded(.toNearestOrEven) * inverse
    }

    /// Drops a fractional part of zeros before the unit (`145.000 μs` → `145 μs`, `2.080 s` → `2.08 s`).
    static func trimTrailingZeros(_ text: String) -> String {
        guard let space = text.firstIndex(of: " ") else { return text }
        var number = String(text[..<space])
        guard number.contains(".") else { return text }
        while number.hasSuffix("0") { number.removeLast() }
        if number.hasSuffix(".") { number.removeLast() }
        return number + text[space...]
    }

    static func median(_ sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    static func standardDeviation(_ values: [Double]) -> Double {
        let m = mean(values)
        let squares = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        return (squares / Double(values.count - 1)).squareRoot()
    }

    private static func width(_ s: String) -> Int { s.unicodeScalars.count }

    private static func padLeft(_ s: String, _ n: Int) -> String {
        String(repeating: " ", count: max(0, n - width(s))) + s
    }
}
