import Foundation
import Testing
import MixedModelsLanguage
@testable import NotebookProcessing
import SpecFixtures

/// Every code line of the spec, in the spec's order, in one session, each output compared with the spec's printed
/// text by the notebook doctest's own rules (notebook-format.md §3).
@Suite struct SpecAcceptanceTests {
    @Test func everySpecExampleRunsAndPrintsWhatTheSpecPrints() {
        let session = Session(baseDirectory: FileManager.default.currentDirectoryPath)
        var failures: [String] = []
        for example in specExamples {
            let result = session.run(example.code, file: "mixedmodels-docs.txt", firstLine: example.line, timeout: 600)
            if let error = result.error {
                failures.append("spec line \(example.line): error \(error)")
                continue
            }
            if let problem = SpecMatch.problem(example, actual: result.output) {
                failures.append("spec line \(example.line): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(specExamples.count) spec examples differ:\n\(failures.joined(separator: "\n"))")
    }
}

enum SpecMatch {
    static func problem(_ example: SpecExample, actual: String) -> String? {
        switch example.comparison {
        case .exact:
            return doctest(actual, example.expected, BlockOptions())
        case .flat(let atol):
            var options = BlockOptions()
            options.atol = atol
            return doctest(actual, example.expected, options)
        case .betterOptimum(let specObjective):
            return betterOptimum(actual, example.expected, specObjective: specObjective)
        case .compressed:
            return compressed(actual, example.expected)
        case .benchmark:
            return benchmark(actual)
        case .none:
            return nil
        }
    }

    static func doctest(_ actual: String, _ expected: String, _ options: BlockOptions) -> String? {
        guard let diff = OutputComparison.compare(expected: expected, actual: actual, options: options) else { return nil }
        return diff.compactMap { line -> String? in
            switch line {
            case .same: nil
            case .removed(let text, _): "- " + text
            case .added(let text, _): "+ " + text
            }
        }.joined(separator: "\n")
    }

    /// The fit statistics line's second number is `-2 logLik`; it must be no greater than the spec's. The words
    /// (names, headers, p-value bounds) must be the spec's; numbers and the padding that aligns them may differ.
    static func betterOptimum(_ actual: String, _ expected: String, specObjective: Double) -> String? {
        let lines = OutputComparison.normalizedLines(actual)
        guard lines.count > 3,
              let objective = lines[3].split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else {
            return "no fit statistics in `\(actual)`"
        }
        if objective > specObjective + 5e-5 { return "objective \(objective) is worse than the spec's \(specObjective)" }
        func words(_ s: String) -> [String] {
            s.split(whereSeparator: \.isWhitespace).map(String.init).filter { Double($0) == nil }
        }
        return words(actual) == words(expected) ? nil : "the words differ from the spec's"
    }

    /// Only the characters that survived the spec's text extraction (white space and table rules removed).
    static func compressed(_ actual: String, _ expected: String) -> String? {
        func squeeze(_ s: String) -> String { s.filter { !$0.isWhitespace && !"│─┼".contains($0) } }
        return squeeze(actual) == squeeze(expected) ? nil : "expected `\(squeeze(expected))`, got `\(squeeze(actual))`"
    }

    /// BenchmarkTools' layout; timings are never compared.
    static func benchmark(_ actual: String) -> String? {
        let required = ["Range (min … max):", "Time  (median):", "Time  (mean ± σ):", "Histogram: ", " Memory estimate: "]
        guard actual.range(of: #"^BenchmarkTools\.Trial: \d+ samples? with \d+ evaluations?\."#,
                           options: .regularExpression) != nil else { return "no Trial header in `\(actual)`" }
        if let missing = required.first(where: { !actual.contains($0) }) { return "missing `\(missing)`" }
        if Session.allocationsAreMeasured && actual.contains("not measured") { return "memory not measured" }
        return nil
    }
}
