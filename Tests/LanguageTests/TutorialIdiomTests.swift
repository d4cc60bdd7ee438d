import Testing
@testable import MixedModelsLanguage

/// Idioms of worked mixed-model tutorials: DataFrameMacros.jl's row-wise `@transform`, `@transform!` and `@subset`,
/// `maximum(f, x)`, LinearAlgebra's `normalize`/`normalize!`, `Z * b` for one random-effects term, `m.y` as a view, and one
/// `contrasts` dictionary shared by formulas that do not all use every entry.
@Suite struct TutorialIdiomTests {
    let setup = "df = DataFrame(g = [\"a\", \"b\", \"a\"], x = 1:3)"

    func session() -> Session {
        let s = Session(baseDirectory: "/tmp")
        _ = s.run(setup, file: "t.md", firstLine: 1, timeout: 30)
        return s
    }

    func run(_ blocks: String...) -> [BlockResult] {
        let s = session()
        return blocks.map { s.run($0, file: "t.md", firstLine: 10, timeout: 120) }
    }

    @Test func transformEvaluatesEachRowWithSymbolsAsCells() {
        let out = run("@transform(df, :big = :x > 1, :label = :g * string(:x))", "names(df)")
        #expect(out[0].output == """
            3×4 DataFrame
             Row │ g       x      big    label
                 │ String  Int64  Bool   String
            ─────┼──────────────────────────────
               1 │ a           1  false  a1
               2 │ b           2   true  b2
               3 │ a           3   true  a3
            """, "\(out[0].output)\(out[0].error ?? "")")
        #expect(out[1].output == "2-element Vector{String}:\n \"g\"\n \"x\"", "@transform leaves its argument alone")
    }

    @Test func transformBangAddsColumnsInPlaceAndSubsetKeepsRows() {
        let out = run("@transform!(df, :y = 2 * :x,\n           :x = -:x)", "df.y, df.x", "@subset(df, :y >= 4, :g == \"a\")",
                      "@subset!(df, :g == \"b\"); nrow(df)")
        #expect(out[0].error == nil, "\(out[0].error ?? "")")
        #expect(out[1].output == "([2, 4, 6], [-1, -2, -3])")
        #expect(out[2].output == """
            1×3 DataFrame
             Row │ g       x      y
                 │ String  Int64  Int64
            ─────┼──────────────────────
               1 │ a          -3      6
            """, "\(out[2].output)\(out[2].error ?? "")")
        #expect(out[3].output == "1")
    }

    @Test func badTransformsSayWhy() {
        let out = run("@transform(df, :z = :nope + 1)", "@subset(df, :x)", "@transform(df, z = 1)", "@transform df :z = 1")
        #expect(out[0].error?.contains("ArgumentError: column name :nope not found in the data frame") == true,
                "\(out[0].error ?? "no error")")
        #expect(out[1].error?.contains("conditions must give true or false") == true, "\(out[1].error ?? "no error")")
        #expect(out[2].error?.contains("expects `:column = expression` arguments") == true, "\(out[2].error ?? "no error")")
        #expect(out[3].error?.contains("expected `(` after @transform") == true, "\(out[3].error ?? "no error")")
    }

    @Test func normalizeScalesByTheInverseNorm() {
        // Julia multiplies by inv(norm): 3 * 0.2 is 0.6000000000000001, not 3 / 5.
        let out = run("normalize([3.0, 4.0])", "v = [0.0, 2.0]; normalize!(v); v", "normalize([1, 3], 1)",
                      "normalize!([1, 2])")
        #expect(out[0].output == "2-element Vector{Float64}:\n 0.6000000000000001\n 0.8")
        #expect(out[1].output == "2-element Vector{Float64}:\n 0.0\n 1.0")
        #expect(out[2].output == "2-element Vector{Float64}:\n 0.25\n 0.75")
        #expect(out[3].error?.contains("InexactError") == true, "\(out[3].error ?? "no error")")
    }

    @Test func extremesOfAFunctionOverACollection() {
        let out = run("maximum(abs, [-3, 2])", "minimum(x -> x^2, [-3.0, 2.0])", "maximum(length, [\"ab\", \"c\"])",
                      "maximum(abs, Int[])")
        #expect(out.prefix(3).map(\.output) == ["3", "4.0", "2"])
        #expect(out[3].error?.contains("maximum of an empty collection") == true, "\(out[3].error ?? "no error")")
    }

    @Test func randomEffectsTermTimesConditionalModesGivesTheFittedValues() {
        let out = run("""
            sleep = MixedModels.dataset(:sleepstudy)
            m = fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days | subj)), sleep;
                    contrasts = Dict(:subj => Grouping(), :unused => EffectsCoding()), progress = false)
            maximum(abs, m.X * m.β + only(m.reterms) * vec(only(m.b)) - fitted(m)) < 1e-10
            """, "size(ones(1, 180) * only(m.reterms))", "m.y", "sum(m.y) == sum(sleep.reaction)")
        #expect(out[0].output == "true", "\(out[0].output)\(out[0].error ?? "")")
        #expect(out[1].output == "(1, 36)", "\(out[1].output)\(out[1].error ?? "")")
        // MixedModels.jl's `m.y` is the last column of `[X y]`, a view, and Julia's display names its type.
        #expect(out[2].output.hasPrefix("180-element view(::Matrix{Float64}, :, 3) with eltype Float64:\n 249.56\n"),
                "\(out[2].output)")
        #expect(out[3].output == "true")
    }
}
