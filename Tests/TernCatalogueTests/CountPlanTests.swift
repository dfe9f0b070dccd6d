import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// Counts start from whatever narrows them most (a skill's listings, an organization's, the
/// narrow facts index) rather than every open listing's row. Whatever they start from, a count
/// is the number of rows the pages show.
@Suite struct CountPlanTests {
    @Test func everyCountIsTheNumberOfRowsItsPagesShow() throws {
        let fixture = try CatalogueFixture()
        let today = CalendarDay(Date())
        let kinds = ["remote", "hybrid", "on_site"], pay = ["fixed_fee", "hourly", "academic_credit", "unpaid"]
        try fixture.addListings((0..<72).map { n -> [String: Any] in
            var listing: [String: Any] = [
                "ref": "l\(n)", "title": n.isMultiple(of: 2) ? "Python task \(n)" : "Survey task \(n)",
                "organization": ["Maple Works", "Maple Leaf", "Birch & Co"][n % 3],
                "skills": n.isMultiple(of: 3) ? ["Python", "SQL"] : ["Figma"],
                "location_kind": kinds[n % 3], "hours": 4 + n % 30, "duration_days": 2 + n % 20,
                "compensation_kind": pay[n % 4], "deadline": today.adding(days: 1 + n % 40).description,
                "status": n % 9 == 0 ? "closed" : "open",
            ]
            if kinds[n % 3] != "remote" { listing["city"] = "Lyon" }
            if pay[n % 4] == "academic_credit" || pay[n % 4] == "unpaid" {
                listing["compensation_amount"] = NSNull()
                listing["currency"] = NSNull()
            }
            return listing
        })
        let queries = [
            OpportunityQuery(skills: ["python"]), OpportunityQuery(skills: ["Python", "SQL"], locationKinds: [.remote]),
            OpportunityQuery(organization: "maple"), OpportunityQuery(maxHours: 20, organization: "Maple W"),
            OpportunityQuery(locationKinds: [.hybrid]), OpportunityQuery(paidOnly: true), OpportunityQuery(compensationKinds: [.academicCredit]),
            OpportunityQuery(maxHours: 12), OpportunityQuery(maxDurationDays: 9), OpportunityQuery(includeClosed: true),
            OpportunityQuery(locationKinds: [.remote], paidOnly: true, maxHours: 20, includeClosed: true),
            OpportunityQuery(fields: [.design], locationKinds: [.remote]), OpportunityQuery(words: "python", skills: ["SQL"]),
            OpportunityQuery(),
        ]
        var counted = 0
        for query in queries {
            var shown = 0
            var cursor: OpportunityCursor? = nil
            repeat {
                let page = try fixture.catalogue.opportunities(matching: query, after: cursor, limit: 10, today: today)
                shown += page.count
                cursor = page.count == 10 ? page.last?.cursor : nil
            } while cursor != nil
            #expect(try fixture.catalogue.countOpportunities(matching: query, today: today) == shown, "\(query)")
            counted += shown
        }
        #expect(counted > 200)
    }

    @Test func aFilteredCountStartsFromWhatNarrowsIt() throws {
        let today = CalendarDay(Date())
        func from(_ query: OpportunityQuery) -> String {
            let sql = OpportunitySQL(query: query, today: today).count().sql
            return String(sql[sql.range(of: "FROM")!.upperBound...].prefix(60))
        }
        #expect(from(OpportunityQuery(skills: ["Python"])).contains("skills k_s"))
        #expect(from(OpportunityQuery(organization: "Maple")).contains("organizations org CROSS JOIN"))
        #expect(from(OpportunityQuery(locationKinds: [.remote])).contains("INDEXED BY opportunities_facts"))
        #expect(from(OpportunityQuery(fields: [.design], locationKinds: [.remote])).hasPrefix(" opportunities o WHERE"))
        #expect(from(OpportunityQuery()).hasPrefix(" opportunities o WHERE"))
    }
}
