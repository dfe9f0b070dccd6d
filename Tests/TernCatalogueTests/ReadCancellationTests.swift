import Foundation
import GRDB
import Synchronization
import Testing
@testable import TernCatalogue

/// A superseded search stops where it stands (``Catalogue/cancelling(when:_:)``).
@Suite struct ReadCancellationTests {
    /// Counts to a hundred million: seconds of SQLite work unless stopped.
    static let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT count(*) FROM c"

    @Test func aReadStopsOnceItsCheckSaysSoAndTheConnectionServesTheNextRead() throws {
        let fixture = try CatalogueFixture()
        let checks = Atomic<Int>(0)
        // Cancelled only after SQLite has asked a few times: the query was running, not refused up front.
        #expect(throws: CatalogueError.cancelled) {
            try Catalogue.cancelling(when: { checks.add(1, ordering: .relaxed).newValue > 3 }) {
                try fixture.catalogue.read { try Int.fetchOne($0, sql: Self.endless) }
            }
        }
        #expect(checks.load(ordering: .relaxed) == 4)
        // The handler went with the read: the same pool answers in full afterwards.
        let small = try fixture.catalogue.read {
            try Int.fetchOne($0, sql: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) SELECT count(*) FROM c")
        }
        #expect(small == 100_000)
    }

    @Test func aReadAlreadyUnwantedDoesNotStartAndOneStillWantedRunsToTheEnd() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "a", "title": "Python task"]])
        #expect(throws: CatalogueError.cancelled) {
            try Catalogue.cancelling(when: { true }) {
                try fixture.catalogue.opportunities(matching: OpportunityQuery(words: "py"), limit: 40)
            }
        }
        let page = try Catalogue.cancelling(when: { false }) {
            try fixture.catalogue.opportunities(matching: OpportunityQuery(words: "py"), limit: 40)
        }
        #expect(page.map(\.ref) == ["a"])
        // Outside the scope nothing is watched.
        #expect(try fixture.catalogue.opportunities(matching: OpportunityQuery(words: "py"), limit: 40).count == 1)
    }
}
