import CAllocationCounter
import Foundation

/// `@time`, `@timed` and `@elapsed`: the wall time of one evaluation and, where malloc interposition is active,
/// the heap allocations it made, printed as Julia 1.10's `@time` prints them.
extension Interpreter {
    func evaluateTimed(_ name: String, _ expression: Expr) throws -> Value {
        let counting = BenchmarkRunner.allocationsMeasurable
        if counting { allocation_counter_start() }
        let clock = ContinuousClock()
        var value = Value.nothing
        let elapsed: Duration
        do {
            defer { if counting { allocation_counter_stop() } }
            elapsed = try clock.measure { value = try evaluate(expression) }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let bytes = counting ? Int(allocation_counter_bytes()) : 0
        let allocations = counting ? Int(allocation_counter_count()) : 0
        switch name {
        case "time":
            output += TimeReport.line(seconds: seconds, bytes: bytes, allocations: allocations) + "\n"
            return value
        case "elapsed":
            return .float(seconds)
        default:
            return .namedTuple(names: ["value", "time", "bytes", "gctime"],
                               values: [value, .float(seconds), .int(bytes), .float(0)])
        }
    }
}

/// Julia's `Base.time_print` line: `  0.000012 seconds (3 allocations: 160 bytes)`.
enum TimeReport {
    static func line(seconds: Double, bytes: Int, allocations: Int) -> String {
        let time = String(format: "%.6f", seconds)
        var line = String(repeating: " ", count: max(0, 10 - time.count)) + time + " seconds"
        guard bytes != 0 || allocations != 0 else { return line }
        let (count, countUnit) = units(allocations, factor: 1000)
        if countUnit == 0 {
            line += " (\(allocations) allocation\(allocations == 1 ? "" : "s"): "
        } else {
            line += " (" + String(format: "%.2f", count) + countUnits[countUnit] + " allocations: "
        }
        return line + formatBytes(bytes) + ")"
    }

    /// Julia's `Base.format_bytes`: whole bytes below 1 KiB, else three decimals of the largest binary unit.
    static func formatBytes(_ bytes: Int) -> String {
        let (value, unit) = units(bytes, factor: 1024)
        if unit == 0 { return "\(bytes) byte\(bytes == 1 ? "" : "s")" }
        return String(format: "%.3f", value) + " " + memoryUnits[unit]
    }

    private static let countUnits = ["", " k", " M", " G", " T", " P"]
    private static let memoryUnits = ["byte", "KiB", "MiB", "GiB", "TiB", "PiB"]

    /// Julia's `prettyprint_getunits`: the unit is ⌈log(value) / log(factor)⌉ (0-based here), at most the last one.
    private static func units(_ value: Int, factor: Double) -> (Double, Int) {
        guard value > 1 else { return (Double(value), 0) }
        let unit = min(countUnits.count, Int((log(Double(value)) / log(factor)).rounded(.up)))
        return (Double(value) / pow(factor, Double(unit - 1)), max(0, unit - 1))
    }
}
