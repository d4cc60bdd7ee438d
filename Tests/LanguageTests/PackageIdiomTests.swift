import Testing
@testable import MixedModelsLanguage

/// CategoricalArrays, FreqTables/NamedArrays and Distributed (as one process) in the block language, with the
/// displays Julia prints.
@Suite struct PackageIdiomTests {
    /// The outputs of `blocks` in one session.
    func run(_ blocks: String...) -> [String] {
        let session = Session(baseDirectory: "/tmp")
        return blocks.map { session.run($0, file: "t.md", firstLine: 1, timeout: 60).output }
    }

    func runError(_ blocks: String...) -> String {
        let session = Session(baseDirectory: "/tmp")
        for b in blocks.dropLast() { _ = session.run(b, file: "t.md", firstLine: 1, timeout: 60) }
        return session.run(blocks.last!, file: "t.md", firstLine: 1, timeout: 60).error ?? "no error"
    }

    @Test func categoricalVectorsAndLevels() {
        let out = run("x = categorical([\"b\", \"a\", \"b\", \"c\"])", "levels(x)",
                      "levels!(x, [\"c\", \"b\", \"a\"]); levels(x)", "isordered(x)", "ordered!(x, true); isordered(x)",
                      "y = categorical([\"a\", \"b\"], levels = [\"a\", \"b\", \"z\"]); droplevels!(y); levels(y)",
                      "typeof(x)", "levels([3, 1, 2, 1])", "recode([\"a\", \"b\", \"c\"], \"a\" => \"A\")")
        #expect(out[0] == "4-element CategoricalArray{String,1,UInt32}:\n \"b\"\n \"a\"\n \"b\"\n \"c\"")
        #expect(out[1] == "3-element Vector{String}:\n \"a\"\n \"b\"\n \"c\"")
        #expect(out[2] == "3-element Vector{String}:\n \"c\"\n \"b\"\n \"a\"")
        #expect(out[3] == "false")
        #expect(out[4] == "true")
        #expect(out[5] == "2-element Vector{String}:\n \"a\"\n \"b\"")
        #expect(out[6] == "CategoricalVector{String, UInt32, String, CategoricalValue{String, UInt32}, Union{}}")
        #expect(out[7] == "3-element Vector{Int64}:\n 1\n 2\n 3")
        #expect(out[8] == "3-element Vector{String}:\n \"A\"\n \"b\"\n \"c\"")
    }

