import Foundation
import GRDB

extension Catalogue {
    /// How many applications have work under way on listings taken down: the size of the
    /// staff queue "listing taken down with work under way". Read from the declined listings
    /// (few), never by walking the applications.
    public func takenDownWithWorkUnderWay() throws -> Int {
        try read { db in
            let underWay = ApplicationStatus.workUnderWay.map { "'\($0.rawValue)'" }.joined(separator: ",")
            return try Int.fetchOne(db, sql: """
                SELECT count(*) FROM opportunities o CROSS JOIN applications a ON a.opportunity_id = o.id
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
        let waiting = try Row.fetchAll(db, sql: "SELECT id, status FROM applications WHERE opportunity_id = ? AND status IN (\(statuses))",
                                       arguments: [listing])
        for application in waiting {
            let id: Int64 = application["id"]
            try db.execute(sql: """
                UPDATE applications SET status = 'expired', status_reason = ?, status_reason_code = NULL, updated_at = ?, version = version + 1
                WHERE id = ?
                """, arguments: [note, stamp, id])
            try appendEvent(db, application: id, actor: .system, from: try application.known("status", stored: ("applications", "status")), to: .expired,
                            note: note, visibility: .shared, at: stamp, enteredBy: enteredBy)
        }
        let underWay = ApplicationStatus.workUnderWay.map { "'\($0.rawValue)'" }.joined(separator: ",")
        let working = try Int.fetchOne(db, sql: "SELECT count(*) FROM applications WHERE opportunity_id = ? AND status IN (\(underWay))",
                                       arguments: [listing]) ?? 0
        return TakeDownSummary(applicationsExpired: waiting.count, workUnderWay: working)
    }
}
