import Foundation
import GRDB

extension Catalogue {
    /// How many applications the queue shows under `filter`, per status: the same conditions as
    /// ``triageQueue(_:after:order:limit:offerWaitDays:viewer:now:)``, so the count and the rows
    /// never disagree. With no `status:` term, offers count only once unanswered for the
    /// configured days, as in the queue.
    ///
    /// ```swift
    /// let counts = try catalogue.triageCount(try TriageFilter(pattern: "field:design age>7d"))
    /// counts.values.reduce(0, +)   // 37
    /// ```
    public func triageCount(_ filter: TriageFilter, offerWaitDays: Int? = nil, now: Date = Date()) throws -> [ApplicationStatus: Int] {
        try read { db in
            let offerDays = try offerWaitDays ?? Self.offerWaitDays(db)
            var counts: [ApplicationStatus: Int] = [:]
            for status in filter.statuses.isEmpty ? TriageFilter.needingAction : filter.statuses {
                var arguments = StatementArguments()
                let cutoff = filter.statuses.isEmpty && status == .offered ? offerDays : nil
                let clauses = Self.queueConditions(status: status, filter: filter, offerWaitDays: cutoff, now: now, arguments: &arguments)
                counts[status] = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM applications a
                    JOIN students st ON st.id = a.student_id
                    JOIN opportunities o ON o.id = a.opportunity_id
                    JOIN organizations org ON org.id = o.organization_id
                    WHERE \(clauses.joined(separator: " AND "))
                    """, arguments: arguments) ?? 0
            }
            return counts
        }
    }
}
