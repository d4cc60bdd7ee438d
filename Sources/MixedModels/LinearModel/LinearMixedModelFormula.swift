import DataTables

// Construction from a formula and a table: the Swift face of MixedModels.jl's
// `fit(MixedModel, formula, table; REML=false, contrasts=...)`.
extension LinearMixedModel {
    /// Builds (without fitting) the model of `formula` on `data`; `contrasts` codes categorical variables by name.
    public convenience init(formula: Formula, data: DataTable, contrasts: [String: ContrastCoding] = [:]) throws {
        try self.init(frame: modelFrame(formula, data: data, contrasts: contrasts), formula: formula)
    }

    /// Builds a model from a ready model frame; the formula, when given, is what the summary prints.
    public convenience init(frame: ModelFrame, formula: Formula?) throws {
        try self.init(frame: frame, formulaText: formula?.description ?? "")
    }

    /// Builds and fits the model of `formula` on `data`, by REML when `reml` is true.
    public static func fit(_ formula: Formula, _ data: DataTable, reml: Bool = false,
                           contrasts: [String: ContrastCoding] = [:]) throws -> LinearMixedModel {
        try LinearMixedModel(formula: formula, data: data, contrasts: contrasts).fit(reml: reml)
    }
}
