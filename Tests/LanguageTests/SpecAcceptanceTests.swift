import Foundation
import Testing
@testable import MixedModelsLanguage

/// Compares a block's output with the spec's printed text as the notebook doctest does.
enum SpecMatch {
    static let number = try! NSRegularExpression(pattern: #"(?<![\w<.\-])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])"#)

    static func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop(while: { $0 == " " }).reversed())
        }
        while result.last == "" { result.removeLast() }
        return result
    }

    /// The line with numbers replaced by `#`, and the numbers.
    static func skeleton(_ line: String) -> (String, [String]) {
        let ns = line as NSString
        var numbers: [String] = []
        var out = ""
        var last = 0
        for m in number.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last)) + "#"
            numbers.append(ns.substring(with: m.range))
            last = m.range.location + m.range.length
        }
        return (out + ns.substring(from: last), numbers)
    }

    static func numbersMatch(_ a: String, _ e: String) -> Bool {
        if !e.contains(".") && !e.lowercased().contains("e") { return a == e }
        guard let x = Double(a), let y = Double(e) else { return a == e }
        return abs(x - y) <= 1e-6 + 1e-4 * abs(y)
    }

    /// nil when the outputs match, else the first differing line.
    static func exact(_ actual: String, _ expected: String) -> String? {
        let a = lines(actual), e = lines(expected)
        for i in 0..<max(a.count, e.count) {
            let al = i < a.count ? a[i] : "<missing>", el = i < e.count ? e[i] : "<missing>"
            let (sa, na) = skeleton(al), (se, ne) = skeleton(el)
            if sa != se || na.count != ne.count || !zip(na, ne).allSatisfy(numbersMatch) {
                return "line \(i + 1): expected `\(el)`, got `\(al)`"
            }
        }
        return nil
    }

    static func compressed(_ actual: String, _ expected: String) -> String? {
        func squeeze(_ s: String) -> String { s.filter { !$0.isWhitespace && !"│─┼".contains($0) } }
        return squeeze(actual) == squeeze(expected) ? nil : "expected `\(squeeze(expected))`, got `\(squeeze(actual))`"
    }

    static func benchmark(_ actual: String) -> String? {
        let required = ["Range (min … max):", "Time  (median):", "Time  (mean ± σ):", "Histogram: ", " Memory estimate: "]
        guard actual.range(of: #"^BenchmarkTools\.Trial: \d+ samples? with \d+ evaluations?\."#,
                           options: .regularExpression) != nil else { return "no Trial header in `\(actual)`" }
        if let missing = required.first(where: { !actual.contains($0) }) { return "missing `\(missing)`" }
        if Session.allocationsAreMeasured && actual.contains("not measured") { return "memory not measured" }
        return nil
    }
}

@Suite struct SpecAcceptanceTests {
    /// Every code line of the spec, in order, in one session; each output compared with the spec's text.
    @Test func everySpecExampleRunsAndPrintsWhatTheSpecPrints() {
        let session = Session(baseDirectory: FileManager.default.currentDirectoryPath)
        var failures: [String] = []
        for example in specExamples {
            let result = session.run(example.code, file: "mixedmodels-docs.txt", firstLine: example.line, timeout: 600)
            if let error = result.error {
                failures.append("spec line \(example.line): error \(error)")
                continue
            }
            let problem: String? = switch example.comparison {
            case .exact: SpecMatch.exact(result.output, example.expected)
            case .compressed: SpecMatch.compressed(result.output, example.expected)
            case .benchmark: SpecMatch.benchmark(result.output)
            case .none: nil
            }
            if let problem { failures.append("spec line \(example.line): \(problem)") }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(specExamples.count) spec examples differ:\n\(failures.joined(separator: "\n"))")
    }
}
