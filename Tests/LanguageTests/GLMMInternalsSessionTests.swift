import Foundation
import Testing
@testable import MixedModelsLanguage

/// A GLMM's working state through the language: `m.u`, `m.devc0`, `m.resp.devresid`, `updateη!` and `pirls!`
/// alias and update the model as MixedModels.jl's fields do.
@Suite struct GLMMInternalsSessionTests {
    static func session() -> (String) -> BlockResult {
        let session = Session(baseDirectory: "/tmp")
        return { session.run($0, file: "nb.md", firstLine: 1, timeout: 300) }
    }

    static func number(_ result: BlockResult) -> Double { Double(result.output) ?? .nan }

    @Test func perDistrictDevianceContributionsMatchADirectComputation() {
        let run = Self.session()
        let setup = run("""
            cdata = MixedModels.dataset(:contra)
            gm = fit(MixedModel, @formula(use ~ 1 + age + abs2(age) + livch + urban + (1|dist)), cdata, Bernoulli(); fast=true)
            lev = only(gm.LMM.reterms).refs
            ures = vec(gm.u[1])
            contrib = map!(abs2, gm.devc0, gm.u[1])
            for (d, k) in zip(gm.resp.devresid, lev)
                contrib[k] += d
            end
            nothing
            """)
        #expect(setup.error == nil, "\(setup.output)")
        // At the modes, the Laplace deviance is Σ contributions + log det(L₁₁)².
        let laplace = run("sum(gm.devc0) + 2 * sum(log.(gm.LMM.L[MixedModels.block(1, 1)].diag)) - deviance(gm)")
        #expect(abs(Self.number(laplace)) < 1e-8, "\(laplace.output)")

        // `vec(m.u[1])` shares m.u[1]'s storage; moving u and updating η changes resp.devresid in place.
        let moved = run("""
            resid = gm.resp.devresid
            ures[3] = 0.75
            (gm.u[1][1, 3], gm.u₀[1][1, 3] != 0.75)
            """)
        #expect(moved.output == "(0.75, true)", "\(moved.output)")
        let direct = run("""
            MixedModels.updateη!(gm)
            contrib2 = abs2.(ures)
            for (d, k) in zip(resid, lev)
                contrib2[k] += d
            end
            η = gm.X * gm.β .+ gm.θ[1] .* ures[lev]
            μ = @. 1 / (1 + exp(-η))
            y = gm.resp.y
            dev = @. -2 * (y * log(μ) + (1 - y) * log(1 - μ))
            byhand = abs2.(ures)
            for (d, k) in zip(dev, lev)
                byhand[k] += d
            end
            (maximum(abs.(contrib2 .- byhand)), maximum(abs.(gm.resp.eta .- η)), contrib2[3] != gm.devc0[3])
            """)
        #expect(direct.error == nil, "\(direct.output)")
        let parts = direct.output.trimmingCharacters(in: CharacterSet(charactersIn: "()")).split(separator: ",")
        #expect(parts.count == 3 && (Double(parts[0].trimmingCharacters(in: .whitespaces)) ?? 1) < 1e-9
                && (Double(parts[1].trimmingCharacters(in: .whitespaces)) ?? 1) < 1e-12 && parts[2].contains("true"),
                "\(direct.output)")

        // pirls! brings u back to the modes and returns the model.
        let restored = run("""
            before = sum(gm.devc0) + 2 * sum(log.(gm.LMM.L[MixedModels.block(1, 1)].diag))
            r = pirls!(gm)
            (r === gm, maximum(abs.(gm.u[1] .- gm.u₀[1])), abs(deviance(gm) - before) < 1e-6)
            """)
        #expect(restored.output == "(true, 0.0, true)", "\(restored.output)")
    }

    @Test func internalsRefuseWhatTheyCannotDo() {
        let run = Self.session()
        _ = run("""
            sleep = MixedModels.dataset(:sleepstudy)
            fm = fit(MixedModel, @formula(reaction ~ 1 + days + (1|subj)), sleep)
            """)
        #expect(run("MixedModels.updateη!(fm)").error?.contains("applies to generalized linear mixed models") == true)
        #expect(run("MixedModels.block(1, 2)").error?.contains("needs 0 < j ≤ i") == true)
        #expect(run("MixedModels.block(2, 1)").output == "2")
        let v = run("A = [1.0 2.0; 3.0 4.0]; v = vec(A); v[2] = 9.0; (A[2, 1], typeof(v))")
        #expect(v.output == "(9.0, Vector{Float64})", "\(v.output)")
    }

    @Test func innerLinearModelShowsAsAFittedLinearMixedModel() {
        // MixedModels.jl shows `gm.LMM` with the LinearMixedModel method: the working response's weighted fit at θ.
        let run = Self.session()
        _ = run("""
            cbpp = DataFrame(MixedModels.dataset(:cbpp)); cbpp.rate = cbpp.incid ./ cbpp.hsz
            gm = fit(MixedModel, @formula(rate ~ 1 + period + (1|herd)), cbpp, Binomial(); wts = float(cbpp.hsz))
            """)
        let shown = run("gm.LMM").output
        #expect(shown.hasPrefix("Linear mixed model fit by maximum likelihood\n rate ~ 1 + period + (1 | herd)\n"))
        #expect(shown.contains("Residual") && shown.contains("Number of obs: 56; levels of grouping factors: 15"))
        #expect(run("simulate!(MersenneTwister(1), gm); gm.LMM").output.contains("Model has not been fit"))
    }
}
