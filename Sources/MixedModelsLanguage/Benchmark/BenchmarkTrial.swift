import Foundation
import TextDisplay

/// The result of `@benchmark` or `run(b)`, displayed in BenchmarkTools' `Trial` layout.
final class BenchmarkTrial: LanguageObject {
    let record: BenchmarkRecord

    init(record: BenchmarkRecord) {
        self.record = record
    }

    var typeName: String { "BenchmarkTools.Trial" }

    var propertyNames: [String] { ["times", "gctimes", "memory", "allocs"] }

    func property(_ name: String) throws -> Value? {
        switch name {
        case "times": .array(ArrayBox(doubles: record.times))
        case "gctimes": .array(ArrayBox(doubles: record.times.map { _ in 0 }))
        case "memory": record.memoryBytes.map(Value.int) ?? .missing
        case "allocs": record.allocations.map(Value.int) ?? .missing
        default: nil
        }
    }

    func display() -> String {
        let times = record.times.sorted()
        let n = times.count
        let evals = record.evaluations
        var out = "BenchmarkTools.Trial: \(n) sample\(n == 1 ? "" : "s") with \(evals) evaluation\(evals == 1 ? "" : "s").\n"
        guard n > 1 else {
            let took = n == 1 ? BenchmarkFormat.time(times[0]) : "no time"
            return out + " Single result which took \(took) (0.00% GC) to evaluate,\n with a memory estimate of "
                + "\(memoryText), over \(allocationsText) allocations."
        }
        let mean = times.reduce(0, +) / Double(n)
        let sd = (times.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
        let median = n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2
        let (minT, maxT) = (BenchmarkFormat.time(times[0]), BenchmarkFormat.time(times[n - 1]))
        let (medT, avgT, sdT) = (BenchmarkFormat.time(median), BenchmarkFormat.time(mean), BenchmarkFormat.time(sd))
        let lw = [medT, avgT, minT].map(\.count).max() ?? 0
        let rw = [sdT, maxT].map(\.count).max() ?? 0
        let gc = "0.00%"
        out += " Range (min … max):  \(minT.leftPadded(to: lw)) … \(maxT.leftPadded(to: rw))  ┊ GC (min … max): \(gc) … \(gc)\n"
        out += " Time  (median):     \(medT.leftPadded(to: lw))\(String(repeating: " ", count: rw + 5))┊ GC (median):    \(gc)\n"
        out += " Time  (mean ± σ):   \(avgT.leftPadded(to: lw)) ± \(sdT.leftPadded(to: rw))  ┊ GC (mean ± σ):  \(gc) ± \(gc)\n"
        out += "\n" + histogram(times, width: 42 + lw + rw, mean: mean)
        out += "\n\n Memory estimate: \(memoryText), allocs estimate: \(allocationsText)."
        return out
    }

    private var memoryText: String { record.memoryBytes.map(BenchmarkFormat.memory) ?? "not measured" }
    private var allocationsText: String { record.allocations.map(String.init) ?? "not measured" }

    /// Two rows of ▁▂▃▄▅▆▇█ over the fastest 99 % of samples, an outlier column, and the time axis.
    private func histogram(_ times: [Double], width: Int, mean: Double) -> String {
        let kept = Array(times.prefix(max(1, Int((0.99 * Double(times.count)).rounded()))))
        let lo = kept[0], hi = kept[kept.count - 1]
        let binCount = max(1, width - 3)
        let delta = (hi - lo) / Double(binCount)
        var bins = [Double](repeating: 0, count: binCount)
        var last = 0
        for i in 1...binCount {
            let edge = i == binCount ? hi : lo + Double(i) * delta
            let position = kept.lastIndex { $0 <= edge }.map { $0 + 1 } ?? 0
            bins[i - 1] = Double(position - last)
            last = max(last, position)
        }
        bins.append(1)
        bins.append((0.01 * Double(times.count)).rounded(.down))
        let rows = BenchmarkFormat.bars(bins, height: 2)
        let lines = rows.map { "  " + String($0) }
        let left = BenchmarkFormat.axisTime(lo), right = BenchmarkFormat.axisTime(hi)
        let caption = "Histogram: frequency by time"
        let leftGap = max(0, (width - caption.count) / 2 - left.count)
        let rightWidth = Int((Double(width - caption.count) / 2).rounded(.up)) - 1
        let axis = "  " + left + String(repeating: " ", count: leftGap) + caption + right.leftPadded(to: rightWidth) + " <"
        return lines.joined(separator: "\n") + "\n" + axis
    }
}

/// BenchmarkTools' `prettytime`, `prettymemory` and `asciihist`.
enum BenchmarkFormat {
    static func time(_ t: Double) -> String {
        let (value, unit): (Double, String) = t < 1e3 ? (t, "ns") : t < 1e6 ? (t / 1e3, "μs")
            : t < 1e9 ? (t / 1e6, "ms") : (t / 1e9, "s")
        return String(format: "%.3f", value) + " " + unit
    }

    /// A time rounded to 3 significant digits without trailing zeros (`145 μs`, `2.08 s`).
    static func axisTime(_ t: Double) -> String {
        let rounded = (try? roundNumber(t, digits: nil, sigdigits: 3)) ?? t
        var s = time(rounded)
        if let space = s.firstIndex(of: " "), s[..<space].contains(".") {
            var number = String(s[..<space])
            while number.hasSuffix("0") { number.removeLast() }
            if number.hasSuffix(".") { number.removeLast() }
            s = number + s[space...]
        }
        return s
    }

    static func memory(_ bytes: Int) -> String {
        let b = Double(bytes)
        if bytes < 1024 { return "\(bytes) bytes" }
        if b < 1024 * 1024 { return String(format: "%.2f KiB", b / 1024) }
        if b < 1024 * 1024 * 1024 { return String(format: "%.2f MiB", b / 1024 / 1024) }
        return String(format: "%.2f GiB", b / 1024 / 1024 / 1024)
    }

    /// Rows of bar characters, top row first; the second-to-last column is left blank.
    static func bars(_ bins: [Double], height: Int) -> [[Character]] {
        let glyphs: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let top = bins.max() ?? 0
        let levels = bins.map { b -> Int in
            guard top > 0 else { return 1 }
            if bins.contains(0) {
                return b == 0 ? 1 : 2 + Int((Double(height * glyphs.count - 2) * b / top).rounded())
            }
            return 1 + Int((Double(height * glyphs.count - 1) * b / top).rounded())
        }
        return (1...height).reversed().map { h in
            levels.enumerated().map { (i, level) -> Character in
                if i == levels.count - 2 { return " " }
                let v = min(glyphs.count, level - (h - 1) * glyphs.count)
                return v < 1 ? " " : glyphs[v - 1]
            }
        }
    }
}
