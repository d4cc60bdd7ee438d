import DataTables
import MixedModels

/// One grouping factor's conditional modes with level names (an element of `raneftables(m)`).
final class RanefTableObject: LanguageObject, TableConvertible {
    let table: RandomEffectsTable
    init(_ table: RandomEffectsTable) { self.table = table }
    var typeName: String { "Table" }
    func dataTable() throws -> DataTable {
        var columns = [Column(name: table.groupingName, strings: table.levels)]
        for (j, name) in table.columnNames.enumerated() {
            columns.append(Column(name: name, doubles: table.values.map { $0[j] }))
        }
        return try DataTable(columns: columns)
    }
    func display() -> String { (try? dataTable()).map { dataFrameDisplay($0) } ?? typeName }
    var propertyNames: [String] { [table.groupingName] + table.columnNames }
    func property(_ name: String) throws -> Value? {
        guard let column = try dataTable()[name] else { return nil }
        return .array(TableObject.vector(column))
    }
}

extension BuiltinLibrary {
    /// Every model extractor of the engine, under MixedModels.jl's names.
    mutating func registerExtractors() {
        func model(_ name: String, keywords: Set<String> = [], _ body: @escaping (ModelObject, CallContext) throws -> Value) {
            add(name, keywords: keywords) { c in
                try c.expectCount(1, "\(name)(model)")
                return try body(try ModelFitting.model(c, 0), c)
            }
        }
        model("coef") { m, _ in ModelValues.vector(try m.coefficients().estimates) }
        model("coefnames") { m, _ in ModelValues.strings(try m.coefficients().names) }
        model("fixef") { m, _ in
            switch m.fit {
            case .linear(let l): ModelValues.vector(l.fixef)
            case .generalized(let g): ModelValues.vector(g.beta)
            }
        }
        model("fixefnames") { m, _ in
            switch m.fit {
            case .linear(let l): ModelValues.strings(l.fixefnames)
            case .generalized(let g): ModelValues.strings(g.fixedEffectNames)
            }
        }
        model("vcov", keywords: ["corr"]) { m, c in
            let v = try ModelValues.vcov(m)
            // `corr = true`: the correlations of the estimates, V scaled by the reciprocal standard errors.
            guard try c.boolKeyword("corr", default: false) else { return .array(v) }
            let p = v.shape.first ?? 0
            let entries = try (0..<(p * p)).map { i -> Double in
                guard let x = v.element(i).asDouble else { throw LanguageError("vcov: expected a numeric matrix") }
                return x
            }
            let scale = (0..<p).map { 1 / entries[$0 * p + $0].squareRoot() }
            let rows = (0..<p).map { i in (0..<p).map { j in i == j ? 1.0 : entries[j * p + i] * scale[i] * scale[j] } }
            return .array(ModelValues.matrix(rows: rows))
        }
        model("stderror") { m, _ in ModelValues.vector(try m.coefficients().errors) }
        model("coeftable") { m, _ in .object(CoefTableObject(try m.coefficientRows())) }
        model("VarCorr") { m, _ in .object(VarCorrObject(groups: m.varianceGroups(), residual: m.residualStandardDeviation)) }
        model("varest") { m, _ in
            switch m.fit {
            case .linear(let l): .float(l.varest)
            case .generalized(let g): g.varest.map(Value.float) ?? .missing
            }
        }
        model("sdest") { m, _ in m.residualStandardDeviation.map(Value.float) ?? .missing }
        model("ranef", keywords: ["uscale"]) { m, c in
            ModelValues.ranef(m, uscale: try c.boolKeyword("uscale", default: false))
        }
        model("raneftables", keywords: ["uscale"]) { m, c in
            let uscale = try c.boolKeyword("uscale", default: false)
            let tables = switch m.fit {
            case .linear(let l): l.raneftables(uscale: uscale)
            case .generalized(let g): g.raneftables(uscale: uscale)
            }
            return .namedTuple(names: tables.map(\.groupingName), values: tables.map { .object(RanefTableObject($0)) })
        }
        model("condVar") { m, _ in
            guard case .linear(let l) = m.fit else { throw LanguageError("condVar is available for linear mixed models") }
            let arrays = l.condVar().map { cv -> Value in
                let v = cv.columnNames.count
                return .array(ArrayBox(doubles: cv.matrices.flatMap(\.values), rows: v, columns: v)
                    .reshaped([v, v, cv.matrices.count]))
            }
            return .array(ArrayBox(arrays, elementType: "Array{Float64, 3}"))
        }
        model("leverage") { m, _ in
            guard case .linear(let l) = m.fit else { throw LanguageError("leverage is available for linear mixed models") }
            return ModelValues.vector(l.leverage())
        }
        model("loglikelihood") { m, _ in
            switch m.fit {
            case .linear(let l): .float(try l.loglikelihood())
            case .generalized(let g): .float(g.logLikelihood())
            }
        }
        model("aic") { m, _ in criterion(m) { $0.aic } generalized: { $0.aic() } }
        model("aicc") { m, _ in criterion(m) { $0.aicc } generalized: { $0.aicc() } }
        model("bic") { m, _ in criterion(m) { $0.bic } generalized: { $0.bic() } }
        model("dof") { m, _ in
            switch m.fit {
            case .linear(let l): .int(l.dof)
            case .generalized(let g): .int(g.degreesOfFreedom)
            }
        }
        model("dof_residual") { m, _ in
            guard case .linear(let l) = m.fit else { throw LanguageError("dof_residual is available for linear mixed models") }
            return .int(l.dofResidual)
        }
        model("nobs") { m, _ in .int(m.frame.observationCount) }
        model("objective") { m, _ in .float(try ModelValues.objective(m)) }
        model("fitted") { m, _ in
            switch m.fit {
            case .linear(let l): ModelValues.vector(l.fitted)
            case .generalized(let g): ModelValues.vector(g.fitted)
            }
        }
        model("residuals") { m, _ in
            guard case .linear(let l) = m.fit else { throw LanguageError("residuals is available for linear mixed models") }
            return ModelValues.vector(l.residuals)
        }
        model("response") { m, _ in ModelValues.vector(m.y) }
        model("issingular") { m, _ in
            guard case .linear(let l) = m.fit else { throw LanguageError("issingular is available for linear mixed models") }
            return .bool(l.issingular)
        }
        model("pvalues") { m, _ in ModelValues.vector(try m.coefficientRows().map(\.pValue)) }
        model("lowerbd") { m, _ in try m.property("lowerbd") ?? .nothing }
        add("deviance") { c in
            try c.expectCount(1...2, "deviance(model) or deviance(glmm, nAGQ)")
            let m = try ModelFitting.model(c, 0)
            switch m.fit {
            case .linear(let l):
                if c.count == 2 { throw LanguageError("deviance(model, nAGQ) applies to generalized models only") }
                return .float(l.deviance)
            case .generalized(let g): return .float(try g.deviance(nAGQ: c.count == 2 ? try c.integer(1) : nil))
            }
        }
        let updating = Function("deviance!") { c in
            try c.expectCount(1...2, "MixedModels.deviance!(glmm[, nAGQ])")
            guard case .generalized(let g) = try ModelFitting.model(c, 0).fit else {
                throw LanguageError("deviance! applies to generalized linear mixed models")
            }
            return .float(try g.updatingDeviance(nAGQ: c.count == 2 ? try c.integer(1) : 1))
        }
        add(updating)
        extend("size") { c, next in
            guard c.count == 1, case .object(let o as ModelObject) = c.positional[0] else { return try next(c) }
            return ModelValues.size(o)
        }
    }
}

private func criterion(_ m: ModelObject, linear: (LinearMixedModel) -> Double,
                       generalized: (GeneralizedLinearMixedModel) -> Double) -> Value {
    switch m.fit {
    case .linear(let l): .float(linear(l))
    case .generalized(let g): .float(generalized(g))
    }
}

extension ArrayBox {
    /// The same elements under another shape (column-major, as Julia's `reshape`).
    func reshaped(_ shape: [Int]) -> ArrayBox {
        ArrayBox(elements, shape: shape, elementType: elementType)
    }
}
