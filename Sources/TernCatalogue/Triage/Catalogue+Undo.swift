import Foundation
import GRDB

extension Catalogue {
    /// Undoes this session's last action (one application or a bulk move) with new events: the
    /// history keeps both the move and its undoing. Refused, naming the application, when anyone
    /// has changed one of those applications since.
    ///
    /// ```swift
    /// let restored = try catalogue.undoLast(session: session)   // back where they were
    /// ```
    @discardableResult
    public func undoLast(session: TriageSession, now: Date = Date()) throws -> [Application] {
        try write { db in
            guard let action = try Row.fetchOne(db, sql: """
                SELECT id, to_status FROM triage_actions WHERE session = ? AND staff_username = ? AND undone_at IS NULL
                ORDER BY id DESC LIMIT 1
                """, arguments: [session.id, session.username]) else {
                throw CatalogueError.refused("nothing to undo in this session")
            }
            let actionID: Int64 = action["id"]
            let movedTo: ApplicationStatus = try action.known("to_status", stored: ("triage_actions", "to_status"))
            let stamp = Timestamp.string(now)
            var restored: [Application] = []
            for row in try Row.fetchAll(db, sql: "SELECT application_id, from_status, version_after, from_updated_at FROM triage_action_rows WHERE action_id = ? ORDER BY application_id",
                                        arguments: [actionID]) {
                let id: Int64 = row["application_id"]
                let previous: ApplicationStatus = try row.known("from_status", stored: ("triage_action_rows", "from_status"), rowID: "application_id")
                let current = try Self.applicationVisible(db, id: id, to: session.actor)
                guard current.version == row["version_after"] as Int else {
                    throw CatalogueError.refused("cannot undo: application \(id) was changed since (it is now \(current.status.rawValue)); nothing was undone")
                }
                // Waiting counts from when it entered the state it goes back to, never from the
                // undo: an undone bulk reject must not send the longest-waiting to the bottom.
                let entered = try (row["from_updated_at"] as String?) ?? Self.timeEntered(db, application: id, status: previous) ?? stamp
                // The state machine has no backward moves; a permit allows exactly this one,
                // inside this transaction only.
                try db.execute(sql: "INSERT INTO triage_undo_permits(application_id, from_status, to_status) VALUES (?,?,?)",
                               arguments: [id, movedTo.rawValue, previous.rawValue])
                try db.execute(sql: """
                    UPDATE applications SET status = ?, status_reason = NULL, status_reason_code = NULL, updated_at = ?, version = version + 1
                    WHERE id = ? AND version = ?
                    """, arguments: [previous.rawValue, entered, id, current.version])
                try db.execute(sql: "DELETE FROM triage_undo_permits WHERE application_id = ?", arguments: [id])
                try Self.appendEvent(db, application: id, actor: session.actor, from: movedTo, to: previous,
                                     note: "undone: moved back to \(previous.label.lowercased())", visibility: .shared, at: stamp)
                restored.append(try Application.fetchOne(db, key: id).readBack("application \(id)"))
            }
            try db.execute(sql: "UPDATE triage_actions SET undone_at = ? WHERE id = ?", arguments: [stamp, actionID])
            return restored
        }
    }

    /// When an application last moved into `status`, from its history: for undoing moves
    /// recorded before the time was kept with them.
    private static func timeEntered(_ db: Database, application: Int64, status: ApplicationStatus) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT at FROM application_events WHERE application_id = ? AND to_status = ? ORDER BY id DESC LIMIT 1
            """, arguments: [application, status.rawValue])
    }
}
