import Foundation

/// Tells every open browser tab that the site changed. Each tab's event stream is one subscription.
final class ReloadBroadcaster: @unchecked Sendable {
    private var subscribers: [UUID: AsyncStream<String>.Continuation] = [:]
    private let lock = NSLock()

    /// Messages for one tab, until the tab goes away.
    func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        lock.withLock { subscribers[id] = continuation }
        return stream
    }

    func send(_ message: String) {
        for continuation in lock.withLock({ Array(subscribers.values) }) { continuation.yield(message) }
    }

    var count: Int { lock.withLock { subscribers.count } }

    private func remove(_ id: UUID) {
        _ = lock.withLock { subscribers.removeValue(forKey: id) }
    }
}
