import Crypto
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

    /// Writes each run's pages, then the index and navigation over these and the pages rendered earlier. A page
    /// whose inputs are those it was last rendered from (cached results, the same site around it) is left as it is.
    public func write(_ runs: [NotebookRun], date: Date = Date()) throws {
        let earlier = formats.contains("html") ? SiteManifest.load(folder: folder) : []
        let earlierByName = Dictionary(earlier.map { ($0.link.name, $0) }) { _, last in last }
        var fresh = runs.map {
            SiteIndex.Entry(link: PageLink(name: $0.notebook.name, title: $0.notebook.title),
                            passed: $0.passedCount, failed: $0.failedCount, seconds: $0.seconds)
        }
        // Pages rendered earlier stay in the index and navigation when only some notebooks are rendered now.
        let pages = configuration.ordered(formats.contains("html") ? SiteManifest.merge(earlier, fresh) : fresh).map(\.link)
        try refuseReplacedSiteFiles(runs, pages: pages)
        for (index, run) in runs.enumerated() {
            let fingerprint = pageFingerprint(run, pages: pages)
            if let fingerprint, let previous = earlierByName[run.notebook.name], previous.fingerprint == fingerprint,
               let search = previous.search, pagesExist(run.notebook.name) {
                fresh[index].search = search
                fresh[index].fingerprint = fingerprint
                continue
            }
            fresh[index].search = SearchIndex.page(run.notebook)
            fresh[index].fingerprint = fingerprint
            if formats.contains("html") {
                let html = HTMLPage.render(run, assets: assets, pages: pages, date: date)
                try AtomicFile.write(html, to: folder + "/" + run.notebook.name + ".html")
            }
            if formats.contains("md") {
                try AtomicFile.write(MarkdownPage.render(run), to: folder + "/" + run.notebook.name + ".md")
            }
            try writeFigureFiles(run)
        }
        let entries = configuration.ordered(formats.contains("html") ? SiteManifest.merge(earlier, fresh) : fresh)
        if formats.contains("html") {
            try AtomicFile.write(SiteIndex.render(entries, assets: assets, date: date), to: folder + "/index.html")
            try AtomicFile.write(SearchIndex.script(entries), to: folder + "/search.js")
            try SiteManifest.save(entries, folder: folder)
        }
    }

    /// Everything a page of results from the cache is made of: the results and notebook text, the site's pages,
    /// assets and formats, the working directory (paths in messages are shown relative to it) and this build.
    /// Fresh results have none, and their pages are always written.
    func pageFingerprint(_ run: NotebookRun, pages: [PageLink]) -> String? {
        guard let results = run.resultsFingerprint else { return nil }
        var hasher = SHA256()
        for part in [results, assets.template, assets.stylesheet, assets.siteTitle, formats.sorted().joined(separator: ","),
                     FileManager.default.currentDirectoryPath, ProductVersion.string, NotebookCache.buildIdentity]
            + pages.flatMap({ [$0.name, $0.title] }) {
            hasher.update(data: Data("\(part.utf8.count):".utf8))
            hasher.update(data: Data(part.utf8))
        }
        return NotebookCache.hex(hasher.finalize())
    }

    /// Whether the pages of a notebook, in every format written, are in the folder.
    private func pagesExist(_ name: String) -> Bool {
        formats.allSatisfy { FileManager.default.fileExists(atPath: folder + "/" + name + "." + $0) }
    }

    /// Refuses, before anything is written, a file a block wrote (`save`, `open(…, "w")`) under the name of one of
    /// the site's own files: a page, the index or the search script.
    private func refuseReplacedSiteFiles(_ runs: [NotebookRun], pages: [PageLink]) throws {
        var reserved: Set<String> = ["index.html", "search.js"]
        // Pages of every format, including those an earlier render in the other format left in the folder.
        let earlier = SiteManifest.load(folder: folder).map(\.link.name)
        for name in pages.map(\.name) + runs.map(\.notebook.name) + earlier {
            reserved.formUnion(["html", "md"].map { name + "." + $0 })
        }
        for run in runs {
            for blockRun in run.blocks {
                for file in blockRun.result?.savedFigures ?? [] where reserved.contains(file.name) {
                    throw NotebookError(file: run.notebook.path, line: blockRun.block.openingLine,
                                        message: "the block writes \(file.name), which is one of the site's own "
                                            + "pages; choose another file name")
                }
            }
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
