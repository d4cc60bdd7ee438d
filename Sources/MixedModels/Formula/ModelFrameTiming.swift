import DataTables

/// Timings of building a model frame, for the benchmark executable.
public struct ModelFrameTiming: Sendable {
    /// Seconds taken by each repetition, in order.
    public var seconds: [Double]
    /// The fastest repetition, in seconds.
    public var minimum: Double { seconds.min() ?? 0 }
    /// The median repetition, in seconds.
    public var median: Double {
        let sorted = seconds.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Parses `source` and builds its model frame on `data` `repetitions` times, timing each build
    /// (parse included) with a monotonic clock.
    public static func measure(_ source: String, data: DataTable, contrasts: [String: ContrastCoding] = [:],
                               repetitions: Int = 10) throws -> ModelFrameTiming {
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for _ in 0..<max(1, repetitions) {
            let elapsed = try clock.measure {
                _ = try modelFrame(Formula(source), data: data, contrasts: contrasts)
            }
            let parts = elapsed.components
            seconds.append(Double(parts.seconds) + Double(parts.attoseconds) * 1e-18)
        }
        return ModelFrameTiming(seconds: seconds)
    }
}
