import Testing
@testable import MixedModelsLanguage

/// Julia idioms beyond the basics: keyword slurping and splatting, juxtaposition, tuple broadcasting,
/// `@showprogress`, `@time`'s line.
@Suite struct JuliaIdiomTests {
    /// The output of the last of `blocks`, each run in one session; an error ends the test with its message.
    private func output(_ blocks: String...) -> String {
        let session = Session(baseDirectory: "/tmp")
        var result = BlockResult(output: "")
        for (i, code) in blocks.enumerated() {
            result = session.run(code, file: "nb.md", firstLine: 1 + 10 * i, timeout: 30)
            #expect(result.error == nil, "\(code): \(result.output)")
        }
        return result.output
    }

    @Test func keywordsAreSlurpedAndSplatted() {
        let definitions = """
            inner(x; a = 1, b = 2) = x + a + b
            outer(x; kw...) = inner(x; kw...)
            gathered(; kw...) = kw
            """
        #expect(output(definitions, "outer(1; b = 10)") == "12")
        #expect(output(definitions, "outer(1)") == "4")
        #expect(output(definitions, "inner(1; (a = 5, b = 6)...)") == "12")
        #expect(output(definitions, "inner(1; Dict(:a => 0)...)") == "3")
        #expect(output(definitions, "inner(1; [:b => 0]...)") == "2")
        #expect(output(definitions, "keys(gathered(; p = 1, q = 2))") == "(:p, :q)")
        #expect(output(definitions, "isempty(gathered())") == "true")
        #expect(output("f(x; kw...) = length(kw)\nf(1; a = 1, b = 2, c = 3)") == "3")
    }

    @Test func keywordSplatErrorsNameTheCause() {
        let session = Session(baseDirectory: "/tmp")
        _ = session.run("inner(x; a = 1) = x + a", file: "nb.md", firstLine: 1, timeout: 30)
        let unknown = session.run("inner(1; (c = 2,)...)", file: "nb.md", firstLine: 5, timeout: 30)
        #expect(unknown.error?.contains("unknown keyword argument `c`") == true, "\(unknown.output)")
        let notPairs = session.run("inner(1; [1, 2]...)", file: "nb.md", firstLine: 5, timeout: 30)
        #expect(notPairs.error?.contains("must be `:name => value` pairs") == true, "\(notPairs.output)")
    }

    @Test func juxtapositionBindsTighterThanDivision() {
        #expect(output("x = 4\n1/2x") == "0.125")
        #expect(output("x = 3\n2x^2") == "18")
        #expect(output("x = 3\n2^2x") == "64")
        #expect(output("x = 3\n-2x + 1") == "-5")
        #expect(output("x = 2\n3(x + 1)/2x") == "2.25")
    }

    @Test func broadcastingOverTuplesGivesTuples() {
        #expect(output("(1, 2) .+ 1") == "(2, 3)")
        #expect(output("(1, 2) .* (3, 4)") == "(3, 8)")
        #expect(output("abs.((-1, 2.5))") == "(1, 2.5)")
        #expect(output("[1, 2] .+ (10, 20)") == "2-element Vector{Int64}:\n 11\n 22")
    }

    @Test func showprogressRunsItsLoopSilently() {
        #expect(output("s = 0\n@showprogress for i in 1:4\n    s += i\nend\ns") == "10")
        #expect(output("@showprogress \"Fitting\" map(x -> x^2, 1:3)") == "3-element Vector{Int64}:\n 1\n 4\n 9")
    }

    @Test func timePrintsJuliasLine() {
        let printed = output("@time sum(1:10)")
        let line = printed.split(separator: "\n").first.map(String.init) ?? ""
        #expect(line.hasPrefix("  0.0") && line.contains(" seconds"), "\(printed)")
        #expect(printed.hasSuffix("\n55"))
        #expect(TimeReport.line(seconds: 0.5, bytes: 0, allocations: 0) == "  0.500000 seconds")
        #expect(TimeReport.line(seconds: 0.000012, bytes: 80, allocations: 2)
                == "  0.000012 seconds (2 allocations: 80 bytes)")
        #expect(TimeReport.line(seconds: 1.25, bytes: 16, allocations: 1) == "  1.250000 seconds (1 allocation: 16 bytes)")
        #expect(TimeReport.line(seconds: 12.5, bytes: 2000, allocations: 1500)
                == " 12.500000 seconds (1.50 k allocations: 1.953 KiB)")
        #expect(TimeReport.formatBytes(3 << 20) == "3.000 MiB")
        #expect(TimeReport.formatBytes(1) == "1 byte")
    }
}
