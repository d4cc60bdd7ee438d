import DataTables
import Foundation
import JuliaRandom
import Testing
@testable import MixedModels

/// GLMM simulation (Julia's draw order), the families' samplers, refits, prediction on new data and the bootstrap.
@Suite struct GLMMSimulationTests {
    static func cbpp() throws -> (GeneralizedLinearMixedModel, DataTable, Formula) {
        let data = try dataset("cbpp")
        let hsz = try #require(try data.column("hsz").doubles)
        let f = try Formula("(incid / hsz) ~ 1 + period + (1|herd)")
        return (try fitGeneralizedLinearMixedModel(f, data, .binomial, weights: hsz), data, f)
    }

    static func contra() throws -> GeneralizedLinearMixedModel {
        try fitGeneralizedLinearMixedModel(Formula("use ~ 1 + age + abs2(age) + livch + urban + (1|dist)"),
                                           try dataset("contra"), .bernoulli, fast: true)
    }

    @Test func bernoulliDrawsFollowJuliasOrder() throws {
        // MixedModels.jl's `simulate(rng, m; β, θ)`: the term's randn(levels) first (here θ = 0, so they only
        // advance the stream), then one `rand(rng) <= μ` per observation, μ = logistic(Xβ), no offset.
        let m = try Self.contra()
        let y = try m.simulate(using: MersenneTwister(seed: 42), theta: [0])
        let replay = MersenneTwister(seed: 42)
        var effects = [Double](repeating: 0, count: 60)
        effects.withUnsafeMutableBufferPointer { replay.randn(fill: $0) }
        let n = m.nobs
        for o in 0..<n {
            var eta = 0.0
            for (c, b) in m.fixef.enumerated() { eta += m.fullRankX[o + c * n] * b }
            let mu = 1 / (1 + exp(-eta))
            #expect(y[o] == (replay.rand() <= mu ? 1 : 0), "observation \(o + 1)")
        }
    }

