import FlyingSocks
import Foundation

/// The open event streams: each subscriber gets every message sent after it subscribed.
final class EventBroadcaster: @unchecked Sendable {
    private let lock = NSLock()
    private var continuations: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    private var finished = false

    /// A new stream of event bytes; it starts with a comment so that the browser sees the connection open at once.
    func subscribe() -> EventStream {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        let id = UUID()
        continuation.yield(Array(": connected\n\n".utf8))
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        lock.lock()
        if finished {
            continuation.finish()
        } else {
            continuations[id] = continuation
        }
        lock.unlock()
        return EventStream(stream: stream)
    }

    func send(_ text: String) {
        lock.lock()
        let targets = Array(continuations.values)
        lock.unlock()
        for continuation in targets { continuation.yield(Array(text.utf8)) }
    }

    func finish() {
        lock.lock()
        finished = true
        let targets = Array(continuations.values)
        continuations = [:]
        lock.unlock()
        for continuation in targets { continuation.finish() }
    }

    var subscriberCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return continuations.count
    }

    private func remove(_ id: UUID) {
        lock.lock()
        continuations[id] = nil
        lock.unlock()
    }
}

/// Event bytes as the buffered byte sequence that FlyingFox streams as a chunked response body, one chunk per event.
struct EventStream: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if pending.isEmpty {
                guard let event = await base.next() else { return nil }
                pending = event
            }
            let chunk = Array(pending.prefix(Swift.max(1, count)))
            pending.removeFirst(chunk.count)
            return chunk
        }
    }
}
