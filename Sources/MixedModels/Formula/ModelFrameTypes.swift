import DataTables

/// One random-effects term after amalgamation (all terms with the same grouping factor merged into one),
/// ready for the model matrices: the analogue of MixedModels.jl's `ReMat`.
public struct RandomEffectsTerm: Equatable, Sendable {
    /// Grouping factor as printed: `batch`, `batch & cask`.
    public var groupingName: String
    /// Level names in level order (sorted as Julia sorts them).
    public var levels: [String]
    /// 0-based level index of each observation (length n).
    public var refs: [Int32]
    /// Names of the model columns within the term: `(Intercept)`, `days`, `days: 1`.
    public var columnNames: [String]
    /// The term's model columns, observation-major: `z[j + i * vsize]` is column j of observation i.
    public var z: [Double]
    /// The free entries of the lower-triangular relative covariance factor λ (vsize × vsize, column-major
    /// linear indices), in MixedModels.jl's θ order: all of the lower triangle for a correlated term, the
    /// diagonal for `zerocorr`, and the lower triangles of each original block for amalgamated terms.
    public var lambdaIndices: [Int]

    public init(groupingName: String, levels: [String], refs: [Int32], columnNames: [String], z: [Double],
                lambdaIndices: [Int]) {
        self.groupingName = groupingName
        self.levels = levels
        self.refs = refs
        self.columnNames = columnNames
        self.z = z
        self.lambdaIndices = lambdaIndices
    }

    /// Number of model columns (random effects per level).
    public var vsize: Int { columnNames.count }
    /// Number of levels of the grouping factor.
    public var levelCount: Int { levels.count }
    /// Number of random effects, vsize × levels.
    public var randomEffectCount: Int { vsize * levels.count }
}

/// The numeric pieces a formula and a table become: response, fixed-effects matrix and random-effects terms.
public struct ModelFrame: Sendable {
    /// The response, one value per used observation.
    public var y: [Double]
    /// Fixed-effects model matrix, column-major n × p.
    public var x: [Double]
    /// Coefficient names for the columns of `x`, in order.
    public var coefficientNames: [String]
    /// Random-effects terms, ordered by number of random effects, descending (MixedModels.jl's order).
    public var randomEffectsTerms: [RandomEffectsTerm]
    /// Rank of `x` (pivoted decomposition, relative tolerance 1e-8).
    public var rank: Int
    /// Column permutation of `x` that puts the `rank` independent columns first (0-based), as MixedModels.jl's piv.
    public var pivot: [Int]
    /// Rows of the table used (rows with a missing value in a used column are dropped).
    public var rowsUsed: [Int]
    /// Number of rows dropped because of missing values.
    public var rowsDropped: Int
    /// For a string response: its two levels in sorted order, coded 0 and 1 in `y` (`["N", "Y"]`); otherwise nil.
    public var responseLevels: [String]? = nil

    public init(y: [Double], x: [Double], coefficientNames: [String], randomEffectsTerms: [RandomEffectsTerm],
                rank: Int, pivot: [Int], rowsUsed: [Int], rowsDropped: Int) {
        self.y = y
        self.x = x
        self.coefficientNames = coefficientNames
        self.randomEffectsTerms = randomEffectsTerms
        self.rank = rank
        self.pivot = pivot
        self.rowsUsed = rowsUsed
        self.rowsDropped = rowsDropped
    }

    public var observationCount: Int { y.count }
    public var fixedEffectCount: Int { coefficientNames.count }
}
