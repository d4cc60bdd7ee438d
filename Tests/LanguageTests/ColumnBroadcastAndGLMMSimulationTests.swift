import Testing
@testable import MixedModelsLanguage

/// `df.c .= v` and `df[!, :c] .= v`, and the simulation builtins on generalized models.
@Suite struct ColumnBroadcastAndGLMMSimulationTests {
    func run(_ blocks: String...) -> [BlockResult] {
        let session = Session(baseDirectory: "/tmp")
        _ = session.run("df = DataFrame(x = 1:3, y = [0.5, 2.0, 4.5])", file: "t.md", firstLine: 1, timeout: 30)
        return blocks.map { session.run($0, file: "t.md", firstLine: 10, timeout: 60) }
    }

    @Test func broadcastAssignmentCreatesAndFillsColumns() {
        let out = run("df[!, :z] .= 0; df.z", "df.y .= 1; df.y", "df[:, :x] .= 7; df.x", "df.w .= [1.5, 2.5, 3.5]; df.w",
                      "df.y .+= 1; df.y", "df[!, :x] .= 0.5; df.x")
        #expect(out[0].output == "3-element Vector{Int64}:\n 0\n 0\n 0")
        // In place into a Float64 column keeps its type; `!` replaces the column by the broadcast's.
        #expect(out[1].output == "3-element Vector{Float64}:\n 1.0\n 1.0\n 1.0")
        #expect(out[2].output == "3-element Vector{Int64}:\n 7\n 7\n 7")
        #expect(out[3].output == "3-element Vector{Float64}:\n 1.5\n 2.5\n 3.5")
        #expect(out[4].output == "3-element Vector{Float64}:\n 2.0\n 2.0\n 2.0")
        #expect(out[5].output == "3-element Vector{Float64}:\n 0.5\n 0.5\n 0.5")
    }

    @Test func broadcastAssignmentErrors() {
        let out = run("df.x .= 1.5", "df.q .+= 1", "df.y .= [1.0, 2.0]")
        #expect(out[0].error?.contains("InexactError: Int64(1.5)") == true, "\(out[0].error ?? "")")
        #expect(out[1].error?.contains("column name :q not found") == true, "\(out[1].error ?? "")")
        #expect(out[2].error?.contains("DimensionMismatch") == true, "\(out[2].error ?? "")")
    }

    @Test func generalizedModelsSimulateAndRefit() {
        let out = run("""
            cbpp = DataFrame(MixedModels.dataset(:cbpp)); cbpp.rate = cbpp.incid ./ cbpp.hsz;
            gm = fit(MixedModel, @formula(rate ~ 1 + period + (1|herd)), cbpp, Binomial(); wts = float(cbpp.hsz));
            y = simulate(MersenneTwister(1), gm); y2 = zeros(56); simulate!(MersenneTwister(1), y2, gm); y == y2
            """, "refit!(simulate!(MersenneTwister(2), gm)); response(gm) != cbpp.rate",
            "refit!(gm, cbpp.rate); response(gm) == cbpp.rate",
            "simulate!(MersenneTwister(1), zeros(3), gm)", "simulate(MersenneTwister(1), gm; σ = missing) == simulate(MersenneTwister(1), gm)",
            "parametricbootstrap(MersenneTwister(1), 2, gm; optsum_overrides = (; ftol_rel = 1e-8))")
        #expect(out[0].output == "true")
        #expect(out[1].output == "true")
        #expect(out[2].output == "true")
        #expect(out[3].error?.contains("DimensionMismatch") == true)
        #expect(out[4].output == "true")
        #expect(out[5].error?.contains("optsum_overrides is not available") == true)
    }
}

/// `GHnorm(k)`, MixedModels.jl's normalized Gauss–Hermite rules.
@Suite struct GaussHermiteLanguageTests {
    @Test func rulesDisplayAndIntegrate() {
        let session = Session(baseDirectory: "/tmp")
        let run = { (code: String) in session.run(code, file: "t.md", firstLine: 1, timeout: 30) }
        // MixedModels.jl memoizes the rules 1 to 3 with exact values.
        #expect(run("GHnorm(3)").output == "MixedModels.GaussHermiteNormalized{3}([-1.7320508075688772, 0.0, "
                + "1.7320508075688772], [0.16666666666666666, 0.6666666666666666, 0.16666666666666666])")
        #expect(run("GHnorm(2).z, GHnorm(2).w").output == "([-1.0, 1.0], [0.5, 0.5])")
        // A k-point rule integrates polynomials of degree 2k − 1 exactly: E[(2 + 3Z)²] = 13, E[Z⁸] = 105.
        #expect(run("g = GHnorm(9); abs(sum(g.w .* (2 .+ 3 .* g.z) .^ 2) - 13) < 1e-12").output == "true")
        #expect(run("abs(sum(g.w .* g.z .^ 8) - 105) < 1e-10").output == "true")
        #expect(run("sum(g.w) == 1.0 || abs(sum(g.w) - 1) < 1e-15").output == "true")
        #expect(run("g[5]").output == "(z = 0.0, w = \(run("g.w[5]").output))")
        #expect(run("GHnorm(0)").error?.contains("GHnorm(k) needs k ≥ 1, got 0") == true)
    }
}

/// `Table(rows)`.
@Suite struct TableConstructorTests {
    @Test func rowsBecomeATable() {
        let session = Session(baseDirectory: "/tmp")
        let out = session.run("Table([(a = 1, b = \"p\"), (a = 2, b = \"q\")])", file: "t.md", firstLine: 1, timeout: 30)
        #expect(out.output.hasPrefix("Table with 2 columns and 2 rows:"), "\(out.output)")
        #expect(session.run("Table(a = [1, 2]).a", file: "t.md", firstLine: 1, timeout: 30).output
                == "2-element Vector{Int64}:\n 1\n 2")
    }
}
