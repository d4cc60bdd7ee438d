import JuliaRandom
import Testing
@testable import MixedModels

/// Simulation, refits and the parametric bootstrap.
@Suite struct SimulationBootstrapTests {
    @Test func firstDyestuffReplicateIsJulias() throws {
        // parametricbootstrap(MersenneTwister(1234321), 10_000, fm1) in MixedModels.jl 4.x: first replicate
        // obj 339.022, β1 1509.13, σ 67.4315, σ1 14.312, θ1 0.212245.
        let m = try InferenceModels.linear("yield ~ 1 + (1 | batch)", "dyestuff")
        let samp = try m.parametricbootstrap(using: MersenneTwister(seed: 1234321), 3)
        let first = try #require(samp.table.first)
        #expect(samp.tableColumnNames == ["obj", "β1", "σ", "σ1", "θ1"])
        for (value, julia) in zip(first, [339.022, 1509.13, 67.4315, 14.312, 0.212245]) {
            #expect(abs(value - julia) <= 5e-6 * abs(julia), "\(value) vs Julia's \(julia)")
        }
    }

    @Test func simulationAtZeroSigmaIsTheFixedEffectsPrediction() throws {
        let m = try InferenceModels.linear("reaction ~ 1 + days + (1 + days | subj)", "sleepstudy")
        let y = try m.simulate(using: MersenneTwister(seed: 1), sigma: 0)
        let days = m.frame.x[180..<360]
        for (o, value) in y.enumerated() { #expect(abs(value - (m.coef[0] + m.coef[1] * days[180 + o])) < 1e-9) }
    }

    @Test func simulationConsumesDrawsInJuliasOrder() throws {
        // With θ = 0 the random effects vanish, but their n + levels draws are still taken, in that order.
        let m = try InferenceModels.linear("yield ~ 1 + (1 | batch)", "dyestuff")
        let rng = MersenneTwister(seed: 7)
        let y = try m.simulate(using: rng, beta: [0], sigma: 1, theta: [0])
        let replay = MersenneTwister(seed: 7)
        var expected = [Double](repeating: 0, count: 36)
        expected.withUnsafeMutableBufferPointer { replay.randn(fill: $0) }
        #expect(y == Array(expected.prefix(30)))
        #expect(rng.randn() == replay.randn())
    }

    @Test func refitWithTheOriginalResponseReproducesTheFit() throws {
        let m = try InferenceModels.linear("reaction ~ 1 + days + (1 + days | subj)", "sleepstudy")
        let original = (m.objective, m.theta)
        let y = m.response
        try m.simulateResponse(using: MersenneTwister(seed: 3))
        #expect(!m.isFitted)
        try m.refit()
        #expect(abs(m.objective - original.0) > 1e-3)
        try m.refit(response: y)
        #expect(abs(m.objective - original.0) < 1e-6)
        #expect(throws: InferenceError("the new response has 3 values; the model has 180 observations")) {
            try m.refit(response: [1, 2, 3])
        }
    }

    @Test func bootstrapDoesNotDependOnTheCoreCount() throws {
        let m = try InferenceModels.linear("reaction ~ 1 + days + (1 + days | subj)", "sleepstudy")
        let one = try m.parametricbootstrap(using: MersenneTwister(seed: 42), 20, threads: 1)
        let two = try m.parametricbootstrap(using: MersenneTwister(seed: 42), 20, threads: 2)
        #expect(one.fits == two.fits)
        #expect(one.tableColumnNames == ["obj", "β1", "β2", "σ", "σ1", "σ2", "ρ1", "θ1", "θ2", "θ3"])
        // Each replicate is the fit of its own response, simulated in place as `simulate!(rng, m)` does (one
        // `randn` per observation, as Julia fills the model's response, a view).
        let rng = MersenneTwister(seed: 42)
        let refit = try m.copy()
        try refit.simulateResponse(using: rng, beta: m.fixef, sigma: m.sigma, theta: m.theta)
        try refit.refit()
        #expect(abs(one.fits[0].objective - refit.objective) < 1e-9)
        #expect(one.fits[0].theta == refit.theta)
    }

    @Test func bootstrapSummaries() throws {
        let m = try InferenceModels.linear("yield ~ 1 + (1 | batch)", "dyestuff")
        let samp = try m.parametricbootstrap(using: MersenneTwister(seed: 5), 200)
        #expect(samp.count == 200)
        let table = samp.table
        let names = samp.tableColumnNames
        #expect(names == ["obj", "β1", "σ", "σ1", "θ1"])
        for (row, fit) in zip(table, samp.fits) {
            #expect(abs(row[3] - fit.sigma * fit.theta[0]) < 1e-9 * row[3] + 1e-12)
        }
        let singular = samp.issingular.filter { $0 }.count
        #expect(singular == samp.fits.filter { $0.theta[0] == 0 }.count)
        let intervals = try samp.confint()
        #expect(intervals.map(\.par) == ["β1", "σ", "σ1"])
        let betas = samp.fits.map { $0.beta[0] }.sorted()
        #expect(intervals[0].upper - intervals[0].lower <= betas[194] - betas[4] + 1e-9)
        #expect(samp.allpars.count == 200 * 3)
        #expect(samp.coefpvalues.count == 200)
        #expect(try shortestcovint([5, 1, 2, 3, 4], level: 0.6) == (1, 3))
    }

    @Test func bootstrapNeedsAPositiveCount() throws {
        let m = try InferenceModels.linear("yield ~ 1 + (1 | batch)", "dyestuff")
        #expect(throws: InferenceError("the number of bootstrap replicates must be positive, got 0")) {
            try m.parametricbootstrap(using: MersenneTwister(seed: 1), 0)
        }
        #expect(throws: InferenceError.self) { try m.simulate(using: MersenneTwister(seed: 1), beta: [1, 2]) }
    }
}
