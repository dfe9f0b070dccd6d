import Testing
import TernStore
@testable import TernPostgres

/// Who may read what is the database's business too: a student's role sees only that student's
/// records whatever SQL it runs, the kiosk reads only its view, and the group roles are made
/// once per cluster however many catalogues migrate at the same time.
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresAccessTests {
    /// Two students, each with an application (ids 1 and 2) to the same listing, a shared and a
    /// staff-only event on each.
    static func twoStudents(_ amy: String, _ bob: String) -> [String] {
        Array(FreshCatalogue.oneApplication.prefix(2)) + [
            """
            INSERT INTO students (id, username, name, email, created_at) VALUES
                (1, '\(amy)', 'Amy', 'amy@example.edu', '2026-09-01T09:00:00Z'),
                (2, '\(bob)', 'Bob', 'bob@example.edu', '2026-09-01T09:00:00Z')
            """,
            """
            INSERT INTO applications (id, student_id, opportunity_id, hours_offered, status, created_at, updated_at) VALUES
                (1, 1, 1, 10, 'submitted', '2026-11-10T18:04:55Z', '2026-11-10T18:04:55Z'),
                (2, 2, 1, 10, 'submitted', '2026-11-10T18:04:55Z', '2026-11-10T18:04:55Z')
            """,
            """
            INSERT INTO application_events (application_id, actor_role, actor_username, to_status, note, visibility, at)
            SELECT a.id, 'student', s.username, 'submitted', NULL, 'shared', '2026-11-10T18:04:55Z'
            FROM applications a JOIN students s ON s.id = a.student_id ORDER BY a.id
            """,
            """
            INSERT INTO application_events (application_id, actor_role, actor_username, note, visibility, at)
            SELECT id, 'staff', 'mokafor', 'internal: call the organization first', 'staff', '2026-11-11T09:00:00Z'
            FROM applications ORDER BY id
            """,
            "INSERT INTO audit_log (actor_username, actor_role, action, student_id, at) VALUES ('mokafor', 'advisor', 'viewed_record', 2, '2026-11-11T09:00:00Z')",
        ]
    }

    @Test func aStudentReadsOnlyTheirOwnApplicationsEvenWithPlainSQL() async throws {
        try await FreshCatalogue.withLogins(["amy", "bob"], granted: "tern_student") { session, logins in
            let (amy, bob) = (logins[0], logins[1])
            try await session.run(Self.twoStudents(amy, bob))
            try await session.run("SET ROLE \(amy)")
            #expect(try await session.column("SELECT id::text FROM applications") == ["1"])
            #expect(try await session.column("SELECT username FROM students") == [amy])
            // Her history, the shared part of it; nothing of Bob's, nor the audit trail about him.
            #expect(try await session.column("SELECT application_id || ' ' || visibility FROM application_events") == ["1 shared"])
            #expect(try await session.value("SELECT count(*) FROM audit_log") == "0")
            // Writing to another's records finds nothing to change, and cannot make one for him.
            try await session.run("UPDATE applications SET status = 'withdrawn' WHERE id = 2")
            await #expect(throws: CatalogueError.notPermitted("\(TestCluster.login) may not do that in this catalogue")) {
                try await session.run("""
                    INSERT INTO saved_opportunities (student_id, opportunity_id, saved_at) VALUES (2, 1, '2026-11-12T09:00:00Z')
                    """)
            }
            // Her own moves go through, chained by the database though she cannot see the rest.
            try await session.run("UPDATE applications SET status = 'withdrawn' WHERE id = 1")
            try await session.run("""
                INSERT INTO application_events (application_id, actor_role, actor_username, from_status, to_status, visibility, at)
                VALUES (1, 'student', '\(amy)', 'submitted', 'withdrawn', 'shared', '2026-11-12T09:00:00Z')
                """)
            await #expect(throws: CatalogueError.notPermitted("\(TestCluster.login) may not do that in this catalogue")) {
                try await session.run("SELECT count(*) FROM triage_claims")
            }
            try await session.run("RESET ROLE")
            #expect(try await session.column("SELECT status FROM applications ORDER BY id") == ["withdrawn", "submitted"])
            #expect(try await session.value("SELECT id FROM application_events WHERE from_status = 'withdrawn' OR to_status = 'withdrawn'") == "5")
        }
    }

    @Test func aStudentMakesOnlyAStudentsMoves() async throws {
        try await FreshCatalogue.withLogins(["amy", "bob"], granted: "tern_student") { session, logins in
            try await session.run(Self.twoStudents(logins[0], logins[1]))
            try await session.run("SET ROLE \(logins[0])")
            await #expect(throws: CatalogueError.notPermitted("\(TestCluster.login) may not do that in this catalogue")) {
                try await session.run("UPDATE applications SET status = 'under_review' WHERE id = 1")
            }
            try await session.run("RESET ROLE")
            #expect(try await session.value("SELECT status FROM applications WHERE id = 1") == "submitted")
            try await session.run("UPDATE applications SET status = 'under_review' WHERE id = 1")
            try await session.run("UPDATE applications SET status = 'shortlisted' WHERE id = 1")
            try await session.run("UPDATE applications SET status = 'offered' WHERE id = 1")
            try await session.run("SET ROLE \(logins[0])")
            try await session.run("UPDATE applications SET status = 'accepted' WHERE id = 1")
            try await session.run("RESET ROLE")
            #expect(try await session.value("SELECT status || ' ' || version FROM applications WHERE id = 1") == "accepted 5")
        }
    }

    @Test func theStudentPolicyWalksAnIndex() async throws {
        try await FreshCatalogue.withLogins(["amy", "bob"], granted: "tern_student") { session, logins in
            try await session.run(Self.twoStudents(logins[0], logins[1]))
            try await session.run("SET ROLE \(logins[0])")
            let plan = try await session.column("EXPLAIN SELECT * FROM applications").compactMap { $0 }.joined(separator: "\n")
            #expect(plan.contains("students_username_key"), "\(plan)")
            #expect(!plan.contains("Seq Scan on students"), "\(plan)")
        }
    }

    @Test func staffSeeEveryStudentsRecords() async throws {
        try await FreshCatalogue.withLogins(["amy", "bob", "mokafor"], granted: "tern_student") { session, logins in
            try await session.run(Self.twoStudents(logins[0], logins[1]))
            try await session.run("REVOKE tern_student FROM \(logins[2])")
            try await session.run("GRANT tern_advisor TO \(logins[2])")
            try await session.run("SET ROLE \(logins[2])")
            #expect(try await session.value("SELECT count(*) FROM applications") == "2")
            #expect(try await session.value("SELECT count(*) FROM application_events") == "4")
            await #expect(throws: CatalogueError.notPermitted("\(TestCluster.login) may not do that in this catalogue")) {
                try await session.run("UPDATE settings SET value = 'EUR' WHERE key = 'home_currency'")
            }
        }
    }

    @Test func theKioskReadsItsViewOfApprovedOpenListingsAndNoTable() async throws {
        try await FreshCatalogue.withLogins(["lobby"], granted: "tern_kiosk") { session, logins in
            try await session.run(Self.twoStudents("amy", "bob"))
            try await session.run("""
                INSERT INTO opportunities (ref, organization_id, title, field, hours, duration_days, schedule, deadline,
                    compensation_kind, location_kind, status, approval, posted_at, updated_at)
                VALUES ('TDK-2', 1, 'Waiting for review', 'design', 5, 5, 'fixed', '2027-01-31', 'unpaid', 'remote', 'open', 'pending',
                        '2026-11-02T09:00:00Z', '2026-11-02T09:00:00Z'),
                       ('TDK-3', 1, 'Closed already', 'design', 5, 5, 'fixed', '2027-01-31', 'unpaid', 'remote', 'closed', 'approved',
                        '2026-11-02T09:00:00Z', '2026-11-02T09:00:00Z')
                """)
            try await session.run("SET ROLE \(logins[0])")
            #expect(try await session.column("SELECT ref || ' ' || organization FROM kiosk_listings") == ["TDK-1 東京デザイン工房"])
            for table in ["opportunities", "organizations", "students", "applications", "audit_log"] {
                await #expect(throws: CatalogueError.notPermitted("\(TestCluster.login) may not do that in this catalogue"), "\(table)") {
                    try await session.run("SELECT count(*) FROM \(table)")
                }
            }
            // Every opening checks the version, the kiosk's too.
            try await PostgresSchema.check(session)
        }
    }

    /// Roles belong to the cluster: catalogues migrated side by side, and catalogues whose roles
    /// were made before them, all reach the current version.
    @Test func cataloguesMigratedAtOnceShareTheGroupRoles() async throws {
        async let first: Int = FreshCatalogue.migrated { try await PostgresSchema.version(of: $0) }
        async let second: Int = FreshCatalogue.migrated { try await PostgresSchema.version(of: $0) }
        async let third: Int = FreshCatalogue.migrated { try await PostgresSchema.version(of: $0) }
        #expect(try await [first, second, third] == Array(repeating: PostgresSchema.currentVersion, count: 3))
    }

    /// No table a student can read holds students' rows without row-level security, and the
    /// kiosk can read nothing but its view (and the schema's version).
    @Test func everyTableWithStudentsRowsHasRowLevelSecurity() async throws {
        try await FreshCatalogue.migrated { session in
            let exposed = try await session.column("""
                SELECT c.relname::text FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND NOT c.relrowsecurity
                  AND has_table_privilege('tern_student', c.oid, 'SELECT')
                  AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND NOT a.attisdropped
                              AND a.attname IN ('student_id', 'application_id', 'username'))
                """)
            #expect(exposed == [])
            let kiosk = try await session.column("""
                SELECT c.relname::text FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND has_table_privilege('tern_kiosk', c.oid, 'SELECT')
                ORDER BY 1
                """)
            #expect(kiosk == ["kiosk_listings", "tern_schema_migrations"])
        }
    }
}
