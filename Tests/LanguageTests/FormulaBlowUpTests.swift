import Testing
@testable import MixedModelsLanguage

/// A formula crossing many factors fails at once with a located message instead of expanding to 2ⁿ terms.
@Suite struct FormulaBlowUpTests {
    @Test(arguments: ["@formula(y ~ ", "term(:y) ~ "])
    func sixteenCrossedFactorsAreRefused(prefix: String) {
        let factors = (1...16).map { prefix.hasPrefix("@") ? "x\($0)" : "term(:x\($0))" }.joined(separator: " * ")
        let code = prefix + factors + (prefix.hasPrefix("@") ? ")" : "")
        let result = Session(baseDirectory: "/tmp").run(code, file: "nb.md", firstLine: 7, timeout: 30)
        #expect(result.error?.hasPrefix("nb.md:7:") == true, "\(result.output)")
        #expect(result.error?.contains("the formula expands to more than 1024 terms") == true, "\(result.output)")
    }

    @Test func aLongFunctionTermCrossedWithManyFactorsIsRefused() {
        // Found by the formula fuzzer: a 1.4 kB formula whose product repeated a long `/` chain into 1.2 MB of names.
        let chain = (1...200).map { "x\($0)" }.joined(separator: "/")
        let factors = (1...9).map { "f\($0)" }.joined(separator: " * ")
        let code = "@formula(y ~ \(chain) * \(factors))"
        let result = Session(baseDirectory: "/tmp").run(code, file: "nb.md", firstLine: 3, timeout: 30)
        #expect(result.error?.hasPrefix("nb.md:3:") == true, "\(result.output)")
        #expect(result.error?.contains("expand to more than 256 kB of term names") == true, "\(result.output)")
        let ordinary = Session(baseDirectory: "/tmp").run("@formula(y ~ log(a / b) * c * d * e)", file: "nb.md",
                                                          firstLine: 1, timeout: 30)
        #expect(ordinary.error == nil, "\(ordinary.output)")
    }
}
