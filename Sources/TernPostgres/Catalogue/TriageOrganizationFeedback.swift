import Foundation
import PostgresNIO
import TernStore

extension PostgresCatalogue {
    /// The organization's feedback on completed work, entered by a named staff member on its
    /// behalf: checked before the transaction (the rating's range, each text's storage rule,
    /// blank texts kept as absent), then written under the application's row lock, so a second
    /// feedback racing the first waits and is refused in words.
    func recordFeedbackForOrganization(_ applicationID: Int64, rating: Int, strengths: String?, improvements: String?, comment: String?,
                                       skills: [String], session: TriageSession, now: Date) async throws -> Feedback {
        guard (1...5).contains(rating) else { throw CatalogueError.invalid("a rating is 1 to 5 stars") }
        let strengths = try StoredText.strengths.check(Self.nonEmpty(strengths))
        let improvements = try StoredText.improvements.check(Self.nonEmpty(improvements))
        let comment = try StoredText.comment.check(Self.nonEmpty(comment))
        return try await write { transaction in
            let application = try await transaction.applicationVisible(applicationID, to: session.actor, locking: true)
            guard application.status == .completed else {
                throw CatalogueError.refused("feedback is recorded once the work is completed (application \(applicationID) is \(application.status.rawValue))")
            }
            let direction = FeedbackDirection.organizationToStudent
            let already = try await transaction.rows { s in
                s.append("SELECT 1 FROM feedback WHERE application_id = \(s.bind(applicationID)) AND direction = \(s.bind(direction.rawValue))")
            }
            guard already.isEmpty else {
                throw CatalogueError.refused("the organization's feedback on application \(applicationID) is already recorded")
            }
            let stamp = Timestamp.string(now)
            try await transaction.execute { s in
                s.append("""
                    INSERT INTO feedback(application_id, direction, rating, strengths, improvements, comment, created_at, entered_by)
                    VALUES (\(s.bind(applicationID)), \(s.bind(direction.rawValue)), \(s.bind(Int64(rating))), \(s.bind(text: strengths)),
                            \(s.bind(text: improvements)), \(s.bind(text: comment)), \(s.bind(stamp)), \(s.bind(session.username)))
                    """)
            }
            for skill in Self.uniqueIgnoringCase(skills) {
                let skillID = try await transaction.skillNamed(skill)
                try await transaction.execute { s in
                    s.append("INSERT INTO feedback_skills(application_id, skill_id) VALUES (\(s.bind(applicationID)), \(s.bind(skillID)))")
                }
            }
            let organization = try await transaction.organizationBehind(application: applicationID)
            try await transaction.appendEvent(application: applicationID, actor: Actor(role: .organization, username: organization),
                                              from: nil, to: nil, note: "feedback recorded (\(rating)/5)", visibility: .shared, at: stamp,
                                              enteredBy: session.username)
            return Feedback(applicationID: applicationID, direction: direction, rating: rating, strengths: strengths,
                            improvements: improvements, comment: comment, skillsDemonstrated: skills, createdAt: stamp)
        }
    }

    private static func uniqueIgnoringCase(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0.lowercased()).inserted }
    }
}

extension PostgresTransaction {
    /// The id of the skill called `name` in any ASCII case (SQLite's NOCASE), added when new.
    /// Two writers adding the same new skill both end with the one row.
    func skillNamed(_ name: String) async throws -> Int64 {
        let found = try await rows { s in
            s.append("SELECT id FROM skills WHERE tern_nocase(name) = tern_nocase(\(s.bind(name)))")
        }
        if let row = found.first { return try ListingRecords.value(row, "id", table: "skills") }
        let added = try await rows { s in
            s.append("INSERT INTO skills(name) VALUES (\(s.bind(name))) ON CONFLICT (tern_nocase(name)) DO NOTHING RETURNING id")
        }
        if let row = added.first { return try ListingRecords.value(row, "id", table: "skills") }
        return try await rows { s in
            s.append("SELECT id FROM skills WHERE tern_nocase(name) = tern_nocase(\(s.bind(name)))")
        }.first.map { try ListingRecords.value($0, "id", table: "skills") as Int64 }.readBack("the skill \(name)")
    }
}
