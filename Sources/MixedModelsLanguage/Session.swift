import TextDisplay

/// What running one block produced.
/// Codable so that rendered results can be cached (`NotebookCache`).
public struct BlockResult: Sendable, Codable {
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
    private let interpreter: Interpreter

    /// - Parameters:
    ///   - baseDirectory: the notebook's folder; `read_csv`/`read_arrow` resolve below it.
    ///   - datasetsDirectory: the project's `datasets/` folder override (nil: the default lookup).
    public init(baseDirectory: String, datasetsDirectory: String? = nil) {
        interpreter = Interpreter(baseDirectory: baseDirectory, datasetsDirectory: datasetsDirectory)
    }

    /// Runs one block of code.
    /// - Parameters:
    ///   - code: the block's source text.
    ///   - file: the notebook path, for error messages.
    ///   - firstLine: the 1-based line of the file on which the code's first line stands.
    ///   - timeout: seconds after which evaluation stops with a timeout error.
    public func run(_ code: String, file: String, firstLine: Int, timeout: Double) -> BlockResult {
        let source = Array(code)
        let locator = SourceLocator(source: source, file: file, firstLine: firstLine)
        interpreter.output = ""
        defer { interpreter.output = "" }
        do {
            var parser = try Parser(source: source)
            let program = try parser.parseProgram()
            let value = try interpreter.run(program, timeout: timeout)
            var output = interpreter.output
            var tables: [RenderedTable] = []
            var benchmark: BenchmarkRecord?
            if !program.silenced && !value.isNothing {
                output += Display.textPlain(value)
                if case .object(let o) = value {
                    tables = o.renderedTables()
                    benchmark = (o as? BenchmarkTrial)?.record
                }
            }
            return BlockResult(output: output, tables: tables, benchmark: benchmark)
        } catch let error as LanguageError {
            let message = locator.format(error)
            return BlockResult(output: message, error: message)
        } catch let error as TimeoutError {
            let message = "\(file):\(firstLine): timeout: the block ran longer than "
                + "\(Display.repr(.float(error.seconds))) seconds and was stopped"
            return BlockResult(output: message, error: message)
        } catch {
            let message = "\(file):\(firstLine): \(error)"
            return BlockResult(output: message, error: message)
        }
    }

    /// The real paths of the data files that blocks of this session have read (`read_csv`, `read_arrow`,
    /// `MixedModels.dataset`), in the order first read: what a cached result depends on besides the code.
    public var filesRead: [String] { interpreter.filesRead }

    /// True when `@benchmark` can report measured allocations in this process (malloc interposition is active).
    public static var allocationsAreMeasured: Bool { BenchmarkRunner.allocationsMeasurable }
}
