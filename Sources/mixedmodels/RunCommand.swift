import ArgumentParser
import Foundation
import NotebookProcessing

/// `mixedmodels run FILE.md`: executes one notebook and prints each block's output as it runs.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one notebook and print each block's output as it runs."
    )

    @Argument(help: "The notebook file.")
    var file: String

    @Option(name: .long, help: "The data sets folder (default: $MIXEDMODELS_DATASETS, else the project's datasets/).")
    var datasets: String?

    @Flag(name: .long, help: "Print only the blocks that failed.")
    var quiet = false

    func run() throws {
        let notebook: Notebook
        do {
            // Only a regular .md file: reading a FIFO or a device would block.
            notebook = try NotebookReader.read(path: try NotebookBatch.collect([file]).first ?? file)
        } catch let error as NotebookError {
            throw ValidationError(error.description)
        }
        InterruptHandler.install()
        let progress = TerminalProgress(enabled: !quiet)
        let runner = NotebookRunner(makeEvaluator: LanguageEvaluators.factory(datasetsDirectory: datasets))
        let run = runner.run(notebook) { event in
            progress.report(event)
            guard case .blockFinished(let blockRun, _) = event, !quiet || blockRun.outcome.isFailure else { return }
            Self.printBlock(blockRun, path: notebook.path)
        }
        progress.finish()
        try InterruptHandler.exitIfInterrupted()
        if run.failedCount > 0 {
            print("\(run.failedCount) of \(run.blocks.count) blocks failed")
            throw ExitCode(1)
        }
    }

    private static func printBlock(_ blockRun: BlockRun, path: String) {
        print("── \(path):\(blockRun.block.openingLine) " + String(format: "(%.3f s)", blockRun.seconds))
        for line in blockRun.block.code.split(separator: "\n", omittingEmptySubsequences: false) {
            print("julia> " + line)
        }
        if case .failed(.error(let message)) = blockRun.outcome {
            print("ERROR: " + message)
        } else if let output = blockRun.result?.output, !output.isEmpty {
            print(output)
        }
        if case .failed(let failure) = blockRun.outcome, case .mismatch(let diff) = failure {
            print("MISMATCH with the documented output (- documented, + actual):")
            print(DiffFormatting.format(diff))
        }
        print("")
    }
}
