import Foundation
import TextDisplay

/// A `@benchmark` result as a small statistics table and an inline SVG histogram.
public enum BenchmarkRendering {
    /// Summary statistics of the sample times, in nanoseconds.
    struct Statistics {
        var minimum, median, mean, standardDeviation, maximum: Double

        init?(_ times: [Double]) {
            guard !times.isEmpty else { return nil }
            let sorted = times.sorted()
            minimum = sorted[0]
            maximum = sorted[sorted.count - 1]
            let middle = sorted.count / 2
            median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            let average = sorted.reduce(0, +) / Double(sorted.count)
            mean = average
            let squares = sorted.map { ($0 - average) * ($0 - average) }.reduce(0, +)
            standardDeviation = sorted.count > 1 ? (squares / Double(sorted.count - 1)).squareRoot() : 0
        }
    }

    /// The rows of the statistics table.
    static func rows(_ record: BenchmarkRecord) -> [(String, String)] {
        var rows = [("samples", "\(record.times.count)"), ("evaluations per sample", "\(record.evaluations)")]
        if let statistics = Statistics(record.times) {
            rows += [
                ("minimum", duration(statistics.minimum)),
                ("median", duration(statistics.median)),
                ("mean ± σ", duration(statistics.mean) + " ± " + duration(statistics.standardDeviation)),
                ("maximum", duration(statistics.maximum)),
            ]
        }
        if let bytes = record.memoryBytes { rows.append(("memory per evaluation", memory(bytes))) }
        if let allocations = record.allocations { rows.append(("allocations per evaluation", "\(allocations)")) }
        return rows
    }

    public static func html(_ record: BenchmarkRecord) -> String {
        var html = "<div class=\"benchmark\">\n<table class=\"result-table\">\n<caption>Benchmark</caption>\n<tbody>\n"
        for (name, value) in rows(record) {
            html += "<tr><th>\(XML.escape(name))</th><td class=\"num\">\(XML.escape(value))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        return html + histogramSVG(record.times) + "</div>\n"
    }

    public static func markdown(_ record: BenchmarkRecord) -> String {
        var lines = ["| statistic | value |", "| --- | ---: |"]
        lines += rows(record).map { "| \($0.0) | \($0.1) |" }
        return lines.joined(separator: "\n")
    }

    /// Bars of the sample-time distribution from the fastest sample to the 99th percentile; as in BenchmarkTools,
    /// the rare slow outliers are gathered in the last bar so that they do not squash the rest.
    static func histogramSVG(_ times: [Double], bins binCount: Int = 30) -> String {
        guard !times.isEmpty else { return "" }
        let sorted = times.sorted()
        let lower = sorted[0]
        let percentile = sorted[Int(0.99 * Double(sorted.count - 1))]
        let upper = percentile > lower ? percentile : sorted[sorted.count - 1]
        let clipped = sorted.filter { $0 > upper }.count
        let span = upper - lower
        var bins = [Int](repeating: 0, count: binCount)
        for time in sorted {
            let position = span > 0 ? min(1, (time - lower) / span) : 0
            bins[min(binCount - 1, Int(position * Double(binCount)))] += 1
        }
        let width = 360.0, height = 90.0, axis = 30.0
        let tallest = Double(bins.max() ?? 1)
        let barWidth = width / Double(binCount)
        var svg = "<svg class=\"histogram\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" "
            + "height=\"\(Int(height + axis))\" viewBox=\"0 0 \(Int(width)) \(Int(height + axis))\" role=\"img\">\n"
        let outliers = clipped > 0 ? "; the last bar also holds \(clipped) slower samples" : ""
        svg += "<title>Histogram of \(times.count) sample times\(outliers)</title>\n"
        for (index, count) in bins.enumerated() where count > 0 {
            let barHeight = max(1, height * Double(count) / tallest)
            svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%d</title></rect>\n",
                          Double(index) * barWidth + 0.5, height - barHeight, barWidth - 1, barHeight, count)
        }
        let tickLine = Int(height + 13)
        svg += "<line x1=\"0\" y1=\"\(Int(height) + 1)\" x2=\"\(Int(width))\" y2=\"\(Int(height) + 1)\"/>\n"
        svg += "<text x=\"0\" y=\"\(tickLine)\">\(XML.escape(duration(lower)))</text>\n"
        svg += "<text x=\"\(Int(width))\" y=\"\(tickLine)\" text-anchor=\"end\">"
            + "\(XML.escape(duration(upper) + (clipped > 0 ? " <" : "")))</text>\n"
        // Axis labels: what the bars count, and along what.
        svg += "<text x=\"\(Int(width / 2))\" y=\"\(Int(height + axis - 3))\" text-anchor=\"middle\">time per evaluation</text>\n"
        svg += "<text x=\"\(Int(width))\" y=\"10\" text-anchor=\"end\">samples (tallest bar: \(Int(tallest)))</text>\n"
        return svg + "</svg>\n"
    }

    /// Nanoseconds in the largest unit that keeps the value at least 1, with three decimals (`144.621 μs`).
    static func duration(_ nanoseconds: Double) -> String {
        let units: [(Double, String)] = [(1e9, "s"), (1e6, "ms"), (1e3, "μs")]
        for (scale, unit) in units where nanoseconds >= scale {
            return String(format: "%.3f", nanoseconds / scale) + " " + unit
        }
        return String(format: "%.3f ns", nanoseconds)
    }

    static func memory(_ bytes: Int) -> String {
        let units: [(Double, String)] = [(1_073_741_824, "GiB"), (1_048_576, "MiB"), (1024, "KiB")]
        for (scale, unit) in units where Double(bytes) >= scale {
            return String(format: "%.2f", Double(bytes) / scale) + " " + unit
        }
        return "\(bytes) bytes"
    }
}
