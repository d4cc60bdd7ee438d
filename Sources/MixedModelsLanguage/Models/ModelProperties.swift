import MixedModels

/// Model extractors as language values: the bodies of `coef(m)`, `m.β`, `ranef(m)` and friends.
enum ModelValues {
    static func vector(_ xs: [Double]) -> Value { .array(ArrayBox(doubles: xs)) }

    static func strings(_ xs: [String]) -> Value { .array(ArrayBox(xs.map(Value.string), elementType: "String")) }

    static func matrix(_ m: ColumnMajorMatrix) -> ArrayBox { ArrayBox(doubles: m.values, rows: m.rows, columns: m.cols) }

    /// A matrix given as rows.
    static func matrix(rows: [[Double]]) -> ArrayBox {
        let m = rows.count, n = rows.first?.count ?? 0
        var values: [Double] = []
        values.reserveCapacity(m * n)
        for j in 0..<n { for i in 0..<m { values.append(rows[i][j]) } }
        return ArrayBox(doubles: values, rows: m, columns: n)
    }

    static func matrices(_ ms: [ArrayBox]) -> Value {
        .array(ArrayBox(ms.map(Value.array), elementType: "Matrix{Float64}"))
    }

    static func vcov(_ model: ModelObject) throws -> ArrayBox {
        switch model.fit {
        case .linear(let m): matrix(m.vcov)
        case .generalized(let m): matrix(rows: try m.vcov())
        }
    }

    static func ranef(_ model: ModelObject, uscale: Bool) -> Value {
        switch model.fit {
        case .linear(let m): matrices(m.ranef(uscale: uscale).map(matrix))
        case .generalized(let m): matrices(m.ranef(uscale: uscale).map { matrix(rows: $0) })
        }
    }

    static func theta(_ model: ModelObject) -> [Double] {
        switch model.fit {
        case .linear(let m): m.theta
        case .generalized(let m): m.theta
        }
    }

    static func beta(_ model: ModelObject) -> [Double] {
        switch model.fit {
        case .linear(let m): m.beta
        case .generalized(let m): m.beta
        }
    }

    static func objective(_ model: ModelObject) throws -> Double {
        switch model.fit {
        case .linear(let m): m.objective
        case .generalized(let m): try m.objective()
        }
    }

    static func lambda(_ model: ModelObject) -> Value {
        switch model.fit {
        case .linear(let m): matrices(m.lambda.map(matrix))
        case .generalized(let m): matrices(m.lambda.map { matrix(rows: $0) })
        }
    }

    /// `σs`: a named tuple per grouping factor of named standard deviations.
    static func sigmas(_ model: ModelObject) -> Value {
        let groups = model.varianceGroups()
        return .namedTuple(names: groups.map(\.name), values: groups.map {
            .namedTuple(names: $0.columns, values: $0.standardDeviations.map(Value.float))
        })
    }

    /// `σρs`: per grouping factor, `(σ = (…), ρ = (…))`.
    static func sigmarhos(_ model: ModelObject) -> Value {
        let groups = model.varianceGroups()
        return .namedTuple(names: groups.map(\.name), values: groups.map { g in
            let rho = g.correlations.flatMap { $0 }.map { $0.map(Value.float) ?? .float(-0.0) }
            return .namedTuple(names: ["σ", "ρ"], values: [
                .namedTuple(names: g.columns, values: g.standardDeviations.map(Value.float)), .tuple(rho),
            ])
        })
    }

    static func size(_ model: ModelObject) -> Value {
        switch model.fit {
        case .linear(let m):
            let s = m.size
            return .tuple([.int(s.n), .int(s.p), .int(s.q), .int(s.k)])
        case .generalized(let m):
            let f = m.modelFrame
            return .tuple([.int(m.nobs), .int(f.fixedEffectCount),
                           .int(f.randomEffectsTerms.reduce(0) { $0 + $1.randomEffectCount }),
                           .int(f.randomEffectsTerms.count)])
        }
    }

    /// The fixed-effects model matrix, n × p.
    static func modelMatrix(_ model: ModelObject) -> Value {
        let f = model.frame
        return .array(ArrayBox(doubles: f.x, rows: f.observationCount, columns: f.fixedEffectCount))
    }

