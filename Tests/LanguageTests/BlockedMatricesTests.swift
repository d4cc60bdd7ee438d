import Testing
@testable import MixedModelsLanguage

/// `m.A`, `m.L`, `sparseL`, a GLMM's `optsum` and `pirls!`'s verbose trace through a session. The blocks are
/// checked against identities of the penalized least-squares system (Bates et al. 2015) rather than stored digits:
/// L₁₁² = θ²·A₁₁ + 1 for a scalar term, the last diagonal entry of L squared is the penalized residual sum of
/// squares, and log-determinants of L give the objective.
@Suite struct BlockedMatricesTests {
    static func session() -> (String) -> BlockResult {
        let session = Session(baseDirectory: "/tmp")
        return { session.run($0, file: "nb.md", firstLine: 1, timeout: 300) }
    }

    @Test func dyestuffBlocksFollowFromTheSystem() {
        let run = Self.session()
        let fit = run("fm1 = fit(MixedModel, @formula(yield ~ 1 + (1|batch)), MixedModels.dataset(:dyestuff));")
        #expect(fit.error == nil, "\(fit.output)")
        #expect(run("(length(fm1.A), length(fm1.L))").output == "(3, 3)")
        #expect(run("typeof(fm1.L)").output == "Vector{AbstractMatrix{Float64}}")
        #expect(run("typeof.(fm1.L)").output == """
            3-element Vector{DataType}:
             Diagonal{Float64, Vector{Float64}}
             Matrix{Float64}
             Matrix{Float64}
            """)
        // A: five observations per batch, and [X y]'[X y].
        #expect(run("fm1.A[1].diag == fill(5.0, 6)").output == "true")
        #expect(run("y = MixedModels.dataset(:dyestuff).yield; fm1.A[3] == [30 sum(y); sum(y) sum(abs2, y)]").output
                == "true")
        #expect(run("all(fm1.L[1].diag .≈ sqrt(only(fm1.θ)^2 * 5 + 1))").output == "true")
        #expect(run("fm1.L[end][end, end]^2 / 30 ≈ varest(fm1)").output == "true")
        // The strict upper triangle of the [X y] block keeps A's, as Julia's in-place factor does.
        #expect(run("fm1.L[3][1, 2] == fm1.A[3][1, 2]").output == "true")
        let n = 30.0
        #expect(run("""
            ld = 2 * sum(log.(fm1.L[1].diag)); r2 = fm1.L[3][2, 2]^2
            ld + \(n) * (1 + log(2π * r2 / \(n))) ≈ objective(fm1)
            """).output == "true")
    }

    @Test func vectorTermBlocksAreUniformBlockDiagonal() {
        let run = Self.session()
        _ = run("""
            fm = fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days | subj)), MixedModels.dataset(:sleepstudy));
            """)
        let l1 = run("fm.L[1]").output
        #expect(l1.hasPrefix("36×36 UniformBlockDiagonal{Float64}:\n"), "\(l1)")
        // Each 2 × 2 face is the lower Cholesky factor; its upper entry keeps Λ'AΛ + I, i.e. L₂₁·L₁₁.
        #expect(run("fm.L[1][1, 2] ≈ fm.L[1][2, 1] * fm.L[1][1, 1] && fm.L[1][1, 3] == 0.0").output == "true")
        #expect(run("size(fm.L[2]), size(fm.L[3])").output == "((3, 36), (3, 3))")
        #expect(run("fm.L[3][3, 3]^2 / 180 ≈ varest(fm)").output == "true")
        let s = run("sparseL(fm)").output
        #expect(s.hasPrefix("36×36 SparseArrays.SparseMatrixCSC{Float64, Int32} with 54 stored entries:"), "\(s)")
        #expect(run("sparseL(fm; full = true)").output.hasPrefix("39×39 SparseArrays.SparseMatrixCSC"))
        let bad = run("sparseL(fm; fname = :item)")
        #expect(bad.error?.contains("fname = item is not the name of a grouping factor") == true)
    }

    @Test func crossedTermsFillInToDenseBlocks() {
        let run = Self.session()
        _ = run("""
            fm4 = fit(MixedModel, @formula(diameter ~ 1 + (1 | plate) + (1 | sample)), MixedModels.dataset(:penicillin));
            """)
        #expect(run("typeof(fm4.A[3]), typeof(fm4.L[3])").output
                == "(Diagonal{Float64, Vector{Float64}}, Matrix{Float64})")
        // Dense fill-in: the strict upper triangle of L's block stays zero.
        #expect(run("L3 = fm4.L[3]; sum(abs(L3[i, j]) for i in 1:6 for j in (i + 1):6)").output == "0.0")
        #expect(run("""
            ld = 2 * (sum(log.(fm4.L[1].diag)) + sum(log(fm4.L[3][i, i]) for i in 1:6))
            r2 = fm4.L[6][2, 2]^2
            ld + 144 * (1 + log(2π * r2 / 144)) ≈ objective(fm4)
            """).output == "true")
    }

    @Test func generalizedModelOptsumAndPIRLSTrace() {
        let run = Self.session()
        let fit = run("""
            contra = MixedModels.dataset(:contra)
            gm = fit(MixedModel, @formula(use ~ 1 + age + abs2(age) + livch + urban + (1|dist)), contra, Bernoulli();
                     fast = true);
            """)
        #expect(fit.error == nil, "\(fit.output)")
        #expect(run("sprint(show, gm.optsum) == sprint(show, gm.LMM.optsum)").output == "true")
        #expect(run("(gm.optsum.optimizer, gm.optsum.nAGQ, length(gm.optsum.final))").output == "(:LN_BOBYQA, 1, 1)")
        let trace = run("pirls!(gm, false, true);").output.split(separator: "\n").map(String.init)
        #expect(trace.first?.hasPrefix("varyβ = false, obj₀ = ") == true, "\(trace)")
        #expect(trace.dropFirst().allSatisfy { $0.hasPrefix("   ") && $0.contains(": ") }, "\(trace)")
        // The last iteration's value is the Laplace deviance at the modes.
        let last = Double(trace.last?.split(separator: " ").last ?? "")
        let deviance = Double(run("deviance(gm)").output)
        #expect(last != nil && deviance != nil && abs(last! - deviance!) < 1e-8, "\(trace)")
        let varying = run("pirls!(gm, true, true);").output
        #expect(varying.hasPrefix("varyβ = true, obj₀ = ") && varying.contains(", β = [-"), "\(varying)")
        #expect(run("gm.LMM.L[1].diag == gm.L[1].diag").output == "true")
    }
}

/// The optimizer of a many-θ model with several grouping factors, as `optsum` records it.
@Suite struct ManyThetaOptimizerTests {
    /// The mime docs page's kb07 model: 13 θ on two grouping factors. MixedModels.jl fits it with BOBYQA; so do
    /// we, and BOBYQA reaches the optimum our former unconstrained NEWUOA start reached (28791.82058921037);
    /// lme4 1.1-31 (nloptwrap, ftol_rel 1e-12) stops higher, at 28791.8256627935.
    @Test func crossedKb07ModelRunsBOBYQA() {
        let run = BlockedMatricesTests.session()
        let fit = run("""
            form = @formula(rt_trunc ~ 1 + spkr * prec * load + (1 + load | item) + (1 + spkr + prec + load | subj))
            contr = Dict(:spkr => EffectsCoding(), :prec => EffectsCoding(), :load => EffectsCoding())
            kbm = fit(MixedModel, form, MixedModels.dataset(:kb07); contrasts = contr);
            """)
        #expect(fit.error == nil, "\(fit.output)")
        #expect(run("(kbm.optsum.optimizer, length(kbm.θ))").output == "(:LN_BOBYQA, 13)")
        #expect(run("28791.8 < objective(kbm) < 28791.82058921037 * (1 + 1e-12)").output == "true")
    }
}

/// `deepcopy` of a model gives an independent model, as Julia's does.
@Suite struct ModelDeepCopyTests {
    @Test func simulatingIntoACopyLeavesTheOriginal() {
        let run = BlockedMatricesTests.session()
        let fit = run("""
            using Random
            cbpp = MixedModels.dataset(:cbpp)
            gm2 = fit(MixedModel, @formula((incid/hsz) ~ 1 + period + (1|herd)), cbpp, Binomial(); wts = float(cbpp.hsz))
            β₀ = copy(gm2.β); y₀ = copy(response(gm2))
            gm2sim = refit!(simulate!(MersenneTwister(42), deepcopy(gm2)); fast = true);
            """)
        #expect(fit.error == nil, "\(fit.output)")
        #expect(run("(gm2.β == β₀, response(gm2) == y₀, gm2sim.β != β₀, gm2sim !== gm2)").output
                == "(true, true, true, true)")
        #expect(run("fm = fit(MixedModel, @formula(yield ~ 1 + (1|batch)), MixedModels.dataset(:dyestuff)); "
                    + "c = deepcopy(fm); (objective(c) == objective(fm), c.θ == fm.θ)").output == "(true, true)")
    }
}
