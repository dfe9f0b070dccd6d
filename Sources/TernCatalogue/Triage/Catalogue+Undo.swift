import Foundation
internal import GRDB

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
            guard let action = try Row.fetchOne(db, SQLRequest(literal: """
                SELECT id, to_status FROM triage_actions WHERE session = \(session.id) AND staff_username = \(session.username) AND undone_at IS NULL
                ORDER BY id DESC LIMIT 1
                """)) else {
                throw CatalogueError.refused("nothing to undo in this session")
            }
            let actionID: Int64 = try action.decode(forColumn: "id")
            let movedTo: ApplicationStatus = try action.known("to_status", stored: ("triage_actions", "to_status"))
            let stamp = Timestamp.string(now)
            var restored: [Application] = []
            for row in try Row.fetchAll(db, SQLRequest(literal: """
                SELECT application_id, from_status, version_after, from_updated_at FROM triage_action_rows WHERE action_id = \(actionID) ORDER BY application_id
                """)) {
                let id: Int64 = try row.decode(forColumn: "application_id")
                let previous: ApplicationStatus = try row.known("from_status", stored: ("triage_action_rows", "from_status"), rowID: "application_id")
                let current = try Self.applicationVisible(db, id: id, to: session.actor)
                guard try current.version == row.decode(Int.self, forColumn: "version_after") else {
                    throw CatalogueError.refused("cannot undo: application \(id) was changed since (it is now \(current.status.rawValue)); nothing was undone")
                }
                // Waiting counts from when it entered the state it goes back to, never from the
                // undo: an undone bulk reject must not send the longest-waiting to the bottom.
                let entered = try row.decode(String?.self, forColumn: "from_updated_at") ?? Self.timeEntered(db, application: id, status: previous) ?? stamp
                // The state machine has no backward moves; a permit allows exactly this one,
                // inside this transaction only.
                try db.execute(literal: "INSERT INTO triage_undo_permits(application_id, from_status, to_status) VALUES (\(id), \(movedTo), \(previous))")
                try db.execute(literal: """
                    UPDATE applications SET status = \(previous), status_reason = NULL, status_reason_code = NULL, updated_at = \(entered), version = version + 1
                    WHERE id = \(id) AND version = \(current.version)
                    """)
                try db.execute(literal: "DELETE FROM triage_undo_permits WHERE application_id = \(id)")
                try Self.appendEvent(db, application: id, actor: session.actor, from: movedTo, to: previous,
                                     note: "undone: moved back to \(previous.label.lowercased())", visibility: .shared, at: stamp)
                restored.append(try Stored<Application>.fetchOne(db, key: id).map(\.record).readBack("application \(id)"))
            }
            try db.execute(literal: "UPDATE triage_actions SET undone_at = \(stamp) WHERE id = \(actionID)")
            return restored
        }
    }

    /// When an application last moved into `status`, from its history: for undoing moves
    /// recorded before the time was kept with them.
    private static func timeEntered(_ db: Database, application: Int64, status: ApplicationStatus) throws -> String? {
        try String.fetchOne(db, SQLRequest(literal: """
            SELECT at FROM application_events WHERE application_id = \(application) AND to_status = \(status) ORDER BY id DESC LIMIT 1
            """))
    }
}
