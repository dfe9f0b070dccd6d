import Foundation
import StoreFixtures
import Testing
import TernStore
@testable import TernPostgres

/// A catalogue left open across a server restart comes back by itself: the statement running
/// when the server went fails in plain words, the next one connects again, reads and writes as
/// before, and the change feed says "read again".
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresCatalogueReconnectTests {
    @Test func aCatalogueOpenAcrossAServerRestartReadsAndWritesAgain() async throws {
        let cluster = try PrivateCluster()
        let server = try await PostgresSession.connect(
            to: PostgresLocation(parsing: "postgresql:///postgres?host=\(cluster.socketDirectory)"), as: TestCluster.login)
        try await server.createDatabase("tern")
        try await server.close()
        let location = try PostgresLocation(parsing: "postgresql:///tern?host=\(cluster.socketDirectory)")
        let owner = try await PostgresSession.connect(to: location, as: TestCluster.login)
        try await PostgresSchema.migrate(owner)
        let demo = try SQLiteDemo()
        _ = try await PostgresCopy.copy(from: try demo.catalogue.snapshotRows(), into: owner)
        try await owner.close()

        let catalogue = try await PostgresCatalogue.open(location, as: TestCluster.login)
        defer { Task { await catalogue.close() } }
        let feed = try await catalogue.changeFeed()
        _ = try feed.change()
        let before = try await catalogue.countOpportunities(matching: OpportunityQuery(), today: Demo.today)
        #expect(before > 0)

        try cluster.restart()
        // Reads come back: the first may meet the closed connection, a later one connects again.
        var after: Int?
        for _ in 0..<300 where after == nil {
            after = try? await catalogue.countOpportunities(matching: OpportunityQuery(), today: Demo.today)
            if after == nil { try await Task.sleep(nanoseconds: 100_000_000) }
        }
        #expect(after == before)
        // The transaction lane too: a write goes through on the new connection and is audited.
        var written = false
        for _ in 0..<300 where !written {
            do {
                try await catalogue.recordDisclosure(.listedStudentApplications, by: Principal(
                    account: Demo.admin, staffRole: .admin, studentUsername: nil, ownsFile: false, fileIsPersonal: false),
                    student: "aokafor", detail: "after a restart", application: nil)
                written = true
            } catch {
                try await Task.sleep(nanoseconds: 100_000_000)
            }
        }
        #expect(written)
        let check = try await PostgresSession.connect(to: location, as: TestCluster.login)
        #expect(try await check.value("SELECT count(*) FROM audit_log WHERE detail = 'after a restart'") == "1")
        try await check.close()
        // The feed lost its connection: once back, it says read again.
        #expect(try await PostgresChangeFeedTests.eventually { try feed.change() == .data })
    }
}
