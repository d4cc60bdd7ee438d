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
}
