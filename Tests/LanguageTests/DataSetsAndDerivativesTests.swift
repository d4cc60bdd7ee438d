import Foundation
import Testing
@testable import MixedModelsLanguage

/// kb07, `ForwardDiff`/`FiniteDiff` on models, `Table(x)` and `CSV.read(path, DataFrame)` through a session.
@Suite struct DataSetsAndDerivativesTests {
    let dir = NSTemporaryDirectory() + "datasets-derivatives-\(UUID().uuidString)"

    init() throws {
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try "g,y\na,1.5\nb,2\n".write(toFile: dir + "/data/small.csv", atomically: true, encoding: .utf8)
    }

    func session() -> (String) -> BlockResult {
        let session = Session(baseDirectory: dir)
        return { session.run($0, file: "nb.md", firstLine: 1, timeout: 120) }
    }

    /// lme4 1.1-31, `lmer(rt_trunc ~ 1 + spkr*prec*load + (1|subj) + (1|item), REML = FALSE)` on datasets/kb07.csv.
    @Test func kb07MatchesLme4() {
        let run = session()
        let fit = run("""
            m = fit(MixedModel, @formula(rt_trunc ~ 1 + spkr*prec*load + (1|subj) + (1|item)), MixedModels.dataset(:kb07))
            (objective(m), m.θ)
            """)
        #expect(fit.error == nil, "\(fit.output)")
        let values = run("abs(objective(m) - 28808.8254381) < 1e-5 && maximum(abs.(m.θ .- [0.4427572971, 0.5051453382])) < 1e-5")
        #expect(values.output == "true", "\(fit.output)")
        #expect(run("size(MixedModels.dataset(:kb07))").output == "(1789, 6)")
    }

    @Test func derivativesDisplayAsJulia() {
        let run = session()
        _ = run("fm1 = lmm(@formula(yield ~ 1 + (1|batch)), MixedModels.dataset(:dyestuff2));")
        #expect(run("ForwardDiff.gradient(fm1)").output == "1-element Vector{Float64}:\n 0.0")
        #expect(run("ForwardDiff.hessian(fm1)").output.hasPrefix("1×1 Matrix{Float64}:\n 28.768680764"))
        _ = run("fm2 = lmm(@formula(reaction ~ 1 + days + (1 + days|subj)), MixedModels.dataset(:sleepstudy));")
        let h = run("FiniteDiff.finite_difference_hessian(fm2)")
        #expect(h.output.hasPrefix("3×3 LinearAlgebra.Symmetric{Float64, Matrix{Float64}}:\n  40.88"), "\(h.output)")
        #expect(run("length(FiniteDiff.finite_difference_gradient(fm2, [1.0, 0.0, 1.0]))").output == "3")
    }

    @Test func derivativesRejectWhatJuliaRejects() {
        let run = session()
        _ = run("gm = glmm(@formula(use ~ 1 + age + (1|dist)), MixedModels.dataset(:contra), Bernoulli());")
        let glmm = run("ForwardDiff.gradient(gm)")
        #expect(glmm.error?.contains("MethodError: no method matching ForwardDiff.gradient") == true, "\(glmm.output)")
        _ = run("fm2 = lmm(@formula(reaction ~ 1 + days + (1 + days|subj)), MixedModels.dataset(:sleepstudy));")
        let short = run("ForwardDiff.hessian(fm2, [1.0])")
        #expect(short.error?.contains("θ has 1 elements; the model has 3") == true, "\(short.output)")
    }

    @Test func tableRoundTrip() {
        let run = session()
        let t = run("t = Table([(a = 1, b = \"x\"), (a = 2, b = \"y\")])")
        #expect(t.error == nil && t.output.contains("Table with 2 columns and 2 rows"), "\(t.output)")
        #expect(run("nrow(DataFrame(t))").output == "2")
        #expect(run("t.a").output == "2-element Vector{Int64}:\n 1\n 2")
    }

    @Test func csvReadStaysBelowTheNotebook() {
        let run = session()
        let df = run("df = CSV.read(\"data/small.csv\", DataFrame)\nnrow(df)")
        #expect(df.output == "2", "\(df.output)")
        let outside = run("CSV.read(\"/etc/passwd\", DataFrame)")
        #expect(outside.error?.contains("CSV.read refuses to read \"/etc/passwd\"") == true, "\(outside.output)")
        let sink = run("CSV.read(\"data/small.csv\", 3)")
        #expect(sink.error?.contains("the sink must be DataFrame or Table") == true, "\(sink.output)")
    }
}

/// `Pkg` installs nothing: it says so for the packages the tool provides and refuses others.
@Suite struct PkgTests {
    @Test func addOnlyAcknowledgesProvidedPackages() {
        let session = Session(baseDirectory: "/tmp")
        let run = { session.run($0, file: "nb.md", firstLine: 1, timeout: 30) }
        let ok = run("using Pkg\nPkg.add(\"MixedModels\")")
        #expect(ok.output.hasPrefix("  MixedModels is provided by this notebook tool: nothing to install"), "\(ok.output)")
        let other = run("Pkg.add(\"Flux\")")
        #expect(other.error?.contains("installs no packages, and Flux is not one it provides") == true)
        #expect(run("Pkg.activate(\".\")").output.contains("uses no package environments"))
    }
}
