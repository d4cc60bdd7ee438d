import DataTables
import MixedModels
import TextDisplay

/// A fitted linear or generalized linear mixed model as a language value.
final class ModelObject: LanguageObject {
    enum Fit {
        case linear(LinearMixedModel)
        case generalized(GeneralizedLinearMixedModel)
    }

    let fit: Fit
    /// The formula, table and contrasts the model was built from (for `predict(m, newdata)`).
    var source: (formula: Formula, data: DataTable, contrasts: [String: ContrastCoding])?

    init(_ fit: Fit) {
        self.fit = fit
    }

    /// A GLMM's working-state arrays (`m.u`, `m.devc`, `m.resp` …), made on first use and then shared.
    private var glmmState: GLMMWorkingState?

    /// The working state of a GLMM, refreshed from the engine if a fit moved it since last written.
    func workingState() throws -> GLMMWorkingState {
        guard case .generalized(let g) = fit else {
            throw LanguageError("this property belongs to generalized linear mixed models")
        }
        if let glmmState {
            glmmState.refreshIfEngineMoved()
            return glmmState
        }
        let made = GLMMWorkingState(g)
        glmmState = made
        return made
    }

    var frame: ModelFrame {
        switch fit {
        case .linear(let m): m.frame
        case .generalized(let m): m.modelFrame
        }
    }

    /// The response now in the model (after `simulate!` or `refit!(m, y)` too).
    var y: [Double] {
        switch fit {
        case .linear(let m): m.frame.y
        case .generalized(let m): m.y
        }
    }

    var typeName: String {
        switch fit {
        case .linear: "LinearMixedModel{Float64}"
        case .generalized(let m): "GeneralizedLinearMixedModel{Float64, \(m.family.juliaName)}"
        }
    }

    var levels: [Int] { frame.randomEffectsTerms.map(\.levelCount) }

    /// The rows of the coefficient table, in the model matrix's column order.
    func coefficientRows() throws -> [CoefficientRow] {
        let (names, estimates, errors) = try coefficients()
        return zip(names, zip(estimates, errors)).map {
            CoefficientRow(name: $0.0, estimate: $0.1.0, standardError: $0.1.1)
        }
    }

    func coefficients() throws -> (names: [String], estimates: [Double], errors: [Double]) {
        switch fit {
        case .linear(let m): return (m.coefnames, m.coef, m.stderror)
        case .generalized(let m): return (m.coefficientNames, m.coefficients, try m.standardErrors())
        }
    }

    /// The groups of the variance-components table.
    func varianceGroups() -> [VarianceComponentGroup] {
        let covariances: [Covariance]
        switch fit {
        case .linear(let m):
            covariances = m.sigmarhos.map {
                Covariance(groupingName: $0.groupingName, columnNames: $0.columnNames,
                           standardDeviations: $0.standardDeviations, correlations: $0.correlations)
            }
        case .generalized(let m): covariances = ModelObject.generalizedCovariances(m)
        }
        return covariances.map { c in
            var rows: [[Double?]] = [[]]
            var index = 0
            for r in 1..<max(1, c.standardDeviations.count) {
                rows.append(Array(c.correlations[index..<(index + r)]))
                index += r
            }
            return VarianceComponentGroup(name: c.groupingName, columns: c.columnNames,
                                          standardDeviations: c.standardDeviations,
                                          correlations: c.standardDeviations.count > 1 ? rows : [])
        }
    }

    /// Standard deviations and correlations of a GLMM's random effects from λλᵀ (no dispersion to scale by).
    static func generalizedCovariances(_ m: GeneralizedLinearMixedModel) -> [Covariance] {
        zip(m.lambda, m.modelFrame.randomEffectsTerms).map { lambda, term in
            let v = term.vsize
            func cov(_ i: Int, _ j: Int) -> Double { (0..<v).reduce(0) { $0 + lambda[i][$1] * lambda[j][$1] } }
            let sd = (0..<v).map { cov($0, $0).squareRoot() }
            let free = Set(term.lambdaIndices)
            var rho: [Double?] = []
            for r in 1..<max(1, v) {
                for k in 0..<r { rho.append(free.contains(r + k * v) ? cov(r, k) / (sd[r] * sd[k]) : nil) }
            }
            return Covariance(groupingName: term.groupingName, columnNames: term.columnNames,
                                           standardDeviations: sd, correlations: rho)
        }
    }

    /// Standard deviations and correlations of one grouping factor (correlations row by row below the diagonal).
    struct Covariance {
        var groupingName: String
        var columnNames: [String]
        var standardDeviations: [Double]
        var correlations: [Double?]
    }

    var residualStandardDeviation: Double? {
        switch fit {
        case .linear(let m): m.sigma
        case .generalized(let m): m.sdest
        }
    }

    func display() -> String {
        let rows = (try? coefficientRows()) ?? []
        switch fit {
        case .linear(let m):
            return ModelSummaryDisplay.linearMixedModel(
                formula: m.formulaText, reml: m.isREML, objective: m.objective,
                informationCriteria: (m.aic, m.aicc, m.bic), varianceComponents: varianceGroups(),
                residualStandardDeviation: m.sigma, observations: m.nobs, levels: levels, coefficients: rows)
        case .generalized(let m):
            return ModelSummaryDisplay.generalizedLinearMixedModel(
                formula: m.formulaDescription, nAGQ: m.optimizationSummary.nAGQ, distribution: m.family.juliaName,
                link: m.link.juliaName, logLikelihood: m.logLikelihood(), deviance: (try? m.deviance()) ?? .nan,
                informationCriteria: (m.aic(), m.aicc(), m.bic()), varianceComponents: varianceGroups(),
                dispersion: m.sdest, observations: m.nobs, levels: levels, coefficients: rows)
        }
    }

