import Foundation
import NotebookProcessing
import PreviewServer

/// One look at the notebooks and their data files: re-renders when something changed (unchanged notebooks come
/// from the cache), removes the pages of deleted notebooks, and writes an error page for a notebook that cannot be
/// read.
struct PreviewLoop {
    let path: String
    let writer: SiteWriter
    let shared: SharedOptions
    private var watcher = FileWatcher()
    private var notebooks: [String] = []
    private var dataFiles: [String] = []

    init(path: String, writer: SiteWriter, shared: SharedOptions) {
        self.path = path
        self.writer = writer
        self.shared = shared
    }

    /// Renders when a watched file changed (or always with `force`); true when pages were written.
    mutating func renderChanges(force: Bool) -> Bool {
        let current = (try? NotebookBatch.collect([path])) ?? []
        let changed = watcher.changes(in: current + dataFiles)
        guard force || !changed.isEmpty || current != notebooks else { return false }
        let started = Date()
        for removed in Set(notebooks).subtracting(current) {
            let name = ((removed as NSString).lastPathComponent as NSString).deletingPathExtension
            try? FileManager.default.removeItem(atPath: writer.folder + "/" + name + ".html")
        }
        notebooks = current
        let outcome = shared.runNotebooks(files: current, cache: .use)
        // Stopping: the runs were cut short, and their pages would show that instead of the notebooks.
        guard !Interruption.shared.isRequested else { return false }
        dataFiles = Array(Set(outcome.runs.flatMap(\.filesRead))).sorted()
        _ = watcher.changes(in: current + dataFiles)
        do {
            try writer.write(outcome.runs)
            for failure in outcome.readFailures { try writeErrorPage(failure.error) }
            if outcome.runs.isEmpty && outcome.readFailures.isEmpty { try writer.write([]) }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        }
        let seconds = String(format: "%.2f s", Date().timeIntervalSince(started))
        let failures = outcome.runs.map(\.failedCount).reduce(0, +) + outcome.readFailures.count
        FileHandle.standardError.write(Data("rendered \(outcome.runs.count) notebooks in \(seconds)\(failures > 0 ? "; \(failures) failed" : "")\n".utf8))
        return true
    }

    /// A notebook that cannot be read still gets a page: the error, where its page would be.
    private func writeErrorPage(_ error: NotebookError) throws {
        let file = (error.file as NSString).lastPathComponent
        let name = (file as NSString).deletingPathExtension
        // The file's name only: pages never show the folders of the machine that rendered them.
        let message = NotebookError(file: file, line: error.line, message: error.message).description
        let page = writer.assets.errorPage(title: name, message: message)
        try AtomicFile.write(page, to: writer.folder + "/" + name + ".html")
    }
}
