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

    /// Polls the feed as the loop does, until it answers something or `seconds` pass.
    static func nextChange(of feed: PostgresChangeFeed, within seconds: Double = 2) async throws -> CatalogueChange {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let change = try feed.change()
            if change != .none { return change }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return .none
    }

    @Test func anotherBackendsCommitIsHeardAndOurOwnIsNot() async throws {
        let location = try Self.location(try #require(TestCluster.socketDirectory))
        let feed = try await PostgresChangeFeed.start(location: location, login: TestCluster.login)
        defer { feed.stop() }
        #expect(try feed.change() == .none, "the first look is the starting point")
        let other = try await PostgresSession.connect(to: location, as: TestCluster.login)
        let mine = try await PostgresSession.connect(to: location, as: TestCluster.login)
        feed.ignore(backend: try await mine.backendPID())

        try await Self.notify(from: mine, payload: String(try await mine.backendPID()))
        #expect(try await Self.nextChange(of: feed, within: 0.5) == .none, "our own commit came back as someone else's")
        try await Self.notify(from: other, payload: String(try await other.backendPID()))
        #expect(try await Self.nextChange(of: feed, within: 1) == .data)
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
        // Lost and found again by itself: one "read again" for what may have been missed.
        #expect(try await Self.nextChange(of: feed, within: 10) == .data)
        #expect(feed.isConnected)
        let other = try await PostgresSession.connect(to: location, as: TestCluster.login)
        try await Self.notify(from: other, payload: "1")
        #expect(try await Self.nextChange(of: feed, within: 1) == .data, "a change after the restart went unheard")
        try await other.close()
    }
}
