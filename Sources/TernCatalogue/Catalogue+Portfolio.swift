import Foundation
internal import GRDB

extension Catalogue {
    /// A student's completed micro-internships, most recently completed first. Only that
    /// student's own records are read (the query is keyed by username), and dates come from the
    /// shared history a student may see.
    ///
    /// Costs three queries for the lot plus one listing read per entry, in one snapshot: a student
    /// completes a handful of micro-internships, not thousands.
    public func portfolio(ofStudent username: String) throws -> [PortfolioEntry] {
        try read { db in
            let owned: SQL = """
                FROM applications a JOIN students s ON s.id = a.student_id
                WHERE s.username = \(username) AND a.status = 'completed'
                """
            let rows = try Row.fetchAll(db, SQLRequest(literal: """
                SELECT a.id, a.opportunity_id, \(sql: Self.deliverableLinkColumn) AS deliverable_link,
                       (SELECT min(e.at) FROM application_events e
                        WHERE e.application_id = a.id AND e.to_status IN ('accepted','in_progress') AND e.visibility = 'shared') AS started_at,
                       (SELECT max(e.at) FROM application_events e
                        WHERE e.application_id = a.id AND e.to_status = 'completed' AND e.visibility = 'shared') AS completed_at
                \(owned)
                ORDER BY coalesce(completed_at, a.updated_at) DESC, a.id DESC
                """))
            guard !rows.isEmpty else { return [] }

            var skills: [Int64: [String]] = [:]
            for row in try Row.fetchAll(db, SQLRequest(literal: """
                SELECT fs.application_id, sk.name FROM feedback_skills fs JOIN skills sk ON sk.id = fs.skill_id
                WHERE fs.application_id IN (SELECT a.id \(owned)) ORDER BY sk.name COLLATE NOCASE
                """)) {
                skills[try row.decode(forColumn: "application_id"), default: []].append(try row.decode(forColumn: "name"))
            }
            var feedback: [Int64: [FeedbackDirection: Feedback]] = [:]
            for row in try Row.fetchAll(db, SQLRequest(literal: "SELECT f.* FROM feedback f WHERE f.application_id IN (SELECT a.id \(owned))")) {
                let applicationID: Int64 = try row.decode(forColumn: "application_id")
                let direction: FeedbackDirection = try row.known("direction", stored: ("feedback", "direction"), rowID: nil)
                feedback[applicationID, default: [:]][direction] = Feedback(
                    applicationID: applicationID, direction: direction, rating: try row.decode(forColumn: "rating"), strengths: try row.decode(forColumn: "strengths"),
                    improvements: try row.decode(forColumn: "improvements"), comment: try row.decode(forColumn: "comment"),
                    skillsDemonstrated: direction == .organizationToStudent ? skills[applicationID] ?? [] : [],
                    createdAt: try row.decode(forColumn: "created_at"))
            }

            return try rows.compactMap { row -> PortfolioEntry? in
                let applicationID: Int64 = try row.decode(forColumn: "id")
                let opportunityID: Int64 = try row.decode(forColumn: "opportunity_id")
                guard let opportunity = try Self.fetchOpportunity(db, where: "o.id = \(opportunityID)") else { return nil }
                return PortfolioEntry(
                    applicationID: applicationID, opportunity: opportunity,
                    startedOn: Self.day(of: try row.decode(forColumn: "started_at")), completedOn: Self.day(of: try row.decode(forColumn: "completed_at")),
                    deliverableLink: try row.decode(forColumn: "deliverable_link"),
                    fromOrganization: feedback[applicationID]?[.organizationToStudent],
                    fromStudent: feedback[applicationID]?[.studentToOrganization])
            }
        }
    }

    /// The column holding the link to a student's finished work, given when marking it delivered.
    static let deliverableLinkColumn = "a.deliverable_link"

    /// The local calendar day of a stored timestamp, as deadlines are reckoned.
    static func day(of timestamp: String?) -> CalendarDay? {
        timestamp.flatMap(Timestamp.date).map { CalendarDay($0) }
    }
}
