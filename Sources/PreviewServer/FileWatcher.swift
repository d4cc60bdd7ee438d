import Foundation

/// Notices changed, added and removed files by comparing their modification time and size between two looks (the
/// server side of the preview; pages learn of changes through events, never by polling).
public struct FileWatcher: Sendable {
    /// What is known about one file.
    struct Stamp: Equatable, Sendable {
        var modified: timespec
        var size: Int

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec && a.size == b.size
        }
    }

    private var stamps: [String: Stamp] = [:]

    public init() {}

    /// The paths whose stamp differs from the last look (new, changed or gone), and remembers the new stamps.
    public mutating func changes(in paths: [String]) -> [String] {
        var changed: [String] = []
        var next: [String: Stamp] = [:]
        for path in Set(paths) {
            let stamp = Self.stamp(path)
            if let stamp { next[path] = stamp }
            if stamp != stamps[path] { changed.append(path) }
        }
        for path in stamps.keys where next[path] == nil && !changed.contains(path) && !paths.contains(path) {
            changed.append(path)
        }
        stamps = next
        return changed.sorted()
    }

    static func stamp(_ path: String) -> Stamp? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Stamp(modified: status.st_mtim, size: Int(status.st_size))
    }
}
