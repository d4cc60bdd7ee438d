import Foundation

/// The list of the site's pages kept beside them (`.pages.json` in the output folder), so that rendering one notebook
/// updates its entry in the index and navigation without dropping the pages rendered earlier.
public enum SiteManifest {
    static let fileName = ".pages.json"

    /// The entries of earlier renders whose page is still in `folder`; none when the file is missing or unreadable.
    public static func load(folder: String) -> [SiteIndex.Entry] {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName),
              let entries = try? JSONDecoder().decode([SiteIndex.Entry].self, from: data) else { return [] }
        return entries.filter { FileManager.default.fileExists(atPath: folder + "/" + $0.link.name + ".html") }
    }

    /// `earlier` with each of `fresh` put in place of the entry of the same name (or added), in page-name order.
    public static func merge(_ earlier: [SiteIndex.Entry], _ fresh: [SiteIndex.Entry]) -> [SiteIndex.Entry] {
        var byName: [String: SiteIndex.Entry] = [:]
        for entry in earlier + fresh { byName[entry.link.name] = entry }
        return byName.values.sorted { $0.link.name < $1.link.name }
    }

    public static func save(_ entries: [SiteIndex.Entry], folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(String(decoding: try encoder.encode(entries), as: UTF8.self), to: folder + "/" + fileName)
    }
}
