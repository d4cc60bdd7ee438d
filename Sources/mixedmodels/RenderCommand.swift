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

    @Option(name: .long, help: "The output folder.")
    var out = "site"

    @Option(name: .long, help: "Comma-separated page formats: html, md.")
    var format = "html,md"

    @Option(name: .long, help: "The folder with template.html and style.css (default: the output folder, else site/).")
    var assets: String?

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
        let siteAssets = try loadAssets()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let files = try shared.notebookFiles(paths)
        try checkOutputs(files, formats: formats)
        let outcome = shared.runNotebooks(files: files)
        for failure in outcome.readFailures {
            FileHandle.standardError.write(Data("error: \(failure.error)\n".utf8))
        }
        let pages = outcome.runs.map { PageLink(name: $0.notebook.name, title: $0.notebook.title) }
        let date = Date()
        for run in outcome.runs {
            if formats.contains(.html) {
                let html = HTMLPage.render(run, assets: siteAssets, pages: pages, date: date)
                try AtomicFile.write(html, to: out + "/" + run.notebook.name + ".html")
            }
            if formats.contains(.md) {
                try AtomicFile.write(MarkdownPage.render(run), to: out + "/" + run.notebook.name + ".md")
            }
            try writeFigureFiles(run, markdown: formats.contains(.md))
        }
        if formats.contains(.html) {
            let entries = outcome.runs.map {
                SiteIndex.Entry(link: PageLink(name: $0.notebook.name, title: $0.notebook.title),
                                passed: $0.passedCount, failed: $0.failedCount, seconds: $0.seconds)
            }
            try AtomicFile.write(SiteIndex.render(entries, assets: siteAssets, date: date), to: out + "/index.html")
        }
        let report = CheckReport(runs: outcome.runs, readFailures: outcome.readFailures)
        if !shared.quiet {
            FileHandle.standardError.write(Data("rendered \(outcome.runs.count) notebooks into \(out)/; \(report.summaryLine)\n".utf8))
        }
        if !report.allPassed {
            print(report.text(), terminator: "")
            throw ExitCode(1)
        }
    }

    /// Two notebooks with one name would overwrite each other's pages, and a page must never replace a notebook.
    private func checkOutputs(_ files: [String], formats: [PageFormat]) throws {
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

    /// Figure files and the notebook's images, beside the pages in the output folder.
    private func writeFigureFiles(_ run: NotebookRun, markdown: Bool) throws {
        for file in FigureEmbedding.files(for: run, markdown: markdown) {
            let path = out + "/" + file.path
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try file.contents.write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }

    private func loadAssets() throws -> SiteAssets {
        let candidates = assets.map { [$0] } ?? [out, "site"]
        var lastError: Error?
        for directory in candidates {
            do {
                return try SiteAssets.load(directory: directory)
            } catch {
                lastError = error
            }
        }
        throw ValidationError("\(lastError.map { "\($0)" } ?? "no site assets found")")
    }
}
