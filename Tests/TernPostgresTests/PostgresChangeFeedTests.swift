import Foundation
import PostgresNIO
import Testing
import TernStore
@testable import TernPostgres

/// The change feed on PostgreSQL: another backend's NOTIFY reaches it within a second, its own
/// process's are ignored, and after the server restarts it listens again by itself and says
/// "read again" once (what was sent meanwhile is lost).
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresChangeFeedTests {
    static func location(_ socket: String) throws -> PostgresLocation {
        try PostgresLocation(parsing: "postgresql:///postgres?host=\(socket)")
    }

    static func notify(from session: PostgresSession, payload: String) async throws {
        try await session.connection.query(PostgresQuery(unsafeSQL: "NOTIFY \(PostgresChangeFeed.channel), '\(payload)'"), logger: PostgresSession.quiet)
    }

    /// Waits, polling, until `condition` holds; the bound is generous because tests assert
    /// what happens, never how fast (a loaded CI machine is slow).
    static func eventually(within seconds: Double = 30, _ condition: () throws -> Bool) async throws -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() { return true }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return try condition()
    }

    @Test func anotherBackendsCommitIsHeardAndOurOwnIsNot() async throws {
        let location = try Self.location(try #require(TestCluster.socketDirectory))
        let feed = try await PostgresChangeFeed.start(location: location, login: TestCluster.login)
        defer { feed.stop() }
        #expect(try feed.change() == .none, "the first look is the starting point")
        let other = try await PostgresSession.connect(to: location, as: TestCluster.login)
        let mine = try await PostgresSession.connect(to: location, as: TestCluster.login)
        let minePID = String(try await mine.backendPID()), otherPID = String(try await other.backendPID())
        feed.ignore(backend: try await mine.backendPID())

        try await Self.notify(from: mine, payload: minePID)
        #expect(try await Self.eventually { feed.lastHeard == minePID }, "our own notification never arrived")
        #expect(try feed.change() == .none, "our own commit came back as someone else's")
        try await Self.notify(from: other, payload: otherPID)
        #expect(try await Self.eventually { feed.lastHeard == otherPID }, "another backend's notification never arrived")
        #expect(try feed.change() == .data)
        #expect(try feed.change() == .none, "one notification is one change")
        try await other.close()
        try await mine.close()
    }

    @Test func afterTheServerRestartsTheFeedListensAgainAndSaysReadAgain() async throws {
        let cluster = try PrivateCluster()
        let location = try Self.location(cluster.socketDirectory)
        let feed = try await PostgresChangeFeed.start(location: location, login: TestCluster.login)
        defer { feed.stop() }
        _ = try feed.change()
        #expect(feed.isConnected)
        try cluster.restart()
        // Lost and found again by itself: "unreachable" meanwhile (if it looked then), then one
        // "read again" for what may have been missed.
        var seen: [CatalogueChange] = []
        #expect(try await Self.eventually { seen.append(try feed.change()); return seen.last == .data })
        #expect(seen.allSatisfy { $0 == .none || $0 == .unreachable || $0 == .data })
        #expect(seen.drop(while: { $0 != .unreachable }).first { $0 != .unreachable } != .none,
                "after being unreachable the feed must say read again, not nothing")
        #expect(feed.isConnected)
        let other = try await PostgresSession.connect(to: location, as: TestCluster.login)
        try await Self.notify(from: other, payload: "after-restart")
        #expect(try await Self.eventually { feed.lastHeard == "after-restart" }, "a change after the restart went unheard")
        #expect(try feed.change() == .data)
        try await other.close()
    }
}
