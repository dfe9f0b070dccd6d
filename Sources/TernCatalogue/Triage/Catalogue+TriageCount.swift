import Foundation
internal import GRDB

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

    /// Which of `ids` the queue shows under `filter` now: marks the limit hides are kept but
    /// not acted on (mutt's tag-prefix acts on the tagged messages the limit shows).
    ///
    /// ```swift
    /// try catalogue.triageShown([12, 14, 19], filter: try TriageFilter(pattern: "status:submitted"))   // [12]
    /// ```
    public func triageShown(_ ids: [Int64], filter: TriageFilter, offerWaitDays: Int? = nil, now: Date = Date()) throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            let offerDays = try offerWaitDays ?? Self.offerWaitDays(db)
            let statuses = filter.statuses.isEmpty ? TriageFilter.needingAction : filter.statuses
            let (from, conditions) = Self.queueSelection(
                plan: .walkByStatus, statuses: statuses, filter: filter, offerWaitDays: filter.statuses.isEmpty ? offerDays : nil,
                after: nil, order: .oldestFirst, now: now)
            return Set(try Int64.fetchAll(db, SQLRequest(literal: "SELECT a.id FROM \(sql: from) WHERE \(conditions) AND a.id IN \(ids)")))
        }
    }
}
