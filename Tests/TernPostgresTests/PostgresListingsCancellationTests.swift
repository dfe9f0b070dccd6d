import Foundation
import PostgresNIO
import Testing
import TernStore
@testable import TernPostgres

/// A read nobody waits for stops on the server: at once when its task is cancelled (the next
/// keystroke), and by the statement timeout otherwise.
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresListingsCancellationTests {
    @Test func aCancelledReadStopsOnTheServerAndTheNextReadRuns() async throws {
        try await FreshCatalogue.migrated { session in
            let listings = try await PostgresListings.open(session, readTimeout: .seconds(60))
            let clock = ContinuousClock()
            let started = clock.now
            let read = Task { try await listings.rows(PostgresQuery(unsafeSQL: "SELECT pg_sleep(30)")) }
            try await Task.sleep(for: .milliseconds(300))
            read.cancel()
            await #expect(throws: CatalogueError.cancelled) { _ = try await read.value }
            #expect(clock.now - started < .seconds(10))
            #expect(try await listings.homeCurrency() == "USD")
            let sleeping = try await session.value("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()")
            #expect(sleeping == "0")
        }
    }

    @Test func aReadLongerThanTheTimeoutStopsByItself() async throws {
        try await FreshCatalogue.migrated { session in
            let listings = try await PostgresListings.open(session, readTimeout: .milliseconds(300))
            let clock = ContinuousClock()
            let started = clock.now
            await #expect(throws: CatalogueError.cancelled) {
                _ = try await listings.rows(PostgresQuery(unsafeSQL: "SELECT pg_sleep(20)"))
            }
            #expect(clock.now - started < .seconds(10))
            #expect(try await listings.countOpportunities(matching: OpportunityQuery(words: "de"), today: CalendarDay(Date())) == 0)
        }
    }
}
