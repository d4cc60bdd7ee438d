import JuliaRandom
import Testing
@testable import MixedModels

/// What `simulate!`, `refit!` and `fit!` keep and reset in a GLMM, as MixedModels.jl 4.x's `_simulate!`,
/// `unfit!`, `refit!` and `fit!` do, and the bootstrap's σ columns for families without a dispersion.
@Suite struct GLMMSimulationStateTests {
    @Test func repeatedSimulationDrawsFromTheSameParameters() throws {
        // Julia's simulate! leaves β and θ in the model (unfit! only resets the optimizer's summary), so two
        // in-place simulations without a refit both draw from the fitted parameters.
        let (m, _, _) = try GLMMSimulationTests.cbpp()
        let (beta, theta) = (m.fixef, m.theta)
        try m.simulateResponse(using: MersenneTwister(seed: 11))
        #expect(m.fixef == beta && m.theta == theta)
        try m.simulateResponse(using: MersenneTwister(seed: 12))
        #expect(m.fixef == beta && m.theta == theta)
        let explicit = try GLMMSimulationTests.cbpp().0
        try explicit.simulateResponse(using: MersenneTwister(seed: 12), beta: beta, theta: theta)
        #expect(m.y == explicit.y)
        // Over many draws from one stream the mean incidence stays at the fitted model's, not the GLM's
        // (the drift the second draw used to show).
        let rng = MersenneTwister(seed: 13)
        var total = 0.0
        let draws = 400
        for _ in 0..<draws {
            try m.simulateResponse(using: rng)
            total += zip(m.y, m.wt).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let reference = MersenneTwister(seed: 13)
        var expected = 0.0
        for _ in 0..<draws {
            let y = try explicit.simulate(using: reference, beta: beta, theta: theta)
            expected += zip(y, explicit.wt).reduce(0) { $0 + $1.0 * $1.1 }
        }
        // The in-place draws add the offset (none here), so both streams give the same counts.
        #expect(total == expected)
        #expect(m.fixef == beta && m.theta == theta)
    }

    @Test func simulationInstallsGivenParametersAsJuliaDoes() throws {
        // θ given is installed; β given is installed only when the model holds a fit on [β; θ].
        let (m, _, _) = try GLMMSimulationTests.cbpp()
        let beta = m.fixef.map { $0 + 0.1 }
        try m.simulateResponse(using: MersenneTwister(seed: 3), beta: beta, theta: [0.5])
        #expect(m.theta == [0.5])
        #expect(zip(m.fixef, beta).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(!m.optimizationSummary.isFitted && m.optimizationSummary.nAGQ == 1)
        // Now unfitted: a further β is used for the draw but not installed.
        let kept = m.fixef
        try m.simulateResponse(using: MersenneTwister(seed: 4), beta: m.fixef.map { $0 - 1 }, theta: [0.25])
        #expect(m.fixef == kept && m.theta == [0.25])
    }

    @Test func refitStartsFromTheCurrentParameters() throws {
        // Julia's refit! is fit!(unfit!(m)): the optimizer starts at the model's β and θ; after simulate!
        // (unfitted) the default is fast, otherwise the last fit's; nAGQ is the last fit's.
        let (m, _, _) = try GLMMSimulationTests.cbpp()
        let (beta, theta) = (m.fixef, m.theta)
        try m.simulateResponse(using: MersenneTwister(seed: 21))
        #expect(m.refitIsFast)
        try m.refit()
        let summary = m.optimizationSummary
        #expect(summary.isFitted && summary.fast && summary.nAGQ == 1)
        #expect(summary.initial == theta)
        // The same response refit on [β; θ] from the fast estimates.
        let (fastBeta, fastTheta) = (m.fixef, m.theta)
        try m.refit(fast: false)
        #expect(!m.optimizationSummary.fast)
        #expect(m.optimizationSummary.initial == fastBeta + fastTheta)
        #expect(!m.refitIsFast)
        // refit!(m, y) takes its default from the fit in place: [β; θ] here, and starts from its estimates.
        let (jointBeta, jointTheta) = (m.fixef, m.theta)
        let y = m.y
        try m.refit(response: y)
        #expect(!m.optimizationSummary.fast)
        #expect(m.optimizationSummary.initial == jointBeta + jointTheta)
        // A fresh start reaches the same optimum: the objective agrees to the optimizer's tolerance.
        let fresh = try GLMMSimulationTests.cbpp().0
        try fresh.refitFromStart(response: y, fast: false, nAGQ: 1, control: nil)
        #expect(abs(try fresh.objective() - (try m.objective())) < 1e-6)
        for (a, b) in zip(fresh.theta + fresh.fixef, m.theta + m.fixef) { #expect(abs(a - b) < 2e-3) }
        #expect(fresh.optimizationSummary.initial.last == 1 && beta != fresh.optimizationSummary.initial.dropLast())
    }

    @Test func fitOfAFittedModelStartsAgainFromTheGLM() throws {
        let (m, _, _) = try GLMMSimulationTests.cbpp()
        let first = m.optimizationSummary
        try m.fit()
        #expect(m.optimizationSummary.initial == first.initial)
        #expect(abs(m.optimizationSummary.minimumObjective - first.minimumObjective) < 1e-9)
    }

    @Test func bootstrapSigmaColumnsWithoutDispersion() throws {
        // MixedModels.jl: σ of a term = coalesce(σ, 1) × ‖row of λ‖ in tbl, σs and allpars; the residual σ stays
        // missing and confint skips it. Two replicates of a (1 + x | g) term, θ = (λ11, λ21, λ22).
        let thetas = [[0.6, 0.8, 0.0], [0.3, -0.4, 1.2]]
        let samp = MixedModelBootstrap(
            fits: thetas.enumerated().map { i, t in
                BootstrapReplicate(objective: 10 + Double(i), sigma: .nan, beta: [Double(i), 2], se: [1, 1], theta: t)
            },
            fixefnames: ["(Intercept)", "x"],
            terms: [BootstrapTerm(grouping: "g", columns: ["(Intercept)", "x"], lambdaIndices: [0, 1, 3])],
            lowerbd: [0, -.infinity, 0], hasDispersion: false)
        #expect(samp.tableColumnNames == ["obj", "β1", "β2", "σ", "σ1", "σ2", "ρ1", "θ1", "θ2", "θ3"])
        #expect(samp.missingTableColumns == ["σ"])
        let rows = samp.table
        // Row lengths of λ = [λ11 0; λ21 λ22] and the correlation λ21 / ‖row 2‖.
        #expect(rows[0][4] == 0.6 && rows[0][5] == 0.8 && rows[0][6] == 1)
        #expect(rows[1][4] == 0.3 && abs(rows[1][5] - (0.16 + 1.44).squareRoot()) < 1e-15)
        #expect(abs(rows[1][6] - (-0.4 / (0.16 + 1.44).squareRoot())) < 1e-15)
        #expect(samp.sigmas.map(\.sigma) == [rows[0][4], rows[0][5], rows[1][4], rows[1][5]])
        let sigmaRows = samp.allpars.filter { $0.type == "σ" }
        #expect(sigmaRows.map(\.value) == samp.sigmas.map(\.sigma))
        #expect(sigmaRows.allSatisfy { $0.group == "g" })
        // confint: every column but obj, θ and the missing σ, sorted as Julia sorts the symbols.
        #expect(try samp.confint(level: 0.5).map(\.par) == ["β1", "β2", "ρ1", "σ1", "σ2"])
        let intervals = try samp.shortestcovint(level: 0.5)
        #expect(intervals.map(\.type) == ["β", "β", "σ", "σ", "ρ"])
        #expect(intervals.map(\.names) == ["(Intercept)", "x", "(Intercept)", "x", "(Intercept), x"])
    }
}
