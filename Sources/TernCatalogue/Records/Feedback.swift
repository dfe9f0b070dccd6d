import Foundation
internal import GRDB

/// What a person types into feedback, checked before the write lock is taken: the rating's
/// range and each text's storage rule. Empty texts are kept as absent.
struct FeedbackTexts {
    let rating: Int
    let strengths: String?
    let improvements: String?
    let comment: String?

    init(rating: Int, strengths: String?, improvements: String?, comment: String?) throws {
        guard (1...5).contains(rating) else { throw CatalogueError.invalid("a rating is 1 to 5 stars") }
        self.rating = rating
        self.strengths = try StoredText.strengths.check(Catalogue.nonEmpty(strengths))
        self.improvements = try StoredText.improvements.check(Catalogue.nonEmpty(improvements))
        self.comment = try StoredText.comment.check(Catalogue.nonEmpty(comment))
    }
}

extension Catalogue {
    /// Feedback goes one way once per application: a second one is refused with `message`.
    static func refuseSecondFeedback(_ db: Database, application: Int64, direction: FeedbackDirection, _ message: String) throws {
        if try Bool.fetchOne(db, SQLRequest(literal: "SELECT 1 FROM feedback WHERE application_id = \(application) AND direction = \(direction)")) == true {
            throw CatalogueError.refused(message)
        }
    }

    static func insertFeedback(
        _ db: Database, application: Int64, direction: FeedbackDirection, rating: Int, strengths: String?,
        improvements: String?, comment: String?, skills: [String], at: String
    ) throws {
        try db.execute(literal: """
            INSERT INTO feedback(application_id, direction, rating, strengths, improvements, comment, created_at)
            VALUES (\(application), \(direction), \(rating), \(strengths), \(improvements), \(comment), \(at))
            """)
        for skill in uniqueIgnoringCase(skills) {
            let skillID = try skillID(db, named: skill)
            try db.execute(literal: "INSERT INTO feedback_skills(application_id, skill_id) VALUES (\(application), \(skillID))")
        }
    }

    /// Feedback on an application, as `actor` may see it (students: only their own).
    public func feedback(on applicationID: Int64, as actor: Actor) throws -> [Feedback] {
        try read { db in try Self.feedback(db, on: applicationID, as: actor) }
    }

    static func feedback(_ db: Database, on applicationID: Int64, as actor: Actor) throws -> [Feedback] {
        _ = try Self.applicationVisible(db, id: applicationID, to: actor)
        let skills = try String.fetchAll(db, SQLRequest(literal: """
            SELECT s.name FROM feedback_skills fs JOIN skills s ON s.id = fs.skill_id
            WHERE fs.application_id = \(applicationID) ORDER BY s.name COLLATE NOCASE
            """))
        return try Row.fetchAll(db, SQLRequest(literal: "SELECT * FROM feedback WHERE application_id = \(applicationID) ORDER BY direction")).map { row in
            let direction: FeedbackDirection = try row.known("direction", stored: ("feedback", "direction"))
            return Feedback(applicationID: applicationID, direction: direction, rating: try row.decode(forColumn: "rating"),
                            strengths: try row.decode(forColumn: "strengths"), improvements: try row.decode(forColumn: "improvements"),
                            comment: try row.decode(forColumn: "comment"),
                            skillsDemonstrated: direction == .organizationToStudent ? skills : [], createdAt: try row.decode(forColumn: "created_at"))
        }
    }
}

extension Catalogue {
    /// The student's word on the organization, once per finished micro-internship. Only the
    /// student's own application counts; to them, anyone else's does not exist.
    ///
    /// ```swift
    /// let review = try catalogue.rateOrganization(application: app.id, by: "aokafor", rating: 5,
    ///                                             comment: "Clear brief, quick answers.")
    /// review.direction   // .studentToOrganization
    /// ```
    @discardableResult
    public func rateOrganization(
        application applicationID: Int64, by username: String, rating: Int, strengths: String? = nil,
        improvements: String? = nil, comment: String? = nil, now: Date = Date()
    ) throws -> Feedback {
        let texts = try FeedbackTexts(rating: rating, strengths: strengths, improvements: improvements, comment: comment)
        return try write { db in
            let application = try Self.applicationVisible(db, id: applicationID, to: Actor(role: .student, username: username))
            guard application.status == .completed else {
                throw CatalogueError.refused("you can rate the organization once the work is completed")
            }
            let direction = FeedbackDirection.studentToOrganization
            try Self.refuseSecondFeedback(db, application: applicationID, direction: direction,
                                          "you have already rated this organization for this micro-internship")
            let stamp = Timestamp.string(now)
            try Self.insertFeedback(db, application: applicationID, direction: direction, rating: texts.rating, strengths: texts.strengths,
                                    improvements: texts.improvements, comment: texts.comment, skills: [], at: stamp)
            return Feedback(applicationID: applicationID, direction: direction, rating: texts.rating, strengths: texts.strengths,
                            improvements: texts.improvements, comment: texts.comment, skillsDemonstrated: [], createdAt: stamp)
        }
    }

    /// Blank answers are no answers: stored as NULL, so screens can tell "said nothing".
    static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
