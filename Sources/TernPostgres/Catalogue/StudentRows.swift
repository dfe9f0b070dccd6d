import Foundation
import PostgresNIO
import TernStore

/// A student's records read and looked up inside a ``PostgresTransaction``: the helpers the
/// SQLite catalogue's student methods share (`studentID`, `fetchStudent`, `skillID`,
/// `fetchOpportunity`), with the same refusals.
extension PostgresTransaction {
    /// The id of the student at the terminal, or the refusal every student action gives a guest.
    /// `locking` takes the student's row (`FOR NO KEY UPDATE`) so one student's writes of the
    /// same records take turns; applications and other rows pointing at the student still go on.
    func studentID(_ username: String, locking: Bool = false) async throws -> Int64 {
        try StoredText.username.check(username)
        let rows = try await rows { s in
            s.append("SELECT id FROM students WHERE username = \(s.bind(username))")
            if locking { s.append(" FOR NO KEY UPDATE") }
        }
        guard let row = rows.first else {
            throw CatalogueError.refused("no student profile for \(username); ask the career center to create one")
        }
        return try ListingRecords.value(row, "id", table: "students")
    }

    /// A student's profile by login, or nil when there is none. A login that could never be
    /// stored (a NUL in it) finds nobody, as on SQLite.
    func fetchStudent(_ username: String) async throws -> Student? {
        guard StoredText.username.refusal(of: username) == nil else { return nil }
        let table = "students"
        guard let row = try await rows({ s in
            s.append("""
                SELECT id, username, name, email, program, graduation_year, hours_per_week, directory_opt_out, version
                FROM students WHERE username = \(s.bind(username))
                """)
        }).first else { return nil }
        let id: Int64 = try ListingRecords.value(row, "id", table: table)
        let skills = try await rows { s in
            s.append("""
                SELECT s.name, ss.level FROM student_skills ss JOIN skills s ON s.id = ss.skill_id
                WHERE ss.student_id = \(s.bind(id)) ORDER BY tern_nocase(s.name) COLLATE "C"
                """)
        }.map { row in
            StudentSkill(name: try ListingRecords.value(row, "name", table: "skills"),
                         level: try ListingRecords.known(row, "level", table: "student_skills"))
        }
        let interests: [Field] = try await rows { s in
            s.append("SELECT field FROM student_interests WHERE student_id = \(s.bind(id)) ORDER BY field COLLATE \"C\"")
        }.map { try ListingRecords.known($0, "field", table: "student_interests") }
        let links: [String] = try await rows { s in
            s.append("SELECT url FROM student_links WHERE student_id = \(s.bind(id)) ORDER BY position")
        }.map { try ListingRecords.value($0, "url", table: "student_links") }
        return Student(
            id: id, username: try ListingRecords.value(row, "username", table: table),
            name: try ListingRecords.value(row, "name", table: table), email: try ListingRecords.value(row, "email", table: table),
            program: try ListingRecords.value(row, "program", table: table),
            graduationYear: try ListingRecords.value(row, "graduation_year", table: table), skills: skills, interests: interests,
            hoursPerWeek: try ListingRecords.value(row, "hours_per_week", table: table), portfolioLinks: links,
            directoryOptOut: try ListingRecords.value(row, "directory_opt_out", table: table),
            version: try ListingRecords.value(row, "version", table: table))
    }

    /// The skill of that name whatever its ASCII case, else a new one. Two writers adding the
    /// same new skill at once both end with the one row (the unique index on `tern_nocase`).
    func skillID(named name: String) async throws -> Int64 {
        let found = try await rows { s in
            s.append("SELECT id FROM skills WHERE tern_nocase(name) = tern_nocase(\(s.bind(name)))")
        }
        if let row = found.first { return try ListingRecords.value(row, "id", table: "skills") }
        let inserted = try await rows { s in
            s.append("INSERT INTO skills(name) VALUES (\(s.bind(name))) ON CONFLICT (tern_nocase(name)) DO NOTHING RETURNING id")
        }
        if let row = inserted.first { return try ListingRecords.value(row, "id", table: "skills") }
        let raced = try await rows { s in
            s.append("SELECT id FROM skills WHERE tern_nocase(name) = tern_nocase(\(s.bind(name)))")
        }
        return try ListingRecords.value(try raced.first.readBack("the skill \(name)"), "id", table: "skills")
    }

