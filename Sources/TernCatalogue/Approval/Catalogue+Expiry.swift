import Foundation
internal import GRDB

extension Catalogue {
    /// Applications still waiting on a listing when it closes at its deadline: the ones the
    /// state machine lets the system expire.
    static let expirableStatuses: [ApplicationStatus] = [.submitted, .underReview, .shortlisted, .offered]

    /// Closes every open listing whose deadline (a UTC day, inclusive) has passed, and expires
    /// the applications still pending on them, each with an event by `system`. Idempotent: a
    /// second run finds nothing. Run at the start of every command that writes, by `tern expire`
    /// (cron) and, later, hourly by the full-screen interface.
    ///
    /// ```swift
    /// let done = try catalogue.closeExpired(now: Date())   // done.listingsClosed, done.applicationsExpired
    /// ```
    @discardableResult
    public func closeExpired(now: Date = Date()) throws -> ExpirySummary {
        let today = CalendarDay(now).description
        let due: SQL = "status = 'open' AND deadline < \(today)"
        // Most runs find nothing: ask a reader first so that a start-up check never takes the
        // write lock, and never counts as a change made for a student (`--user`).
        guard !isReadOnly, try read({ try Bool.fetchOne($0, SQLRequest(literal: "SELECT 1 FROM opportunities WHERE \(due) LIMIT 1")) }) == true else {
            return ExpirySummary()
        }
        return try translating {
            try pool.write { db in
                let stamp = Timestamp.string(now)
                let listings = try Int64.fetchAll(db, SQLRequest(literal: "SELECT id FROM opportunities WHERE \(due)"))
                var summary = ExpirySummary()
                for listing in listings {
                    summary.applicationsExpired += try Self.close(db, listing: listing, note: "the listing closed at its deadline",
                                                                  enteredBy: nil, at: stamp)
                    summary.listingsClosed += 1
                }
                return summary
            }
        }
    }

    /// Closes one listing and expires the applications still waiting on it, each with an event
    /// by `system` (only the system expires) saying why; `enteredBy` names the staff member who
    /// closed it by hand. Returns how many expired. Inside the caller's write.
    static func close(_ db: Database, listing: Int64, note: String, enteredBy: String?, at stamp: String) throws -> Int {
        try db.execute(literal: "UPDATE opportunities SET status = 'closed', updated_at = \(stamp), version = version + 1 WHERE id = \(listing)")
        let statuses = expirableStatuses.map { "'\($0.rawValue)'" }.joined(separator: ",")
        let waiting = try Row.fetchAll(db, SQLRequest(literal: """
            SELECT id, status FROM applications WHERE opportunity_id = \(listing) AND status IN (\(sql: statuses))
            """))
        for application in waiting {
            let id: Int64 = try application.decode(forColumn: "id")
            try db.execute(literal: "UPDATE applications SET status = 'expired', updated_at = \(stamp), version = version + 1 WHERE id = \(id)")
            try appendEvent(db, application: id, actor: .system, from: try application.known("status", stored: ("applications", "status")), to: .expired,
                            note: note, visibility: .shared, at: stamp, enteredBy: enteredBy)
        }
        return waiting.count
    }
}