    /// An LMM's `m.y`: MixedModels.jl returns the last column of `[X y]` (`Xymat`) as a view, and shows its type.
    static func responseView(_ model: ModelObject) -> Value {
        let f = model.frame
        let n = f.observationCount, p = f.fixedEffectCount
        let xy = ArrayBox(doubles: f.x + model.y, rows: n, columns: p + 1)
        return .array(ArrayBox(viewing: xy, positions: Array((p * n)..<((p + 1) * n)), shape: [n],
                               kind: .sub([.type("Colon"), .int(p + 1)])))
    }
}

/// `m.name` for the properties this implementation provides.
enum ModelProperties {
    static func value(of model: ModelObject, _ name: String) throws -> Value? {
        switch name {
        case "θ", "theta": return ModelValues.vector(ModelValues.theta(model))
        case "β", "beta": return ModelValues.vector(ModelValues.beta(model))
        case "coef": return ModelValues.vector(try model.coefficients().estimates)
        case "βs", "betas":
            let (names, estimates, _) = try model.coefficients()
            return .namedTuple(names: names, values: estimates.map(Value.float))
        case "λ", "lambda": return ModelValues.lambda(model)
        case "stderror": return ModelValues.vector(try model.coefficients().errors)
        case "σ", "sigma": return model.residualStandardDeviation.map(Value.float) ?? .missing
        case "σs", "sigmas": return ModelValues.sigmas(model)
        case "σρs", "sigmarhos": return ModelValues.sigmarhos(model)
        case "b": return ModelValues.ranef(model, uscale: false)
        case "u":
            if case .generalized = model.fit { return .array(try model.workingState().u) }
            return ModelValues.ranef(model, uscale: true)
        case "u₀": return .array(try model.workingState().u0)
        case "devc": return .array(try model.workingState().devc)
        case "devc0": return .array(try model.workingState().devc0)
        case "resp":
            guard case .generalized = model.fit else { return nil }
            return .object(try model.workingState().response)
        case "vcov": return .array(try ModelValues.vcov(model))
        case "objective": return .float(try ModelValues.objective(model))
        case "X": return ModelValues.modelMatrix(model)
        case "y":
            guard case .linear = model.fit else { return ModelValues.vector(model.y) }
            return ModelValues.responseView(model)
        case "lowerbd":
            switch model.fit {
            case .linear(let m): return ModelValues.vector(m.lowerbd)
            case .generalized(let m): return ModelValues.vector(m.lowerBounds)
            }
        case "pvalues":
            return ModelValues.vector(try model.coefficientRows().map(\.pValue))
        case "formula":
            switch model.fit {
            case .linear(let m): return .string(m.formulaText)
            case .generalized(let m): return .string(m.formulaDescription)
            }
        case "optsum":
            switch model.fit {
            case .linear(let m): return .object(OptSummaryObject(m))
            // MixedModels.jl forwards a GLMM's `optsum` to its inner LMM's: the same record as `m.LMM.optsum`.
            case .generalized(let g): return .object(GLMMOptSummaryObject(g.optimizationSummary))
            }
        case "reterms":
            return .array(ArrayBox(model.frame.randomEffectsTerms.indices.map {
                .object(ReMatObject(model: model, index: $0))
            }, elementType: "AbstractReMat{Float64}"))
        case "PCA", "rePCA":
            let terms = model.frame.randomEffectsTerms
            let pcas = try terms.indices.map { j -> PCAObject in
                let t = ReMatObject(model: model, index: j)
                guard let pca = PCAObject(lambda: t.lambda.values, names: t.term.columnNames) else {
                    throw LanguageError("the singular value decomposition of λ for \(t.term.groupingName) failed")
                }
                return pca
            }
            return .namedTuple(names: terms.map(\.groupingName),
                               values: pcas.map { name == "PCA" ? .object($0) : ModelValues.vector($0.cumvar) })
        case "A", "L":
            return try BlockedMatrices.value(of: model, name)
        case "LMM":
            guard case .generalized(let g) = model.fit else { return nil }
            return .object(GLMMInnerModelObject(model: model, glmm: g))
        default:
            return nil
        }
    }
}
