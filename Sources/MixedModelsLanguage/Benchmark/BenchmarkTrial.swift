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

    func display() -> String { BenchmarkDisplay.trial(record) }
}