    @Test func categoricalValuesShowTheirTypeAndCompareByLevel() {
        let out = run("x = categorical([\"b\", \"a\", \"b\"]); x[1]",
                      "y = categorical([\"lo\", \"hi\"]; levels = [\"lo\", \"hi\"], ordered = true); y[2]",
                      "y[1] < y[2], x[1] == \"b\", unwrap(x[1]), \"$(x[1])\", levelcode(x[1])", "x[2:3]")
        #expect(out[0] == "CategoricalValue{String, UInt32} \"b\"")
        #expect(out[1] == "CategoricalValue{String, UInt32} \"hi\" (2/2)")
        #expect(out[2] == "(true, true, \"b\", \"b\", 2)")
        #expect(out[3] == "2-element CategoricalArray{String,1,UInt32}:\n \"a\"\n \"b\"")
        #expect(runError("x = categorical([\"b\", \"a\"])", "x[1] < x[2]").contains(
            "Unordered CategoricalValue objects cannot be tested for order using <."))
    }

    @Test func levelsThatRemoveUsedValuesAreRefused() {
        let e = runError("x = categorical([\"b\", \"a\", \"b\", \"c\"])", "levels!(x, [\"a\", \"b\"])")
        #expect(e.contains("ArgumentError: cannot remove level \"c\" as it is used at position 4 and allowmissing=false."))
        let f = runError("categorical([\"a\", \"q\"], levels = [\"a\"])")
        #expect(f.contains("\"q\""))
    }

    @Test func cutLabelsIntervalsAsCategoricalArraysDoes() {
        let out = run("cut([1, 2, 3, 4, 5, 6], 2)", "cut([1, 5, 9], [0, 4, 8, 12])", "levels(cut([1, 5, 9], [0, 4, 8, 12]))",
                      "cut([1, 5, 9], [0, 4, 8, 12], labels = [\"low\", \"mid\", \"high\"])")
        #expect(out[0] == """
            6-element CategoricalArray{String,1,UInt32}:
             "Q1: [1.0, 3.5)"
             "Q1: [1.0, 3.5)"
             "Q1: [1.0, 3.5)"
             "Q2: [3.5, 6.0]"
             "Q2: [3.5, 6.0]"
             "Q2: [3.5, 6.0]"
            """)
        #expect(out[1] == "3-element CategoricalArray{String,1,UInt32}:\n \"[0, 4)\"\n \"[4, 8)\"\n \"[8, 12)\"")
        #expect(out[2] == "3-element Vector{String}:\n \"[0, 4)\"\n \"[4, 8)\"\n \"[8, 12)\"")
        #expect(out[3] == "3-element CategoricalArray{String,1,UInt32}:\n \"low\"\n \"mid\"\n \"high\"")
        #expect(runError("cut([1, 20], [0, 4, 8])").contains("value 20 (at index 2) does not fall inside the breaks"))
    }

    @Test func categoricalColumnsInDataFrames() {
        let out = run("df = DataFrame(g = [\"a\", \"b\", \"a\"], y = [1.0, 2.0, 4.0]); df.g = categorical(df.g); df",
                      "levels!(df.g, [\"b\", \"a\"]); levels(df.g)",
                      "transform!(df, :y => categorical => :y); df.y")
        #expect(out[0] == """
            3×2 DataFrame
             Row │ g     y
                 │ Cat…  Float64
            ─────┼───────────────
               1 │ a         1.0
               2 │ b         2.0
               3 │ a         4.0
            """)
        #expect(out[1] == "2-element Vector{String}:\n \"b\"\n \"a\"")
        #expect(out[2] == "3-element CategoricalArray{Float64,1,UInt32}:\n 1.0\n 2.0\n 4.0")
    }

    @Test func levelOrderSetsTheReferenceLevelOfAFit() {
        let out = run("""
            sleep = DataFrame(MixedModels.dataset(:sleepstudy))
            sleep.period = cut(sleep.days, [0, 5, 10], labels = ["early", "late"])
            fixefnames(fit(MixedModel, @formula(reaction ~ 1 + period + (1|subj)), sleep))
            """, """
            levels!(sleep.period, ["late", "early"])
            fixefnames(fit(MixedModel, @formula(reaction ~ 1 + period + (1|subj)), sleep))
            """)
        #expect(out[0] == "2-element Vector{String}:\n \"(Intercept)\"\n \"period: late\"")
        #expect(out[1] == "2-element Vector{String}:\n \"(Intercept)\"\n \"period: early\"")
    }

    @Test func frequencyTablesDisplayAsNamedArrays() {
        let out = run("t = freqtable([\"a\", \"b\", \"a\", \"c\", \"a\"])", "t[\"a\"], t[2]", "names(t)",
                      "freqtable([\"a\", \"b\", \"a\"], [\"x\", \"x\", \"y\"])", "prop(freqtable([\"a\", \"b\", \"a\", \"a\"]))",
                      "freqtable([\"a\", \"b\", \"a\"])'", "sum(t)")
        #expect(out[0] == """
            3-element Named Vector{Int64}
            Dim1  │ 
            ──────┼──
            a     │ 3
            b     │ 1
            c     │ 1
            """)
        #expect(out[1] == "(3, 1)")
        #expect(out[2] == "1-element Vector{Vector{String}}:\n [\"a\", \"b\", \"c\"]")
        #expect(out[3] == """
            2×2 Named Matrix{Int64}
            Dim1 ╲ Dim2 │ x  y
            ────────────┼─────
            a           │ 1  1
            b           │ 1  0
            """)
        #expect(out[4] == """
            2-element Named Vector{Float64}
            Dim1  │ 
            ──────┼─────
            a     │ 0.75
            b     │ 0.25
            """)
        #expect(out[5] == """
            1×2 Named Adjoint{Int64, Vector{Int64}}
            ' ╲ Dim1 │ a  b
            ─────────┼─────
            1        │ 2  1
            """)
        #expect(out[6] == "5")
    }

    @Test func distributedRunsInOneProcess() {
        let out = run("using Distributed; (nprocs(), nworkers(), workers(), myid())",
                      "remotecall_fetch(x -> 2x, 1, 21), fetch(remotecall(+, 1, 1, 2))",
                      "pmap(x -> x^2, 1:3)", "pmap([1, 2]) do k\n  10k\nend",
                      "@distributed (+) for i in 1:10\n  i^2\nend", "@everywhere z = 5\nz",
                      "@showprogress for i in 1:3\n  i\nend")
        #expect(out[0] == "(1, 1, [1], 1)")
        #expect(out[1] == "(42, 3)")
        #expect(out[2] == "3-element Vector{Int64}:\n 1\n 4\n 9")
        #expect(out[3] == "2-element Vector{Int64}:\n 10\n 20")
        #expect(out[4] == "385")
        #expect(out[5] == "5")
        #expect(out[6] == "")
        #expect(runError("addprocs(2)").contains("single process"))
        #expect(runError("remotecall_fetch(sin, 2, 1.0)").contains("no worker 2"))
    }
}
