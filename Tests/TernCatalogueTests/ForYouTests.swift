import Foundation
import GRDB
import Testing
@testable import TernCatalogue

@Suite struct ForYouTests {
    @Test func weeklyHoursSpreadLongListingsAndCountShortOnesAsOneWeek() {
        #expect(ListingFit.weeklyHours(hours: 30, durationDays: 14) == 15)
        #expect(ListingFit.weeklyHours(hours: 10, durationDays: 21) == 4)   // 3.33 rounds up
        #expect(ListingFit.weeklyHours(hours: 12, durationDays: 7) == 12)
        #expect(ListingFit.weeklyHours(hours: 6, durationDays: 3) == 6)     // not 14: done within one week
        #expect(ListingFit.weeklyHours(hours: 6, durationDays: 0) == 6)
    }

    @Test func theFitCountsSharedSkillsMissingSkillsInterestAndHours() throws {
        let fixture = try CatalogueFixture()
        // ana: Python (advanced), SQL (beginner); interests software, data analysis; 10 h/week.
        try fixture.addStudent("ana")
        try fixture.addListings([
            ["ref": "scraper", "field": "software", "skills": ["sql", "Excel", "Go"], "hours": 30, "duration_days": 14],
            ["ref": "poster", "field": "design", "skills": ["Figma"], "hours": 6, "duration_days": 3],
        ])
        let scraper = try #require(try fixture.catalogue.fit(of: try fixture.listingID("scraper"), for: "ana"))
        #expect(scraper.listingSkills == ["Excel", "Go", "SQL"])
        #expect(scraper.matchedSkills == ["SQL"])
        #expect(scraper.inInterests)
        #expect(scraper.weeklyHours == 15 && scraper.hoursPerWeek == 10 && !scraper.fitsHours)
        #expect(scraper.score == 4 * 1 - 1 * 2 + 3 + 0)
        let poster = try #require(try fixture.catalogue.fit(of: try fixture.listingID("poster"), for: "ana"))
        #expect(poster.matchedSkills.isEmpty && !poster.inInterests && poster.fitsHours)
        #expect(poster.score == -1 + 2)
        #expect(try fixture.catalogue.fit(of: try fixture.listingID("poster"), for: "guest") == nil)
        #expect(try fixture.catalogue.fit(of: 999_999, for: "ana") == nil)
    }

    @Test func matchForShowsOnlyListingsThatFitAndCountAgrees() throws {
        let fixture = try CatalogueFixture()
        try fixture.addStudent("ana")
        try fixture.addListings([
            ["ref": "skill-only", "field": "design", "skills": ["Python"]],
            ["ref": "interest-only", "field": "data_analysis", "skills": ["Tableau"]],
            ["ref": "neither", "field": "design", "skills": ["Figma"]],
            ["ref": "no-skills", "field": "hr"],
        ])
        for sort in [OpportunitySort.match, .deadline, .newest] {
            let query = OpportunityQuery(sort: sort, matchFor: "ana")
            #expect(Set(try fixture.catalogue.opportunities(matching: query, limit: 50).map(\.ref)) == ["skill-only", "interest-only"], "\(sort)")
            #expect(try fixture.catalogue.countOpportunities(matching: query) == 2, "\(sort)")
        }
        #expect(try fixture.catalogue.countOpportunities(matching: OpportunityQuery(sort: .match, matchFor: "guest")) == 0)
        #expect(OpportunityQuery(sort: .match, matchFor: "ana").hasNoFilters)
    }

    @Test func matchWithoutAStudentIsTheDeadlineOrder() throws {
        let fixture = try CatalogueFixture()
        let today = CalendarDay(Date())
        try fixture.addListings((0..<12).map { ["ref": "l\($0)", "deadline": today.adding(days: 12 - $0).description] })
        let byMatch = try fixture.catalogue.opportunities(matching: OpportunityQuery(sort: .match), limit: 50).map(\.ref)
        #expect(byMatch == (0..<12).reversed().map { "l\($0)" })
        #expect(byMatch == (try fixture.catalogue.opportunities(matching: OpportunityQuery(sort: .deadline), limit: 50)).map(\.ref))
    }

