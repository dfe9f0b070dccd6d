import Foundation
internal import GRDB

extension Catalogue {
    /// How many applications have work under way on listings taken down: the size of the
    /// staff queue "listing taken down with work under way". Read from the declined listings
    /// (few), never by walking the applications.
    public func takenDownWithWorkUnderWay() throws -> Int {
        try read { db in
            let underWay = ApplicationStatus.workUnderWay.map { "'\($0.rawValue)'" }.joined(separator: ",")
            return try Int.fetchOne(db, sql: """
                SELECT count(*) FROM opportunities o \(SQLiteDialect.joinInOrder("applications a", on: "a.opportunity_id = o.id"))
                WHERE o.approval = 'declined' AND a.status IN (\(underWay))
                """) ?? 0
        }
    }

    /// A declined listing's applications, inside the decline's write: those still waiting on the
    /// organization end as `expired`, each with an event by `system` naming the staff member
    /// and the reason ("listing taken down: upfront cost to the student"), shared with the
    /// student, who also reads it as the status's reason. Work under way is only counted.
    static func takeDown(_ db: Database, listing: Int64, reason: String, enteredBy: String, at stamp: String) throws -> TakeDownSummary {
        let note = "listing taken down: \(reason)"
        let statuses = expirableStatuses.map { "'\($0.rawValue)'" }.joined(separator: ",")
        let waiting = try Row.fetchAll(db, SQLRequest(literal: """
            SELECT id, status FROM applications WHERE opportunity_id = \(listing) AND status IN (\(sql: statuses))
            """))
        for application in waiting {
            let id: Int64 = try application.decode(forColumn: "id")
            try db.execute(literal: """
                UPDATE applications SET status = 'expired', status_reason = \(note), status_reason_code = NULL, updated_at = \(stamp), version = version + 1
                WHERE id = \(id)
                """)
            try appendEvent(db, application: id, actor: .system, from: try application.known("status", stored: ("applications", "status")), to: .expired,
                            note: note, visibility: .shared, at: stamp, enteredBy: enteredBy)
        }
        let underWay = ApplicationStatus.workUnderWay.map { "'\($0.rawValue)'" }.joined(separator: ",")
        let working = try Int.fetchOne(db, SQLRequest(literal: """
            SELECT count(*) FROM applications WHERE opportunity_id = \(listing) AND status IN (\(sql: underWay))
            """)) ?? 0
        return TakeDownSummary(applicationsExpired: waiting.count, workUnderWay: working)
    }
}
