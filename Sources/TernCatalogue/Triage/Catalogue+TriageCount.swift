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
            let plan = try Self.queuePlan(db, filter)
            let offerCutoff = filter.statuses.isEmpty ? offerDays : nil
            var counts: [ApplicationStatus: Int] = [:]
            for status in filter.statuses.isEmpty ? TriageFilter.needingAction : filter.statuses {
                counts[status] = try Self.queueCount(db, plan: plan, statuses: [status], filter: filter, offerWaitDays: offerCutoff, now: now)
            }
            return counts
        }
    }
}
