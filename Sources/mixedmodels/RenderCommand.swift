import ArgumentParser
import Foundation
import NotebookProcessing

/// `mixedmodels render`: runs notebooks and writes the site.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Run notebooks and write NAME.html and/or NAME.md per notebook plus index.html."
    )

    enum PageFormat: String, CaseIterable {
        case html, md
    }

    @Argument(help: "Notebook files or folders (default: notebooks/).")
    var paths: [String] = ["notebooks"]

    @Option(name: .long, help: "The output folder (default: mixedmodels.yml's `output`, else site).")
    var out: String?

    @Option(name: .long, help: "Comma-separated page formats: html, md.")
    var format = "html,md"

    @Option(name: .long, help: "A folder with template.html and style.css to use instead of the built-in ones.")
    var assets: String?

    @Flag(name: .long, help: "Run every notebook even when its cached results are still valid.")
    var refresh = false

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write cached results.")
    var noCache = false

    @OptionGroup var shared: SharedOptions

    var formats: [PageFormat] {
        get throws {
            try format.split(separator: ",").map { name in
                guard let format = PageFormat(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("unknown page format `\(name)`; use html, md or html,md")
                }
                return format
            }
        }
    }

    func validate() throws {
        _ = try formats
    }

    func run() throws {
        let formats = try self.formats
        let configuration = try shared.siteConfiguration()
        let out = self.out ?? configuration.output ?? "site"
        var siteAssets = try loadAssets()
        siteAssets.siteTitle = configuration.title
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        AtomicFile.removeStaleTemporaries(in: out)
        let files = try shared.notebookFiles(paths)
        try checkOutputs(files, formats: formats, out: out)
        InterruptHandler.install()
        let outcome = shared.runNotebooks(files: files, cache: noCache ? .off : (refresh ? .refresh : .use))
        // An interrupted render keeps the pages it had.
        try InterruptHandler.exitIfInterrupted()
        for failure in outcome.readFailures {
            FileHandle.standardError.write(Data("error: \(failure.error)\n".utf8))
        }
        try SiteWriter(folder: out, formats: Set(formats.map(\.rawValue)), assets: siteAssets,
                       configuration: configuration).write(outcome.runs)
        let report = CheckReport(runs: outcome.runs, readFailures: outcome.readFailures)
        if !shared.quiet {
            let cached = outcome.runs.filter(\.fromCache).count
            let note = cached > 0 ? " (\(cached) from the cache)" : ""
            FileHandle.standardError.write(Data("rendered \(outcome.runs.count) notebooks\(note) into \(out)/; \(report.comparisonLine); \(report.summaryLine)\n".utf8))
        }
        if !report.allPassed {
            print(report.text(), terminator: "")
            throw ExitCode(1)
        }
    }

    /// Two notebooks with one name would overwrite each other's pages, and a page must never replace a notebook.
    private func checkOutputs(_ files: [String], formats: [PageFormat], out: String) throws {
        var seen: [String: String] = [:]
        for file in files {
            let source = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath()
            let name = source.deletingPathExtension().lastPathComponent
            if let other = seen[name] {
                throw ValidationError("\(other) and \(file) would both render to \(out)/\(name).*")
            }
            seen[name] = file
            if name == "index", formats.contains(.html) {
                throw ValidationError("\(file) would render to \(out)/index.html, the site's contents page; rename it")
            }
            for format in formats {
                let page = URL(fileURLWithPath: out + "/" + name + "." + format.rawValue)
                    .standardizedFileURL.resolvingSymlinksInPath().path
                if page == source.path {
                    throw ValidationError("rendering \(file) would overwrite it; choose another --out folder")
                }
            }
        }
    }

    private func loadAssets() throws -> SiteAssets {
        guard let assets else { return .builtIn }
        do {
            return try SiteAssets.load(directory: assets)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
