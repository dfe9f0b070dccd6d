import Foundation
internal import GRDB

extension Catalogue {
    static let placedStatuses = "('accepted','in_progress','delivered','completed')"

    /// The staff report, over applications made since `since` (all when nil), with the weekly
    /// trends of the twelve weeks up to `now`.
    ///
    /// ```swift
    /// let report = try catalogue.placementReport(since: startOfTerm)
    /// report.medianDaysToDecision   // 3.5
    /// report.applicationsPerWeek    // [4, 0, 7, …]: twelve counts, oldest week first
    /// ```
    public func placementReport(since: Date? = nil, now: Date = Date()) throws -> PlacementReport {
        let from = since.map(Timestamp.string) ?? ""
        return try read { db in
            let perStatus = try Row.fetchAll(db, SQLRequest(literal: """
                SELECT status, count(*) AS n FROM applications WHERE created_at >= \(from) GROUP BY status
                """)).map { row -> (ApplicationStatus, Int) in
                (try row.known("status", stored: ("applications", "status"), rowID: nil), try row.decode(forColumn: "n"))
            }.sorted { ApplicationStatus.allCases.firstIndex(of: $0.0)! < ApplicationStatus.allCases.firstIndex(of: $1.0)! }
            let waits = try Row.fetchAll(db, SQLRequest(literal: """
                SELECT org.name AS organization, julianday(min(e.at)) - julianday(a.created_at) AS days
                FROM applications a
                JOIN application_events e ON e.application_id = a.id AND e.to_status IN \(sql: TrendSchema.decisionStatuses)
                JOIN opportunities o ON o.id = a.opportunity_id JOIN organizations org ON org.id = o.organization_id
                WHERE a.created_at >= \(from) GROUP BY a.id
                """)).map { (organization: try $0.decode(String.self, forColumn: "organization"),
                             days: try $0.decode(Double?.self, forColumn: "days") ?? 0) }
            let byOrganization = Dictionary(grouping: waits, by: \.organization).map { name, rows in
                PlacementReport.Median(group: name, days: Self.median(rows.map(\.days)) ?? 0, decided: rows.count)
            }.sorted { $0.group.localizedCaseInsensitiveCompare($1.group) == .orderedAscending }
            func rates(_ group: String) throws -> [PlacementReport.Rate] {
                try Row.fetchAll(db, SQLRequest(literal: """
                    SELECT \(sql: group) AS grp, sum(a.status IN \(sql: Self.placedStatuses)) AS placed, count(*) AS n
                    FROM applications a JOIN opportunities o ON o.id = a.opportunity_id JOIN organizations org ON org.id = o.organization_id
                    WHERE a.created_at >= \(from) GROUP BY grp ORDER BY grp COLLATE NOCASE
                    """)).map { PlacementReport.Rate(group: try $0.decode(forColumn: "grp"), placed: try $0.decode(forColumn: "placed"),
                                                     applications: try $0.decode(forColumn: "n")) }
            }
            let unapplied = "FROM opportunities o WHERE o.status = 'open' AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.opportunity_id = o.id)"
            let monthAgo = Timestamp.string(now.addingTimeInterval(-30 * 86_400))
            let weeks = PlacementReport.trendWeeks
            let bounds = (0...weeks).map { Timestamp.string(now.addingTimeInterval(Double($0 - weeks) * 7 * 86_400)) }
            return PlacementReport(
                since: since.map(Timestamp.string), perStatus: perStatus, medianDaysToDecision: Self.median(waits.map(\.days)),
                medianDaysToDecisionByOrganization: byOrganization, placementByField: try rates("o.field"),
                placementByOrganization: try rates("org.name"),
                listingsWithoutApplicants: try Int.fetchOne(db, sql: "SELECT count(*) \(unapplied)") ?? 0,
                listingsWithoutApplicantsSample: try String.fetchAll(db, sql: "SELECT o.ref \(unapplied) ORDER BY o.deadline, o.id LIMIT 20"),
                studentsWithoutRecentApplication: try Int.fetchOne(db, SQLRequest(literal: """
                    SELECT count(*) FROM students s
                    WHERE NOT EXISTS (SELECT 1 FROM applications a WHERE a.student_id = s.id AND a.created_at >= \(monthAgo))
                    """)) ?? 0,
                postingDecisions: try Self.postingDecisions(db, since: from),
                applicationsPerWeek: try Self.perWeek(db, Self.applicationsBetweenSQL, bounds: bounds),
                decisionsPerWeek: try Self.perWeek(db, Self.decisionsBetweenSQL, bounds: bounds),
                trendWeekStarts: Array(bounds.dropLast()), trendEnd: bounds[weeks])
        }
    }

    /// Applications made after the first argument and up to the second: a range of `applications_by_created`.
    static let applicationsBetweenSQL = "SELECT count(*) FROM applications WHERE created_at > ? AND created_at <= ?"
    /// Decisions taken in the same kind of range: a range of the partial index `application_events_decisions_by_at`.
    static let decisionsBetweenSQL = "SELECT count(*) FROM application_events WHERE to_status IN \(TrendSchema.decisionStatuses) AND at > ? AND at <= ?"

    /// One count per pair of neighbouring `bounds`: one statement, prepared once and run per
    /// week, so it keeps its positional arguments (the range's two ends).
    private static func perWeek(_ db: Database, _ sql: String, bounds: [String]) throws -> [Int] {
        let statement = try db.cachedStatement(sql: sql)
        return try zip(bounds, bounds.dropFirst()).map { try Int.fetchOne(statement, arguments: [$0, $1]) ?? 0 }
    }

    /// Postings approved and declined, per reason (`posting_decisions`, from `v4-postings-approval`):
    /// decisions on listings only (not on organizations, resubmissions or trust), made since `from`.
    static func postingDecisions(_ db: Database, since from: String) throws -> [(decision: String, reason: String, count: Int)]? {
        try Row.fetchAll(db, SQLRequest(literal: """
            SELECT decision, coalesce(reason, '') AS reason, count(*) AS n FROM posting_decisions
            WHERE opportunity_id IS NOT NULL AND decision IN ('approved', 'declined') AND at >= \(from)
            GROUP BY decision, reason ORDER BY decision, reason
            """)).map { (decision: try $0.decode(forColumn: "decision"), reason: try $0.decode(forColumn: "reason"), count: try $0.decode(forColumn: "n")) }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
