import MixedModels

extension BuiltinLibrary {
    /// The inside of a linear mixed model's fit, under MixedModels.jl's names: `BlockDescription`, `getθ`, `setθ!`,
    /// `updateL!` and `objective!`.
    mutating func registerInsideAFit() {
        add("BlockDescription", isType: true) { c in
            try c.expectCount(1, "BlockDescription(model)")
            return .object(BlockDescriptionObject(BlockDescription(frame: try ModelFitting.model(c, 0).frame)))
        }
        add("sparse") { c in
            try c.expectCount(1, "sparse(reterm)")
            guard case .object(let t as ReMatObject) = c.positional[0] else {
                throw c.wrongType(0, expected: "a random-effects term (an element of m.reterms)")
            }
            return .object(SparseMatrixObject(t))
        }
        for name in ["adjoint", "transpose"] {
            extend(name) { c, next in
                guard c.count == 1, case .object(let s as SparseMatrixObject) = c.positional[0] else { return try next(c) }
                return .object(s.adjoint())
            }
        }
        add("getθ") { c in
            try c.expectCount(1, "getθ(model) or getθ(reterm)")
            if case .object(let t as ReMatObject) = c.positional[0] { return ModelValues.vector(t.theta) }
            return ModelValues.vector(ModelValues.theta(try ModelFitting.model(c, 0)))
        }
        add("setθ!") { c in
            try c.expectCount(2, "setθ!(model, θ)")
            let model = try InsideAFit.linear(c, "setθ!")
            try InsideAFit.engine { try model.setTheta(try InsideAFit.theta(c.positional[1])) }
            return c.positional[0]
        }
        add("updateL!") { c in
            try c.expectCount(1, "updateL!(model)")
            let model = try InsideAFit.linear(c, "updateL!")
            try InsideAFit.engine { try model.updateL() }
            return c.positional[0]
        }
        add("objective!") { c in
            try c.expectCount(2, "objective!(model, θ)")
            let model = try InsideAFit.linear(c, "objective!")
            return .float(try InsideAFit.engine { try model.objective(settingTheta: try InsideAFit.theta(c.positional[1])) })
        }
    }
}

/// Argument handling shared by the inside-a-fit builtins.
enum InsideAFit {
    static func linear(_ c: CallContext, _ name: String) throws -> LinearMixedModel {
        guard case .linear(let m) = try ModelFitting.model(c, 0).fit else {
            throw LanguageError("\(name) applies to a LinearMixedModel (for a GLMM use its LMM)")
        }
        return m
    }

    /// θ as a vector, or a number for a model with one scalar θ.
    static func theta(_ value: Value) throws -> [Double] {
        if let x = value.asDouble { return [x] }
        return try Iteration.elements(of: value).map { v in
            guard let x = v.asDouble else { throw LanguageError("θ must be numbers, got \(v.described)") }
            return x
        }
    }

    /// Runs an engine call, turning its argument errors into the language's one-line messages.
    static func engine<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as MixedModelError {
            throw LanguageError(error.description)
        }
    }
}

extension ModelObject {
    /// `m.θ = θ` is `setθ!(m, θ)` (L follows at `updateL!`); a linear mixed model's other fields are fixed.
    func setProperty(_ name: String, _ value: Value) throws {
        guard name == "θ" || name == "theta", case .linear(let m) = fit else {
            throw LanguageError("setfield!: immutable struct of type \(typeName) cannot be changed")
        }
        try InsideAFit.engine { try m.setTheta(try InsideAFit.theta(value)) }
    }
}
