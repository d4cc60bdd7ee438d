import DataTables
import Testing
@testable import MixedModels

@Suite("Formula bad input")
struct FormulaErrorTests {
    func parseError(_ source: String) -> FormulaError? {
        do {
            _ = try Formula(source)
            return nil
        } catch let error as FormulaError {
            return error
        } catch {
            return nil
        }
    }

    func frameError(_ source: String, _ data: DataTable, contrasts: [String: ContrastCoding] = [:]) -> FormulaError? {
        do {
            _ = try modelFrame(Formula(source), data: data, contrasts: contrasts)
            return nil
        } catch let error as FormulaError {
            return error
        } catch {
            return nil
        }
    }

    @Test func unbalancedParenthesesPointAtTheOpening() throws {
        let e = try #require(parseError("y ~ 1 + (1 + a | g"))
        #expect(e.column == 8)
        #expect(e.message.contains("unbalanced parentheses"))
        #expect(e.description == """
            unbalanced parentheses: '(' is never closed
              y ~ 1 + (1 + a | g
                      ^
            """)
        let extra = try #require(parseError("y ~ 1 + a)"))
        #expect(extra.column == 9)
        #expect(extra.message.contains("')' without '('"))
    }

    @Test func barOutsideParentheses() throws {
        let e = try #require(parseError("y ~ 1 + a | g"))
        #expect(e.column == 10)
        #expect(e.message.contains("inside parentheses"))
    }

    @Test func emptyTerms() throws {
        #expect(parseError("y ~ 1 + + a")?.column == 8)
        #expect(parseError("y ~ 1 + ")?.column == 8)
        #expect(parseError("y ~ 1 + ()")?.column == 9)
        #expect(parseError("y ~ 1 + ( | g)")?.column == 10)
        #expect(parseError("y ~ 1 + (1 | )")?.column == 13)
        #expect(parseError("y ~ ")?.message.contains("ends where a term is expected") == true)
    }

    @Test func otherSyntaxErrors() throws {
        #expect(parseError("y 1 + a")?.column == 2)
        #expect(parseError("~ a")?.column == 0)
        #expect(parseError("y ~ a ~ b")?.column == 6)
        #expect(parseError("y ~ foo(a)")?.message.contains("unknown function foo") == true)
        #expect(parseError("y ~ 2 + a")?.column == 4)
        #expect(parseError("y ~ a - b")?.column == 6)
        #expect(parseError("y ~ 1 + (a | a)")?.message.contains("both sides") == true)
        #expect(parseError("y ~ 1 + 0 + a")?.message.contains("both includes") == true)
        #expect(parseError("y ~ a $ b")?.column == 6)
        #expect(parseError("y ~ zerocorr(a)")?.column == 4)
        #expect(parseError("y ~ 1 + (1 | (a | b))")?.column == 14)
    }

    @Test func unknownColumnSuggestsCloseNames() throws {
        let data = try Datasets.load("sleepstudy")
        let e = try #require(frameError("reaction ~ 1 + day + (1|subj)", data))
        #expect(e.message == "unknown column :day; did you mean :days?")
        #expect(e.column == 15)
        #expect(e.description.hasSuffix("\n                 ^"))
    }

    @Test func stringResponseNeedsTwoLevels() throws {
        let data = try Datasets.load("verbagg")
        let e = try #require(frameError("resp ~ 1 + anger + (1|subj)", data))
        #expect(e.message.contains("3 levels"))
        #expect(e.column == 0)
    }

    /// StatsModels ignores schema hints for columns a formula does not use, so one `contrasts` dictionary can serve
    /// several formulas (as tutorials do when they drop a factor from a model).
    @Test func contrastsForAnUnusedColumnAreIgnored() throws {
        let data = try Datasets.load("sleepstudy")
        #expect(frameError("reaction ~ 1 + (1|subj)", data, contrasts: ["days": .dummy()]) == nil)
        let frame = try modelFrame(Formula("reaction ~ 1 + (1|subj)"), data: data, contrasts: ["days": .dummy()])
        #expect(frame.coefficientNames == ["(Intercept)"])
    }

    @Test func noRowsLeftAfterDroppingMissing() throws {
        let data = try DataTable(columns: [
            Column(name: "y", doubles: [1, 2, 3], missing: [false, true, false]),
            Column(name: "x", doubles: [1, 2, 3], missing: [true, false, true]),
            Column(name: "g", strings: ["a", "b", "c"]),
        ])
        let e = try #require(frameError("y ~ 1 + x + (1|g)", data))
        #expect(e.message.contains("no rows left"))
    }

    @Test func missingRowsAreDroppedAndCounted() throws {
        let data = try DataTable(columns: [
            Column(name: "y", doubles: [1, 2, 3, 4, 5], missing: [false, true, false, false, false]),
            Column(name: "x", doubles: [1, 2, 3, 5, 4], missing: [false, false, false, true, false]),
            Column(name: "unused", doubles: [1, 2, 3, 5, 4], missing: [true, true, true, true, true]),
            Column(name: "g", strings: ["a", "b", "c", "a", "b"]),
        ])
        let m = try modelFrame(Formula("y ~ 1 + x + (1|g)"), data: data)
        #expect(m.rowsUsed == [0, 2, 4] && m.rowsDropped == 2)
        #expect(m.y == [1, 3, 5])
        #expect(m.x == [1, 1, 1, 1, 3, 4])
        #expect(m.randomEffectsTerms[0].levels == ["a", "b", "c"])
        #expect(m.randomEffectsTerms[0].refs == [0, 2, 1])
    }

    @Test func numericGroupingFactorIsCategorical() throws {
        let data = try DataTable(columns: [
            Column(name: "y", doubles: [1, 2, 3, 4, 5]),
            Column(name: "g", integers: [10, 9, 10, 100, 9], elementType: .int16),
            Column(name: "h", doubles: [0.5, 1, 0.5, 1, 2]),
        ])
        let m = try modelFrame(Formula("y ~ 1 + (1|g) + (1|h)"), data: data)
        #expect(m.randomEffectsTerms[0].levels == ["9", "10", "100"])
        #expect(m.randomEffectsTerms[0].refs == [1, 0, 1, 2, 0])
        #expect(m.randomEffectsTerms[1].levels == ["0.5", "1.0", "2.0"])
    }

    @Test func fullDummyNeedsACategoricalColumn() throws {
        let data = try Datasets.load("sleepstudy")
        let e = try #require(frameError("reaction ~ 1 + days + (1 + fulldummy(days)|subj)", data))
        #expect(e.message.contains("fulldummy(days) needs a categorical column"))
    }

    @Test func undefinedFunctionValues() throws {
        let data = try DataTable(columns: [
            Column(name: "y", doubles: [1, 2, 3]), Column(name: "x", doubles: [1, -2, 3]),
            Column(name: "g", strings: ["a", "b", "a"]),
        ])
        let e = try #require(frameError("y ~ 1 + log(x) + (1|g)", data))
        #expect(e.message.contains("row 2"))
        #expect(frameError("y ~ 1 + x ^ 0.5 + (1|g)", data)?.message.contains("row 2") == true)
        let m = try modelFrame(Formula("y ~ 1 + x ^ 2 + abs(x) / 2 + (1|g)"), data: data)
        #expect(m.coefficientNames == ["(Intercept)", "x ^ 2", "abs(x) / 2"])
        #expect(Array(m.x[3..<9]) == [1, 4, 9, 0.5, 1, 1.5])
    }
}
