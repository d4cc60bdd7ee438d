import CAllocationCounter
import TextDisplay

/// A prepared benchmark (`@benchmarkable`): the expression, its `$` values taken at definition, and parameters.
final class Benchmarkable: LanguageObject {
    let expression: Expr
    let interpolated: [SourceOffset: Value]
    let parameters: BenchmarkParameters

    init(expression: Expr, interpolated: [SourceOffset: Value], parameters: BenchmarkParameters) {
        self.expression = expression
        self.interpolated = interpolated
        self.parameters = parameters
    }

    var typeName: String { "BenchmarkTools.Benchmark" }

    func display() -> String {
        "Benchmark(evals=\(parameters.evaluations.map(String.init) ?? "1"), seconds=\(Display.repr(.float(parameters.seconds))), "
            + "samples=\(parameters.samples))"
    }
}

/// `seconds`, `samples` and `evals` as in BenchmarkTools. The default time budget is 0.5 s here, not 5 s, so that
/// notebooks with several benchmarks stay quick to check and render.
struct BenchmarkParameters {
    var seconds = 0.5
    var samples = 10000
    /// Evaluations per sample; nil to choose from the first run.
    var evaluations: Int?

    static let names: Set<String> = ["seconds", "samples", "evals"]
}

/// Times an expression repeatedly and counts its heap allocations.
enum BenchmarkRunner {
    /// True when malloc interposition is active in this process, so memory figures are real.
    static let allocationsMeasurable: Bool = allocation_counter_is_active() != 0
    /// Warm-up runs at least this long (ns) count as the first sample.
    static let warmupSampleThreshold = 10_000_000.0

    static func run(_ b: Benchmarkable, _ interpreter: Interpreter) throws -> BenchmarkTrial {
        let savedOutput = interpreter.output
        let savedInterpolations = interpreter.interpolated
        interpreter.interpolated = b.interpolated
        defer {
            interpreter.output = savedOutput
            interpreter.interpolated = savedInterpolations
        }
        let clock = ContinuousClock()
        let start = clock.now
        // Warm-up run, which also sizes the number of evaluations per sample.
        let warmup = try clock.measure { _ = try interpreter.evaluate(b.expression) }
        let warmupNanoseconds = nanoseconds(warmup)
        let evaluations = b.parameters.evaluations
            ?? (warmupNanoseconds < 10_000 ? min(1000, max(1, Int(10_000 / max(warmupNanoseconds, 1)))) : 1)
        var times: [Double] = []
        // A slow expression has no start-up effects worth discarding (no JIT here): its warm-up run is a sample.
        if evaluations == 1 && warmupNanoseconds >= Self.warmupSampleThreshold {
            times.append(warmupNanoseconds)
        }
        var memory: (bytes: Int, count: Int)?
        let budget = Duration.milliseconds(Int64(b.parameters.seconds * 1000))
        // At least two samples, so the result always has a spread to show.
        while times.count < b.parameters.samples && (times.count < 2 || clock.now - start < budget) {
            try interpreter.checkDeadline()
            let measureMemory = memory == nil && allocationsMeasurable
            if measureMemory { allocation_counter_start() }
            let elapsed = try clock.measure {
                for _ in 0..<evaluations { _ = try interpreter.evaluate(b.expression) }
            }
            if measureMemory {
                allocation_counter_stop()
                memory = (Int(allocation_counter_bytes()) / evaluations, Int(allocation_counter_count()) / evaluations)
            }
            times.append(nanoseconds(elapsed) / Double(evaluations))
        }
        return BenchmarkTrial(record: BenchmarkRecord(times: times, evaluations: evaluations,
                                                      memoryBytes: memory?.bytes, allocations: memory?.count))
    }

    private static func nanoseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
    }
}

extension Interpreter {
    /// `@benchmark expr` runs at once; `@benchmarkable expr` returns the prepared benchmark for `run`.
    func evaluateBenchmark(_ expression: Expr, _ parameters: [(name: String, value: Expr)], runNow: Bool,
                           at offset: SourceOffset) throws -> Value {
        var params = BenchmarkParameters()
        for (name, valueExpr) in parameters {
            let v = try evaluate(valueExpr)
            switch (name, v) {
            case ("seconds", _) where v.asDouble != nil: params.seconds = v.asDouble ?? 1
            case ("samples", .int(let n)) where n > 0: params.samples = n
            case ("evals", .int(let n)) where n > 0: params.evaluations = n
            default:
                guard BenchmarkParameters.names.contains(name) else {
                    throw LanguageError("unknown benchmark parameter `\(name)`: expected seconds, samples or evals",
                                        at: valueExpr.offset)
                }
                throw LanguageError("benchmark parameter \(name) must be a positive number, got \(v.described)",
                                    at: valueExpr.offset)
            }
        }
        var captured: [SourceOffset: Value] = [:]
        try captureInterpolations(expression, into: &captured)
        let b = Benchmarkable(expression: expression, interpolated: captured, parameters: params)
        if !runNow { return .object(b) }
        return .object(try located(offset) { try BenchmarkRunner.run(b, self) })
    }

    /// Evaluates every `$x` once, as BenchmarkTools does when the benchmark is defined.
    func captureInterpolations(_ e: Expr, into captured: inout [SourceOffset: Value]) throws {
        switch e.kind {
        case .interpolate(let inner):
            captured[e.offset] = try evaluate(inner)
        case .call(let callee, let arguments, _):
            try captureInterpolations(callee, into: &captured)
            for a in arguments { try captureInterpolations(a.value, into: &captured) }
        case .binary(_, let l, let r), .and(let l, let r), .or(let l, let r):
            try captureInterpolations(l, into: &captured)
            try captureInterpolations(r, into: &captured)
        case .unary(_, let x), .property(let x, _), .splat(let x):
            try captureInterpolations(x, into: &captured)
        case .comparison(let operands, _):
            for x in operands { try captureInterpolations(x, into: &captured) }
        case .assign(let target, let value, _):
            try captureInterpolations(target, into: &captured)
            try captureInterpolations(value, into: &captured)
        case .index(let base, let items), .curly(let base, let items):
            try captureInterpolations(base, into: &captured)
            for i in items { try captureInterpolations(i, into: &captured) }
        case .tuple(let items), .array(let items), .block(let items):
            for i in items { try captureInterpolations(i, into: &captured) }
        default:
            break
        }
    }
}

extension BuiltinLibrary {
    /// `run(b)` for a prepared benchmark, optionally overriding its parameters.
    mutating func registerBenchmark() {
        add("run", keywords: BenchmarkParameters.names) { c in
            try c.expectCount(1, "run(benchmark)")
            guard case .object(let o) = c.positional[0], let b = o as? Benchmarkable else {
                throw c.wrongType(0, expected: "a benchmark made by @benchmarkable")
            }
            var parameters = b.parameters
            if let s = try c.doubleKeyword("seconds") { parameters.seconds = s }
            if let n = try c.intKeyword("samples") { parameters.samples = max(1, n) }
            if let e = try c.intKeyword("evals") { parameters.evaluations = max(1, e) }
            let configured = Benchmarkable(expression: b.expression, interpolated: b.interpolated,
                                           parameters: parameters)
            return .object(try BenchmarkRunner.run(configured, c.interpreter))
        }
    }
}
