import Foundation
import Plotting
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
///
/// Each block runs on its own thread with a large stack (deeply recursive functions end in `StackOverflowError()`,
/// never a crash), polls its deadline cooperatively, and checks its allocations against `memoryBudget`. A block that
/// runs out of time is stopped and the session is closed: later blocks report that instead of running.
public final class Session {
    private let interpreter: Interpreter
    /// Bytes one allocation of a block may take (`zeros(n)`, `fill`, `collect`, `"a"^n` …): larger requests fail
    /// with `OutOfMemoryError()`. Defaults to a quarter of physical memory.
    public var memoryBudget: Int = Interpreter.defaultMemoryBudget
    /// Why the session no longer runs blocks, once a block timed out.
    private var closedReason: String?
    /// Stack reserved for each block's thread, and the part of it calls may use.
    private static let stackSize = 512 << 20
    private static let stackBudget = 448 << 20

    /// - Parameters:
    ///   - baseDirectory: the notebook's folder; `read_csv`/`read_arrow` resolve below it.
    ///   - datasetsDirectory: the project's `datasets/` folder override (nil: the default lookup).
    public init(baseDirectory: String, datasetsDirectory: String? = nil) {
        interpreter = Interpreter(baseDirectory: baseDirectory, datasetsDirectory: datasetsDirectory)
    }

    /// Receives the progress of this session's fits, profiles and bootstraps (and nil when one ends); when nil, the
    /// process-wide `FitProgressObserver` does.
    public var fitObserver: (@Sendable (FitStatus?) -> Void)? {
        get { interpreter.fitObserver }
        set { interpreter.fitObserver = newValue }
    }

    /// Asks the running block (from another thread) to stop at its next deadline check, as if it had timed out.
    public func cancel() {
        interpreter.cancellation.set(true)
    }

    /// Runs one block of code.
    /// - Parameters:
    ///   - code: the block's source text.
    ///   - file: the notebook path, for error messages.
    ///   - firstLine: the 1-based line of the file on which the code's first line stands.
    ///   - timeout: seconds after which evaluation stops with a timeout error.
    public func run(_ code: String, file: String, firstLine: Int, timeout: Double) -> BlockResult {
        if let closedReason {
            let message = "\(file):\(firstLine): not run: \(closedReason)"
            return BlockResult(output: message, error: message)
        }
        let job = BlockJob()
        let budget = memoryBudget
        let thread = Thread { [self] in
            Thread.current.threadDictionary[Memory.key] = budget
            Thread.current.threadDictionary[BlockDeadline.key] = interpreter
            interpreter.stackBase = Interpreter.stackAddress()
            interpreter.stackBudget = Session.stackBudget
            job.result = runHere(code, file: file, firstLine: firstLine, timeout: timeout)
            job.done.signal()
        }
        thread.stackSize = Session.stackSize
        thread.start()
        job.done.wait()
        return job.result ?? BlockResult(output: "\(file):\(firstLine): the block did not finish",
                                         error: "\(file):\(firstLine): the block did not finish")
    }

    private func runHere(_ code: String, file: String, firstLine: Int, timeout: Double) -> BlockResult {
        let source = Array(code)
        let locator = SourceLocator(source: source, file: file, firstLine: firstLine)
        interpreter.output = ""
        interpreter.cancellation.set(false)
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
            return failure(locator.format(error))
        } catch let error as TimeoutError {
            let seconds = Display.repr(.float(error.seconds))
            closedReason = "the session was closed after the block at line \(firstLine) timed out"
            return failure("\(file):\(firstLine): timeout: the block ran longer than \(seconds) seconds and was "
                           + "stopped; the session is closed")
        } catch {
            return failure("\(file):\(firstLine): \(error)")
        }
    }

    /// The result of a block that threw: what it printed before the error, then the message.
    private func failure(_ message: String) -> BlockResult {
        BlockResult(output: interpreter.output + message, error: message)
    }

    /// Parses a block without running it: nil when it parses, else the error message (for tools and benchmarks).
    public static func syntaxError(in code: String) -> String? {
        do {
            var parser = try Parser(source: Array(code))
            _ = try parser.parseProgram()
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The real paths of the data files that blocks of this session have read (`read_csv`, `read_arrow`,
    /// `MixedModels.dataset`), in the order first read: what a cached result depends on besides the code.
    public var filesRead: [String] { interpreter.filesRead }

    /// True when `@benchmark` can report measured allocations in this process (malloc interposition is active).
    public static var allocationsAreMeasured: Bool { BenchmarkRunner.allocationsMeasurable }
}

/// The result slot of a block's thread, read after `done` is signalled.
private final class BlockJob: @unchecked Sendable {
    var result: BlockResult?
    let done = DispatchSemaphore(value: 0)
}
