import Testing
@testable import MixedModels

@Suite("Formula parsing and lowered printing")
struct FormulaParsingTests {
    @Test("every formula of the spec prints its lowered form", arguments: [
        ("yield ~ 1 + (1|batch)", "yield ~ 1 + (1 | batch)"),
        ("yield ~ 1+(1|batch)", "yield ~ 1 + (1 | batch)"),
        ("reaction ~ 1 + days + (1 + days|subj)", "reaction ~ 1 + days + (1 + days | subj)"),
        ("diameter ~ 1 + (1|plate) + (1|sample)", "diameter ~ 1 + (1 | plate) + (1 | sample)"),
        ("diameter ~ 1+(1|plate)+(1|sample)", "diameter ~ 1 + (1 | plate) + (1 | sample)"),
        ("strength ~ 1 + (1|batch/cask)", "strength ~ 1 + (1 | batch) + (1 | batch & cask)"),
        ("strength ~ 1 + (1|sample) + (1|batch)", "strength ~ 1 + (1 | sample) + (1 | batch)"),
        ("y ~ 1 + service * dept + (1|s) + (1|d)", "y ~ 1 + service + dept + service & dept + (1 | s) + (1 | d)"),
        ("reaction ~ 1 + days + zerocorr(1 + days|subj)", "reaction ~ 1 + days + zerocorr(1 + days | subj)"),
        ("reaction ~ 1 + days + (1|subj) + (days|subj)", "reaction ~ 1 + days + (1 | subj) + (days | subj)"),
        ("reaction ~ 1 + days + (1 + fulldummy(days)|subj)", "reaction ~ 1 + days + (1 + days | subj)"),
        ("reaction ~ 1 + days + (1|subj) + zerocorr(days|subj)", "reaction ~ 1 + days + (1 | subj) + zerocorr(days | subj)"),
        ("reaction ~ 1 + days + zerocorr(1 + fulldummy(days)|subj)", "reaction ~ 1 + days + zerocorr(1 + days | subj)"),
        ("r2 ~ 1 + anger + gender + btype + situ + mode + (1|subj) + (1|item)",
         "r2 ~ 1 + anger + gender + btype + situ + mode + (1 | subj) + (1 | item)"),
        ("use ~ 1 + age + abs2(age) + livch + urban + (1|dist)", "use ~ 1 + age + abs2(age) + livch + urban + (1 | dist)"),
        ("y ~ 1 + a + b + (1 + a + b | g)", "y ~ 1 + a + b + (1 + a + b | g)"),
        ("(incid / hsz) ~ 1 + period + (1|herd)", "incid / hsz ~ 1 + period + (1 | herd)"),
        ("1000 / rt ~ 1 + x + (1|g)", "1000 / rt ~ 1 + x + (1 | g)"),
    ])
    func lowered(source: String, expected: String) throws {
        #expect(try Formula(source).description == expected)
    }

    @Test func implicitInterceptsAndRemoval() throws {
        #expect(try Formula("y ~ a").description == "y ~ 1 + a")
        #expect(try Formula("y ~ 0 + a").description == "y ~ 0 + a")
        #expect(try Formula("y ~ a - 1").description == "y ~ 0 + a")
        #expect(try Formula("y ~ a + (x|g)").description == "y ~ 1 + a + (1 + x | g)")
        #expect(try Formula("y ~ a + (0 + x|g)").description == "y ~ 1 + a + (0 + x | g)")
    }

    @Test func starExpansionAndSorting() throws {
        #expect(try Formula("y ~ a*b*c").description == "y ~ 1 + a + b + c + a & b + a & c + b & c + a & b & c")
        #expect(try Formula("y ~ a&b + a + 1").description == "y ~ 1 + a + a & b")
        #expect(try Formula("y ~ (a + b) & c").description == "y ~ 1 + a & c + b & c")
        #expect(try Formula("y ~ a + a + b").description == "y ~ 1 + a + b")
        #expect(try Formula("log(y) ~ x + exp(x) + x ^ 2").description == "log(y) ~ 1 + x + exp(x) + x ^ 2")
    }

    @Test func formulaTermDisplayOfParsedFormula() throws {
        let f = try Formula("y ~ 1 + a + b + (1 + a + b | g)")
        #expect(f.formulaTermDisplay == """
            FormulaTerm
            Response:
              y(unknown)
            Predictors:
              1
              a(unknown)
              b(unknown)
              (a,b,g)->(1 + a + b) | g
            """)
        let g = try Formula("(incid / hsz) ~ abs2(age) + a & b + zerocorr(1 + days | subj)")
        #expect(g.formulaTermDisplay == """
            FormulaTerm
            Response:
              (incid,hsz)->incid / hsz
            Predictors:
              (age)->abs2(age)
              a(unknown) & b(unknown)
              (days,subj)->zerocorr((1 + days) | subj)
            """)
    }

    @Test func runtimeConstruction() throws {
        let built = try term("y") ~ term(1) + term("a") + term("b") + (try term("a") & term("b"))
        #expect(try built == Formula("y ~ 1 + a + b + a & b"))
        let terms = [term(1), term("a"), term("b")].reduce(Term.zero, +)
        let f = try term("y") ~ terms + (try terms | term("g"))
        #expect(f.formulaTermDisplay == """
            FormulaTerm
            Response:
              y(unknown)
            Predictors:
              1
              a(unknown)
              b(unknown)
              (1 + a + b | g)
            """)
        #expect(f.description == "y ~ 1 + a + b + (1 + a + b | g)")
        #expect(try f == Formula("y ~ 1 + a + b + (1 + a + b | g)"))
        #expect(try (term("y") ~ term("a") * term("b")) == Formula("y ~ a * b"))
        let z = try term("y") ~ term(1) + zerocorr(term(1) + term("days") | term("subj"))
        #expect(z.description == "y ~ 1 + zerocorr(1 + days | subj)")
    }

    @Test func termDisplays() throws {
        let t = term(1) + term("a") + (try term("a") & term("b"))
        #expect(t.description == "1 + a + a & b")
        #expect(t.textDisplay == "1\na(unknown)\na(unknown) & b(unknown)")
        #expect(try (term("a") | term("g")).description == "(a | g)")
        #expect(try fulldummy(term("days")).textDisplay == "(days)->fulldummy(days)")
        #expect(try Formula("(incid / hsz) ~ 1 + period").responseName == "incid / hsz")
        #expect(throws: FormulaError.self) { try term(1) | (term("g") + term("h")) }
        #expect(throws: FormulaError.self) { try term("a") & term(1) }
        #expect(throws: FormulaError.self) { try zerocorr(term("a")) }
    }

    @Test func juliaExpressionPrinting() throws {
        #expect(try Formula("y ~ log(a + b + 1) + (a - b) / 2 + sqrt(-a) + exp(a ^ 2)").description
                == "y ~ 1 + log(a + b + 1) + (a - b) / 2 + sqrt(-a) + exp(a ^ 2)")
        #expect(try Formula("y ~ 1 + log10((a + b) + c)").description == "y ~ 1 + log10((a + b) + c)")
    }

    @Test func variablesInOrder() throws {
        let f = try Formula("use ~ 1 + age + abs2(age) + livch + urban + (1|dist)")
        #expect(f.variables == ["use", "age", "livch", "urban", "dist"])
        #expect(f.column(of: "livch") == 28)
    }
}
