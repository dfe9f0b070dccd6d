import Foundation
import Logging
import PostgresNIO
import TernStore

/// A PostgreSQL catalogue's change feed: `LISTEN tern_changes` on a connection of its own, kept
/// open in the background. Every commit that changes what a screen shows sends
/// `NOTIFY tern_changes, '<backend pid>'` (the schema's triggers do, once per statement); the
/// feed answers "read again" when one arrived from another backend since the last look, and
/// ignores those its own process sent (``ignore(backend:)``), as SQLite's feed ignores its own
/// commits.
///
/// A lost connection loses the notifications sent meanwhile, so after it comes back the feed
/// answers "read again" once; until then it keeps trying, backing off from a quarter second to
/// five seconds, and ``isConnected`` says whether it is listening (for a "reconnecting…" line).
///
/// ```swift
/// let feed = try await PostgresChangeFeed.start(location: location, login: "jgarcia")
/// _ = try feed.change()                  // the starting point: .none
/// if try feed.change() == .data { readAgain() }
/// ```
public final class PostgresChangeFeed: ChangeFeed, @unchecked Sendable {
    public static let channel = "tern_changes"

    private let lock = NSLock()
    private var pending = false
    private var started = false
    private var listening = false
    /// The connection was lost since the feed last listened: what was sent meanwhile is gone.
    private var lost = false
    private var ownBackends: Set<String> = []
    /// The payload of the last notification heard, ignored or not: notifications arrive in
    /// commit order, so a test knows every earlier one was taken once it sees a later one.
    var lastHeard: String? { lock.withLock { heardLast } }
    private var heardLast: String?
    private var listener: Task<Void, Never>?

    private init() {}

    /// Connects and starts listening; throws (in Tern's words) when the server cannot be reached
    /// now. Later losses are retried in the background.
    public static func start(location: PostgresLocation, login: String, password: String? = nil) async throws -> PostgresChangeFeed {
        let feed = PostgresChangeFeed()
        let first = try await PostgresSession.connect(to: location, as: login, password: password)
        let ready = AsyncStream<Void>.makeStream()
        feed.listener = Task(executorPreference: StoreExecutor.shared) { [weak feed] in
            var session: PostgresSession? = first
            var delay: UInt64 = 250_000_000
            var signalReady: (() -> Void)? = { ready.continuation.yield(); ready.continuation.finish() }
            while !Task.isCancelled, feed != nil {
                if session == nil { session = try? await PostgresSession.connect(to: location, as: login, password: password) }
                if let current = session {
                    delay = 250_000_000
                    _ = try? await current.connection.listen(on: Self.channel) { notifications in
                        feed?.listeningStarted()
                        signalReady?()
                        signalReady = nil
                        for try await notification in notifications { feed?.heard(from: notification.payload) }
                    }
                    try? await current.close()
                    session = nil
                    feed?.connectionLost()
                }
                signalReady?()
                signalReady = nil
                try? await Task.sleep(nanoseconds: delay)
                delay = min(delay * 2, 5_000_000_000)
            }
            try? await session?.close()
        }
        for await _ in ready.stream { break }
        return feed
    }

    deinit { listener?.cancel() }

    /// Stops listening and closes the connection.
    public func stop() {
        listener?.cancel()
    }

    /// Notifications from this backend (one of this process's own connections) are not changes
    /// for this process: it knows what it wrote.
    public func ignore(backend pid: Int32) {
        lock.withLock { _ = ownBackends.insert(String(pid)) }
    }

    /// Whether the feed is listening now (false while it reconnects).
    public var isConnected: Bool { lock.withLock { listening } }

    public func change() throws -> CatalogueChange {
        lock.withLock {
            guard started else {
                started = true
                pending = false
                return .none
            }
            // While it reconnects nothing can be read; "read again" waits until it listens.
            guard listening else { return .unreachable }
            defer { pending = false }
            return pending ? .data : .none
        }
    }

    public func hasChanged() throws -> Bool { try change() != .none }

    // MARK: - From the listener

    private func heard(from payload: String) {
        lock.withLock {
            heardLast = payload
            if !ownBackends.contains(payload) { pending = true }
        }
    }

    /// Listening again after a loss: whatever was sent meanwhile is lost, so read again once,
    /// now that a read can succeed.
    private func listeningStarted() {
        lock.withLock {
            listening = true
            if lost { pending = true }
            lost = false
        }
    }

    private func connectionLost() {
        lock.withLock {
            listening = false
            lost = true
        }
    }
}
