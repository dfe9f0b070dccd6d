import Foundation
import PostgresNIO
import TernStore

extension PostgresCatalogue {
    /// The staff report over applications made since `since` (all when nil), with the weekly
    /// trends of the twelve weeks up to `now`: the SQLite catalogue's `placementReport`, in one
    /// snapshot. Days to a decision are counted as SQLite's `julianday` difference counts them
    /// (``TriageReportDays``), so both back ends give the same medians to the last bit.
    func readPlacementReport(since: Date?, now: Date) async throws -> PlacementReport {
        let from = since.map(Timestamp.string) ?? ""
        return try await read { transaction in
            let perStatus = try await transaction.rows { s in
                s.append("SELECT status, count(*) AS n FROM applications WHERE created_at >= \(s.bind(from)) GROUP BY status")
            }.map { row -> (ApplicationStatus, Int) in
                (try ListingRecords.known(row, "status", table: "applications"), try ListingRecords.value(row, "n", table: "applications"))
            }.sorted { ApplicationStatus.allCases.firstIndex(of: $0.0)! < ApplicationStatus.allCases.firstIndex(of: $1.0)! }
            let waits = try await transaction.rows { s in
                s.append("""
                    SELECT org.name AS organization, a.created_at, min(e.at) AS decided_at
                    FROM applications a
                    JOIN application_events e ON e.application_id = a.id AND e.to_status IN \(TriageReportDays.decisionStatuses)
                    JOIN opportunities o ON o.id = a.opportunity_id JOIN organizations org ON org.id = o.organization_id
                    WHERE a.created_at >= \(s.bind(from)) GROUP BY a.id, org.name, a.created_at
                    """)
            }.map { row in
                (organization: try ListingRecords.value(row, "organization", table: "organizations") as String,
                 days: TriageReportDays.between(try ListingRecords.value(row, "created_at", table: "applications"),
                                                try ListingRecords.value(row, "decided_at", table: "application_events")) ?? 0)
            }
            let byOrganization = Dictionary(grouping: waits, by: \.organization).map { name, rows in
                PlacementReport.Median(group: name, days: TriageReportDays.median(rows.map(\.days)) ?? 0, decided: rows.count)
            }.sorted { $0.group.localizedCaseInsensitiveCompare($1.group) == .orderedAscending }
            func rates(_ group: String) async throws -> [PlacementReport.Rate] {
                try await transaction.rows { s in
                    s.append("""
                        SELECT \(group) AS grp, count(*) FILTER (WHERE a.status IN \(TriageReportDays.placedStatuses)) AS placed, count(*) AS n
                        FROM applications a JOIN opportunities o ON o.id = a.opportunity_id JOIN organizations org ON org.id = o.organization_id
                        WHERE a.created_at >= \(s.bind(from)) GROUP BY \(group) ORDER BY tern_nocase(\(group)) COLLATE "C"
                        """)
                }.map { PlacementReport.Rate(group: try ListingRecords.value($0, "grp"), placed: try ListingRecords.value($0, "placed", table: "applications"),
                                             applications: try ListingRecords.value($0, "n", table: "applications")) }
            }
            let unapplied = "FROM opportunities o WHERE o.status = 'open' AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.opportunity_id = o.id)"
            let monthAgo = Timestamp.string(now.addingTimeInterval(-30 * 86_400))
            let weeks = PlacementReport.trendWeeks
            let bounds = (0...weeks).map { Timestamp.string(now.addingTimeInterval(Double($0 - weeks) * 7 * 86_400)) }
            let placementByField = try await rates("o.field")
            let placementByOrganization = try await rates("org.name")
            let withoutApplicants = try await transaction.integer { s in s.append("SELECT count(*) \(unapplied)") }
            let sample: [String] = try await transaction.rows { s in
                s.append("SELECT o.ref \(unapplied) ORDER BY o.deadline COLLATE \"C\", o.id LIMIT 20")
            }.map { try ListingRecords.value($0, "ref") }
            let studentsWithout = try await transaction.integer { s in
                s.append("""
                    SELECT count(*) FROM students s
                    WHERE NOT EXISTS (SELECT 1 FROM applications a WHERE a.student_id = s.id AND a.created_at >= \(s.bind(monthAgo)))
                    """)
            }
            let postingDecisions = try await transaction.rows { s in
                s.append("""
                    SELECT decision, coalesce(reason, '') AS reason, count(*) AS n FROM posting_decisions
                    WHERE opportunity_id IS NOT NULL AND decision IN ('approved', 'declined') AND at >= \(s.bind(from))
                    GROUP BY decision, reason ORDER BY decision COLLATE "C", coalesce(reason, '') COLLATE "C"
                    """)
            }.map { (decision: try ListingRecords.value($0, "decision", table: "posting_decisions") as String,
                     reason: try ListingRecords.value($0, "reason", table: "posting_decisions") as String,
                     count: try ListingRecords.value($0, "n", table: "posting_decisions") as Int) }
            var applicationsPerWeek: [Int] = [], decisionsPerWeek: [Int] = []
            for (start, end) in zip(bounds, bounds.dropFirst()) {
                // A range of applications_by_created, and of the partial index application_events_decisions_by_at.
                applicationsPerWeek.append(try await transaction.integer { s in
                    s.append("SELECT count(*) FROM applications WHERE created_at > \(s.bind(start)) AND created_at <= \(s.bind(end))")
                })
                decisionsPerWeek.append(try await transaction.integer { s in
                    s.append("""
                        SELECT count(*) FROM application_events WHERE to_status IN \(TriageReportDays.decisionStatuses)
                        AND at > \(s.bind(start)) AND at <= \(s.bind(end))
                        """)
                })
            }
            return PlacementReport(
                since: since.map(Timestamp.string), perStatus: perStatus, medianDaysToDecision: TriageReportDays.median(waits.map(\.days)),
                medianDaysToDecisionByOrganization: byOrganization, placementByField: placementByField,
                placementByOrganization: placementByOrganization, listingsWithoutApplicants: withoutApplicants,
                listingsWithoutApplicantsSample: sample, studentsWithoutRecentApplication: studentsWithout,
                postingDecisions: postingDecisions, applicationsPerWeek: applicationsPerWeek, decisionsPerWeek: decisionsPerWeek,
                trendWeekStarts: Array(bounds.dropLast()), trendEnd: bounds[weeks])
        }
    }
}

/// The report's arithmetic on time, as SQLite does it.
enum TriageReportDays {
    /// The statuses that count as a decision (the partial index `application_events_decisions_by_at`).
    static let decisionStatuses = "('shortlisted','offered','rejected')"
    static let placedStatuses = "('accepted','in_progress','delivered','completed')"

    /// `julianday(later) - julianday(earlier)` as SQLite computes it: each time as whole
    /// milliseconds since the Julian epoch, divided into days, then subtracted. Nil where
    /// either is not a time (SQLite's NULL).
    static func between(_ earlier: String, _ later: String?) -> Double? {
        guard let later, let start = julianDay(earlier), let end = julianDay(later) else { return nil }
        return end - start
    }

    private static func julianDay(_ text: String) -> Double? {
        guard let date = Timestamp.date(text) else { return nil }
        // The Unix epoch is Julian day 2440587.5: 210,866,760,000,000 ms after SQLite's origin.
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded()) + 210_866_760_000_000
        return Double(milliseconds) / 86_400_000.0
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
