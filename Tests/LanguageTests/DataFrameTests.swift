import Testing
@testable import MixedModelsLanguage

/// DataFrames.jl's constructors, indexing and verbs in the block language, and their errors.
@Suite struct DataFrameTests {
    let setup = "df = DataFrame(g = [\"a\", \"b\", \"a\"], x = 1:3, y = [0.5, 2.0, 4.5])"

    /// The outputs of `blocks` after `setup` in one session.
    func run(_ blocks: String...) -> [String] {
        let session = Session(baseDirectory: "/tmp")
        _ = session.run(setup, file: "t.md", firstLine: 1, timeout: 30)
        return blocks.map { session.run($0, file: "t.md", firstLine: 10, timeout: 30).output }
    }

    func runError(_ code: String) -> String {
        let session = Session(baseDirectory: "/tmp")
        _ = session.run(setup, file: "t.md", firstLine: 1, timeout: 30)
        return session.run(code, file: "t.md", firstLine: 10, timeout: 30).error ?? "no error"
    }

    @Test func constructorsAgree() {
        let frames = run("DataFrame(a = [1, 2], b = [\"p\", \"q\"])", "DataFrame((a = [1, 2], b = [\"p\", \"q\"]))",
                         "DataFrame([(a = 1, b = \"p\"), (a = 2, b = \"q\")])",
                         "DataFrame(:a => [1, 2], :b => [\"p\", \"q\"])", "DataFrame(Tables.columntable(DataFrame(a = [1, 2], b = [\"p\", \"q\"])))")
        #expect(frames[0] == """
            2×2 DataFrame
             Row │ a      b
                 │ Int64  String
            ─────┼───────────────
               1 │     1  p
               2 │     2  q
            """)
        #expect(Set(frames).count == 1)
        #expect(run("DataFrame(a = 1:2, c = \"k\").c")[0] == "2-element Vector{String}:\n \"k\"\n \"k\"")
    }

    @Test func columnsRowsAndCells() {
        let out = run("df.y", "df[!, :x]", "df[:, [:g]]", "df[[true, false, true], :x]", "df[3, :y]", "df[2, :]",
                      "nrow(df), ncol(df), size(df), names(df)", "first(df).g, last(df).g", "df[2:3, 2]")
        #expect(out[0] == "3-element Vector{Float64}:\n 0.5\n 2.0\n 4.5")
        #expect(out[1] == "3-element Vector{Int64}:\n 1\n 2\n 3")
        #expect(out[2].hasPrefix("3×1 DataFrame"))
        #expect(out[3] == "2-element Vector{Int64}:\n 1\n 3")
        #expect(out[4] == "4.5")
        #expect(out[5] == """
            DataFrameRow
             Row │ g       x      y
                 │ String  Int64  Float64
            ─────┼────────────────────────
               2 │ b           2      2.0
            """)
        #expect(out[6] == "(3, 3, (3, 3), [\"g\", \"x\", \"y\"])")
        #expect(out[7] == "(\"a\", \"a\")")
        #expect(out[8] == "2-element Vector{Int64}:\n 2\n 3")
    }

    @Test func addingColumnsAndCells() {
        let out = run("df.z = df.x .* 10; df[!, :w] = [true, false, true]; df[1, :y] = 7; names(df)", "df.y")
        #expect(out[0] == "5-element Vector{String}:\n \"g\"\n \"x\"\n \"y\"\n \"z\"\n \"w\"")
        #expect(out[1] == "3-element Vector{Float64}:\n 7.0\n 2.0\n 4.5")
    }

    @Test func transformSelectAndCombine() {
        let out = run("names(transform(df, :y => ByRow(sqrt) => :r, :x => sum, :y => :z))",
                      "select(df, :x => :k).k",
                      "combine(groupby(df, :g), :y => mean, nrow)",
                      "combine(df, :x => sum => :s, :y => maximum)",
                      "transform(groupby(df, :g), :x => sum => :t).t",
                      "select!(df, :g); names(df)")
        #expect(out[0] == "6-element Vector{String}:\n \"g\"\n \"x\"\n \"y\"\n \"r\"\n \"x_sum\"\n \"z\"")
        #expect(out[1] == "3-element Vector{Int64}:\n 1\n 2\n 3")
        #expect(out[2] == """
            2×3 DataFrame
             Row │ g       y_mean   nrow
                 │ String  Float64  Int64
            ─────┼────────────────────────
               1 │ a           2.5      2
               2 │ b           2.0      1
            """)
        #expect(out[3] == """
            1×2 DataFrame
             Row │ s      y_maximum
                 │ Int64  Float64
            ─────┼──────────────────
               1 │     6        4.5
            """)
        #expect(out[4] == "3-element Vector{Int64}:\n 4\n 2\n 4")
        #expect(out[5] == "1-element Vector{String}:\n \"g\"")
    }

    @Test func subsetFilterSortJoinAndStack() {
        let out = run("subset(df, :y => ByRow(isnan)).x",
                      "filter(:g => ismissing, df).x",
                      "sort(df, [:g, order(:y, rev = true)]).x",
                      "sort(df, :y, rev = true).x",
                      "innerjoin(df, DataFrame(g = [\"a\"], h = [9]), on = :g).h",
                      "leftjoin(df, DataFrame(g = [\"b\"], h = [9]), on = :g).h",
                      "nrow(vcat(df, df)), nrow(unique(df, :g))",
                      "groupby(df, :g)",
                      "sort!(df, :y, rev = true); df.x",
                      "last(groupby(df, :g))")
        #expect(out[0] == "Int64[]")
        #expect(out[1] == "Int64[]")
        #expect(out[2] == "3-element Vector{Int64}:\n 3\n 1\n 2")
        #expect(out[3] == "3-element Vector{Int64}:\n 3\n 2\n 1")
        #expect(out[4] == "2-element Vector{Int64}:\n 9\n 9")
        #expect(out[5] == "3-element Vector{Union{Missing, Int64}}:\n 9\n  missing\n  missing")
        #expect(out[6] == "(6, 2)")
        #expect(out[7].hasPrefix("GroupedDataFrame with 2 groups based on key: g\nFirst Group (2 rows): g = \"a\"\n"))
        #expect(out[8] == "3-element Vector{Int64}:\n 3\n 2\n 1")
        #expect(out[9] == """
            1×3 SubDataFrame
             Row │ g       x      y
                 │ String  Int64  Float64
            ─────┼────────────────────────
               1 │ b           2      2.0
            """)
    }

    @Test func renameDropmissingAndNot() {
        let out = run("w = DataFrame(a = [1, missing, 3], b = [\"p\", \"q\", missing]); dropmissing(w, :a)",
                      "names(rename(w, :a => :x, :b => :y))", "names(select(w, Not(:a)))", "names(w[:, Not([:a])])",
                      "rename!(w, :a => :z); names(w)", "nrow(dropmissing(w))")
        #expect(out[0] == """
            2×2 DataFrame
             Row │ a      b
                 │ Int64  String?
            ─────┼────────────────
               1 │     1  p
               2 │     3  missing
            """)
        #expect(out[1] == "2-element Vector{String}:\n \"x\"\n \"y\"")
        #expect(out[2] == "1-element Vector{String}:\n \"b\"")
        #expect(out[3] == out[2])
        #expect(out[4] == "2-element Vector{String}:\n \"z\"\n \"b\"")
        #expect(out[5] == "1")
    }

    @Test func errorsNameTheCause() {
        #expect(runError("rename(df, :q => :r)").hasSuffix(
            "ArgumentError: Tried renaming :q to :r, when :q does not exist in the Index."))
        #expect(runError("rename(df, :x => :y)").hasSuffix(
            "ArgumentError: Tried renaming :x to :y, when :y already exists in the Index."))
        #expect(runError("select(df, Not(:q))").contains("column name :q not found"))
        #expect(runError("df.yy").hasSuffix(
            "ArgumentError: column name :yy not found in the data frame; existing most similar names are: :y"))
        #expect(runError("df[!, :nope]").contains("ArgumentError: column name :nope not found in the data frame"))
        #expect(runError("select(df, :nope)").contains("column name :nope not found"))
        #expect(runError("DataFrame(a = [1, 2], b = [1, 2, 3])").hasSuffix(
            "DimensionMismatch: column :a has length 2 and column :b has length 3"))
        #expect(runError("df.z = [1, 2]").hasSuffix("ArgumentError: New columns must have the same length as old columns"))
        #expect(runError("df.z = 1").contains("only allowed to pass a vector as a column"))
        #expect(runError("df[4, :]").contains("BoundsError"))
        #expect(runError("innerjoin(df, df, on = :g)").contains("Duplicate variable names: :x, :y"))
        #expect(runError("innerjoin(df, df)").contains("missing join argument `on`"))
        #expect(runError("subset(df, :x => ByRow(sqrt))").contains("must be Bool or missing"))
        #expect(runError("filter(:x => sqrt, df)").contains("non-boolean (Float64) used in boolean context"))
        #expect(runError("combine(df, :x => ByRow(sqrt), :g => unique)").contains("same length"))
        #expect(runError("vcat(df, DataFrame(g = [\"a\"]))").contains("column(s) :x, :y are missing from argument(s) 2"))
        #expect(runError("t = MixedModels.dataset(:dyestuff); t[!, :batch] = [1]").contains("read-only"))
        #expect(runError("df[1, :y] = \"text\"").contains("column"))
    }
}
