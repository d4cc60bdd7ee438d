import DataTables

/// What `predict(m, newdata)` does with a level of a grouping factor that the fit did not see
/// (MixedModels.jl's `new_re_levels`).
public enum NewLevelHandling: String, Sendable {
    /// The level's random effects are taken as zero (the population prediction for that term).
    case population
    /// The prediction is missing.
    case missing
    /// New levels are an error.
    case error
}

extension LinearMixedModel {
    /// MixedModels.jl's `predict(m, newdata; new_re_levels)`: Xβ + Zb for the rows of `newdata`, where `data` and
    /// `formula` are what the model was fit to. The model columns are built as for the fit (the same contrasts and
    /// levels); rows with a missing predictor, or (under `.missing`) a new level, predict `nil`. The response
    /// column may be absent.
    public func predict(newdata: DataTable, data: DataTable, formula: Formula,
                        contrasts: [String: ContrastCoding] = [:],
                        newReLevels: NewLevelHandling = .missing) throws -> [Double?] {
        try Self.newDataLinearPredictor(frame: frame, coef: coef, effects: ranef().map(\.values), newdata: newdata,
                                        data: data, formula: formula, contrasts: contrasts, newReLevels: newReLevels)
    }

    /// Xβ + Zb on the rows of `newdata` for a model fit to `frame` (from `data` and `formula`) with coefficients
    /// `coef` (X's column order) and random effects `effects[term][e + level × v]`.
    static func newDataLinearPredictor(frame: ModelFrame, coef: [Double], effects: [[Double]], newdata: DataTable,
                                       data: DataTable, formula: Formula, contrasts: [String: ContrastCoding],
                                       newReLevels: NewLevelHandling) throws -> [Double?] {
        let responseNames = formula.response.variables
        for name in formula.variables where !responseNames.contains(name) && newdata[name] == nil {
            throw InferenceError("newdata has no column :\(name), which the formula uses")
        }
        let (combined, newRows) = try stackedFrame(frame: frame, newdata: newdata, data: data, formula: formula,
                                                   contrasts: contrasts)
        let n = combined.observationCount
        let beta = coef
        var result = [Double?](repeating: nil, count: newdata.rowCount)
        for (row, index) in newRows {
            var eta = 0.0
            for (c, value) in beta.enumerated() where value != 0 { eta += combined.x[index + c * n] * value }
            result[row] = eta
        }
        for term in combined.randomEffectsTerms {
            guard let j = frame.randomEffectsTerms.firstIndex(where: { $0.groupingName == term.groupingName }) else {
                continue
            }
            let known = Dictionary(uniqueKeysWithValues: frame.randomEffectsTerms[j].levels.enumerated().map { ($1, $0) })
            let v = term.vsize
            for (row, index) in newRows {
                let name = term.levels[Int(term.refs[index])]
                guard let level = known[name] else {
                    switch newReLevels {
                    case .population: continue
                    case .missing: result[row] = nil; continue
                    case .error:
                        throw InferenceError("New level encountered in \(term.groupingName): \(name) (new_re_levels = :error)")
                    }
                }
                guard let current = result[row] else { continue }
                var eta = current
                for e in 0..<v { eta += term.z[index * v + e] * effects[j][e + level * v] }
                result[row] = eta
            }
        }
        return result
    }

    /// The model frame of the fitting data and `newdata` stacked, so that categorical columns keep the fit's levels
    /// and codings, with where each new row (of `newdata`) sits in it (`index`, among the rows used).
    static func stackedFrame(frame: ModelFrame, newdata: DataTable, data: DataTable, formula: Formula,
                             contrasts: [String: ContrastCoding]) throws
        -> (combined: ModelFrame, newRows: [(row: Int, index: Int)]) {
        let old = frame.rowsUsed.count
        var columns: [Column] = []
        for name in formula.variables {
            guard let original = data[name] else { throw InferenceError("the model's data have no column :\(name)") }
            let fitted = Self.rows(original, frame.rowsUsed)
            let added = newdata[name] ?? Self.filler(original, fitted, count: newdata.rowCount)
            columns.append(try Self.stack(fitted, added, name: name))
        }
        let combined = try modelFrame(formula, data: try DataTable(columns: columns), contrasts: contrasts)
        guard combined.coefficientNames == frame.coefficientNames else {
            throw InferenceError("newdata give the fixed effects other columns (\(combined.coefficientNames.joined(separator: ", "))) "
                                 + "than the fit (\(frame.coefficientNames.joined(separator: ", "))): a categorical "
                                 + "predictor has a level the data did not have")
        }
        var newRows: [(row: Int, index: Int)] = []
        for (index, row) in combined.rowsUsed.enumerated() where row >= old { newRows.append((row - old, index)) }
        return (combined, newRows)
    }

    /// Column values at the given rows.
    static func rows(_ column: Column, _ rows: [Int]) -> Column {
        let missing = column.missing.map { m in rows.map { m[$0] } }
        switch column.values {
        case .string(let v): return Column(name: column.name, strings: rows.map { v[$0] }, missing: missing)
        case .float(let v): return Column(name: column.name, doubles: rows.map { v[$0] }, elementType: column.elementType, missing: missing)
        case .integer(let v): return Column(name: column.name, integers: rows.map { v[$0] }, elementType: column.elementType, missing: missing)
        case .bool(let v): return Column(name: column.name, bools: rows.map { v[$0] }, missing: missing)
        }
    }

    /// A stand-in for an absent response column: the first fitted value repeated (never used for prediction).
    static func filler(_ original: Column, _ fitted: Column, count: Int) -> Column {
        Self.rows(fitted, [Int](repeating: 0, count: count))
    }

    /// Two columns one after the other; integers and floats meet as floats.
    static func stack(_ a: Column, _ b: Column, name: String) throws -> Column {
        let missing = (0..<a.count).map(a.isMissing) + (0..<b.count).map(b.isMissing)
        switch (a.values, b.values) {
        case (.string(let x), .string(let y)): return Column(name: name, strings: x + y, missing: missing)
        case (.bool(let x), .bool(let y)): return Column(name: name, bools: x + y, missing: missing)
        case (.integer(let x), .integer(let y)):
            return Column(name: name, integers: x + y, elementType: a.elementType, missing: missing)
        default:
            guard let x = a.numericValues, let y = b.numericValues else {
                throw InferenceError("column :\(name) of newdata holds \(b.elementType.juliaName) values; the data "
                                     + "hold \(a.elementType.juliaName)")
            }
            return Column(name: name, doubles: x + y, missing: missing)
        }
    }
}

extension Column {
    /// The values as numbers, for integer and float columns.
    fileprivate var numericValues: [Double]? {
        switch values {
        case .float(let v): v
        case .integer(let v): v.map(Double.init)
        default: nil
        }
    }
}

extension LinearMixedModel {
    /// Wald intervals of the coefficients, β ± z₍₁₊ₗₑᵥₑₗ₎/₂ × se (`confint(m; level)`).
    public func waldIntervals(level: Double = 0.95) throws -> [(coef: String, lower: Double, upper: Double)] {
        guard level > 0, level < 1 else { throw InferenceError("level = \(level) should be in (0,1)") }
        let z = Distributions.normalQuantile((1 + level) / 2)
        return zip(coefnames, zip(coef, stderror)).map { ($0, $1.0 - z * $1.1, $1.0 + z * $1.1) }
    }
}
