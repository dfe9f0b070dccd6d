import Foundation
import PostgresNIO
import TernStore

extension PostgresCatalogue {
    /// A student's whole record, for staff. Reading it writes an audit entry in the same
    /// transaction (so the reader's role is checked again as it happens), and the entry commits
    /// with the read, before anything reaches the screen.
    func readStudentRecord(_ username: String, session: TriageSession) async throws -> StudentRecord {
        try await write(for: .readStudentRecord) { transaction in
            guard let student = try await transaction.fetchStudent(username) else {
                throw CatalogueError.notFound("student \(username)")
            }
            var entries: [StudentRecord.Entry] = []
            for overview in try await transaction.applicationOverviews(ofStudent: username) {
                entries.append(StudentRecord.Entry(overview: overview, events: try await TriageRecordRows.events(transaction, of: overview.id),
                                                   feedback: try await TriageRecordRows.feedback(transaction, on: overview.id)))
            }
            try await transaction.audit(by: session.username, role: session.auditRole, action: AuditedAction.viewedStudentRecord.rawValue,
                                        student: username, detail: "profile and \(entries.count) applications to the staff console")
            return StudentRecord(student: student, applications: entries)
        }
    }
}

/// The rows of a student's record as staff read it, as the SQLite catalogue reads them
/// (`fetchStudent`, `applications(ofStudent:)`, `events(of:as:)`, `feedback(on:as:)` for staff):
/// the same order of each list, staff-only notes included.
enum TriageRecordRows {
    static func events(_ transaction: PostgresTransaction, of applicationID: Int64) async throws -> [ApplicationEvent] {
        try await transaction.rows { s in
            s.append("""
                SELECT id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at, reason_code,
                       entered_by, on_behalf_of
                FROM application_events WHERE application_id = \(s.bind(applicationID)) ORDER BY at COLLATE "C", id
                """)
        }.map { row in
            let table = "application_events"
            return ApplicationEvent(
                id: try ListingRecords.value(row, "id", table: table), applicationId: try ListingRecords.value(row, "application_id", table: table),
                actorRole: try ListingRecords.known(row, "actor_role", table: table),
                actorUsername: try ListingRecords.value(row, "actor_username", table: table),
                fromStatus: try ListingRecords.knownIfPresent(row, "from_status", table: table, as: ApplicationStatus.init(rawValue:)),
                toStatus: try ListingRecords.knownIfPresent(row, "to_status", table: table, as: ApplicationStatus.init(rawValue:)),
                note: try ListingRecords.value(row, "note", table: table), visibility: try ListingRecords.known(row, "visibility", table: table),
                at: try ListingRecords.value(row, "at", table: table),
                reasonCode: try ListingRecords.knownIfPresent(row, "reason_code", table: table, as: RejectionReason.Code.init(rawValue:)),
                enteredBy: try ListingRecords.value(row, "entered_by", table: table),
                onBehalfOf: try ListingRecords.value(row, "on_behalf_of", table: table))
        }
    }

    /// Feedback on an application both ways; the skills shown go with the organization's.
    static func feedback(_ transaction: PostgresTransaction, on applicationID: Int64) async throws -> [Feedback] {
        let skills: [String] = try await transaction.rows { s in
            s.append("""
                SELECT s.name FROM feedback_skills fs JOIN skills s ON s.id = fs.skill_id
                WHERE fs.application_id = \(s.bind(applicationID)) ORDER BY tern_nocase(s.name) COLLATE "C"
                """)
        }.map { try ListingRecords.value($0, "name", table: "skills") }
        return try await transaction.rows { s in
            s.append("""
                SELECT direction, rating, strengths, improvements, comment, created_at FROM feedback
                WHERE application_id = \(s.bind(applicationID)) ORDER BY direction COLLATE "C"
                """)
        }.map { row in
            let table = "feedback"
            let direction: FeedbackDirection = try ListingRecords.known(row, "direction", table: table)
            return Feedback(applicationID: applicationID, direction: direction, rating: try ListingRecords.value(row, "rating", table: table),
                            strengths: try ListingRecords.value(row, "strengths", table: table),
                            improvements: try ListingRecords.value(row, "improvements", table: table),
                            comment: try ListingRecords.value(row, "comment", table: table),
                            skillsDemonstrated: direction == .organizationToStudent ? skills : [],
                            createdAt: try ListingRecords.value(row, "created_at", table: table))
        }
    }
}