    /// The existing skill whatever the case the student typed it in, else a new one.
    /// `tern_nocase` folds ASCII only (as SQLite's NOCASE), so other scripts are compared in Swift.
    func matchingSkillID(named name: String) async throws -> Int64 {
        if name.unicodeScalars.contains(where: { !$0.isASCII }) {
            let folded = name.lowercased()
            for row in try await rows({ s in s.append("SELECT id, name FROM skills ORDER BY id") }) {
                let stored: String = try ListingRecords.value(row, "name", table: "skills")
                if stored.lowercased() == folded { return try ListingRecords.value(row, "id", table: "skills") }
            }
        }
        return try await skillID(named: name)
    }

    /// One listing, whole, as `Catalogue.fetchOpportunity` reads it (drafts included).
    func opportunity(id: Int64) async throws -> Opportunity? {
        let rows = try await rows { s in
            s.append("""
                SELECT o.id, o.ref, o.title, org.name AS organization, o.field, o.brief, o.hours, o.duration_days, o.schedule,
                       o.starts_on, o.deadline, o.compensation_kind, o.compensation_cents, o.currency, o.location_kind, o.city,
                       o.spots, o.status, o.posted_at, o.version,
                       ARRAY(SELECT d.description FROM opportunity_deliverables d WHERE d.opportunity_id = o.id ORDER BY d.position) AS deliverables,
                       ARRAY(SELECT sk.name FROM opportunity_skills os JOIN skills sk ON sk.id = os.skill_id
                             WHERE os.opportunity_id = o.id ORDER BY tern_nocase(sk.name) COLLATE "C") AS skills
                FROM opportunities o JOIN organizations org ON org.id = o.organization_id WHERE o.id = \(s.bind(id))
                """)
        }
        return try rows.first.map(ListingRecords.opportunity)
    }
}

/// Rows of the student statements read into Tern's records.
enum StudentRecords {
    static let eventColumns = """
        id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at, reason_code,
        entered_by, on_behalf_of
        """

    static func event(_ row: PostgresRandomAccessRow) throws -> ApplicationEvent {
        let table = "application_events"
        return ApplicationEvent(
            id: try ListingRecords.value(row, "id", table: table),
            applicationId: try ListingRecords.value(row, "application_id", table: table),
            actorRole: try ListingRecords.known(row, "actor_role", table: table),
            actorUsername: try ListingRecords.value(row, "actor_username", table: table),
            fromStatus: try ListingRecords.knownIfPresent(row, "from_status", table: table, as: ApplicationStatus.init(rawValue:)),
            toStatus: try ListingRecords.knownIfPresent(row, "to_status", table: table, as: ApplicationStatus.init(rawValue:)),
            note: try ListingRecords.value(row, "note", table: table),
            visibility: try ListingRecords.known(row, "visibility", table: table),
            at: try ListingRecords.value(row, "at", table: table),
            reasonCode: try ListingRecords.knownIfPresent(row, "reason_code", table: table, as: RejectionReason.Code.init(rawValue:)),
            enteredBy: try ListingRecords.value(row, "entered_by", table: table),
            onBehalfOf: try ListingRecords.value(row, "on_behalf_of", table: table))
    }

    static let feedbackColumns = "application_id, direction, rating, strengths, improvements, comment, created_at"

    /// One feedback row; the skills belong only to the organization's word on the student.
    static func feedback(_ row: PostgresRandomAccessRow, skills: [String]) throws -> Feedback {
        let table = "feedback"
        let direction: FeedbackDirection = try ListingRecords.known(row, "direction", table: table)
        return Feedback(
            applicationID: try ListingRecords.value(row, "application_id", table: table), direction: direction,
            rating: try ListingRecords.value(row, "rating", table: table),
            strengths: try ListingRecords.value(row, "strengths", table: table),
            improvements: try ListingRecords.value(row, "improvements", table: table),
            comment: try ListingRecords.value(row, "comment", table: table),
            skillsDemonstrated: direction == .organizationToStudent ? skills : [],
            createdAt: try ListingRecords.value(row, "created_at", table: table))
    }

    /// Whether `username` could be a stored login: one that could not (a NUL in it) finds
    /// nobody, as on SQLite, instead of the server refusing the text.
    static func storable(_ username: String) -> Bool {
        StoredText.username.refusal(of: username) == nil
    }
}

extension PostgresTransaction {
    /// The student's applications, newest activity first, with their listings.
    func applicationOverviews(ofStudent username: String) async throws -> [ApplicationOverview] {
        try await rows { s in
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
}
