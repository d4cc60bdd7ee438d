import Testing
@testable import MixedModelsLanguage

/// Runs blocks in one session and returns each block's output.
func outputs(_ blocks: String...) -> [String] {
    let session = Session(baseDirectory: "/tmp")
    return blocks.map { session.run($0, file: "test.md", firstLine: 1, timeout: 30).output }
}

func output(_ code: String) -> String { outputs(code)[0] }

@Suite struct PlainValueTests {
    @Test func numbersAndArithmetic() {
        #expect(output("1 + 2 * 3") == "7")
        #expect(output("-2^2") == "-4")
        #expect(output("7 / 2") == "3.5")
        #expect(output("1e-5") == "1.0e-5")
        #expect(output("2^10") == "1024")
        #expect(output("1 < 2 && 3 >= 3") == "true")
        #expect(output("x = 5; x += 1; x") == "6")
        #expect(output("-0.0") == "-0.0")
    }

    @Test func strings() {
        #expect(output("\"a\" * \"b\"") == "\"ab\"")
        #expect(output("x = 3; \"x is $x and $(x + 1)\"") == "\"x is 3 and 4\"")
        #expect(output("string(1, \"&\", :b)") == "\"1&b\"")
        #expect(output("println(\"hi\"); 1") == "hi\n1")
    }

    @Test func tuplesAndDestructuring() {
        #expect(output("n, p, q, k = (30, 1, 6, 1)") == "(30, 1, 6, 1)")
        #expect(outputs("n, p = (3, 4)", "p")[1] == "4")
        #expect(output("(:a, :b)") == "(:a, :b)")
        #expect(output("(a = 1, b = 2.5)") == "(a = 1, b = 2.5)")
    }

    @Test func vectors() {
        #expect(output("[1, 2, 3]") == "3-element Vector{Int64}:\n 1\n 2\n 3")
        #expect(output("[1, 2.5]") == "2-element Vector{Float64}:\n 1.0\n 2.5")
        #expect(output("[\"(Intercept)\"]") == "1-element Vector{String}:\n \"(Intercept)\"")
        #expect(output("[-0.5, 10.25]") == "2-element Vector{Float64}:\n -0.5\n 10.25")
        let long = output("[x / 2 for x in 1:30]")
        let lines = long.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 21)
        #expect(lines[0] == "30-element Vector{Float64}:")
        #expect(lines[11] == "  ⋮")
        #expect(lines[12] == " 11.0")
        #expect(lines[1] == "  0.5")
        #expect(output("sum(x for x in 1:10)") == "55")
        #expect(output("string.([\"a\", \"b\"], \"&\", [\"c\", \"d\"])") == "2-element Vector{String}:\n \"a&c\"\n \"b&d\"")
        #expect(output("[1, 2] .+ 1") == "2-element Vector{Int64}:\n 2\n 3")
    }

    @Test func dictionaries() {
        let code = """
        d = Dict{Symbol,Float64}()
        d[:fast] = 2; d[:default] = 1.5; d[:nAGQ] = 3
        sort(d)
        """
        #expect(output(code) == """
        OrderedCollections.OrderedDict{Symbol, Float64} with 3 entries:
          :default => 1.5
          :fast    => 2.0
          :nAGQ    => 3.0
        """)
        #expect(output("Dict(:a => 1)[:a]") == "1")
        #expect(output("typeof(Dict(:a => 1))") == "Dict{Symbol, Int64}")
    }

    @Test func silencingAndNothing() {
        #expect(output("x = 1;") == "")
        #expect(output("nothing") == "")
        #expect(output("using DataFrames, MixedModels\n1") == "1")
        #expect(output("# just a comment\n2 # trailing") == "2")
    }

    @Test func continuedLines() {
        #expect(output("f = max(1,\n    2,\n    3)") == "3")
        #expect(output("1 +\n 2") == "3")
    }
}
