import Foundation
import TernStore

/// Bulk moves and their undo on PostgreSQL, as the SQLite catalogue's `Catalogue+BulkMove` and
/// `Catalogue+Undo`: all or nothing, each row checked in the order given, every move recorded
/// with where it came from so this session can take it back.
extension PostgresCatalogue {
    /// Moves many applications to one status in ONE transaction: every row is checked (its
    /// version, the state machine, staff's right to the move) and a single refusal moves none.
    /// Its rows are locked first, in id order, so a concurrent move of one waits, then meets the
    /// version that move left.
    public func bulkMove(_ targets: [ApplicationVersion], to next: ApplicationStatus, session: TriageSession, reason: RejectionReason?, note: MoveNote?, now: Date) async throws -> TriageAction {
        guard !targets.isEmpty else { throw CatalogueError.invalid("no applications to move") }
        guard Set(targets.map(\.id)).count == targets.count else { throw CatalogueError.invalid("an application is named twice") }
        if next == .rejected, reason == nil {
            throw CatalogueError.invalid("rejecting needs a reason: skills-mismatch, position-filled, deadline-passed, incomplete-application or other:TEXT")
        }
        if next != .rejected, reason != nil { throw CatalogueError.invalid("a reason goes only with a rejection") }
        if let note { try StoredText.note.check(note.text) }
        return try await write { transaction in
            let stamp = Timestamp.string(now)
            let actionID: Int64 = try await transaction.rows { s in
                s.append("""
                    INSERT INTO triage_actions(staff_username, session, to_status, at)
                    VALUES (\(s.bind(session.username)), \(s.bind(session.id)), \(s.bind(next.rawValue)), \(s.bind(stamp))) RETURNING id
                    """)
            }.first.map { try ListingRecords.value($0, "id", table: "triage_actions") }.readBack("the new triage action")
            // Every row locked up front in id order: two bulk moves sharing rows then take turns
            // instead of deadlocking; each row is still checked in the order given.
            try await transaction.execute { s in
                s.append("SELECT id FROM applications WHERE id = ANY(\(s.bind(targets.map(\.id)))) ORDER BY id FOR UPDATE")
            }
            var moved: [Application] = []
            for target in targets {
                let current = try await transaction.applicationVisible(target.id, to: session.actor, locking: true)
                guard current.version == target.version else {
                    throw CatalogueError.changedSinceOpened(application: target.id, now: current.status)
                }
                guard ApplicationStatus.mayMove(from: current.status, to: next, as: .staff) else {
                    throw CatalogueError.refused("application \(target.id) cannot move from \(current.status.rawValue) to \(next.rawValue); nothing was moved")
                }
                let shared = note?.visibility == .shared ? note?.text : nil
                let eventNote = next == .rejected ? reason?.text : shared
                let application = try await transaction.moveApplication(target.id, to: next, by: session.actor, expectedVersion: target.version,
                                                                        note: eventNote, reason: reason, at: stamp)
                // A rejection's note is its reason; a note given with it follows as its own line.
                if let note, note.visibility == .staff || next == .rejected {
                    try await transaction.appendEvent(application: target.id, actor: session.actor, from: nil, to: nil, note: note.text,
                                                      visibility: note.visibility, at: stamp)
                }
                // The time it entered its state goes with it, so an undo puts that back too.
                try await transaction.execute { s in
                    s.append("""
                        INSERT INTO triage_action_rows(action_id, application_id, from_status, version_after, from_updated_at)
                        VALUES (\(s.bind(actionID)), \(s.bind(target.id)), \(s.bind(current.status.rawValue)),
                                \(s.bind(Int64(application.version))), \(s.bind(current.updatedAt)))
                        """)
                }
                moved.append(application)
            }
            return TriageAction(id: actionID, status: next, applications: moved)
        }
    }