    func renderedTables() -> [RenderedTable] {
        var tables: [RenderedTable] = []
        if let rows = try? coefficientRows() { tables.append(ModelTables.coefficients(rows)) }
        tables.append(ModelTables.varianceComponents(varianceGroups(), residual: residualStandardDeviation))
        return tables
    }

    var propertyNames: [String] {
        switch fit {
        case .linear: LinearMixedModel.propertyNames
        case .generalized: GeneralizedLinearMixedModel.propertyNames
        }
    }

    func property(_ name: String) throws -> Value? {
        let generalized: Bool = if case .generalized = fit { true } else { false }
        // A GLMM forwards `optsum` to its inner LMM without listing it, as MixedModels.jl's `getproperty` does.
        guard propertyNames.contains(name)
                || generalized && (GLMMWorkingState.extraPropertyNames.contains(name) || name == "optsum")
        else { return nil }
        if let v = try ModelProperties.value(of: self, name) { return v }
        throw LanguageError("property `\(name)` of \(typeName) is not provided by this implementation")
    }
}

/// The `VarCorr(m)` value.
final class VarCorrObject: LanguageObject {
    let groups: [VarianceComponentGroup]
    let residual: Double?
    init(groups: [VarianceComponentGroup], residual: Double?) {
        self.groups = groups
        self.residual = residual
    }
    var typeName: String { "VarCorr" }
    func display() -> String {
        var text = VarianceComponentsDisplay.render(groups: groups, residualStandardDeviation: residual)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
    func renderedTables() -> [RenderedTable] { [ModelTables.varianceComponents(groups, residual: residual)] }
}

/// The `coeftable(m)` value.
final class CoefTableObject: LanguageObject {
    let rows: [CoefficientRow]
    init(_ rows: [CoefficientRow]) { self.rows = rows }
    var typeName: String { "StatsBase.CoefTable" }
    func display() -> String { CoefficientTableDisplay.render(rows) }
    func renderedTables() -> [RenderedTable] { [ModelTables.coefficients(rows)] }
}

/// A distribution family (`Bernoulli()`) or a link (`LogitLink()`).
final class FamilyObject: LanguageObject {
    let family: Family
    init(_ family: Family) { self.family = family }
    var typeName: String { family.juliaName }
    func display() -> String {
        switch family {
        case .bernoulli: "Bernoulli{Float64}(p=0.5)"
        case .binomial: "Binomial{Float64}(n=1, p=0.5)"
        case .poisson: "Poisson{Float64}(λ=1.0)"
        }
    }
    func isEqual(to other: any LanguageObject) -> Bool { (other as? FamilyObject)?.family == family }
}

final class LinkObject: LanguageObject {
    let link: Link
    init(_ link: Link) { self.link = link }
    var typeName: String { String(link.juliaName.dropLast(2)) }
    func display() -> String { link.juliaName }
    func isEqual(to other: any LanguageObject) -> Bool { (other as? LinkObject)?.link == link }
}

/// Table forms of model pieces for rendered pages.
enum ModelTables {
    static func coefficients(_ rows: [CoefficientRow]) -> RenderedTable {
        RenderedTable(caption: "Fixed-effects parameters", header: ["", "Coef.", "Std. Error", "z", "Pr(>|z|)"],
                      rows: rows.map {
                          [$0.name, JuliaFloatFormat.compact($0.estimate), JuliaFloatFormat.compact($0.standardError),
                           CFormatting.fixed($0.zValue, 2), CoefficientTableDisplay.pValueText($0.pValue)]
                      },
                      rightAligned: [false, true, true, true, true])
    }

    static func varianceComponents(_ groups: [VarianceComponentGroup], residual: Double?) -> RenderedTable {
        var rows: [[String]] = []
        for g in groups {
            for (j, sd) in g.standardDeviations.enumerated() {
                rows.append([j == 0 ? g.name : "", j < g.columns.count ? g.columns[j] : "",
                             JuliaFloatFormat.compact(sd * sd), JuliaFloatFormat.compact(sd)])
            }
        }
        if let residual {
            rows.append(["Residual", "", JuliaFloatFormat.compact(residual * residual), JuliaFloatFormat.compact(residual)])
        }
        return RenderedTable(caption: "Variance components", header: ["", "Column", "Variance", "Std.Dev."],
                             rows: rows, rightAligned: [false, false, true, true])
    }
}

/// `%.nf` formatting without Foundation's locale dependence.
enum CFormatting {
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return Display.repr(.float(x)) }
        let scale = (0..<digits).reduce(1.0) { r, _ in r * 10 }
        let rounded = (abs(x) * scale).rounded() / scale
        var text = String(Int(rounded))
        if digits > 0 {
            let fraction = Int(((rounded - rounded.rounded(.down)) * scale).rounded())
            text += "." + String(fraction).leftPadded(to: digits, with: "0")
        }
        return (x < 0 && rounded != 0 ? "-" : "") + text
    }
}