    @Test func binomialProportionsUseTheTrials() throws {
        let (m, _, _) = try Self.cbpp()
        let y = try m.simulate(using: MersenneTwister(seed: 1))
        #expect(y.count == 56)
        for (value, trials) in zip(y, m.wt) {
            #expect(value >= 0 && value <= 1)
            #expect(abs(value * trials - (value * trials).rounded()) < 1e-9)
        }
        #expect(throws: InferenceError("You must not specify a dispersion parameter for model families without a "
                                       + "dispersion parameter (Binomial{Float64} has none)")) {
            try m.simulate(using: MersenneTwister(seed: 1), sigma: 1)
        }
        #expect(throws: InferenceError("You must specify all (non-singular) βs: β has 2 values, the model 4 "
                                       + "coefficients (4 estimable)")) {
            try m.simulate(using: MersenneTwister(seed: 1), beta: [1, 2])
        }
    }

    @Test func samplersHaveTheirFamiliesMoments() {
        // Each branch of Distributions.jl's samplers: geometric and BTPE binomial, counting and Ahrens–Dieter
        // Poisson. 20 000 draws: the means within 5 standard errors.
        let rng = Xoshiro(seed: 2024)
        let count = 20_000
        for (n, p) in [(10, 0.2), (100, 0.3), (60, 0.85)] {
            let draws = (0..<count).map { _ in Double(DiscreteSamplers.binomial(rng, n, p)) }
            let mean = draws.reduce(0, +) / Double(count)
            let sd = (Double(n) * p * (1 - p)).squareRoot()
            #expect(abs(mean - Double(n) * p) < 5 * sd / Double(count).squareRoot(), "Binomial(\(n), \(p)): \(mean)")
            #expect(draws.allSatisfy { $0 >= 0 && $0 <= Double(n) })
        }
        for mu in [0.7, 4.5, 20.0, 150.0] {
            let draws = (0..<count).map { _ in Double(DiscreteSamplers.poisson(rng, mu)) }
            let mean = draws.reduce(0, +) / Double(count)
            let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(count - 1)
            #expect(abs(mean - mu) < 5 * (mu / Double(count)).squareRoot(), "Poisson(\(mu)) mean \(mean)")
            #expect(abs(variance / mu - 1) < 0.06, "Poisson(\(mu)) variance \(variance)")
        }
    }

    @Test func simulateInPlaceThenRefitAndRestore() throws {
        let (m, _, _) = try Self.cbpp()
        let original = (try m.objective(), m.theta, m.y)
        try m.simulateResponse(using: MersenneTwister(seed: 5))
        #expect(!m.optimizationSummary.isFitted)
        #expect(m.y != original.2)
        try m.refit()
        // After simulate! (unfitted) refit's default is MixedModels.jl's: fast.
        #expect(m.optimizationSummary.isFitted && m.optimizationSummary.fast)
        #expect(abs(try m.objective() - original.0) > 1e-3)
        try m.refit(response: original.2, fast: false)
        #expect(abs(try m.objective() - original.0) < 1e-6 * original.0)
        #expect(abs(m.theta[0] - original.1[0]) < 1e-4)
        #expect(throws: GLMMError.self) { try m.refit(response: [Double](repeating: 2, count: 56)) }
        #expect(throws: InferenceError("the new response has 1 values; the model has 56 observations")) {
            try m.refit(response: [0])
        }
    }

    @Test func predictionOnNewDataMatchesLme4() throws {
        // lme4: predict(glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), cbpp, binomial),
        //   newdata, type = "link", allow.new.levels = TRUE) for herds 1, NEW, 15 in periods 1, 2, 4.
        let (m, data, f) = try Self.cbpp()
        let newdata = try DataTable(columns: [
            Column(name: "herd", strings: ["H01", "NEW", "H15"]), Column(name: "period", strings: ["1", "2", "4"]),
        ])
        let eta = try m.predict(newdata: newdata, data: data, formula: f, scale: .linpred)
        let lme4 = [-0.808713428, -2.390267839, -3.508691277]
        for (value, expected) in zip(eta, lme4) { #expect(abs(try #require(value) - expected) < 3e-3) }
        let mu = try m.predict(newdata: newdata, data: data, formula: f)
        for (a, b) in zip(mu, eta) { #expect(abs(try #require(a) - 1 / (1 + exp(-(try #require(b))))) < 1e-15) }
        let missing = try m.predict(newdata: newdata, data: data, formula: f, newReLevels: .missing)
        #expect(missing[1] == nil && missing[0] != nil)
        #expect(throws: InferenceError("New level encountered in herd: NEW (new_re_levels = :error)")) {
            try m.predict(newdata: newdata, data: data, formula: f, newReLevels: .error)
        }
        // On the fitting data the response-scale prediction is the fitted mean.
        let all = try m.predict(newdata: data, data: data, formula: f)
        for (a, b) in zip(all, m.fitted) { #expect(abs(try #require(a) - b) < 1e-12) }
    }

    @Test func simulationOnNewDataIsABernoulliDesign() throws {
        let (m, data, f) = try Self.cbpp()
        let y = try m.simulate(using: MersenneTwister(seed: 9), newdata: data, data: data, formula: f)
        #expect(y.count == 56 && y.allSatisfy { $0 == 0 || $0 == 1 })
        let noResponse = try DataTable(columns: [Column(name: "herd", strings: ["1"]),
                                                 Column(name: "period", strings: ["1"])])
        #expect(throws: InferenceError.self) { try m.simulate(using: MersenneTwister(seed: 9), newdata: noResponse, data: data, formula: f) }
    }

    @Test func bootstrapReplicatesAreRefitsOfTheDraws() throws {
        let (m, _, _) = try Self.cbpp()
        let one = try m.parametricbootstrap(using: MersenneTwister(seed: 42), 6, threads: 1)
        let two = try m.parametricbootstrap(using: MersenneTwister(seed: 42), 6, threads: 2)
        // σ is NaN (missing) in every replicate, so compare the other fields.
        #expect(one.fits.map(\.objective) == two.fits.map(\.objective))
        #expect(one.fits.map(\.theta) == two.fits.map(\.theta) && one.fits.map(\.beta) == two.fits.map(\.beta))
        #expect(!one.hasDispersion)
        #expect(one.tableColumnNames == ["obj", "β1", "β2", "β3", "β4", "σ", "σ1", "θ1"])
        #expect(one.missingTableColumns == ["σ"])
        // Replicate 1 is the fit of the first in-place simulation from the same generator, refit from the GLM's
        // start as every replicate is.
        let rng = MersenneTwister(seed: 42)
        let copy = try m.copy()
        try copy.fit()
        try copy.simulateResponse(using: rng)
        try copy.refitFromStart(response: copy.y, fast: false, nAGQ: 1, control: nil)
        let first = try #require(one.fits.first)
        #expect(abs(first.objective - (try copy.objective())) < 1e-9 * first.objective)
        #expect(first.theta == copy.theta && first.beta == copy.fixef)
        #expect(one.allpars.filter { $0.group == "residual" }.isEmpty)
        #expect(one.allpars.first { $0.type == "σ" }?.value == first.theta[0])
        // σ1 is 1 × |θ1| (coalesce(σ, 1) times λ's row length), a number as in MixedModels.jl.
        #expect(one.table.map { $0[6] } == one.fits.map { abs($0.theta[0]) })
        #expect(try one.confint().map(\.par) == ["β1", "β2", "β3", "β4", "σ1"])
        #expect(throws: InferenceError("the number of bootstrap replicates must be positive, got 0")) {
            try m.parametricbootstrap(using: MersenneTwister(seed: 1), 0)
        }
    }
}
