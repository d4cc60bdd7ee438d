import Crypto
import Foundation
import MixedModelsLanguage

/// Results of notebook runs kept on disk (`.mixedmodels/cache/`), so that an unchanged notebook renders without
/// running its blocks again.
///
/// An entry is found by the notebook's path and trusted only when its key matches: the SHA-256 of the engine version,
/// the notebook's file name and, for every block, its code, first line and the options that change how it runs
/// (`eval`, `session`, `timeout`). The entry also lists every data file the blocks read with the SHA-256 of its
/// contents; a changed, missing or added-back file makes it stale. Prose, expected `output` blocks and the display
/// options (`echo`, `output`, `rtol`, `atol`, `ignore`, `error`) are not in the key: cached results are judged
/// again against the current expected outputs. A session's state cannot be saved, so any change of a key part
/// reruns the whole notebook. Runs with a failing or abandoned block, or during which a data file they read changed,
/// are not stored. An entry that cannot be
/// decoded is ignored and replaced by the next run.
public struct NotebookCache: Sendable {
    /// How a command uses the cache.
    public enum Policy: Sendable {
        /// Neither read nor written.
        case off
        /// Cached results are used when they can be trusted; fresh runs are stored.
        case use
        /// Every notebook runs; fresh runs are stored (`--refresh`, and `check` without `--cached`).
        case refresh
    }

    /// The folder that holds the entries.
    public let directory: String

    /// Bumped whenever the entry layout or the meaning of results changes.
    static let formatVersion = "1"

    public init(directory: String) {
        self.directory = directory
    }

    /// A cached run of `notebook`, judged against its current expected outputs; nil when there is none that can
    /// be trusted.
    public func lookup(_ notebook: Notebook) -> NotebookRun? {
        guard let data = FileManager.default.contents(atPath: entryPath(notebook)),
              let entry = try? JSONDecoder().decode(Entry.self, from: data),
              entry.key == Self.key(notebook), entry.blocks.count == notebook.blocks.count,
              entry.dataFiles.allSatisfy({ Self.digest(ofFile: $0.path) == $0.sha256 }) else {
            return nil
        }
        let blocks = zip(notebook.blocks, entry.blocks).map { block, cached -> BlockRun in
            guard block.options.eval, let result = cached.result else {
                return BlockRun(block: block, result: nil, outcome: .notRun, seconds: 0)
            }
            // Comparing long outputs costs more than reading them: a verdict stands while what it compared stands.
            let unchanged = cached.judged != nil && cached.judged == Self.judgedAgainst(block)
            let outcome = unchanged ? (cached.outcomeWasPassed == true ? .passed : .ran) : NotebookRunner.judge(block, result)
            return BlockRun(block: block, result: result, outcome: outcome, seconds: cached.seconds)
        }
        var run = NotebookRun(notebook: notebook, blocks: blocks, started: Date(), seconds: entry.seconds)
        run.filesRead = entry.dataFiles.map(\.path)
        run.fromCache = true
        var fingerprint = SHA256()
        fingerprint.update(data: data)
        fingerprint.update(data: Data("\u{0}\(notebook.path)\u{0}".utf8))
        fingerprint.update(data: Data(notebook.source.text.utf8))
        run.resultsFingerprint = Self.hex(fingerprint.finalize())
        return run
    }

    /// Stores a complete run without failures; others are left out so that they run again next time.
    public func store(_ run: NotebookRun) throws {
        guard run.isComplete, run.failedCount == 0, !run.fromCache else { return }
        var files: [Entry.DataFile] = []
        for path in run.filesRead {
            // A file that changed while the blocks ran may have been read half old, half new: run again next time.
            guard let modified = Self.modificationDate(path), modified < run.started,
                  let sha256 = Self.digest(ofFile: path) else { return }
            files.append(Entry.DataFile(path: path, sha256: sha256))
        }
        let entry = Entry(key: Self.key(run.notebook), seconds: run.seconds, dataFiles: files,
                          blocks: run.blocks.map {
                              Entry.Block(result: $0.result, seconds: $0.seconds, judged: Self.judgedAgainst($0.block),
                                          outcomeWasPassed: $0.outcome == .passed)
                          })
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(String(decoding: try encoder.encode(entry), as: UTF8.self), to: entryPath(run.notebook))
    }

    /// One file per notebook, named by the SHA-256 of its absolute path, so a changed notebook replaces its entry.
    func entryPath(_ notebook: Notebook) -> String {
        let absolute = notebook.path.hasPrefix("/") ? notebook.path
            : FileManager.default.currentDirectoryPath + "/" + notebook.path
        let name = Self.hex(SHA256.hash(data: Data((absolute as NSString).standardizingPath.utf8)))
        return directory + "/" + notebook.name.prefix(40) + "-" + name.prefix(16) + ".json"
    }

    /// The key of everything in the notebook that changes what its blocks compute.
    static func key(_ notebook: Notebook) -> String {
        var hasher = SHA256()
        func add(_ text: String) {
            // Length-prefixed, so that no two different sequences of parts hash alike.
            hasher.update(data: Data("\(text.utf8.count):".utf8))
            hasher.update(data: Data(text.utf8))
        }
        add("mixedmodels \(ProductVersion.string) cache \(formatVersion) build \(buildIdentity)")
        add(notebook.fileName)
        for block in notebook.blocks {
            add("\(block.kind) eval=\(block.options.eval) session=\(block.options.session) timeout=\(block.options.timeout)")
            for step in block.runSteps {
                add("\(step.firstLine) \(step.shown)")
                add(step.code)
            }
        }
        return hex(hasher.finalize())
    }

    /// The documented output and comparison options a block's verdict depends on.
    static func judgedAgainst(_ block: NotebookBlock) -> String {
        let options = block.options
        return "\(options.rtol.map { "\($0)" } ?? "-") \(options.atol.map { "\($0)" } ?? "-") "
            + "\(options.ignore.map { "\($0)" } ?? "-") \(options.error) \(block.filters)\n" + (block.expected?.text ?? "<none>")
    }

    /// The running executable's size and modification time: a rebuilt engine may compute differently even when its
    /// version number has not changed.
    static let buildIdentity: String = {
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 else { return "unknown" }
        return "\(status.st_size)-\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }()

    static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// The SHA-256 of a file's bytes, nil when it cannot be read.
    static func digest(ofFile path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return hex(SHA256.hash(data: data))
    }

    /// Lower-case hexadecimal digits (without `String(format:)`, which costs more than the hashing here).
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 15)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The stored form of one notebook's run.
    struct Entry: Codable {
        struct DataFile: Codable {
            var path: String
            var sha256: String
        }
        struct Block: Codable {
            var result: BlockResult?
            var seconds: Double
            /// What the stored verdict compared the result with (`judgedAgainst`), and whether it matched.
            var judged: String?
            var outcomeWasPassed: Bool?
        }
        var key: String
        var seconds: Double
        var dataFiles: [DataFile]
        var blocks: [Block]
    }
}
