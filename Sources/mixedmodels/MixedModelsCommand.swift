import Foundation
import ArgumentParser
import NotebookProcessing

/// `mixedmodels`: run, check and render notebooks of `mixedmodel` blocks.
struct MixedModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixedmodels",
        abstract: "Run, check and render Markdown notebooks of mixed-model code.",
        version: ProductVersion.string,
        subcommands: [RenderCommand.self, CheckCommand.self, RunCommand.self, PreviewCommand.self]
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

    @Option(name: .customLong("cache-dir"), help: "The folder of cached results.")
    var cacheDirectory = ".mixedmodels/cache"

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// The notebook files named by `paths` (folders mean their `.md` files); none at all is an error (exit 2), so
    /// that a mistyped path never passes as an empty success.
    func notebookFiles(_ paths: [String]) throws -> [String] {
        let files: [String]
        do {
            files = try NotebookBatch.collect(paths)
        } catch let error as NotebookError {
            throw ValidationError(error.description)
        }
        if files.isEmpty {
            FileHandle.standardError.write(Data("error: no notebooks (.md files) in \(paths.joined(separator: ", "))\n".utf8))
            throw ExitCode(2)
        }
        return files
    }

    /// The settings of `mixedmodels.yml` in the working directory (the defaults when there is none).
    func siteConfiguration() throws -> SiteConfiguration {
        do {
            return try SiteConfiguration.load()
        } catch let error as NotebookError {
            throw ValidationError(error.description)
        }
    }

    /// Runs the notebooks named by `paths`.
    func runNotebooks(_ paths: [String], cache policy: NotebookCache.Policy) throws -> NotebookBatch.Outcome {
        try runNotebooks(files: notebookFiles(paths), cache: policy)
    }

    /// Runs notebook files, `jobs` at a time, with progress: a live line on a terminal, else one line per notebook.
    func runNotebooks(files: [String], cache policy: NotebookCache.Policy) -> NotebookBatch.Outcome {
        let progress = TerminalProgress(enabled: !quiet)
        let factory = LanguageEvaluators.factory(datasetsDirectory: datasets)
        let outcome = NotebookBatch.run(files, jobs: jobs, makeEvaluator: factory,
                                        cache: NotebookCache(directory: cacheDirectory), policy: policy,
                                        progress: progress.report)
        progress.finish()
        if !quiet {
            for run in outcome.runs {
                for note in run.notebook.notes {
                    FileHandle.standardError.write(Data("\(run.notebook.path):\(note.line): note: \(note.message)\n".utf8))
                }
            }
        }
        return outcome
    }
}
