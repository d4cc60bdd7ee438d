import MixedModels
import TextDisplay

/// A value MixedModels.jl shows as a table in `text/markdown`, `text/html`, `text/latex` and `text/xelatex`
/// (its `mimeshow.jl`): models, `VarCorr`, likelihood-ratio tests, `BlockDescription` and `OptSummary`.
protocol RichDisplayable {
    func markdownTable() throws -> (MarkdownTable, MixedModelsMarkdown.Kind)
}

/// `show(io, MIME(type), x)` for every value.
enum MIMEShow {
    /// The text `show` writes for `mime`; Julia's `MethodError` for a type the value has no method for.
    static func render(_ value: Value, mime: String) throws -> String {
        if mime == "text/plain" { return Display.textPlain(value) }
        if let rich = RichMIME(rawValue: mime), case .object(let o as RichDisplayable) = value {
            let (table, kind) = try o.markdownTable()
            return MixedModelsMarkdown.show(table, kind: kind, mime: rich)
        }
        throw LanguageError("MethodError: no method matching show(::IOContext{IOBuffer}, ::MIME{Symbol(\"\(mime)\")}, "
                            + "::\(value.typeName))")
    }
}

extension ModelObject: RichDisplayable {
    func markdownTable() throws -> (MarkdownTable, MixedModelsMarkdown.Kind) {
        let dispersion: (name: String, value: Double)?
        switch fit {
        case .linear(let m): dispersion = ("Residual", m.sigma)
        case .generalized: dispersion = nil
        }
        return (MixedModelsMarkdown.model(coefficients: try coefficientRows(), groups: varianceGroups(),
                                          dispersion: dispersion), .model)
    }
}

extension VarCorrObject: RichDisplayable {
    func markdownTable() throws -> (MarkdownTable, MixedModelsMarkdown.Kind) {
        (MixedModelsMarkdown.varCorr(groups: groups, residual: residual), .varCorr)
    }
}

extension LikelihoodRatioTestObject: RichDisplayable {
    func markdownTable() throws -> (MarkdownTable, MixedModelsMarkdown.Kind) {
        (MixedModelsMarkdown.likelihoodRatioTest(formulas: test.formulas, dof: test.dof, deviance: test.deviance,
                                                 dofdiff: test.dofdiff, deviancediff: test.deviancediff,
                                                 pvalues: test.pvalues), .likelihoodRatioTest)
    }
}

/// `BlockDescription(m)`.
final class BlockDescriptionObject: LanguageObject, RichDisplayable {
    let description: BlockDescription
    init(_ description: BlockDescription) { self.description = description }
    var typeName: String { "BlockDescription" }
    func display() -> String {
        OptSummaryDisplay.blockDescription(names: description.names, rows: description.rows,
                                           types: description.types)
    }
    var propertyNames: [String] { ["blknms", "blkrows", "ALtypes"] }
    func property(_ name: String) throws -> Value? {
        switch name {
        case "blknms": return ModelValues.strings(description.names)
        case "blkrows": return .array(ArrayBox(ints: description.rows))
        default: return nil
        }
    }
    func markdownTable() throws -> (MarkdownTable, MixedModelsMarkdown.Kind) {
        (MixedModelsMarkdown.blockDescription(names: description.names, rows: description.rows,
                                              types: description.types), .blockDescription)
    }
}
