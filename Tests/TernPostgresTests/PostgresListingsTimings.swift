import Foundation
import Testing
import TernStore
@testable import TernPostgres

/// Timings of the listing reads on a large catalogue someone loaded, for docs/postgres-search.md:
/// runs only when TERN_LISTINGS_TIMINGS names a database on the test cluster (it reads, never writes).
@Suite(.enabled(if: TestCluster.isPresent && ProcessInfo.processInfo.environment["TERN_LISTINGS_TIMINGS"] != nil))
struct PostgresListingsTimings {
    @Test func timeEachKindOfRead() async throws {
        let database = ProcessInfo.processInfo.environment["TERN_LISTINGS_TIMINGS"] ?? ""
        let session = try await PostgresSession.connect(to: FreshCatalogue.location(database), as: TestCluster.login)
        let listings = try await PostgresListings.open(session, readTimeout: .seconds(60))
        let today = CalendarDay("2026-03-02")!
        let clock = ContinuousClock()
        func time(_ label: String, _ body: () async throws -> Int) async throws {
            var runs: [Duration] = []
            var result = 0
            for _ in 0..<5 {
                let start = clock.now
                result = try await body()
                runs.append(clock.now - start)
            }
            let sorted = runs.sorted()
            print("TIMING \(label): median \(sorted[2]), max \(sorted[4]) → \(result)")
        }
        let chosen = ProcessInfo.processInfo.environment["TERN_LISTINGS_TIMINGS_WORDS"]?.split(separator: ",").map(String.init)
        for words in chosen ?? ["s", "sy", "co", "pyth", "design", "zebr", "syn1", "data an", "re des"] {
            for sort in [OpportunitySort.deadline, .newest, .pay] {
                let query = OpportunityQuery(words: words, sort: sort)
                try await time("first page '\(words)' \(sort)") {
                    try await listings.opportunities(matching: query, after: nil, limit: 40, today: today).count
                }
            }
            let query = OpportunityQuery(words: words)
            let first = try await listings.opportunities(matching: query, after: nil, limit: 40, today: today)
            try await time("next page '\(words)'") {
                try await listings.opportunities(matching: query, after: first.last?.cursor, limit: 40, today: today).count
            }
            try await time("count '\(words)'") { try await listings.countOpportunities(matching: query, today: today) }
            var remote = query
            remote.locationKinds = [.remote]
            try await time("first page '\(words)' remote") {
                try await listings.opportunities(matching: remote, after: nil, limit: 40, today: today).count
            }
            var relevance = query
            relevance.sort = .relevance
            try await time("relevance '\(words)'") {
                try await listings.opportunities(matching: relevance, after: nil, limit: 40, today: today).count
            }
        }
        try await time("first page, no words") {
            try await listings.opportunities(matching: OpportunityQuery(), after: nil, limit: 40, today: today).count
        }
        try await time("count, no words") { try await listings.countOpportunities(matching: OpportunityQuery(), today: today) }
        try await session.close()
    }
}
