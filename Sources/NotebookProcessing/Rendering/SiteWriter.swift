import Foundation

/// Writes the pages of notebook runs and the site's index into the output folder (used by `render` and `preview`).
public struct SiteWriter: Sendable {
    public var folder: String
    /// `html`, `md` or both.
    public var formats: Set<String>
    public var assets: SiteAssets
    public var configuration: SiteConfiguration

    public init(folder: String, formats: Set<String>, assets: SiteAssets, configuration: SiteConfiguration) {
        self.folder = folder
        self.formats = formats
        self.assets = assets
        self.configuration = configuration
    }

    /// Writes each run's pages, then the index and navigation over these and the pages rendered earlier.
    public func write(_ runs: [NotebookRun], date: Date = Date()) throws {
        let fresh = runs.map {
            SiteIndex.Entry(link: PageLink(name: $0.notebook.name, title: $0.notebook.title),
                            passed: $0.passedCount, failed: $0.failedCount, seconds: $0.seconds,
                            search: SearchIndex.page($0.notebook))
        }
        // Pages rendered earlier stay in the index and navigation when only some notebooks are rendered now.
        let entries = configuration.ordered(formats.contains("html")
            ? SiteManifest.merge(SiteManifest.load(folder: folder), fresh) : fresh)
        let pages = entries.map(\.link)
        for run in runs {
            if formats.contains("html") {
                let html = HTMLPage.render(run, assets: assets, pages: pages, date: date)
                try AtomicFile.write(html, to: folder + "/" + run.notebook.name + ".html")
            }
            if formats.contains("md") {
                try AtomicFile.write(MarkdownPage.render(run), to: folder + "/" + run.notebook.name + ".md")
            }
            try writeFigureFiles(run)
        }
        if formats.contains("html") {
            try AtomicFile.write(SiteIndex.render(entries, assets: assets, date: date), to: folder + "/index.html")
            try AtomicFile.write(SearchIndex.script(entries), to: folder + "/search.js")
            try SiteManifest.save(entries, folder: folder)
        }
    }

    /// Figure files and the notebook's images, beside the pages in the output folder.
    private func writeFigureFiles(_ run: NotebookRun) throws {
        for file in FigureEmbedding.files(for: run, markdown: formats.contains("md")) {
            let path = folder + "/" + file.path
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try file.contents.write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }
}
