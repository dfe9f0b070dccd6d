import Foundation

/// A session that comes back by itself: when the server has closed the connection (it
/// restarted, or ended a transaction left idle), the next use connects again and prepares the new
/// connection as the first one was (`prepare`: its timeouts, read-only). A statement already
/// running when the connection went fails in plain words; nothing is retried behind the caller's
/// back, so a write is never sent twice.
final class ReconnectingSession: @unchecked Sendable {
    private let lock = NSLock()
    private var current: (session: PostgresSession, backend: Int32)
    /// The first session: how every later one connects (location, account, password).
    private let first: PostgresSession
    private let prepare: @Sendable (PostgresSession) async throws -> Void
    private var reconnected: (@Sendable (Int32) -> Void)?

    /// Told the new server process each time the session connects again (a change feed ignores
    /// its own process's commits by their backend).
    func onReconnect(_ tell: @escaping @Sendable (Int32) -> Void) {
        lock.withLock { reconnected = tell }
    }

    private init(_ session: PostgresSession, backend: Int32, prepare: @escaping @Sendable (PostgresSession) async throws -> Void) {
        current = (session, backend)
        first = session
        self.prepare = prepare
    }

    /// Connects and prepares the first connection.
    static func connect(to location: PostgresLocation, as login: String, password: String?,
                        prepare: @escaping @Sendable (PostgresSession) async throws -> Void) async throws -> ReconnectingSession {
        let session = try await PostgresSession.connect(to: location, as: login, password: password)
        do {
            return try await adopting(session, prepare: prepare)
        } catch {
            try? await session.close()
            throw error
        }
    }

    /// Takes `session` as the first connection, prepared now; later ones are made like it.
    static func adopting(_ session: PostgresSession,
                         prepare: @escaping @Sendable (PostgresSession) async throws -> Void) async throws -> ReconnectingSession {
        try await prepare(session)
        return ReconnectingSession(session, backend: try await session.backendPID(), prepare: prepare)
    }

    /// The session to use now, and the server process serving it (what a cancel names).
    func session() async throws -> (session: PostgresSession, backend: Int32) {
        let now = lock.withLock { current }
        guard now.session.isClosed else { return now }
        let fresh = try await first.connectAgain()
        try await prepare(fresh)
        let renewed = (session: fresh, backend: try await fresh.backendPID())
        let tell = lock.withLock { current = renewed; return reconnected }
        tell?(renewed.backend)
        return renewed
    }

    /// The session as it is, connected or not (to close it).
    var last: PostgresSession { lock.withLock { current.session } }
}
