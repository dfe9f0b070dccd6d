import Foundation
import GRDB
@testable import TernPostgres

/// Copies the listings side of an SQLite catalogue (organizations, skills, listings with their
/// deliverables and skills, students with their skills, interests and saved listings, settings)
/// into a migrated PostgreSQL catalogue, row by row as SQLite holds it: a test's own loader, so
/// that the parity tests compare two back ends holding the same rows (the real copier is
/// `tern migrate --to`).
enum SQLiteCatalogueCopy {
    static let tables = [
        "organizations", "skills", "opportunities", "opportunity_deliverables", "opportunity_skills",
        "students", "student_skills", "student_interests", "saved_opportunities",
    ]

    static func copy(from path: String, into session: PostgresSession) async throws {
        var configuration = Configuration()
        configuration.readonly = true
        let source = try DatabaseQueue(path: path, configuration: configuration)
        let statements = try await source.read { db -> [String] in
            var statements: [String] = []
            for table in tables {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                    let columns = row.columnNames.joined(separator: ", ")
                    let values = row.databaseValues.map(literal).joined(separator: ", ")
                    statements.append("INSERT INTO \(table) (\(columns)) VALUES (\(values))")
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM settings") {
                statements.append("""
                    INSERT INTO settings (key, value) VALUES (\(literal(row[0])), \(literal(row[1])))
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """)
            }
            return statements
        }
        try await session.run(statements)
        // Ids were copied: each sequence continues after them (the trap of every such copy).
        for table in ["organizations", "skills", "opportunities", "students"] {
            try await session.run("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), (SELECT max(id) FROM \(table)))")
        }
    }

    /// A value as an untyped SQL literal, which PostgreSQL reads as the column's type (0 and 1
    /// as booleans too).
    private static func literal(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let number): "'\(number)'"
        case .double(let number): "'\(number)'"
        case .string(let text): "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob: "NULL"
        }
    }
}
