import Foundation
import PostgresNIO
import TernStore

/// Feedback on a student's applications and their portfolio on PostgreSQL, as
/// `Records/Feedback` and `Catalogue+Portfolio` answer them.
extension PostgresCatalogue {
    public func feedback(on applicationID: Int64, as actor: Actor) async throws -> [Feedback] {
        try await read { transaction in
            _ = try await transaction.applicationVisible(applicationID, to: actor)
            let skills: [String] = try await transaction.rows { s in
                s.append("""
                    SELECT sk.name FROM feedback_skills fs JOIN skills sk ON sk.id = fs.skill_id
                    WHERE fs.application_id = \(s.bind(applicationID)) ORDER BY tern_nocase(sk.name) COLLATE "C"
                    """)
            }.map { try ListingRecords.value($0, "name", table: "skills") }
            return try await transaction.rows { s in
                s.append("""
                    SELECT \(StudentRecords.feedbackColumns) FROM feedback WHERE application_id = \(s.bind(applicationID))
                    ORDER BY direction COLLATE "C"
                    """)
            }.map { try StudentRecords.feedback($0, skills: skills) }
        }
    }

    public func rateOrganization(application applicationID: Int64, by username: String, rating: Int, strengths: String?,
                                 improvements: String?, comment: String?, now: Date) async throws -> Feedback {
        guard (1...5).contains(rating) else { throw CatalogueError.invalid("a rating is 1 to 5 stars") }
        let strengths = try StoredText.strengths.check(Self.nonEmpty(strengths))
        let improvements = try StoredText.improvements.check(Self.nonEmpty(improvements))
        let comment = try StoredText.comment.check(Self.nonEmpty(comment))
        return try await write { transaction in
            // The application's row held: a second rating from another terminal waits, then is refused.
            let application = try await transaction.applicationVisible(applicationID, to: Actor(role: .student, username: username),
                                                                       locking: true)
            guard application.status == .completed else {
                throw CatalogueError.refused("you can rate the organization once the work is completed")
            }
            let direction = FeedbackDirection.studentToOrganization
            let already = try await transaction.integer { s in
                s.append("SELECT 1 FROM feedback WHERE application_id = \(s.bind(applicationID)) AND direction = \(s.bind(direction.rawValue))")
            } == 1
            if already { throw CatalogueError.refused("you have already rated this organization for this micro-internship") }
            let stamp = Timestamp.string(now)
            try await transaction.execute { s in
                s.append("""
                    INSERT INTO feedback(application_id, direction, rating, strengths, improvements, comment, created_at)
                    VALUES (\(s.bind(applicationID)), \(s.bind(direction.rawValue)), \(s.bind(Int64(rating))), \(s.bind(text: strengths)),
                            \(s.bind(text: improvements)), \(s.bind(text: comment)), \(s.bind(stamp)))
                    """)
            }
            return Feedback(applicationID: applicationID, direction: direction, rating: rating, strengths: strengths,
                            improvements: improvements, comment: comment, skillsDemonstrated: [], createdAt: stamp)
        }
    }

    /// Blank answers are no answers: stored as NULL, so screens can tell "said nothing".
    static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    public func portfolio(ofStudent username: String) async throws -> [PortfolioEntry] {
        guard StudentRecords.storable(username) else { return [] }
        return try await read { transaction in
            let owned = { (s: inout StatementBuilder) in
                "FROM applications a JOIN students st ON st.id = a.student_id WHERE st.username = \(s.bind(username)) AND a.status = 'completed'"
            }
            let rows = try await transaction.rows { s in
                let from = owned(&s)
                s.append("""
                    SELECT * FROM (
                        SELECT a.id, a.opportunity_id, a.deliverable_link, a.updated_at,
                               (SELECT min(e.at COLLATE "C") FROM application_events e
                                WHERE e.application_id = a.id AND e.to_status IN ('accepted','in_progress') AND e.visibility = 'shared') AS started_at,
                               (SELECT max(e.at COLLATE "C") FROM application_events e
                                WHERE e.application_id = a.id AND e.to_status = 'completed' AND e.visibility = 'shared') AS completed_at
                        \(from)) p
                    ORDER BY coalesce(p.completed_at, p.updated_at) COLLATE "C" DESC, p.id DESC
                    """)
            }
            guard !rows.isEmpty else { return [] }

            var skills: [Int64: [String]] = [:]
            for row in try await transaction.rows({ s in
                let from = owned(&s)
                s.append("""
                    SELECT fs.application_id, sk.name FROM feedback_skills fs JOIN skills sk ON sk.id = fs.skill_id
                    WHERE fs.application_id IN (SELECT a.id \(from)) ORDER BY tern_nocase(sk.name) COLLATE "C"
                    """)
            }) {
                skills[try ListingRecords.value(row, "application_id", table: "feedback_skills"), default: []]
                    .append(try ListingRecords.value(row, "name", table: "skills"))
            }
            var feedback: [Int64: [FeedbackDirection: Feedback]] = [:]
            for row in try await transaction.rows({ s in
                let from = owned(&s)
                s.append("SELECT \(StudentRecords.feedbackColumns) FROM feedback WHERE application_id IN (SELECT a.id \(from))")
            }) {
                let applicationID: Int64 = try ListingRecords.value(row, "application_id", table: "feedback")
                let entry = try StudentRecords.feedback(row, skills: skills[applicationID] ?? [])
                feedback[applicationID, default: [:]][entry.direction] = entry
            }

            var entries: [PortfolioEntry] = []
            for row in rows {
                let table = "applications"
                let applicationID: Int64 = try ListingRecords.value(row, "id", table: table)
                guard let opportunity = try await transaction.opportunity(id: try ListingRecords.value(row, "opportunity_id", table: table))
                else { continue }
                entries.append(PortfolioEntry(
                    applicationID: applicationID, opportunity: opportunity,
                    startedOn: Self.day(of: try ListingRecords.value(row, "started_at", table: table)),
                    completedOn: Self.day(of: try ListingRecords.value(row, "completed_at", table: table)),
                    deliverableLink: try ListingRecords.value(row, "deliverable_link", table: table),
                    fromOrganization: feedback[applicationID]?[.organizationToStudent],
                    fromStudent: feedback[applicationID]?[.studentToOrganization]))
            }
            return entries
        }
    }

    /// The local calendar day of a stored timestamp, as deadlines are reckoned.
    static func day(of timestamp: String?) -> CalendarDay? {
        timestamp.flatMap(Timestamp.date).map { CalendarDay($0) }
    }
}
