import DataTables
import Foundation

/// Finds notebooks and runs several of them, in parallel when asked (one evaluator set per notebook).
public enum NotebookBatch {
    /// The notebook files named by `paths`: a file as given, a folder as every `.md` file directly in it (sorted).
    public static func collect(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            switch kind(path) {
            case .missing:
                throw NotebookError(file: path, line: 0, message: "no such file or folder")
            case .folder:
                let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
                let names: [String]
                do {
                    names = try manager.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
                } catch {
                    throw NotebookError(file: path, line: 0,
                                        message: "cannot list the folder: \(plainDescription(ofFileError: error))")
                }
                for name in names where !isFolder(folder + "/" + name) {
                    // A folder's notebooks may come from a pull request: a link there could name any file.
                    guard isPlainFile(folder + "/" + name) else {
                        throw NotebookError(file: folder + "/" + name, line: 0, message: "not a regular file (links, "
                                            + "FIFOs and devices are not read as notebooks)")
                    }
                    files.append(folder + "/" + name)
                }
            case .regularFile where path.hasSuffix(".md"):
                files.append(path)
            case .regularFile:
                throw NotebookError(file: path, line: 0, message: "not a notebook: only .md files are read")
            case .other:
                // Reading a FIFO or a device would block or never end.
                throw NotebookError(file: path, line: 0, message: "not a regular file (a device, FIFO or socket); notebooks are .md files")
            }
        }
        return files
    }

    private enum FileKind { case missing, folder, regularFile, other }

    /// What is at `path`, following symbolic links.
    private static func kind(_ path: String) -> FileKind {
        var status = stat()
        guard stat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .regularFile
        default: return .other
        }
    }

    /// The result of reading and running a list of notebooks, in the order given.
    public struct Outcome: Sendable {
        public var runs: [NotebookRun]
        public var readFailures: [CheckReport.ReadFailure]
    }

    /// Reads and runs each notebook; `jobs` notebooks run at the same time. `progress` may be called from several
    /// threads at once (calls are serialised).
    public static func run(_ files: [String], jobs: Int, makeEvaluator: @escaping EvaluatorFactory,
                           cache: NotebookCache? = nil, policy: NotebookCache.Policy = .off,
                           progress: @escaping (RunProgress) -> Void) -> Outcome {
        Markdown.prepare()
        let state = BatchState(count: files.count, progress: progress)
        let workers = max(1, min(jobs, files.count))
        let work = {
            while let index = state.nextIndex() {
                do {
                    let notebook = try NotebookReader.read(path: files[index])
                    if policy == .use, let cached = cache?.lookup(notebook) {
                        state.report(.notebookCached(path: notebook.path))
                        state.store(.success(cached), at: index)
                        continue
                    }
                    let run = NotebookRunner(makeEvaluator: makeEvaluator).run(notebook) { state.report($0) }
                    if policy != .off, let cache {
                        do {
                            try cache.store(run)
                        } catch {
                            state.report(.cacheNotWritten(path: notebook.path, reason: "\(error)"))
                        }
                    }
                    state.store(.success(run), at: index)
                } catch let error as NotebookError {
                    state.store(.failure(error), at: index)
                } catch {
                    let message = plainDescription(ofFileError: error)
                    state.store(.failure(NotebookError(file: files[index], line: 0, message: message)), at: index)
                }
            }
        }
        if workers == 1 {
            work()
        } else {
            let job = UncheckedJob(work)
            let group = DispatchGroup()
            for _ in 0..<workers {
                group.enter()
                let thread = Thread {
                    job.body()
                    group.leave()
                }
                // The interpreter recurses on nested expressions; give workers the main thread's stack size.
                thread.stackSize = 8 << 20
                thread.start()
            }
            group.wait()
        }
        var runs: [NotebookRun] = []
        var failures: [CheckReport.ReadFailure] = []
        for result in state.results {
            switch result {
            case .success(let run)?: runs.append(run)
            case .failure(let error)?: failures.append(CheckReport.ReadFailure(error: error))
            case nil: break
            }
        }
        return Outcome(runs: runs, readFailures: failures)
    }
}

/// Shared state of a parallel batch, guarded by one lock.
private final class BatchState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private let progress: (RunProgress) -> Void
    private(set) var results: [Result<NotebookRun, NotebookError>?]

    init(count: Int, progress: @escaping (RunProgress) -> Void) {
        self.count = count
        self.progress = progress
        results = Array(repeating: nil, count: count)
    }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ result: Result<NotebookRun, NotebookError>, at index: Int) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    func report(_ event: RunProgress) {
        lock.lock()
        progress(event)
        lock.unlock()
    }
}

/// True when `path` itself (not what a link points to) is a regular file.
private func isPlainFile(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
}

/// True for a folder itself (not a link to one): a folder named `x.md` among the notebooks is not a notebook.
private func isFolder(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
}
