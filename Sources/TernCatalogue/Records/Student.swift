import GRDB

extension Catalogue {
    /// A student's profile by login, or nil for a guest.
    public func student(username: String) throws -> Student? {
        try read { try Self.fetchStudent($0, username: username) }
    }

    static func fetchStudent(_ db: Database, username: String) throws -> Student? {
        // Bound as a C string, "tnguyen<NUL>x" would find "tnguyen"; no stored login is like it.
        guard StoredText.username.refusal(of: username) == nil,
              let row = try Row.fetchOne(db, sql: "SELECT * FROM students WHERE username = ?", arguments: [username]) else { return nil }
        let id: Int64 = row["id"]
        let skills = try Row.fetchAll(db, sql: """
            SELECT s.name, ss.level FROM student_skills ss JOIN skills s ON s.id = ss.skill_id
            WHERE ss.student_id = ? ORDER BY s.name COLLATE NOCASE
            """, arguments: [id]).map {
                StudentSkill(name: $0["name"], level: try $0.known("level", stored: ("student_skills", "level"), rowID: nil))
            }
        let interests: [Field] = try Row.fetchAll(db, sql: "SELECT field FROM student_interests WHERE student_id = ? ORDER BY field", arguments: [id])
            .map { try $0.known("field", stored: ("student_interests", "field"), rowID: nil) }
        let links = try String.fetchAll(db, sql: "SELECT url FROM student_links WHERE student_id = ? ORDER BY position", arguments: [id])
        return Student(id: id, username: row["username"], name: row["name"], email: row["email"], program: row["program"],
                       graduationYear: row["graduation_year"], skills: skills, interests: interests,
                       hoursPerWeek: row["hours_per_week"], portfolioLinks: links,
                       directoryOptOut: row["directory_opt_out"], version: row["version"])
    }

    /// The id of the student at the terminal, or the refusal every student action gives a guest.
    static func studentID(_ db: Database, username: String) throws -> Int64 {
        // Bound as a C string, "tnguyen<NUL>x" would be taken for "tnguyen".
        try StoredText.username.check(username)
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM students WHERE username = ?", arguments: [username]) else {
            throw CatalogueError.refused("no student profile for \(username); ask the career center to create one")
        }
        return id
    }

    @discardableResult
    static func insertStudent(_ db: Database, _ student: Student, createdAt: String) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO students(username, name, email, program, graduation_year, hours_per_week, directory_opt_out, created_at)
            VALUES (?,?,?,?,?,?,?,?)
            """, arguments: [student.username, student.name, student.email, student.program, student.graduationYear,
                             student.hoursPerWeek, student.directoryOptOut, createdAt])
        let id = db.lastInsertedRowID
        for skill in student.skills {
            try db.execute(sql: "INSERT OR IGNORE INTO student_skills(student_id, skill_id, level) VALUES (?,?,?)",
                           arguments: [id, try skillID(db, named: skill.name), skill.level.rawValue])
        }
        for field in Set(student.interests) {
            try db.execute(sql: "INSERT INTO student_interests(student_id, field) VALUES (?,?)", arguments: [id, field.rawValue])
        }
        for (position, url) in student.portfolioLinks.enumerated() {
            try StoredText.portfolioLink.check(url)
            try db.execute(sql: "INSERT INTO student_links(student_id, position, url) VALUES (?,?,?)", arguments: [id, position + 1, url])
        }
        return id
    }
}
