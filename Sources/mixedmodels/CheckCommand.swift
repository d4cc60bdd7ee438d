import ArgumentParser
import Foundation
import NotebookProcessing

/// `mixedmodels check`: the doctest.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run notebooks and compare every block's output with its documented output.",
        discussion: "Exits 0 only when every block ran and matched. The last line is `N passed, N failed`."
    )

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text, junit
    }

    @Argument(help: "Notebook files or folders (default: notebooks/).")
    var paths: [String] = ["notebooks"]

    @Flag(name: .long, help: "Rewrite mismatching expected `output` blocks in place.")
    var fix = false

    @Flag(name: .customLong("add-missing"), help: "With --fix, also add `output` blocks to blocks that have none.")
    var addMissing = false

    @Option(name: .long, help: "Report format on standard output: text or junit.")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Also write a JUnit XML report to this file.")
    var report: String?

    @Flag(name: .long, help: "Trust cached results of unchanged notebooks instead of running them (see render).")
    var cached = false

    @OptionGroup var shared: SharedOptions

    func validate() throws {
        if addMissing && !fix { throw ValidationError("--add-missing needs --fix") }
    }

    func run() throws {
        InterruptHandler.install()
        let outcome = try shared.runNotebooks(paths, cache: cached ? .use : .refresh)
        try InterruptHandler.exitIfInterrupted()
        let checkReport = CheckReport(runs: outcome.runs, readFailures: outcome.readFailures)
        if fix {
            for run in outcome.runs {
                let result = OutputFixer.fix(run, addMissing: addMissing)
                guard result.changed else { continue }
                try AtomicFile.write(result.text, to: run.notebook.path)
                let lines = (result.rewritten + result.added).sorted().map(String.init).joined(separator: ", ")
                FileHandle.standardError.write(Data("fixed \(run.notebook.path) (blocks at lines \(lines))\n".utf8))
                if !result.added.isEmpty {
                    // Inserted blocks move later lines, and error messages quote line numbers.
                    FileHandle.standardError.write(Data(
                        "note: lines moved in \(run.notebook.path); run check --fix once more if error outputs quote line numbers\n".utf8))
                }
            }
        }
        if let report {
            try AtomicFile.write(checkReport.junit(), to: report)
        }
        switch format {
        case .text: print(checkReport.text(), terminator: "")
        case .junit: print(checkReport.junit(), terminator: "")
        }
        if !checkReport.allPassed { throw ExitCode(1) }
    }
}
