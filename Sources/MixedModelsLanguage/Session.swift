import TextDisplay

/// What running one block produced.
public struct BlockResult: Sendable {
    /// Everything the block printed, followed by the display of its last value (unless silenced by `;` or `nothing`).
    /// For a block that threw, the error message (what an `error=true` block is compared with).
    public var output: String
    /// The error message when the block threw: `file:line:column: cause`.
    public var error: String?
    /// Table forms of the displayed value, for rendered pages.
    public var tables: [RenderedTable]
    /// The measurements when the displayed value is a benchmark result.
    public var benchmark: BenchmarkRecord?

    public init(output: String, error: String? = nil, tables: [RenderedTable] = [], benchmark: BenchmarkRecord? = nil) {
        self.output = output
        self.error = error
        self.tables = tables
        self.benchmark = benchmark
    }
}

/// One interpreter state: the variables of one notebook session.
public final class Session {
    /// - Parameters:
    ///   - baseDirectory: the notebook's folder; `read_csv`/`read_arrow` resolve below it.
    ///   - datasetsDirectory: the project's `datasets/` folder override (nil: the default lookup).
    public init(baseDirectory: String, datasetsDirectory: String? = nil) {}

    /// Runs one block of code.
    /// - Parameters:
    ///   - code: the block's source text.
    ///   - file: the notebook path, for error messages.
    ///   - firstLine: the 1-based line of the file on which the code's first line stands.
    ///   - timeout: seconds after which evaluation stops with a timeout error.
    public func run(_ code: String, file: String, firstLine: Int, timeout: Double) -> BlockResult {
        BlockResult(output: code)
    }
}
