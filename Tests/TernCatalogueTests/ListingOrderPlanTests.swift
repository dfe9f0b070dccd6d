import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// Every keyset order walks its own index and stops after a page, with or without words:
/// nothing sorts every match (issue 12; the pay order since issue 9). The rows are checked
/// against a plain sort.
@Suite struct ListingOrderPlanTests {
    @Test func eachKeysetOrderWalksItsOwnIndexWithWordsAndFilters() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings((0..<30).map { ["ref": "l\($0)", "title": "Python task \($0)", "hours": 5 + $0 % 7] })
        let today = CalendarDay(Date())
        let indexes: [OpportunitySort: String] = [
            .deadline: "opportunities_by_deadline", .newest: "opportunities_by_posted",
            .hours: "opportunities_by_hours", .pay: "opportunities_by_pay",
        ]
        for (sort, index) in indexes {
            for query in [OpportunityQuery(words: "pyth", sort: sort), OpportunityQuery(words: "p", paidOnly: true, sort: sort),
                          OpportunityQuery(sort: sort)] {
                let first = try fixture.catalogue.opportunities(matching: query, limit: 2)
                for cursor in [nil, first.last?.cursor] {
                    let (sql, arguments) = OpportunitySQL(query: query, today: today).page(after: cursor, limit: 40)
                    let plan = try fixture.catalogue.read { db in
                        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
                    }
                    #expect(plan.contains { $0.contains("USING INDEX \(index)") }, "\(sort): \(plan)")
                    #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(sort): \(plan)")
                }
            }
        }
    }

    @Test func walkingTheOrderAndSortingTheMatchesReadTheSameRows() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings((0..<60).map {
            ["ref": "l\($0)", "title": $0.isMultiple(of: 3) ? "Python task \($0)" : "Design task \($0)",
             "hours": 5 + $0 % 7, "location_kind": $0.isMultiple(of: 2) ? "remote" : "hybrid", "city": "Lyon",
             "compensation_amount": 100 + ($0 * 37) % 500, "deadline": CalendarDay(Date()).adding(days: 3 + $0 % 9).description]
        })
        let today = CalendarDay(Date())
        func read(_ query: OpportunityQuery, _ plan: ListingPagePlan) throws -> [String] {
            var refs: [String] = []
            var cursor: OpportunityCursor? = nil
            repeat {
                let (sql, arguments) = OpportunitySQL(query: query, today: today, plan: plan).page(after: cursor, limit: 7)
                let rows = try fixture.catalogue.read { try Row.fetchAll($0, sql: sql, arguments: arguments) }
                refs += rows.map { $0["ref"] }
                cursor = rows.count == 7 ? OpportunitySQL(query: query, today: today).cursor(after: rows[6], offset: refs.count) : nil
            } while cursor != nil
            return refs
        }
        var total = 0
        for sort in [OpportunitySort.deadline, .newest, .hours, .pay] {
            for query in [OpportunityQuery(words: "python", sort: sort), OpportunityQuery(words: "task", locationKinds: [.remote], sort: sort),
                          OpportunityQuery(words: "des", maxHours: 8, sort: sort)] {
                let walked = try read(query, .walkOrder)
                #expect(!walked.isEmpty)
                #expect(try read(query, .sortMatches) == walked, "\(query)")
                #expect(try fixture.catalogue.opportunities(matching: query, limit: 100).map(\.ref) == walked)
                total += walked.count
            }
        }
        #expect(total > 100)
        // The bounded count picks: a handful of matches is sorted, a one-letter prefix walks.
        let plans = try fixture.catalogue.read { db in
            try ["python", "p"].map { words in
                try ListingPagePlan.choose(db, for: OpportunitySQL(query: OpportunityQuery(words: words, sort: .newest), today: today))
            }
        }
        #expect(plans == [.sortMatches, .walkOrder])
    }

    @Test func theHoursOrderIsFewestHoursFirstThenOldestListing() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings((0..<12).map { ["ref": "l\($0)", "title": "Python task \($0)", "hours": 5 + $0 % 4] })
        let expected = try fixture.catalogue.read { db in
            try String.fetchAll(db, sql: "SELECT ref FROM opportunities ORDER BY hours, id")
        }
        var refs: [String] = []
        var cursor: OpportunityCursor? = nil
        repeat {
            let page = try fixture.catalogue.opportunities(matching: OpportunityQuery(words: "python", sort: .hours), after: cursor, limit: 5)
            refs += page.map(\.ref)
            cursor = page.count == 5 ? page.last?.cursor : nil
        } while cursor != nil
        #expect(refs == expected)
    }
}
