import Plotting
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
    /// SVG documents of the figure the block ended with (shown inline instead of a text display).
    public var figures: [String]
    /// Figures the block wrote with `save`, to be placed in the rendered site's folder.
    public var savedFigures: [SavedFigure]

    public init(output: String, error: String? = nil, tables: [RenderedTable] = [], benchmark: BenchmarkRecord? = nil,
                figures: [String] = [], savedFigures: [SavedFigure] = []) {
        self.output = output
        self.error = error
        self.tables = tables
        self.benchmark = benchmark
        self.figures = figures
        self.savedFigures = savedFigures
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
        interpreter.figures.saved = []
        defer {
            interpreter.output = ""
            interpreter.figures.saved = []
        }
        do {
            var parser = try Parser(source: source)
            let program = try parser.parseProgram()
            let value = try interpreter.run(program, timeout: timeout)
            var output = interpreter.output
            var tables: [RenderedTable] = []
            var benchmark: BenchmarkRecord?
            var figures: [String] = []
            if !program.silenced, let figure = (value.asObject as? FigureValue)?.figure {
                figures = [try PlotArguments.plotting { try SVGRenderer.render(figure, id: "L\(firstLine)") }]
            } else if !program.silenced && !value.isNothing {
                output += Display.textPlain(value)
                if case .object(let o) = value {
                    tables = o.renderedTables()
                    benchmark = (o as? BenchmarkTrial)?.record
                }
            }
            return BlockResult(output: output, tables: tables, benchmark: benchmark, figures: figures,
                               savedFigures: interpreter.figures.saved)
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

    /// True when `@benchmark` can report measured allocations in this process (malloc interposition is active).
    public static var allocationsAreMeasured: Bool { BenchmarkRunner.allocationsMeasurable }
}
