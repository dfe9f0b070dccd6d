import Foundation

/// One session's statements, one transaction at a time. A PostgreSQL connection runs what it is
/// sent in order, so two tasks sharing it would interleave their transactions' statements
/// (one's COMMIT ending the other's work); the lane makes each wait for the one before.
/// (An actor is not enough: it lets another call in at every `await`.)
final class SessionLane: @unchecked Sendable {
    let sessions: ReconnectingSession
    private let lock = NSLock()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ sessions: ReconnectingSession) { self.sessions = sessions }

    /// Runs `body` once every earlier turn has finished, on the session connected again first
    /// if the server closed it.
    func run<T>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body(try await sessions.session().session)
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if busy {
                waiting.append(continuation)
                lock.unlock()
            } else {
                busy = true
                lock.unlock()
                continuation.resume()
            }
        }
    }

    private func release() {
        lock.lock()
        if waiting.isEmpty {
            busy = false
            lock.unlock()
        } else {
            let next = waiting.removeFirst()
            lock.unlock()
            next.resume()   // the turn passes straight on: busy stays true
        }
    }
}
