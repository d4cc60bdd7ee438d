import Foundation

/// Keeps the absolute folders of the machine that rendered a page out of it: an error message that quotes a data
/// file's full path shows it relative to the notebook's folder (or the working directory) instead.
enum PathRedaction {
    static func apply(_ text: String, notebook: Notebook) -> String {
        var result = text
        for folder in folders(notebook) where result.contains(folder) {
            result = result.replacingOccurrences(of: folder, with: "")
        }
        return result
    }

    /// The notebook's folder and the working directory, as given and with links resolved, each ending in `/`;
    /// longest first, so that the notebook's folder wins over the working directory that holds it.
    static func folders(_ notebook: Notebook) -> [String] {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let directory = notebook.directory.hasPrefix("/") ? notebook.directory
            : (workingDirectory as NSString).appendingPathComponent(notebook.directory)
        var candidates = [(directory as NSString).standardizingPath, workingDirectory]
        candidates += candidates.compactMap(realPath)
        let folders = Set(candidates.filter { $0.count > 1 }.map { $0.hasSuffix("/") ? $0 : $0 + "/" })
        return folders.sorted { $0.count > $1.count }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
