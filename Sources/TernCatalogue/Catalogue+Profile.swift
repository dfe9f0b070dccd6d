import Foundation
internal import GRDB

extension Catalogue {
    /// Replaces the student's skills, interests and weekly hours, if nobody saved the profile
    /// since `expectedVersion` was read (a second terminal, staff at the career center).
    ///
    /// ```swift
    /// let me = try catalogue.student(username: "aokafor")!
    /// let updated = try catalogue.updateProfile(of: me.username, skills: me.skills + [StudentSkill(name: "Figma", level: .beginner)],
    ///                                           interests: me.interests, hoursPerWeek: 8, expectedVersion: me.version)
    /// ```
    @discardableResult
    public func updateProfile(
        of username: String, skills: [StudentSkill], interests: [Field], hoursPerWeek: Int, expectedVersion: Int,
        now: Date = Date()
    ) throws -> Student {
        guard (0...80).contains(hoursPerWeek) else { throw CatalogueError.invalid("hours per week must be 0 to 80") }
        let skills = try Self.profileSkills(skills)
        return try write { db in
            let studentID = try Self.studentID(db, username: username)
            let current = try Int.fetchOne(db, SQLRequest(literal: "SELECT version FROM students WHERE id = \(studentID)")) ?? 0
            guard current == expectedVersion else {
                throw CatalogueError.versionConflict(expected: expectedVersion, current: current)
            }
            try db.execute(literal: """
                UPDATE students SET hours_per_week = \(hoursPerWeek), version = version + 1 WHERE id = \(studentID) AND version = \(expectedVersion)
                """)
            guard db.changesCount == 1 else {
                throw CatalogueError.versionConflict(expected: expectedVersion, current: expectedVersion + 1)
            }
            try db.execute(literal: "DELETE FROM student_skills WHERE student_id = \(studentID)")
            for skill in skills {
                let skillID = try Self.matchingSkillID(db, named: skill.name)
                try db.execute(literal: "INSERT OR IGNORE INTO student_skills(student_id, skill_id, level) VALUES (\(studentID), \(skillID), \(skill.level))")
            }
            try db.execute(literal: "DELETE FROM student_interests WHERE student_id = \(studentID)")
            for field in Set(interests).sorted() {
                try db.execute(literal: "INSERT INTO student_interests(student_id, field) VALUES (\(studentID), \(field))")
            }
            return try Self.fetchStudent(db, username: username).readBack("the profile of \(username)")
        }
    }

    /// Skills as a profile stores them: trimmed (what a person typed into a form), named,
    /// storable as ``StoredText/skill``, each once regardless of case (the first spelling and
    /// level win).
    static func profileSkills(_ skills: [StudentSkill]) throws -> [StudentSkill] {
        var seen = Set<String>()
        var result: [StudentSkill] = []
        for skill in skills {
            let name = skill.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { throw CatalogueError.invalid("a skill needs a name") }
            try StoredText.skill.check(name)
            if seen.insert(name.lowercased()).inserted { result.append(StudentSkill(name: name, level: skill.level)) }
        }
        return result
    }

    /// The existing skill whatever the case the student typed it in, else a new one. `skills.name`
    /// is COLLATE NOCASE, which folds ASCII only, so other scripts are compared in Swift.
    static func matchingSkillID(_ db: Database, named name: String) throws -> Int64 {
        if name.unicodeScalars.contains(where: { !$0.isASCII }) {
            let folded = name.lowercased()
            let match = try Row.fetchAll(db, sql: "SELECT id, name FROM skills ORDER BY id")
                .first { try $0.decode(String.self, forColumn: "name").lowercased() == folded }
            if let match { return try match.decode(forColumn: "id") }
        }
        return try skillID(db, named: name)
    }
}
