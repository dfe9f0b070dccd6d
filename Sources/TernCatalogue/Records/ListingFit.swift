internal import GRDB

extension Catalogue {
    /// How `listing` fits the student `username`; nil when either does not exist (drafts do not
    /// exist for students).
    ///
    /// ```swift
    /// if let fit = try catalogue.fit(of: listing.id, for: me.username), fit.fitsHours { … }
    /// ```
    public func fit(of opportunityID: Int64, for username: String) throws -> ListingFit? {
        try read { db in
            guard let student = try Row.fetchOne(db, SQLRequest(literal: "SELECT id, hours_per_week FROM students WHERE username = \(username)")),
                  let listing = try Row.fetchOne(db, SQLRequest(literal: """
                      SELECT id, field, hours, duration_days FROM opportunities WHERE id = \(opportunityID) AND status <> 'draft'
                      """))
            else { return nil }
            let studentID: Int64 = try student.decode(forColumn: "id")
            let field: Field = try listing.known("field", stored: ("opportunities", "field"))
            let skills = try Row.fetchAll(db, SQLRequest(literal: """
                SELECT s.name, EXISTS (SELECT 1 FROM student_skills ss WHERE ss.student_id = \(studentID) AND ss.skill_id = s.id) AS mine
                FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id
                WHERE os.opportunity_id = \(opportunityID) ORDER BY s.name COLLATE NOCASE
                """))
            let interested = try Bool.fetchOne(db, SQLRequest(literal: """
                SELECT 1 FROM student_interests WHERE student_id = \(studentID) AND field = \(field)
                """)) ?? false
            return ListingFit(
                listingSkills: try skills.map { try $0.decode(forColumn: "name") },
                matchedSkills: try skills.filter { try $0.decode(forColumn: "mine") }.map { try $0.decode(forColumn: "name") },
                inInterests: interested,
                weeklyHours: ListingFit.weeklyHours(hours: try listing.decode(forColumn: "hours"),
                                                    durationDays: try listing.decode(forColumn: "duration_days")),
                hoursPerWeek: try student.decode(forColumn: "hours_per_week"))
        }
    }
}
