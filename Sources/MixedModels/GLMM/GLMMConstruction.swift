import DataTables

extension GeneralizedLinearMixedModel {
    /// Builds the model for `formula` on `data` (rows with missing values in used columns are dropped).
    /// A Bernoulli response may be 0/1, Bool, or a string column with two levels (the second sorted level is 1,
    /// so "N"/"Y" become 0/1). A `.binomial` family needs the numbers of trials as `weights` with a proportion
    /// response; without weights it is fit as Bernoulli, as in MixedModels.jl.
    /// - Parameters:
    ///   - weights: prior weights, one per row of `data`.
    ///   - offset: offsets added to the linear predictor, one per row of `data`.
    public convenience init(formula: Formula, data: DataTable, family: Family, link: Link? = nil,
                            weights: [Double]? = nil, offset: [Double]? = nil,
                            contrasts: [String: ContrastCoding] = [:]) throws {
        let frame = try ModelFrame(formula, data: data, contrasts: contrasts)
        func perObservation(_ values: [Double]?, _ what: String) throws -> [Double]? {
            guard let values, !values.isEmpty else { return nil }
            guard values.count == data.rowCount else {
                let message = "\(values.count) \(what) given for a table of \(data.rowCount) rows"
                throw what == "weights" ? GLMMError.invalidWeights(message) : GLMMError.invalidOffset(message)
            }
            return frame.rowsUsed.map { values[$0] }
        }
        try self.init(modelFrame: frame, formula: formula.description, family: family, link: link,
                      weights: perObservation(weights, "weights"), offset: perObservation(offset, "offsets"))
    }
}

/// Fits a generalized linear mixed model: the equivalent of MixedModels.jl's
/// `fit(MixedModel, formula, data, family[, link]; fast, nAGQ, wts, offset, contrasts)`.
public func fitGeneralizedLinearMixedModel(_ formula: Formula, _ data: DataTable, _ family: Family,
                                           _ link: Link? = nil, fast: Bool = false, nAGQ: Int = 1,
                                           weights: [Double]? = nil, offset: [Double]? = nil,
                                           contrasts: [String: ContrastCoding] = [:]) throws
    -> GeneralizedLinearMixedModel {
    let model = try GeneralizedLinearMixedModel(formula: formula, data: data, family: family, link: link,
                                                weights: weights, offset: offset, contrasts: contrasts)
    try model.checkQuadrature(nAGQ)
    return try model.fit(fast: fast, nAGQ: nAGQ)
}
