import Testing
@testable import MixedModelsLanguage

/// Idioms of MixedModels.jl's documentation pages: `ans`, `DisplayAs.Text`, `Grouping()`.
@Suite struct DocumentationIdiomTests {
    @Test func ansIsTheLastTopLevelValue() {
        let session = Session(baseDirectory: "/tmp")
        let result = session.run("x = 2 + 3\nans * 10", file: "nb.md", firstLine: 1, timeout: 10)
        #expect(result.output == "50")
        #expect(session.run("ans + 1", file: "nb.md", firstLine: 3, timeout: 10).output == "51")
    }

    @Test func displayAsTextShowsTheValueItself() {
        let session = Session(baseDirectory: "/tmp")
        #expect(session.run("using DisplayAs\n[1, 2] |> DisplayAs.Text", file: "nb.md", firstLine: 1,
                            timeout: 10).output == "2-element Vector{Int64}:\n 1\n 2")
        #expect(session.run("DisplayAs.Text(ans)", file: "nb.md", firstLine: 3, timeout: 10).output
                == "2-element Vector{Int64}:\n 1\n 2")
    }

    @Test func groupingMarksAGroupingFactorAndChangesNothing() {
        let session = Session(baseDirectory: "/tmp")
        let with = session.run("""
            m = fit(MixedModel, @formula(yield ~ 1 + (1|batch)), MixedModels.dataset(:dyestuff);
                    contrasts = Dict(:batch => Grouping()))
            round(objective(m), digits = 6)
            """, file: "nb.md", firstLine: 1, timeout: 30)
        #expect(with.output == "327.32706", "\(with.output)")
        #expect(session.run("Grouping()", file: "nb.md", firstLine: 5, timeout: 10).output == "Grouping()")
    }
}
