/// A dense real matrix in column-major order (Julia's `Matrix{Float64}` layout).
public struct ColumnMajorMatrix: Equatable, Sendable {
    public var rows: Int
    public var cols: Int
    /// Entries, column by column: `values[i + j * rows]`.
    public var values: [Double]

    public init(rows: Int, cols: Int, values: [Double]) {
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        self.init(rows: rows, cols: cols, values: [Double](repeating: value, count: rows * cols))
    }

    public subscript(i: Int, j: Int) -> Double {
        get { values[i + j * rows] }
        set { values[i + j * rows] = newValue }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { (0..<cols).map { self[i, $0] } }
    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] { Array(values[(j * rows)..<((j + 1) * rows)]) }
}

/// Standard deviations of one grouping factor's random effects (an entry of `σs`).
public struct RandomEffectsStandardDeviations: Equatable, Sendable {
    public var groupingName: String
    public var columnNames: [String]
    public var standardDeviations: [Double]
}

/// Standard deviations and correlations of one grouping factor's random effects (an entry of `σρs`).
public struct RandomEffectsCovariance: Equatable, Sendable {
    public var groupingName: String
    public var columnNames: [String]
    public var standardDeviations: [Double]
    /// Correlations below the diagonal, row by row: ρ(2,1), ρ(3,1), ρ(3,2), … (`nil` for a structural zero).
    public var correlations: [Double?]
}

/// The conditional modes of one term's random effects with their level names (an entry of `raneftables`).
public struct RandomEffectsTable: Equatable, Sendable {
    public var groupingName: String
    public var levels: [String]
    public var columnNames: [String]
    /// `values[level][column]`.
    public var values: [[Double]]
}

/// Conditional covariance matrices of one term's random effects, one `v × v` matrix per level (`condVar`).
public struct ConditionalVariances: Equatable, Sendable {
    public var groupingName: String
    public var columnNames: [String]
    /// One matrix per level of the grouping factor.
    public var matrices: [ColumnMajorMatrix]
}
