import ArgumentParser
import Foundation
import NotebookProcessing
import PreviewServer

/// `mixedmodels preview`: renders, serves the site on 127.0.0.1 and re-renders what changed while you write.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render notebooks, serve the site on 127.0.0.1 and reload open pages when a notebook or data file changes.",
        discussion: "Unchanged notebooks come from the cache; Ctrl-C stops."
    )

    @Argument(help: "A notebook file or folder (default: notebooks/).")
    var path = "notebooks"

    @Option(name: .long, help: "The port on 127.0.0.1.")
    var port: UInt16 = 8000

    @Option(name: .long, help: "The output folder (default: mixedmodels.yml's `output`, else site).")
    var out: String?

    @OptionGroup var shared: SharedOptions

    func run() throws {
        let configuration = try shared.siteConfiguration()
        let out = self.out ?? configuration.output ?? "site"
        do {
            try PreviewServer.checkPortIsFree(port)
        } catch let error as PreviewError {
            throw ValidationError(error.description)
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        AtomicFile.removeStaleTemporaries(in: out)
        var assets = SiteAssets.builtIn
        assets.siteTitle = configuration.title
        let writer = SiteWriter(folder: out, formats: ["html"], assets: assets, configuration: configuration)
        let server = try PreviewServer(folder: out, port: port)
        let stop = StopSignal()
        let serving = ServerTask(server)
        serving.start()
        var loop = PreviewLoop(path: path, writer: writer, shared: shared)
        loop.renderChanges(force: true)
        guard serving.waitUntilListening() else {
            throw ValidationError(serving.failure ?? "the server did not start on port \(port); choose another with --port")
        }
        FileHandle.standardError.write(Data("previewing \(path) at http://127.0.0.1:\(port)/ (Ctrl-C stops)\n".utf8))
        while !stop.requested {
            if loop.renderChanges(force: false) { server.reloadPages() }
            if let failure = serving.failure { throw ValidationError(failure) }
            usleep(100_000)
        }
        serving.stop()
        FileHandle.standardError.write(Data("preview stopped\n".utf8))
    }
}

/// Sets a flag on Ctrl-C (SIGINT) or SIGTERM instead of dying, so the preview can close its server cleanly. A running
/// block is interrupted; one that does not stop in time is not waited for: the preview exits a moment later
/// (pages are written whole, and the temporary files of an unfinished write are removed by the next render).
private final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    private var sources: [DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.set() }
            source.resume()
            sources.append(source)
        }
    }

    var requested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return flag
    }

    private func set() {
        lock.lock()
        flag = true
        lock.unlock()
        // A block being run stops at its next check (a fit between two evaluations).
        Interruption.shared.interrupt()
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) {
            FileHandle.standardError.write(Data("preview stopped\n".utf8))
            exit(0)
        }
    }
}

/// The server running on its own task, watched from the preview's loop.
private final class ServerTask: @unchecked Sendable {
    let server: PreviewServer
    private let lock = NSLock()
    private var error: String?

    init(_ server: PreviewServer) { self.server = server }

    var failure: String? {
        lock.lock()
        defer { lock.unlock() }
        return error
    }

    func start() {
        Task.detached { [self] in
            do {
                try await server.run()
            } catch {
                fail("the preview server stopped: \(error)")
            }
        }
    }

    func waitUntilListening() -> Bool {
        let done = DispatchSemaphore(value: 0)
        let result = Flag()
        Task.detached { [server] in
            result.value = (try? await server.waitUntilListening(timeout: 5)) != nil
            done.signal()
        }
        done.wait()
        return result.value
    }

    func stop() {
        let done = DispatchSemaphore(value: 0)
        Task.detached { [server] in
            await server.stop()
            done.signal()
        }
        _ = done.wait(timeout: .now() + 3)
    }

    private func fail(_ message: String) {
        lock.lock()
        error = message
        lock.unlock()
    }

    private final class Flag: @unchecked Sendable { var value = false }
}
