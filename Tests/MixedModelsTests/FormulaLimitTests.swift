import Testing
@testable import MixedModels

/// Formulas that would expand to huge numbers of terms or nest without bound are refused with a clear message.
@Suite("Formula size limits")
struct FormulaLimitTests {
    func factors(_ n: Int) -> [String] { (1...n).map { "x\($0)" } }

    func parseError(_ source: String) -> FormulaError? {
        do {
            _ = try Formula(source)
            return nil
        } catch {
            return error as? FormulaError
        }
    }

    @Test func tenCrossedFactorsExpandToEveryInteraction() throws {
        let formula = try Formula("y ~ " + factors(10).joined(separator: " * "))
        #expect(formula.terms.count == 1023)
        #expect(formula.fixedEffectsTerms.count == 1024)
    }

    @Test(arguments: [11, 16, 24])
    func crossingMoreFactorsIsRefused(n: Int) throws {
        let error = try #require(parseError("y ~ " + factors(n).joined(separator: " * ")))
        #expect(error.message == Formula.tooManyTermsMessage)
        #expect(error.message.contains("more than 1024 terms"))
    }

    @Test func interactionOfLongSumsIsRefused() throws {
        let sum = "(" + factors(40).joined(separator: " + ") + ")"
        let error = try #require(parseError("y ~ \(sum) & \(sum)"))
        #expect(error.message == Formula.tooManyTermsMessage)
    }

    @Test func repeatedExpansionsCollapseToTheirUniqueTerms() throws {
        let product = factors(9).joined(separator: " * ")
        let formula = try Formula("y ~ (\(product)) + (\(product)) + x1 + x2 & x3")
        #expect(formula.terms.count == 511)
    }

    @Test func runTimeProductsAreLimitedAndDeduplicated() throws {
        var product = term("x1")
        for name in factors(10).dropFirst() { product = try product * term(name) }
        #expect(product.summands.count == 1023)
        #expect((product + product).summands.count == 1023)
        #expect(throws: FormulaError(Formula.tooManyTermsMessage)) { try product * term("x11") }
    }

    @Test func deepNestingIsRefused() throws {
        for opening in ["(", "log(", "-", "x^"] {
            let error = try #require(parseError("y ~ " + String(repeating: opening, count: 100_000) + "x"))
            #expect(error.message.contains("nested too deeply") || error.message.contains("too long"))
        }
        let shallow = String(repeating: "(", count: 150) + "x" + String(repeating: ")", count: 150)
        let error = try #require(parseError("y ~ " + shallow))
        #expect(error.message == "the formula is nested too deeply (more than 100 levels)")
    }

    @Test func longChainsAreRefusedBeforeLowering() throws {
        let chain = String(repeating: "a + ", count: 50_000) + "a"
        let error = try #require(parseError("y ~ " + chain))
        #expect(error.message == "the formula is too long: more than 2000 names, numbers and operators")
        #expect(try Formula("y ~ " + String(repeating: "a + ", count: 900) + "b").terms.count == 2)
    }
}
