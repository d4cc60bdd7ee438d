import Foundation
import ArgumentParser
import NotebookProcessing

/// `mixedmodels`: run, check and render notebooks of `mixedmodel` blocks.
struct MixedModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixedmodels",
        abstract: "Run, check and render Markdown notebooks of mixed-model code.",
        version: ProductVersion.string,
        subcommands: [RenderCommand.self, CheckCommand.self, RunCommand.self]
    )
}

/// Options every notebook command shares.
struct SharedOptions: ParsableArguments {
    @Flag(name: .long, help: "Print no progress on standard error.")
    var quiet = false

    @Option(name: .long, help: "How many notebooks to run at the same time (one session each).")
    var jobs = 1

    @Option(name: .long, help: "The data sets folder (default: $MIXEDMODELS_DATASETS, else the project's datasets/).")
    var datasets: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// The notebook files named by `paths` (folders mean their `.md` files).
    func notebookFiles(_ paths: [String]) throws -> [String] {
        do {
            return try NotebookBatch.collect(paths)
        } catch let error as NotebookError {
            throw ValidationError(error.description)
        }
    }

    /// Runs the notebooks named by `paths`.
    func runNotebooks(_ paths: [String]) throws -> NotebookBatch.Outcome {
        try runNotebooks(files: notebookFiles(paths))
    }

    /// Runs notebook files, `jobs` at a time, with progress on a terminal.
    func runNotebooks(files: [String]) -> NotebookBatch.Outcome {
        let progress = TerminalProgress(enabled: !quiet)
        let factory = LanguageEvaluators.factory(datasetsDirectory: datasets)
        let outcome = NotebookBatch.run(files, jobs: jobs, makeEvaluator: factory, progress: progress.report)
        progress.finish()
        return outcome
    }
}