    /// Undoes this session's last action with new events; refused, naming the application, when
    /// anyone has changed one of its applications since. The action's row is locked first, so
    /// two undos of one session take turns.
    public func undoLast(session: TriageSession, now: Date) async throws -> [Application] {
        try await write { transaction in
            guard let action = try await transaction.rows({ s in
                s.append("""
                    SELECT id, to_status FROM triage_actions
                    WHERE session = \(s.bind(session.id)) AND staff_username = \(s.bind(session.username)) AND undone_at IS NULL
                    ORDER BY id DESC LIMIT 1 FOR UPDATE
                    """)
            }).first else {
                throw CatalogueError.refused("nothing to undo in this session")
            }
            let actionID: Int64 = try ListingRecords.value(action, "id", table: "triage_actions")
            let movedTo: ApplicationStatus = try ListingRecords.known(action, "to_status", table: "triage_actions")
            let stamp = Timestamp.string(now)
            var restored: [Application] = []
            for row in try await transaction.rows({ s in
                s.append("""
                    SELECT application_id, from_status, version_after, from_updated_at FROM triage_action_rows
                    WHERE action_id = \(s.bind(actionID)) ORDER BY application_id
                    """)
            }) {
                let table = "triage_action_rows"
                let id: Int64 = try ListingRecords.value(row, "application_id", table: table)
                let previous: ApplicationStatus = try ListingRecords.known(row, "from_status", table: table)
                let current = try await transaction.applicationVisible(id, to: session.actor, locking: true)
                guard current.version == (try ListingRecords.value(row, "version_after", table: table) as Int) else {
                    throw CatalogueError.refused("cannot undo: application \(id) was changed since (it is now \(current.status.rawValue)); nothing was undone")
                }
                // Waiting counts from when it entered the state it goes back to, never from the
                // undo: an undone bulk reject must not send the longest-waiting to the bottom.
                let kept: String? = try ListingRecords.value(row, "from_updated_at", table: table)
                var entered = stamp
                if let kept {
                    entered = kept
                } else if let found = try await transaction.timeEntered(application: id, status: previous) {
                    entered = found
                }
                // The state machine has no backward moves; a permit allows exactly this one,
                // inside this transaction only.
                try await transaction.execute { s in
                    s.append("""
                        INSERT INTO triage_undo_permits(application_id, from_status, to_status)
                        VALUES (\(s.bind(id)), \(s.bind(movedTo.rawValue)), \(s.bind(previous.rawValue)))
                        """)
                }
                let updated = try await transaction.rows { s in
                    s.append("""
                        UPDATE applications a SET status = \(s.bind(previous.rawValue)), status_reason = NULL, status_reason_code = NULL,
                            updated_at = \(s.bind(entered)), version = version + 1
                        WHERE id = \(s.bind(id)) AND version = \(s.bind(Int64(current.version)))
                        RETURNING \(PostgresTransaction.applicationColumns)
                        """)
                }
                try await transaction.execute { s in s.append("DELETE FROM triage_undo_permits WHERE application_id = \(s.bind(id))") }
                try await transaction.appendEvent(application: id, actor: session.actor, from: movedTo, to: previous,
                                                  note: "undone: moved back to \(previous.label.lowercased())", visibility: .shared, at: stamp)
                restored.append(try updated.first.map(PostgresTransaction.application).readBack("application \(id)"))
            }
            try await transaction.execute { s in
                s.append("UPDATE triage_actions SET undone_at = \(s.bind(stamp)) WHERE id = \(s.bind(actionID))")
            }
            return restored
        }
    }
}

extension PostgresTransaction {
    /// When an application last moved into `status`, from its history: for undoing moves
    /// recorded before the time was kept with them.
    func timeEntered(application: Int64, status: ApplicationStatus) async throws -> String? {
        try await rows { s in
            s.append("""
                SELECT at FROM application_events WHERE application_id = \(s.bind(application)) AND to_status = \(s.bind(status.rawValue))
                ORDER BY id DESC LIMIT 1
                """)
        }.first.map { try ListingRecords.value($0, "at", table: "application_events") }
    }
}
