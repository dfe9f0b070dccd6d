import Foundation
import PostgresNIO
import TernStore

extension PostgresCatalogue {
    /// A student's whole record, for staff. Reading it writes an audit entry in the same
    /// transaction (so the reader's role is checked again as it happens), and the entry commits
    /// with the read, before anything reaches the screen.
    func readStudentRecord(_ username: String, session: TriageSession) async throws -> StudentRecord {
        try await write(for: .readStudentRecord) { transaction in
            guard let student = try await TriageRecordRows.student(transaction, username: username) else {
                throw CatalogueError.notFound("student \(username)")
            }
            var entries: [StudentRecord.Entry] = []
            for overview in try await TriageRecordRows.applications(transaction, ofStudent: username) {
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
    static func student(_ transaction: PostgresTransaction, username: String) async throws -> Student? {
        guard StoredText.username.refusal(of: username) == nil,
              let row = try await transaction.rows({ s in
                  s.append("""
                      SELECT id, username, name, email, program, graduation_year, hours_per_week, directory_opt_out, version
                      FROM students WHERE username = \(s.bind(username))
                      """)
              }).first else { return nil }
        let table = "students"
        let id: Int64 = try ListingRecords.value(row, "id", table: table)
        let skills = try await transaction.rows { s in
            s.append("""
                SELECT s.name, ss.level FROM student_skills ss JOIN skills s ON s.id = ss.skill_id
                WHERE ss.student_id = \(s.bind(id)) ORDER BY tern_nocase(s.name) COLLATE "C"
                """)
        }.map { StudentSkill(name: try ListingRecords.value($0, "name", table: "skills"),
                             level: try ListingRecords.known($0, "level", table: "student_skills")) }
        let interests: [Field] = try await transaction.rows { s in
            s.append("SELECT field FROM student_interests WHERE student_id = \(s.bind(id)) ORDER BY field COLLATE \"C\"")
        }.map { try ListingRecords.known($0, "field", table: "student_interests") }
        let links: [String] = try await transaction.rows { s in
            s.append("SELECT url FROM student_links WHERE student_id = \(s.bind(id)) ORDER BY position")
        }.map { try ListingRecords.value($0, "url", table: "student_links") }
        return Student(id: id, username: try ListingRecords.value(row, "username", table: table),
                       name: try ListingRecords.value(row, "name", table: table), email: try ListingRecords.value(row, "email", table: table),
                       program: try ListingRecords.value(row, "program", table: table),
                       graduationYear: try ListingRecords.value(row, "graduation_year", table: table), skills: skills, interests: interests,
                       hoursPerWeek: try ListingRecords.value(row, "hours_per_week", table: table), portfolioLinks: links,
                       directoryOptOut: try ListingRecords.value(row, "directory_opt_out", table: table),
                       version: try ListingRecords.value(row, "version", table: table))
    }

    /// The student's applications, newest activity first, with their listings.
    static func applications(_ transaction: PostgresTransaction, ofStudent username: String) async throws -> [ApplicationOverview] {
        try await transaction.rows { s in
            s.append("""
                SELECT a.id AS app_id, a.student_id, a.opportunity_id, a.cover_note, a.portfolio_link,
                       a.hours_offered, a.status AS app_status, a.status_reason, a.created_at AS app_created_at,
                       a.updated_at AS app_updated_at, a.version AS app_version, a.deliverable_link,
                       \(ListingSQL.summaryColumns)
                FROM applications a JOIN students st ON st.id = a.student_id
                JOIN opportunities o ON o.id = a.opportunity_id JOIN organizations org ON org.id = o.organization_id
                WHERE st.username = \(s.bind(username)) ORDER BY a.updated_at DESC, a.id DESC
                """)
        }.map { row in
            let table = "applications"
            let application = Application(
                id: try ListingRecords.value(row, "app_id", table: table), studentId: try ListingRecords.value(row, "student_id", table: table),
                opportunityId: try ListingRecords.value(row, "opportunity_id", table: table),
                coverNote: try ListingRecords.value(row, "cover_note", table: table),
                portfolioLink: try ListingRecords.value(row, "portfolio_link", table: table),
                hoursOffered: try ListingRecords.value(row, "hours_offered", table: table),
                status: try ListingRecords.known(row, "app_status", table: table),
                statusReason: try ListingRecords.value(row, "status_reason", table: table),
                createdAt: try ListingRecords.value(row, "app_created_at", table: table),
                updatedAt: try ListingRecords.value(row, "app_updated_at", table: table),
                version: try ListingRecords.value(row, "app_version", table: table),
                deliverableLink: try ListingRecords.value(row, "deliverable_link", table: table))
            var opportunity = try ListingRecords.summary(row, sort: .deadline, offset: 0)
            // As the SQLite catalogue gives it: a listing in a student's list is no page's cursor.
            opportunity.cursor = OpportunityCursor(text: nil, number: nil, id: application.opportunityId, offset: 0)
            return ApplicationOverview(application: application, opportunity: opportunity)
        }
    }

    /// An application's whole history, as staff see it, oldest first.
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
