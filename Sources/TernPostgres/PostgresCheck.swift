import Foundation
import PostgresNIO
import TernStore

/// `tern check` on a PostgreSQL catalogue: the schema's version, its rules (every trigger there
/// and enabled), row-level security on every table of students' records, and both hash chains
/// recomputed by the server. Staff work: it reads every record (under a student's role, row-level
/// security would show a part of each chain, which would not verify).
public enum PostgresCheck {
    public struct Report: Sendable, Equatable {
        public var lines: [String] = []
        public var problems: [String] = []
        public var isHealthy: Bool { problems.isEmpty }
    }

    /// The tables holding a student's records: row-level security on each (``AccessV2``, ``RolesV5``).
    static let studentTables = ["students", "student_skills", "student_interests", "student_links", "applications",
                                "application_events", "feedback", "feedback_skills", "saved_opportunities", "saved_searches",
                                "student_updates_seen", "audit_log", "staff"]

    public static func run(_ session: PostgresSession) async throws -> Report {
        var report = Report()
        func ok(_ line: String) { report.lines.append(line) }
        func damage(_ line: String) { report.lines.append(line); report.problems.append(line) }

        let version = try await PostgresSchema.version(of: session)
        if version == PostgresSchema.currentVersion { ok("schema: v\(version)") } else {
            damage("schema: v\(version), expected v\(PostgresSchema.currentVersion) (an admin upgrades it with tern migrate)")
        }
        guard try await session.column("SELECT has_table_privilege('staff', 'SELECT')").first == "true" else {
            throw CatalogueError.notPermitted("checking a PostgreSQL catalogue reads every record: it is staff work")
        }
        let disabled = try await session.column("""
            SELECT c.relname || '.' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgenabled = 'D' ORDER BY 1
            """).compactMap { $0 }
        let present = Set(try await session.column("""
            SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND NOT t.tgisinternal
            """).compactMap { $0 })
        let missing = expectedTriggers.subtracting(present).sorted()
        if disabled.isEmpty && missing.isEmpty { ok("rules: \(present.count) triggers, all enabled") }
        for name in missing { damage("rules: the trigger \(name) is missing") }
        for name in disabled { damage("rules: the trigger \(name) is disabled") }

        let unprotected = try await session.column(PostgresQuery(unsafeSQL: """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relname = ANY(ARRAY[\(studentTables.map { "'\($0)'" }.joined(separator: ","))])
              AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
            ORDER BY 1
            """)).compactMap { $0 }
        if unprotected.isEmpty { ok("row-level security: on every table of students' records") }
        for table in unprotected { damage("row-level security: off on \(table)") }

        let history = try await PostgresCopyVerification.historyChainCounts(session)
        if history.broken == 0 { ok("history: \(history.total) rows verify in their hash chains") } else {
            damage("history: \(history.broken) of \(history.total) rows do not verify in their hash chains")
        }
        let audit = try await PostgresCopyVerification.auditChainCounts(session)
        if audit.broken == 0 { ok("audit log: \(audit.total) rows verify in its hash chain") } else {
            damage("audit log: \(audit.broken) of \(audit.total) rows do not verify in its hash chain")
        }
        return report
    }

    /// Every trigger the schema's steps make, by name: a test holds this to a fresh catalogue's.
    static let expectedTriggers: Set<String> = Set(expectedTriggerList)
    static var expectedTriggerList: [String] { TriggerNames.all }
}
