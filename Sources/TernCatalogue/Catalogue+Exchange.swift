import Foundation
import GRDB

/// What an import did (or, with a dry run, would do).
public struct ImportSummary: Sendable, Equatable {
    public var subject: String
    public var inserted = 0
    public var updated = 0
}

extension Catalogue {
    /// Imports a CSV or JSON file of opportunities, students or applications as ONE transaction:
    /// the first bad row throws an ``ImportError`` with its line and column, and nothing is written.
    ///
    /// ```swift
    /// let summary = try catalogue.importFile(Data(contentsOf: url), format: .csv)
    /// ```
    public func importFile(_ data: Data, format: ExchangeFormat, dryRun: Bool = false, now: Date = Date()) throws -> ImportSummary {
        let text = try ExchangeReader.decode(data, format: format)
        let (subject, rows) = try ExchangeReader.rows(text: text, format: format, subject: nil)
        var summary = ImportSummary(subject: subject.rawValue)
        // Validate everything before touching the database, so a dry run checks as much as a real one.
        switch subject {
        case .opportunities:
            var firstLine: [String: Int] = [:]
            var records: [Opportunity] = []
            for row in rows {
                let opportunity = try ExchangeValidation.opportunity(row, now: now)
                if let line = firstLine[opportunity.ref] {
                    throw row.error("ref", "duplicate ref \"\(opportunity.ref)\" (first on line \(line))")
                }
                firstLine[opportunity.ref] = row.line
                records.append(opportunity)
            }
            try writeImport(dryRun: dryRun) { db in
                for record in records {
                    let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM opportunities WHERE ref = ?", arguments: [record.ref]) ?? false
                    try Self.upsertOpportunity(db, record, now: now)
                    if exists { summary.updated += 1 } else { summary.inserted += 1 }
                }
            }
        case .students:
            var firstLine: [String: Int] = [:]
            var records: [(ExchangeRow, Student)] = []
            for row in rows {
                let student = try ExchangeValidation.student(row)
                if let line = firstLine[student.username] {
                    throw row.error("username", "duplicate username \"\(student.username)\" (first on line \(line))")
                }
                firstLine[student.username] = row.line
                records.append((row, student))
            }
            try writeImport(dryRun: dryRun) { db in
                for (_, student) in records {
                    if let id = try Int64.fetchOne(db, sql: "SELECT id FROM students WHERE username = ?", arguments: [student.username]) {
                        try db.execute(sql: "DELETE FROM student_skills WHERE student_id = ?; DELETE FROM student_interests WHERE student_id = ?; DELETE FROM student_links WHERE student_id = ?", arguments: [id, id, id])
                        try Self.replaceStudent(db, id: id, with: student)
                        summary.updated += 1
                    } else {
                        try Self.insertStudent(db, student, createdAt: Timestamp.string(now))
                        summary.inserted += 1
                    }
                }
            }
        case .applications:
            try importApplications(rows, dryRun: dryRun, now: now, summary: &summary)
        }
        return summary
    }

    /// Runs the import's writes; a dry run rolls them back so that database-level checks
    /// (constraints, triggers) still get their say.
    private func writeImport(dryRun: Bool, _ body: (Database) throws -> Void) throws {
        struct DryRunRollback: Error {}
        do {
            try write { db in
                try body(db)
                if dryRun { throw DryRunRollback() }
            }
        } catch is DryRunRollback {}
    }

    static func replaceStudent(_ db: Database, id: Int64, with student: Student) throws {
        try db.execute(sql: """
            UPDATE students SET username = ?, name = ?, email = ?, program = ?, graduation_year = ?, hours_per_week = ?,
                directory_opt_out = ?, version = version + 1 WHERE id = ?
            """, arguments: [student.username, student.name, student.email, student.program, student.graduationYear,
                             student.hoursPerWeek, student.directoryOptOut, id])
        for skill in student.skills {
            try db.execute(sql: "INSERT OR REPLACE INTO student_skills(student_id, skill_id, level) VALUES (?,?,?)",
                           arguments: [id, try skillID(db, named: skill.name), skill.level.rawValue])
        }
        for field in Set(student.interests) {
            try db.execute(sql: "INSERT INTO student_interests(student_id, field) VALUES (?,?)", arguments: [id, field.rawValue])
        }
        for (position, url) in student.portfolioLinks.enumerated() {
            try db.execute(sql: "INSERT INTO student_links(student_id, position, url) VALUES (?,?,?)", arguments: [id, position + 1, url])
        }
    }
}
