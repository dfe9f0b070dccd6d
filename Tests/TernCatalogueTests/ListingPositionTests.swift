import Foundation
import Testing
@testable import TernCatalogue

/// A listing's place in a result, counted through the order's index: what lets a list keep its
/// selection on a record, however far the record moved, without scanning rows from the top.
@Suite struct ListingPositionTests {
    let fixture: CatalogueFixture

    init() throws {
        fixture = try CatalogueFixture()
        let today = CalendarDay(Date())
        // Ties on every key (same deadline, hours, pay, posting time) so the id tiebreak counts too.
        var listings: [[String: Any]] = []
        for n in 0..<60 {
            var listing: [String: Any] = [:]
            listing["ref"] = "l\(n)"
            listing["title"] = n % 3 == 0 ? "Python job \(n)" : "Design job \(n)"
            listing["deadline"] = today.adding(days: 3 + n % 7).description
            listing["hours"] = 5 + n % 4
            listing["compensation_amount"] = 100 + (n % 5) * 50
            listing["currency"] = n % 6 == 0 ? "EUR" : "USD"
            listing["posted_at"] = "2026-11-\(10 + n % 9)T09:00:00Z"
            listing["field"] = n % 2 == 0 ? "design" : "software"
            listings.append(listing)
        }
        try fixture.addListings(listings)
    }

    @Test(arguments: [OpportunitySort.deadline, .newest, .hours, .pay])
    func everyRowsPositionIsItsIndexInTheResult(sort: OpportunitySort) throws {
        for query in [OpportunityQuery(sort: sort), OpportunityQuery(words: "python", sort: sort),
                      OpportunityQuery(fields: [.design], sort: sort)] {
            let rows = try fixture.catalogue.opportunities(matching: query, limit: 1000)
            #expect(!rows.isEmpty)
            for (index, row) in rows.enumerated() {
                #expect(try fixture.catalogue.position(of: row.id, matching: query) == .at(index), "\(sort) \(row.ref)")
            }
        }
    }

    @Test func aListingOutsideTheResultIsAbsentAndARankedOrderCannotCount() throws {
        let design = try fixture.listingID("l0")
        #expect(try fixture.catalogue.position(of: design, matching: OpportunityQuery(fields: [.software])) == .absent)
        #expect(try fixture.catalogue.position(of: design, matching: OpportunityQuery(words: "python", sort: .relevance)) == .unknown)
        // Relevance without words is the deadline order, which can count.
        if case .at = try fixture.catalogue.position(of: design, matching: OpportunityQuery(sort: .relevance)) {} else {
            Issue.record("relevance without words should count like the deadline order")
        }
    }
}
