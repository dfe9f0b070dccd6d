import Foundation
internal import GRDB

extension Catalogue {
    /// Writes validated student records inside the import's write transaction: new logins are
    /// inserted, existing ones replaced (profile, skills, interests and links). Logins and skills
    /// are looked up in bulk and each statement is prepared once, to keep the write lock short.
    static func writeStudents(_ db: Database, _ records: [Student], now: Date,
                              progress: ImportProgressMeter? = nil) throws -> (inserted: Int, updated: Int) {
        let existing = try KeyedIDs(db, table: "students", column: "username", keys: records.map(\.username))
        var skills = try KeyedIDs(db, table: "skills", column: "name", keys: records.lazy.flatMap { $0.skills.map(\.name) },
                                  fold: KeyedIDs.nocase)
        let addSkill = try db.cachedStatement(sql: "INSERT INTO skills(name) VALUES (?)")
        for skill in records.lazy.flatMap(\.skills) where skills[skill.name] == nil {
            try addSkill.execute(arguments: [skill.name])
            skills.add(skill.name, id: db.lastInsertedRowID)
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO students(name, email, program, graduation_year, hours_per_week, directory_opt_out, username, created_at)
            VALUES (?,?,?,?,?,?,?,?)
            """)
        let update = try db.cachedStatement(sql: """
            UPDATE students SET name = ?, email = ?, program = ?, graduation_year = ?, hours_per_week = ?,
                directory_opt_out = ?, version = version + 1 WHERE id = ?
            """)
        let clear = try ["student_skills", "student_interests", "student_links"].map {
            try db.cachedStatement(sql: "DELETE FROM \($0) WHERE student_id = ?")
        }
        let addStudentSkill = try db.cachedStatement(sql: "INSERT INTO student_skills(student_id, skill_id, level) VALUES (?,?,?)")
        let addInterest = try db.cachedStatement(sql: "INSERT INTO student_interests(student_id, field) VALUES (?,?)")
        let addLink = try db.cachedStatement(sql: "INSERT INTO student_links(student_id, position, url) VALUES (?,?,?)")
        let createdAt = Timestamp.string(now)
        var counts = (inserted: 0, updated: 0)
        for (index, student) in records.enumerated() {
            progress?.advance(to: index)
            let profile: StatementArguments = [student.name, student.email, student.program, student.graduationYear,
                                               student.hoursPerWeek, student.directoryOptOut]
            let id: Int64
            if let current = existing[student.username] {
                try update.execute(arguments: profile + [current])
                for statement in clear { try statement.execute(arguments: [current]) }
                id = current
                counts.updated += 1
            } else {
                try insert.execute(arguments: profile + [student.username, createdAt])
                id = db.lastInsertedRowID
                counts.inserted += 1
            }
            for skill in student.skills {
                try addStudentSkill.execute(arguments: [id, skills[skill.name], skill.level.rawValue])
            }
            for field in Set(student.interests).sorted() {
                try addInterest.execute(arguments: [id, field.rawValue])
            }
            for (position, url) in student.portfolioLinks.enumerated() {
                try addLink.execute(arguments: [id, position + 1, url])
            }
        }
        return counts
    }
}