    @Test func theForYouPagesOverTheDemoAreOrderedByFitScoreThenDeadline() throws {
        let fixture = try CatalogueFixture()
        let now = Date()
        try fixture.catalogue.seedDemo(from: SeedTests.demoDirectory, now: now)
        let today = CalendarDay(now)
        let query = OpportunityQuery(words: "", sort: .match, matchFor: "demo")
        var rows: [OpportunitySummary] = []
        var cursor: OpportunityCursor? = nil
        while true {
            let page = try fixture.catalogue.opportunities(matching: query, after: cursor, limit: 7, today: today)
            rows += page
            guard page.count == 7, let last = page.last else { break }
            cursor = last.cursor
        }
        let total = try fixture.catalogue.countOpportunities(matching: query, today: today)
        #expect(rows.count == total)
        #expect(Set(rows.map(\.id)).count == rows.count, "a row came twice")
        #expect(total > 10)
        #expect(total < (try fixture.catalogue.countOpportunities(matching: OpportunityQuery(), today: today)), "nothing was left out")
        let fits = try rows.map { try #require(try fixture.catalogue.fit(of: $0.id, for: "demo")) }
        for fit in fits { #expect(!fit.matchedSkills.isEmpty || fit.inInterests) }
        for index in rows.indices.dropFirst() {
            let (before, after) = (fits[index - 1].score, fits[index].score)
            #expect(before >= after, "row \(index): score \(after) after \(before)")
            if before == after { #expect(rows[index - 1].deadline <= rows[index].deadline, "row \(index): ties go by deadline") }
        }
        #expect(fits.first!.score > fits.last!.score)
    }

    @Test func theSQLAndSwiftFitScoresAgreeOnTheDemoAndAGridOfListingShapes() throws {
        let fixture = try CatalogueFixture()
        try fixture.catalogue.seedDemo(from: SeedTests.demoDirectory)
        // The demo has no listing shorter than a week and few near the hours boundaries: add a grid.
        let shapes = [1, 3, 6, 7, 8, 13, 15].flatMap { days in [3, 8, 10, 12, 13, 20].map { (days, $0) } }
        try fixture.addListings(shapes.enumerated().map { index, shape in
            ["ref": "grid-\(index)", "duration_days": shape.0, "hours": shape.1, "field": index % 2 == 0 ? "writing" : "design",
             "skills": index % 3 == 0 ? ["Copywriting", "Figma"] : index % 3 == 1 ? ["Excel"] : []]
        })
        let students = try fixture.catalogue.read { try String.fetchAll($0, sql: "SELECT username FROM students ORDER BY id LIMIT 6") }
        var distinctScores = Set<Int>()
        var disagreements: [String] = []
        for username in students + ["demo"] {
            let sqlScores = try fixture.catalogue.read { db in
                try Row.fetchAll(db, sql: FitSQL.prelude + """
                    SELECT o.id, \(FitSQL.score) AS score, \(FitSQL.weeklyHours) AS weekly FROM opportunities o WHERE o.status <> 'draft'
                    """, arguments: [username])
            }
            #expect(sqlScores.count > 100)
            for row in sqlScores {
                let fit = try #require(try fixture.catalogue.fit(of: row["id"], for: username))
                if fit.score != row["score"] || fit.weeklyHours != row["weekly"] {
                    disagreements.append("\(username) on \(row["id"] as Int64): SQL \(row["score"] as Int) (\(row["weekly"] as Int) h/week), Swift \(fit.score) (\(fit.weeklyHours) h/week)")
                }
                distinctScores.insert(fit.score)
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g. \(disagreements.prefix(3))")
        #expect(distinctScores.count > 5, "the demo exercises too little of the formula")
    }
}
