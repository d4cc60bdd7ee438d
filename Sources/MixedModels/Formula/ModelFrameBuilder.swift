import DataTables

extension ModelFrame {
    /// The response, the fixed-effects matrix and the random-effects terms of `formula` on `data`,
    /// as MixedModels.jl builds them (see `modelFrame(_:data:contrasts:)`).
    public init(_ formula: Formula, data: DataTable, contrasts: [String: ContrastCoding] = [:]) throws {
        self = try modelFrame(formula, data: data, contrasts: contrasts)
    }
}

/// Builds the model frame of `formula` on `data`.
///
/// - Rows with a missing value in any column the formula reads are dropped (and counted).
/// - The response is numeric; a boolean becomes 0/1 and a string column with exactly two levels becomes 0/1
///   with the second sorted level as 1 (its levels are kept in `responseLevels`).
/// - `contrasts` gives a coding per variable; an entry for a column the formula does not use is ignored, as
///   StatsModels ignores unused schema hints (one `contrasts` dictionary often serves several formulas), and an
///   entry for a numeric column makes it categorical with its values as levels in numeric order.
/// - Grouping factors are always categorical (numbers too), and never build a contrast matrix.
public func modelFrame(_ formula: Formula, data: DataTable, contrasts: [String: ContrastCoding] = [:]) throws
    -> ModelFrame {
    let used = formula.variables
    let all = ModelVariables(formula: formula, table: data, rows: [], contrasts: contrasts)
    let columns = try used.map(all.column)
    let masks = columns.compactMap(\.missing)
    let rows = masks.isEmpty ? Array(0..<data.rowCount)
        : (0..<data.rowCount).filter { row in !masks.contains { $0[row] } }
    if rows.isEmpty {
        let why = data.rowCount == 0 ? "the table has no rows"
            : "every one of the \(data.rowCount) rows has a missing value in a column the formula uses"
        throw FormulaError("no rows left to fit: \(why)", source: formula.source)
    }
    let variables = ModelVariables(formula: formula, table: data, rows: rows, contrasts: contrasts)
    let (y, responseLevels) = try response(formula.response, variables: variables)

    var fixed = ModelColumns()
    var seen: ModelColumns.Seen = []
    try fixed.append(formula.fixedEffectsTerms, variables: variables, seen: &seen)
    let n = rows.count, p = fixed.count
    let x = fixed.matrix(rows: n)

    let reterms = try RandomEffectsBuilder.build(formula.randomEffectsSpecs, variables: variables)
    let rank = try FixedEffectsRank(x: x, n: n, p: p)
    var frame = ModelFrame(y: y, x: x, coefficientNames: fixed.names, randomEffectsTerms: reterms,
                           rank: rank.rank, pivot: rank.pivot, rowsUsed: rows,
                           rowsDropped: data.rowCount - rows.count)
    frame.responseLevels = responseLevels
    return frame
}

/// The response values, and the two levels of a string response coded 0/1.
private func response(_ term: Term, variables: ModelVariables) throws -> ([Double], [String]?) {
    switch term {
    case .function(let expression):
        return (try variables.evaluate(expression), nil)
    case .variable(let name):
        let column = try variables.column(name)
        guard column.elementType == .string else { return (try variables.continuous(name), nil) }
        let data = try variables.categorical(name)
        guard data.levels.count == 2 else {
            throw variables.error("the response :\(name) holds strings with \(data.levels.count) levels "
                                  + "(\(data.levels.prefix(5).joined(separator: ", "))"
                                  + (data.levels.count > 5 ? ", …" : "")
                                  + "); a numeric response or one with two levels is needed", variable: name)
        }
        return (data.refs.map { Double($0) }, data.levels)
    default:
        throw variables.error("the response must be a column or a function of columns")
    }
}
