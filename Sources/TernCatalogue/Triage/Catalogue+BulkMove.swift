import Foundation
internal import GRDB

extension Catalogue {
    /// Moves many applications to one status in ONE transaction: every row is checked (its
    /// version, the state machine, staff's right to the move) and a single refusal moves none.
    /// Rejecting needs a structured reason, stored as a code and shown to the student.
    ///
    /// ```swift
    /// let action = try catalogue.bulkMove([ApplicationVersion(id: 12, version: 3)], to: .rejected,
    ///                                     session: session, reason: .positionFilled,
    ///                                     note: MoveNote("Strong portfolio; apply again", visibility: .shared))
    /// ```
    @discardableResult
    public func bulkMove(
        _ targets: [ApplicationVersion], to next: ApplicationStatus, session: TriageSession,
        reason: RejectionReason? = nil, note: MoveNote? = nil, now: Date = Date()
    ) throws -> TriageAction {
        guard !targets.isEmpty else { throw CatalogueError.invalid("no applications to move") }
        guard Set(targets.map(\.id)).count == targets.count else { throw CatalogueError.invalid("an application is named twice") }
        if next == .rejected, reason == nil {
            throw CatalogueError.invalid("rejecting needs a reason: skills-mismatch, position-filled, deadline-passed, incomplete-application or other:TEXT")
        }
        if next != .rejected, reason != nil { throw CatalogueError.invalid("a reason goes only with a rejection") }
        if let note { try StoredText.note.check(note.text) }
        return try write { db in
            let stamp = Timestamp.string(now)
            try db.execute(literal: """
                INSERT INTO triage_actions(staff_username, session, to_status, at) VALUES (\(session.username), \(session.id), \(next), \(stamp))
                """)
            let actionID = db.lastInsertedRowID
            var moved: [Application] = []
            for target in targets {
                let current = try Self.applicationVisible(db, id: target.id, to: session.actor)
                guard current.version == target.version else {
                    throw CatalogueError.changedSinceOpened(application: target.id, now: current.status)
                }
                guard ApplicationStatus.mayMove(from: current.status, to: next, as: .staff) else {
                    throw CatalogueError.refused("application \(target.id) cannot move from \(current.status.rawValue) to \(next.rawValue); nothing was moved")
                }
                let shared = note?.visibility == .shared ? note?.text : nil
                let eventNote = next == .rejected ? reason?.text : shared
                let application = try Self.moveApplication(db, target.id, to: next, by: session.actor, expectedVersion: target.version,
                                                           note: eventNote, reason: reason, at: stamp)
                // A rejection's note is its reason; a note given with it follows as its own line.
                if let note, note.visibility == .staff || next == .rejected {
                    try Self.appendEvent(db, application: target.id, actor: session.actor, from: nil, to: nil, note: note.text,
                                         visibility: note.visibility, at: stamp)
                }
                // The time it entered its state goes with it, so an undo puts that back too.
                try db.execute(literal: """
                    INSERT INTO triage_action_rows(action_id, application_id, from_status, version_after, from_updated_at)
                    VALUES (\(actionID), \(target.id), \(current.status), \(application.version), \(current.updatedAt))
                    """)
                moved.append(application)
            }
            return TriageAction(id: actionID, status: next, applications: moved)
        }
    }
}
