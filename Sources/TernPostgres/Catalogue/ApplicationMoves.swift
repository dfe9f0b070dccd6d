import Foundation
import PostgresNIO
import TernStore

/// Applications read and moved inside a ``PostgresTransaction``: the one path every status
/// change takes on PostgreSQL, as `Catalogue.moveApplication` is on SQLite. Swift checks first
/// (visibility, version, legality, who may make the move) so the refusal is precise; the schema's
/// triggers hold the same rules whoever writes (``CatalogueRulesV1``, ``AccessV2``).
extension PostgresTransaction {
    static let applicationColumns = """
        a.id, a.student_id, a.opportunity_id, a.cover_note, a.portfolio_link, a.hours_offered, a.status, a.status_reason,
        a.created_at, a.updated_at, a.version, a.deliverable_link
        """

    static func application(_ row: PostgresRandomAccessRow) throws -> Application {
        let table = "applications"
        return Application(
            id: try ListingRecords.value(row, "id", table: table), studentId: try ListingRecords.value(row, "student_id", table: table),
            opportunityId: try ListingRecords.value(row, "opportunity_id", table: table),
            coverNote: try ListingRecords.value(row, "cover_note", table: table),
            portfolioLink: try ListingRecords.value(row, "portfolio_link", table: table),
            hoursOffered: try ListingRecords.value(row, "hours_offered", table: table),
            status: try ListingRecords.known(row, "status", table: table),
            statusReason: try ListingRecords.value(row, "status_reason", table: table),
            createdAt: try ListingRecords.value(row, "created_at", table: table),
            updatedAt: try ListingRecords.value(row, "updated_at", table: table),
            version: try ListingRecords.value(row, "version", table: table),
            deliverableLink: try ListingRecords.value(row, "deliverable_link", table: table))
    }

    /// One application if `actor` may see it: students reach only their own; to them anyone
    /// else's does not exist. `locking` takes the row's lock for the rest of the transaction
    /// (`FOR UPDATE`), so a writer deciding from it sees the version the next writer will.
    func applicationVisible(_ id: Int64, to actor: Actor, locking: Bool = false) async throws -> Application {
        if actor.role == .student { try StoredText.username.check(actor.username) }
        let rows = try await rows { s in
            s.append("SELECT \(Self.applicationColumns) FROM applications a")
            if actor.role == .student {
                s.append(" JOIN students st ON st.id = a.student_id WHERE a.id = \(s.bind(id)) AND st.username = \(s.bind(actor.username))")
            } else {
                s.append(" WHERE a.id = \(s.bind(id))")
            }
            if locking { s.append(" FOR UPDATE OF a") }
        }
        guard let row = rows.first else { throw CatalogueError.notFound("application \(id)") }
        return try Self.application(row)
    }

    /// Moves an application: visibility, version, legality, role, then the guarded UPDATE and
    /// the shared event. A `deliverableLink` is stored with the move; without one the stored
    /// link is kept (work sent back for revision keeps its old link).
    func moveApplication(_ applicationID: Int64, to next: ApplicationStatus, by actor: Actor, expectedVersion: Int,
                         note: String?, deliverableLink: String? = nil, reason: RejectionReason? = nil,
                         enteredBy: String? = nil, at stamp: String) async throws -> Application {
        let current = try await applicationVisible(applicationID, to: actor, locking: true)
        guard current.version == expectedVersion else {
            throw CatalogueError.versionConflict(expected: expectedVersion, current: current.version)
        }
        guard current.status.canMove(to: next) else {
            throw CatalogueError.illegalTransition(from: current.status, to: next)
        }
        guard ApplicationStatus.mayMove(from: current.status, to: next, as: actor.role) else {
            throw CatalogueError.notPermitted("a \(actor.role.rawValue) cannot move an application to \(next.rawValue)")
        }
        if next == .rejected, (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CatalogueError.invalid("a rejection needs a reason")
        }
        try (next == .rejected ? StoredText.statusReason : .note).check(note)
        try StoredText.deliverableLink.check(deliverableLink)
        let statusReason = next == .rejected ? note : nil
        let reasonCode = next == .rejected ? reason?.code.rawValue : nil
        let updated = try await rows { s in
            s.append("""
                UPDATE applications a SET status = \(s.bind(next.rawValue)), status_reason = \(s.bind(text: statusReason)),
                    updated_at = \(s.bind(stamp)), version = version + 1,
                    deliverable_link = coalesce(\(s.bind(text: deliverableLink)), deliverable_link),
                    status_reason_code = \(s.bind(text: reasonCode))
                WHERE id = \(s.bind(applicationID)) AND version = \(s.bind(Int64(expectedVersion)))
                RETURNING \(Self.applicationColumns)
                """)
        }
        guard let row = updated.first else {
            throw CatalogueError.versionConflict(expected: expectedVersion, current: expectedVersion + 1)
        }
        try await appendEvent(application: applicationID, actor: actor, from: current.status, to: next, note: note,
                              visibility: .shared, at: stamp, reason: next == .rejected ? reason : nil, enteredBy: enteredBy)
        return try Self.application(row)
    }
}
