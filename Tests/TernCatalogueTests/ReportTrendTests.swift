import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// `tern report`'s weekly trends: applications made and decisions taken in each of the twelve
/// weeks up to now, counted by index range scans.
@Suite struct ReportTrendTests {
    let now = Timestamp.date("2026-11-30T12:00:00Z")!

    func ago(days: Double) -> String { Timestamp.string(now.addingTimeInterval(-days * 86_400)) }

    @Test func eachWeekCountsWhatHappenedAfterItsStartAndUpToItsEnd() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "a"], ["ref": "b"]])
        for student in ["ana", "ben", "cai", "dan", "eve"] { try fixture.addStudent(student) }
        let rows = [
            "ana,a,submitted,,5,\(ago(days: 1.0 / 24)),\(ago(days: 1.0 / 24))",            // this week
            "ben,a,rejected,Not this time,5,\(ago(days: 8)),\(ago(days: 2))",              // made last week, decided this week
            "cai,a,shortlisted,,5,\(ago(days: 84 - 1.0 / 24)),\(ago(days: 80))",          // the oldest week, both
            "dan,a,offered,,5,\(ago(days: 100)),\(ago(days: 7))",                          // two decisions, on the boundary
            "ana,b,submitted,,5,\(ago(days: 84)),\(ago(days: 84))",                        // exactly twelve weeks ago: out
            "eve,a,submitted,,5,\(ago(days: -1.0 / 24)),\(ago(days: -1.0 / 24))",          // an hour ahead of the clock: out
        ]
        let csv = "student,opportunity,status,status_reason,hours_offered,created_at,updated_at\n" + rows.joined(separator: "\n") + "\n"
        _ = try fixture.catalogue.importFile(Data(csv.utf8), format: .csv, now: now)

        let report = try fixture.catalogue.placementReport(now: now)
        #expect(report.applicationsPerWeek == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1])
        // An event on a boundary belongs to the week it ends.
        #expect(report.decisionsPerWeek == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1])
        #expect(report.trendWeekStarts.count == 12 && report.trendWeekStarts.first == ago(days: 84))
        #expect(report.trendWeekStarts.last == ago(days: 7) && report.trendEnd == "2026-11-30T12:00:00Z")
    }

    @Test func anEmptyCatalogueHasTwelveEmptyWeeks() throws {
        let report = try CatalogueFixture().catalogue.placementReport(now: now)
        #expect(report.applicationsPerWeek == Array(repeating: 0, count: 12) && report.decisionsPerWeek == report.applicationsPerWeek)
    }

    @Test func bothTrendsAreRangeScansOfAnIndex() throws {
        let fixture = try CatalogueFixture()
        let plans = try fixture.catalogue.read { db in
            try [Catalogue.applicationsBetweenSQL, Catalogue.decisionsBetweenSQL].map { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: ["a", "b"]).map { $0["detail"] as String }.joined(separator: "; ")
            }
        }
        #expect(plans[0].contains("SEARCH applications USING COVERING INDEX applications_by_created (created_at>? AND created_at<?)"), "\(plans[0])")
        #expect(plans[1].contains("SEARCH application_events USING COVERING INDEX application_events_decisions_by_at (at>? AND at<?)"), "\(plans[1])")
    }
}
