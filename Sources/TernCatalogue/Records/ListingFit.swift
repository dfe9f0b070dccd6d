import GRDB

extension Catalogue {
    /// How `listing` fits the student `username`; nil when either does not exist (drafts do not
    /// exist for students).
    ///
    /// ```swift
    /// if let fit = try catalogue.fit(of: listing.id, for: me.username), fit.fitsHours { … }
    /// ```
    public func fit(of opportunityID: Int64, for username: String) throws -> ListingFit? {
        try read { db in
            guard let student = try Row.fetchOne(db, sql: "SELECT id, hours_per_week FROM students WHERE username = ?", arguments: [username]),
                  let listing = try Row.fetchOne(db, sql: "SELECT field, hours, duration_days FROM opportunities WHERE id = ? AND status <> 'draft'", arguments: [opportunityID])
            else { return nil }
            let studentID: Int64 = student["id"]
            let skills = try Row.fetchAll(db, sql: """
                SELECT s.name, EXISTS (SELECT 1 FROM student_skills ss WHERE ss.student_id = ? AND ss.skill_id = s.id) AS mine
                FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id
                WHERE os.opportunity_id = ? ORDER BY s.name COLLATE NOCASE
                """, arguments: [studentID, opportunityID])
            let interested = try Bool.fetchOne(db, sql: "SELECT 1 FROM student_interests WHERE student_id = ? AND field = ?",
                                               arguments: [studentID, listing["field"] as String]) ?? false
            return ListingFit(
                listingSkills: skills.map { $0["name"] }, matchedSkills: skills.filter { $0["mine"] }.map { $0["name"] },
                inInterests: interested,
                weeklyHours: ListingFit.weeklyHours(hours: listing["hours"], durationDays: listing["duration_days"]),
                hoursPerWeek: student["hours_per_week"])
        }
    }
}
