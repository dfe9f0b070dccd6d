internal import GRDB

extension Catalogue {
    /// A student's profile by login, or nil for a guest.
    public func student(username: String) throws -> Student? {
        try read { try Self.fetchStudent($0, username: username) }
    }

    static func fetchStudent(_ db: Database, username: String) throws -> Student? {
        // Bound as a C string, "tnguyen<NUL>x" would find "tnguyen"; no stored login is like it.
        guard StoredText.username.refusal(of: username) == nil,
              let row = try Row.fetchOne(db, SQLRequest(literal: "SELECT * FROM students WHERE username = \(username)")) else { return nil }
        let id: Int64 = try row.decode(forColumn: "id")
        let skills = try Row.fetchAll(db, SQLRequest(literal: """
            SELECT s.name, ss.level FROM student_skills ss JOIN skills s ON s.id = ss.skill_id
            WHERE ss.student_id = \(id) ORDER BY s.name COLLATE NOCASE
            """)).map {
                StudentSkill(name: try $0.decode(forColumn: "name"), level: try $0.known("level", stored: ("student_skills", "level"), rowID: nil))
            }
        let interests: [Field] = try Row.fetchAll(db, SQLRequest(literal: "SELECT field FROM student_interests WHERE student_id = \(id) ORDER BY field"))
            .map { try $0.known("field", stored: ("student_interests", "field"), rowID: nil) }
        let links = try String.fetchAll(db, SQLRequest(literal: "SELECT url FROM student_links WHERE student_id = \(id) ORDER BY position"))
        return Student(id: id, username: try row.decode(forColumn: "username"), name: try row.decode(forColumn: "name"),
                       email: try row.decode(forColumn: "email"), program: try row.decode(forColumn: "program"),
                       graduationYear: try row.decode(forColumn: "graduation_year"), skills: skills, interests: interests,
                       hoursPerWeek: try row.decode(forColumn: "hours_per_week"), portfolioLinks: links,
                       directoryOptOut: try row.decode(forColumn: "directory_opt_out"), version: try row.decode(forColumn: "version"))
    }

    /// The id of the student at the terminal, or the refusal every student action gives a guest.
    static func studentID(_ db: Database, username: String) throws -> Int64 {
        // Bound as a C string, "tnguyen<NUL>x" would be taken for "tnguyen".
        try StoredText.username.check(username)
        guard let id = try Int64.fetchOne(db, SQLRequest(literal: "SELECT id FROM students WHERE username = \(username)")) else {
            throw CatalogueError.refused("no student profile for \(username); ask the career center to create one")
        }
        return id
    }

    @discardableResult
    static func insertStudent(_ db: Database, _ student: Student, createdAt: String) throws -> Int64 {
        try db.execute(literal: """
            INSERT INTO students(username, name, email, program, graduation_year, hours_per_week, directory_opt_out, created_at)
            VALUES (\(student.username), \(student.name), \(student.email), \(student.program), \(student.graduationYear),
                    \(student.hoursPerWeek), \(student.directoryOptOut), \(createdAt))
            """)
        let id = db.lastInsertedRowID
        for skill in student.skills {
            let skillID = try skillID(db, named: skill.name)
            try db.execute(literal: "INSERT OR IGNORE INTO student_skills(student_id, skill_id, level) VALUES (\(id), \(skillID), \(skill.level))")
        }
        for field in Set(student.interests) {
            try db.execute(literal: "INSERT INTO student_interests(student_id, field) VALUES (\(id), \(field))")
        }
        for (position, url) in student.portfolioLinks.enumerated() {
            try StoredText.portfolioLink.check(url)
            try db.execute(literal: "INSERT INTO student_links(student_id, position, url) VALUES (\(id), \(position + 1), \(url))")
        }
        return id
    }
}
