import Foundation
import StoreFixtures
import Testing
import TernStore
@testable import TernPostgres

/// A writer that stops in the middle of a transaction (`kill -STOP`, a lost laptop) does not
/// hold up the others: writers lock only the rows they change, so a write to another row goes
/// straight through, and a write to the same row waits only until the server ends the stopped
/// transaction (`idle_in_transaction_session_timeout`; 10 s for a tern, 1 s for this test's
/// stand-in). On one SQLite host every writer waits for it (README: "A stopped process").
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresStoppedWriterTests {
    @Test func aStoppedWritersLockHoldsOnlyItsRowAndOnlyUntilTheServerEndsIt() async throws {
        let opened = try await BackEnd.postgres.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let catalogue = try #require(opened.store as? PostgresCatalogue)
        #expect(PostgresCatalogue.idleTransactionTimeout == .seconds(10))
        let access = try await catalogue.authorize(.moveApplications, account: Demo.advisor, actingFor: nil)
        let session = try await catalogue.triageSession(for: access)
        let submitted = try await catalogue.triageQueue(TriageFilter(statuses: [.submitted]), after: nil, order: .oldestFirst,
                                                        limit: 2, offerWaitDays: nil, viewer: session.username, now: Demo.now).rows
        #expect(submitted.count == 2)
        let (held, free) = (submitted[0], submitted[1])

        // The stopped writer: it locked one application and then did nothing more.
        let stopped = try await PostgresSession.connect(to: catalogue.location, as: TestCluster.login)
        try await stopped.run("SET idle_in_transaction_session_timeout = '1s'")
        try await stopped.run("BEGIN")
        try await stopped.run("SELECT 1 FROM applications WHERE id = \(held.id) FOR UPDATE")

        // Another application is not held up at all...
        let moved = try await catalogue.move(free.id, to: .underReview, by: session.actor, expectedVersion: free.version, note: nil, now: Demo.now)
        #expect(moved.status == .underReview)
        // ...and the held one only until the server ends the stopped transaction.
        let waited = try await catalogue.move(held.id, to: .underReview, by: session.actor, expectedVersion: held.version, note: nil, now: Demo.now)
        #expect(waited.status == .underReview && waited.version == held.version + 1)
        var ended = stopped.isClosed
        if !ended { ended = (try? await stopped.run("SELECT 1")) == nil }
        #expect(ended, "the server ended the stopped transaction")
        try? await stopped.close()
    }
}
