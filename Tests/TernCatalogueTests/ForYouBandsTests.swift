import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// For you reads bands of listings sharing many skills before scoring every fitting listing
/// (``ForYouBands``). Whatever it reads, the rows must be the full query's rows, in its order.
@Suite struct ForYouBandsTests {
    @Test func bandsReturnExactlyTheRowsOfScoringEveryFittingListing() throws {
        let fixture = try CatalogueFixture()
        let path = fixture.directory.appendingPathComponent("synthetic.sqlite").path
        try Catalogue.createSynthetic(at: path, count: 6000, seed: 11)
        let catalogue = try Catalogue(path: path)
        let today = CalendarDay(Date())
        let students = try catalogue.read { try String.fetchAll($0, sql: "SELECT username FROM students ORDER BY id LIMIT 25") }
        #expect(students.count == 25)
        var proved = 0, fellBack = 0
        for student in students {
            for words in ["", "data"] {
                for kinds in [Set<LocationKind>(), [.remote]] {
                    let query = OpportunityQuery(words: words, locationKinds: kinds, sort: .match, matchFor: student)
                    // The count in two parts (interests, then skills outside them) is the plain count of the union.
                    let union = try catalogue.read { db in
                        let (sql, arguments) = OpportunitySQL(query: query, today: today).count()
                        return try Int.fetchOne(db, sql: sql, arguments: arguments)
                    }
                    #expect(try catalogue.countOpportunities(matching: query, today: today) == union, "\(student) \(query)")
                    var narrowed = query
                    narrowed.fields = [.design, .software]
                    narrowed.maxHours = 20
                    let narrowedUnion = try catalogue.read { db in
                        let (sql, arguments) = OpportunitySQL(query: narrowed, today: today).count()
                        return try Int.fetchOne(db, sql: sql, arguments: arguments)
                    }
                    #expect(try catalogue.countOpportunities(matching: narrowed, today: today) == narrowedUnion)
                    for (offset, limit) in [(0, 5), (0, 40), (5, 10), (40, 40)] {
                        let everyFit = try catalogue.read { db -> [Int64] in
                            let (sql, arguments) = OpportunitySQL(query: query, today: today).page(after: nil, offset: offset, limit: limit)
                            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { $0["id"] }
                        }
                        let banded = try catalogue.read {
                            try ForYouBands.rows($0, query: query, today: today, offset: offset, limit: limit)?.map { $0["id"] as Int64 }
                        }
                        if let banded {
                            proved += 1
                            #expect(banded == everyFit, "\(student) \(query) offset \(offset) limit \(limit)")
                        } else {
                            fellBack += 1
                        }
                        // The public API, whichever way it went, agrees too.
                        let page = try catalogue.opportunities(matching: query, offset: offset, limit: limit, today: today)
                        #expect(page.map(\.id) == everyFit)
                    }
                }
            }
        }
        // Both paths ran: otherwise this test could not tell a wrong band from an unused one.
        #expect(proved > 50, "bands proved \(proved) pages")
        #expect(fellBack > 0, "every page was proved by a band")
    }

    @Test func theCeilingIsTheBestScoreOfAListingSharingOneSkillFewer() {
        // Sharing m skills, missing none, in the student's interests, fitting their hours.
        for band in 1...5 {
            let best = ListingFit.score(matched: band - 1, total: band - 1, inInterests: true, fitsHours: true)
            #expect(ForYouBands.ceiling(below: band) == best)
        }
    }
}
