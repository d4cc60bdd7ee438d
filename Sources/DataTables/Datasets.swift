import Foundation

/// The example data sets bundled in the project's `datasets/` folder (MixedModels.jl's `MixedModels.dataset`).
public enum Datasets {
    /// Environment variable naming the datasets folder; checked first.
    public static let environmentVariable = "MIXEDMODELS_DATASETS"

    /// The data set called `name` (case-insensitive, e.g. `"sleepstudy"`), read from `datasets/<name>.arrow`.
    /// Loaded tables are cached, so repeated loads are cheap.
    public static func load(_ name: String) throws -> DataTable {
        let key = name.lowercased()
        if let cached = cache.get(key) { return cached }
        let directory = try directory()
        let available = names(in: directory)
        guard available.contains(key) else {
            throw DataReadError.unknownDataset(name: name, available: available,
                                               suggestions: closeNames(to: key, among: available))
        }
        let table = try readArrow(path: (directory as NSString).appendingPathComponent("\(key).arrow"))
        cache.set(key, table)
        return table
    }

    /// The names of all bundled data sets, sorted; empty when the folder cannot be found.
    public static func names() -> [String] {
        guard let directory = try? directory() else { return [] }
        return names(in: directory)
    }

    /// The `datasets/` folder: `$MIXEDMODELS_DATASETS`, else the first `datasets/` holding `dyestuff.arrow` found
    /// walking up from the running executable, then from the current directory, then from this source file.
    public static func directory() throws -> String {
        var searched: [String] = []
        if let override = ProcessInfo.processInfo.environment[environmentVariable], !override.isEmpty {
            if isDatasetsFolder(override) { return override }
            searched.append(override)
        }
        for start in startingPoints() {
            var dir = start
            while true {
                let candidate = (dir as NSString).appendingPathComponent("datasets")
                if isDatasetsFolder(candidate) { return candidate }
                let parent = (dir as NSString).deletingLastPathComponent
                if parent == dir || parent.isEmpty { break }
                dir = parent
            }
            searched.append(start)
        }
        throw DataReadError.datasetsDirectoryNotFound(searched: searched)
    }

    private static func startingPoints() -> [String] {
        var points: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            points.append((exe as NSString).deletingLastPathComponent)
        }
        if let arg0 = CommandLine.arguments.first, arg0.contains("/") {
            let absolute = arg0.hasPrefix("/") ? arg0
                : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(arg0)
            points.append((absolute as NSString).deletingLastPathComponent)
        }
        points.append(FileManager.default.currentDirectoryPath)
        // Sources/DataTables/Datasets.swift → the package root.
        let source = ("\(#filePath)" as NSString).deletingLastPathComponent
        points.append(((source as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent)
        return points
    }

    private static func isDatasetsFolder(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("dyestuff.arrow"))
    }

    private static func names(in directory: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".arrow") }.map { String($0.dropLast(6)) }.sorted()
    }

    private static let cache = TableCache()
}

/// A lock-protected cache of loaded data sets.
private final class TableCache: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [String: DataTable] = [:]

    func get(_ key: String) -> DataTable? {
        lock.lock()
        defer { lock.unlock() }
        return tables[key]
    }

    func set(_ key: String, _ table: DataTable) {
        lock.lock()
        defer { lock.unlock() }
        tables[key] = table
    }
}

/// The bundled data set `name`, as `MixedModels.dataset(:name)` (see `Datasets.load`).
public func dataset(_ name: String) throws -> DataTable { try Datasets.load(name) }

/// The names of the bundled data sets, sorted, as `MixedModels.datasets()`.
public func datasets() -> [String] { Datasets.names() }
