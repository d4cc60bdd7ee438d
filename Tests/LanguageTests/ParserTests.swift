import Testing
@testable import MixedModelsLanguage

@Suite struct ParserTests {
    @Test func symbolsAndRanges() {
        #expect(output("x = 3\ncollect(1:x)") == "3-element Vector{Int64}:\n 1\n 2\n 3")
        #expect(output("[1, :a, \"b\"]") == "3-element Vector{Any}:\n 1\n  :a\n  \"b\"")
        #expect(output("(2:4)[2]") == "3")
        #expect(output("length(1:10)") == "10")
    }

    @Test func unicodeIdentifiersAndBangs() {
        #expect(output("θ = 2.0; σ₁ = 3\nθ * σ₁") == "6.0")
        #expect(output("d = Dict(:a => 1); push!(d, :b => 2); length(d)") == "2")
        #expect(output("1 != 2") == "true")
    }

    @Test func keywordsAfterSemicolonAndShorthand() {
        #expect(output("round(2.345; digits = 2)") == "2.35")
        #expect(output("digits = 1\nround(2.345; digits)") == "2.3")
        #expect(output("round(1234.5, sigdigits=2)") == "1200.0")
    }

    @Test func broadcastingAndPrecedence() {
        #expect(output("sqrt.([4.0, 9.0])") == "2-element Vector{Float64}:\n 2.0\n 3.0")
        #expect(output("[1, 2] .* [3, 4]") == "2-element Vector{Int64}:\n 3\n 8")
        #expect(output("2 * 3 ^ 2") == "18")
        #expect(output("1 + 2 == 3 && !false") == "true")
        #expect(output("x = 5; x > 3 ? \"big\" : \"small\"") == "\"big\"")
    }

    @Test func stringsAndEscapes() {
        #expect(output("\"a\\tb\\n\"") == "\"a\\tb\\n\"")
        #expect(output("print(\"a\\tb\")") == "a\tb")
        #expect(output("\"cost: \\$5\"") == "\"cost: \\$5\"")
    }

    @Test func comprehensionsAndGenerators() {
        #expect(output("[x^2 for x in 1:4 if x > 2]") == "2-element Vector{Int64}:\n  9\n 16")
        #expect(output("maximum(abs(x) for x in [-3, 2])") == "3")
    }

    @Test func formulaMacroCapturesRawText() {
        #expect(output("f = @formula(y ~ 1 + a + (1 | g))\nstring(f)") == "\"y ~ 1 + a + (1 | g)\"")
        #expect(output("@formula(y ~ 1 + a + b + a & b) == (term(:y) ~ term(1) + term(:a) + term(:b) + term(:a) & term(:b))")
                == "true")
    }

    @Test func matricesAndTuples() {
        #expect(output("m = [1.0, 2.0]; typeof(m)") == "Vector{Float64}")
        #expect(output("(1,)") == "(1,)")
        #expect(output("a, b = 1, 2\nb") == "2")
    }
}
