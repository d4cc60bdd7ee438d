import Foundation
import Testing
@testable import PreviewServer

/// A minimal HTTP client over a blocking socket, so that a test can read an event stream as it arrives.
private final class RawConnection: @unchecked Sendable {
    let descriptor: Int32

    init(port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        // Long enough for a busy machine running the tests in parallel; a missing response still ends the test.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw PreviewError("connect failed: \(errno)") }
    }

    deinit { close(descriptor) }

    func send(_ text: String) {
        _ = text.withCString { Glibc.send(descriptor, $0, strlen($0), 0) }
    }

    /// Reads until `marker` has arrived (or the read times out), on a thread of its own: blocking a thread of the
    /// tasks' shared pool could starve the server under test.
    func read(until marker: String) async -> String {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.readBlocking(until: marker)) }.start()
        }
    }

    private func readBlocking(until marker: String) -> String {
        var received = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.contains(marker) {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        return received
    }
}

@Suite("Preview server")
struct PreviewServerTests {
    private static func freePort() -> UInt16 {
        for _ in 0..<50 {
            let port = UInt16.random(in: 20_000...60_000)
            if (try? PreviewServer.checkPortIsFree(port)) != nil { return port }
        }
        return 0
    }

    private static func site() throws -> String {
        let folder = NSTemporaryDirectory() + "preview-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "<html><body><p>page</p></body></html>".write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
        try "secret".write(toFile: folder + "/.pages.json", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func servesPagesWithTheReloadScriptAndStreamsReloadEvents() async throws {
        let port = Self.freePort()
        let server = try PreviewServer(folder: try Self.site(), port: port)
        let task = Task { try await server.run() }
        // The tests run in parallel on a machine that may be busy: give the listener far longer than it needs.
        try await server.waitUntilListening(timeout: 60)

        let page = try RawConnection(port: port)
        page.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let response = await page.read(until: "</html>")
        #expect(response.hasPrefix("HTTP/1.1 200"))
        #expect(response.contains("new EventSource(\"/__events\")"))
        #expect(response.contains("<p>page</p>"))

        let hidden = try RawConnection(port: port)
        hidden.send("GET /.pages.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(await hidden.read(until: "\r\n\r\n").hasPrefix("HTTP/1.1 404"))

        let events = try RawConnection(port: port)
        events.send("GET /__events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let opening = await events.read(until: ": connected")
        #expect(opening.contains("text/event-stream"))
        server.reloadPages()
        #expect(await events.read(until: "event: reload").contains("event: reload\ndata: "))

        await server.stop()
        task.cancel()
    }

    @Test func aPortInUseIsAClearErrorThatSuggestsAnother() throws {
        let port = Self.freePort()
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(listen(listener, 1) == 0)
        do {
            try PreviewServer.checkPortIsFree(port)
            Issue.record("a port in use was accepted")
        } catch let error as PreviewError {
            #expect(error.description.contains("port \(port) on 127.0.0.1 is already in use"))
            #expect(error.description.contains("--port"))
        }
    }

    @Test func theWatcherSeesChangedAddedAndRemovedFiles() throws {
        let folder = try Self.site()
        let a = folder + "/a.md", b = folder + "/b.md"
        try "1".write(toFile: a, atomically: true, encoding: .utf8)
        var watcher = FileWatcher()
        #expect(watcher.changes(in: [a, b]) == [a])
        #expect(watcher.changes(in: [a, b]).isEmpty)
        try "22".write(toFile: a, atomically: true, encoding: .utf8)
        try "3".write(toFile: b, atomically: true, encoding: .utf8)
        #expect(watcher.changes(in: [a, b]) == [a, b])
        try FileManager.default.removeItem(atPath: a)
        #expect(watcher.changes(in: [a, b]) == [a])
    }
}
