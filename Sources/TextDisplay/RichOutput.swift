/// A table form of a displayed value (a model's fit statistics, variance components, coefficients, a data frame),
/// so that rendered pages can show it as a real HTML or pipe table beside the plain text.
public struct RenderedTable: Equatable, Sendable, Codable {
    /// A short caption such as `Fixed-effects parameters` or `6×2 DataFrame`.
    public var caption: String
    public var header: [String]
    /// Optional second header row (DataFrame element types).
    public var subheader: [String]?
    public var rows: [[String]]
    /// Per column: true to right-align (numbers).
    public var rightAligned: [Bool]
    /// A note under the table, such as `5 rows omitted` for an elided data frame.
    public var footnote: String?

    public init(caption: String, header: [String], subheader: [String]? = nil, rows: [[String]], rightAligned: [Bool],
                footnote: String? = nil) {
        self.caption = caption
        self.header = header
        self.subheader = subheader
        self.rows = rows
        self.rightAligned = rightAligned
        self.footnote = footnote
    }
}

/// The measurements of one `@benchmark` run, for a rendered table and histogram.
public struct BenchmarkRecord: Equatable, Sendable, Codable {
    /// Sample times in nanoseconds (per evaluation).
    public var times: [Double]
    public var evaluations: Int
    /// Bytes allocated and allocation count per evaluation; nil when not measured.
    public var memoryBytes: Int?
    public var allocations: Int?

    public init(times: [Double], evaluations: Int, memoryBytes: Int?, allocations: Int?) {
        self.times = times
        self.evaluations = evaluations
        self.memoryBytes = memoryBytes
        self.allocations = allocations
    }
}
