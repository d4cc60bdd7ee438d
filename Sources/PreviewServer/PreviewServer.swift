import FlyingFox
import FlyingSocks
import Foundation

/// Serves a rendered site on 127.0.0.1 and tells open pages to reload through server-sent events: every HTML page
/// it serves gets a small script that listens on `/__events` (the page never polls).
public final class PreviewServer: Sendable {
    /// The site folder served.
    public let folder: String
    public let port: UInt16
    private let server: HTTPServer
    private let events = EventBroadcaster()

    /// The path of the event stream.
    static let eventsPath = "/__events"

    /// The script added before `</body>` of every page served.
    static let reloadScript = """
    <script>new EventSource("\(eventsPath)").addEventListener("reload", () => location.reload());</script>
    """

    public init(folder: String, port: UInt16) throws {
        self.folder = folder
        self.port = port
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        let quiet: DisabledLogger = .disabled
        server = HTTPServer(config: HTTPServer.Configuration(address: address, timeout: 3600, logger: quiet))
    }

    /// Fails with a message that suggests `--port` when another program listens on the port.
    public static func checkPortIsFree(_ port: UInt16) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if bound != 0 {
            let reason = errno == EADDRINUSE ? "is already in use" : "cannot be used (\(String(cString: strerror(errno))))"
            throw PreviewError("port \(port) on 127.0.0.1 \(reason); choose another with --port, e.g. --port \(port == 65535 ? 8001 : port + 1)")
        }
    }

    /// Serves until `stop()`; throws when the port cannot be opened.
    public func run() async throws {
        await server.appendRoute(HTTPRoute(method: .GET, path: Self.eventsPath)) { [events] _ in
            HTTPResponse(statusCode: .ok,
                         headers: [.contentType: "text/event-stream", HTTPHeader("Cache-Control"): "no-store"],
                         body: HTTPBodySequence(from: events.subscribe()))
        }
        await server.appendRoute(HTTPRoute(method: .GET, path: "*")) { [folder] request in
            Self.file(for: request.path, in: folder)
        }
        try await server.run()
    }

    /// Waits until the server accepts connections (or `timeout` seconds pass).
    public func waitUntilListening(timeout: TimeInterval = 5) async throws {
        try await server.waitUntilListening(timeout: timeout)
    }

    /// Tells every open page to reload.
    public func reloadPages() {
        events.send("event: reload\ndata: \(Date().timeIntervalSince1970)\n\n")
    }

    public func stop() async {
        events.finish()
        await server.stop(timeout: 1)
    }

    /// The file at `path` below the folder (`/` means `index.html`), with the reload script in HTML pages.
    static func file(for path: String, in folder: String) -> HTTPResponse {
        let decoded = path.removingPercentEncoding ?? path
        var relative = decoded.hasSuffix("/") ? decoded + "index.html" : decoded
        relative = String(relative.drop { $0 == "/" })
        // Only files directly in the site folder, never a hidden one or one above it.
        guard !relative.isEmpty, !relative.contains("/"), !relative.hasPrefix("."),
              let data = FileManager.default.contents(atPath: folder + "/" + relative) else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: Data("not found: \(decoded)\n".utf8))
        }
        let type = contentType(relative)
        var body = data
        if type.hasPrefix("text/html"), let page = String(data: data, encoding: .utf8) {
            body = Data(injectingReloadScript(page).utf8)
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, HTTPHeader("Cache-Control"): "no-store"],
                            body: body)
    }

    static func injectingReloadScript(_ page: String) -> String {
        guard let end = page.range(of: "</body>", options: .backwards) else { return page + reloadScript }
        return page.replacingCharacters(in: end, with: reloadScript + "\n</body>")
    }

    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "md": return "text/markdown; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}

/// A problem starting the preview, said in one line.
public struct PreviewError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
