import Foundation
import MixedModelsLanguage

/// The block language: a scalar loop, a vectorised reduction, and parsing the documentation's notebooks
/// (`mixedmodels-bench language`).
enum LanguageBenchmarks {
    /// Runs a block in a session and fails the case on an error.
    private static func run(_ session: Session, _ code: String) throws {
        let result = session.run(code, file: "bench.md", firstLine: 1, timeout: 600)
        if let error = result.error { throw BenchError(message: error) }
    }

    /// The code of every `mixedmodel` block of the notebooks folder.
    private static func notebookBlocks() -> [String] {
        let folder = "notebooks"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }
        var blocks: [String] = []
        for file in files.sorted() {
            guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { continue }
            var current: [Substring]?
            var expectsError = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if current == nil, line.hasPrefix("```mixedmodel") {
                    current = []
                    expectsError = line.contains("error=true")
                } else if current != nil, line.hasPrefix("```") {
                    if !expectsError { blocks.append(current!.joined(separator: "\n")) }
                    current = nil
                } else {
                    current?.append(line)
                }
            }
        }
        return blocks
    }

    static var cases: [BenchCase] {
        let loop = Session(baseDirectory: "/tmp")
        let vector = Session(baseDirectory: "/tmp")
        var prepared = false
        let blocks = notebookBlocks()
        return [
            BenchCase(name: "language for loop 1e6 additions", targetSeconds: 0.3) {
                try run(loop, "s = 0.0\nfor i in 1:1_000_000\n    s += i\nend")
                return FitOutcome(objective: 0, evaluations: 1_000_000)
            },
            BenchCase(name: "language sum(abs2, x) 1e6 floats", targetSeconds: 5e-3) {
                if !prepared {
                    try run(vector, "x = collect(range(0, 1; length = 1_000_000));")
                    prepared = true
                }
                try run(vector, "sum(abs2, x);")
                return FitOutcome(objective: 0, evaluations: 1_000_000)
            },
            BenchCase(name: "language parse notebooks", targetSeconds: 0.05) {
                for b in blocks {
                    if let error = Session.syntaxError(in: b) { throw BenchError(message: error) }
                }
                return FitOutcome(objective: 0, evaluations: blocks.count)
            },
        ]
    }
}

struct BenchError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
