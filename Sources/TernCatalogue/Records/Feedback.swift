import GRDB

/// Which way feedback flows: the organization about the student's work, or the student about
/// the organization.
public enum FeedbackDirection: String, Codable, Sendable, CaseIterable {
    case organizationToStudent = "organization_to_student"
    case studentToOrganization = "student_to_organization"
}

/// Feedback on a completed micro-internship.
public struct Feedback: Sendable, Hashable {
    public var applicationID: Int64
    public var direction: FeedbackDirection
    /// 1 to 5.
    public var rating: Int
    public var strengths: String?
    public var improvements: String?
    public var comment: String?
    public var skillsDemonstrated: [String]
    public var createdAt: String
}

extension Catalogue {
    static func insertFeedback(
        _ db: Database, application: Int64, direction: FeedbackDirection, rating: Int, strengths: String?,
        improvements: String?, comment: String?, skills: [String], at: String
    ) throws {
        try db.execute(sql: """
            INSERT INTO feedback(application_id, direction, rating, strengths, improvements, comment, created_at)
            VALUES (?,?,?,?,?,?,?)
            """, arguments: [application, direction.rawValue, rating, strengths, improvements, comment, at])
        for skill in uniqueIgnoringCase(skills) {
            try db.execute(sql: "INSERT INTO feedback_skills(application_id, skill_id) VALUES (?,?)",
                           arguments: [application, try skillID(db, named: skill)])
        }
    }

    /// Feedback on an application, as `actor` may see it (students: only their own).
    public func feedback(on applicationID: Int64, as actor: Actor) throws -> [Feedback] {
        try read { db in
            _ = try Self.applicationVisible(db, id: applicationID, to: actor)
            let skills = try String.fetchAll(db, sql: """
                SELECT s.name FROM feedback_skills fs JOIN skills s ON s.id = fs.skill_id
                WHERE fs.application_id = ? ORDER BY s.name COLLATE NOCASE
                """, arguments: [applicationID])
            return try Row.fetchAll(db, sql: "SELECT * FROM feedback WHERE application_id = ? ORDER BY direction", arguments: [applicationID]).map { row in
                let direction = FeedbackDirection(rawValue: row["direction"]) ?? .organizationToStudent
                return Feedback(applicationID: applicationID, direction: direction, rating: row["rating"],
                                strengths: row["strengths"], improvements: row["improvements"], comment: row["comment"],
                                skillsDemonstrated: direction == .organizationToStudent ? skills : [], createdAt: row["created_at"])
            }
        }
    }
}
