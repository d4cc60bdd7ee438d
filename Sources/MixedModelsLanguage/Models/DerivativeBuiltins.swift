import MixedModels

extension BuiltinLibrary {
    /// MixedModels.jl's ForwardDiff and FiniteDiff extensions: `ForwardDiff.gradient(m[, θ])`,
    /// `ForwardDiff.hessian(m[, θ])`, `FiniteDiff.finite_difference_gradient(m[, θ])` and
    /// `FiniteDiff.finite_difference_hessian(m[, θ])` for linear mixed models, computed by the engine's own
    /// forward-mode and central-difference code (see `LinearMixedModel.forwardGradient`).
    mutating func registerDerivatives() {
        modules.formUnion(["ForwardDiff", "FiniteDiff"])
        let entries: [(module: String, name: String, isHessian: Bool)] = [
            ("ForwardDiff", "gradient", false), ("ForwardDiff", "hessian", true),
            ("FiniteDiff", "finite_difference_gradient", false), ("FiniteDiff", "finite_difference_hessian", true),
        ]
        for entry in entries {
            let call = "\(entry.module).\(entry.name)"
            qualifiedOnly[entry.module, default: [:]][entry.name] = Function(entry.name) { c in
                try c.expectCount(1...2, "\(call)(model[, θ])")
                let object = try ModelFitting.model(c, 0)
                guard case .linear(let model) = object.fit else {
                    throw JuliaException.methodError(call, c.positional)
                }
                let theta = c.count == 2 ? try Numeric.doubles(c.positional[1], "θ") : nil
                let k = model.theta.count
                switch (entry.module, entry.isHessian) {
                case ("ForwardDiff", false): return Numeric.vector(try model.forwardGradient(at: theta))
                case ("ForwardDiff", true):
                    return Numeric.matrixValue(try model.forwardHessian(at: theta), rows: k, columns: k)
                case (_, false): return Numeric.vector(try model.finiteDifferenceGradient(at: theta))
                default:
                    // FiniteDiff returns `Symmetric(H)`, shown with its module because the docs do not load LinearAlgebra.
                    let hessian = StructuredMatrixObject(.symmetric, n: k,
                                                         values: try model.finiteDifferenceHessian(at: theta))
                    hessian.modulePrefix = "LinearAlgebra."
                    return .object(hessian)
                }
            }
        }
    }
}
