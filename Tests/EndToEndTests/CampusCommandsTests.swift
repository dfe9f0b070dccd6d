import Foundation
import Testing

/// The commands that work on a PostgreSQL catalogue, as real OS accounts on the test cluster:
/// anyone searches, a student applies and reads their updates as their own role, an admin
/// expires and upgrades; a command not on PostgreSQL yet says so in one line.
@Suite(.enabled(if: OSAccounts.isRoot && MigrateCommandTests.cluster != nil, "needs root (real OS accounts) and the PostgreSQL test cluster"))
struct CampusCommandsTests {
    @Test func searchApplyUpdatesExpireAndUpgradeWorkOnPostgreSQL() throws {
        let scratch = try Scratch()
        let demo = try MigratedDemo(scratch)
        defer { withExtendedLifetime(demo) {} }
        let (db, database, url) = (demo.file, demo.database, demo.url)
        // Staff commands and exports, before anything is written: the same bytes as from the file it was copied from.
        let exports = ["opportunities", "students", "applications"].flatMap { what in
            ["csv", "json"].map { ["export", "--what", what, "--format", $0] }
        }
        for command in [["postings", "list"], ["organizations", "list"], ["applications", "list", "--count", "5"], ["report"],
                        ["audit", "--student", "aokafor"], ["audit", "--actor", "rpatel", "--count", "30"]] + exports {
            let onServer = try TernProcess.run(command + ["--db", url])
            #expect(onServer.status == 0, "\(command): \(onServer.stderr)")
            #expect(!onServer.stdout.isEmpty)
            #expect(onServer.stdout == (try TernProcess.run(command + ["--db", db])).stdout, "\(command)")
        }

        let accounts = OSAccounts()
        let student = try accounts.user()
        _ = try MigrateCommandTests.psql(database, """
            INSERT INTO students (username, name, email, created_at) VALUES ('\(student)', 'Test Student', 't@example.edu', '2026-09-01T09:00:00Z');
            SELECT tern_account_grant('\(student)', 'tern_student');
            """)
        defer { _ = try? MigrateCommandTests.psql("postgres", "DROP ROLE IF EXISTS \(student)") }

        let search = try TernProcess.run(["search", "python", "--limit", "3", "--db", url])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.hasPrefix("TITLE") && search.stdout.split(separator: "\n").count == 4)
        let onFile = try TernProcess.run(["search", "python", "--limit", "3", "--db", db])
        #expect(onFile.stdout == search.stdout, "the same rows from both back ends")

        let ref = try MigrateCommandTests.psql(database, """
            SELECT ref FROM opportunities WHERE status = 'open' AND approval = 'approved'
            AND deadline >= ((now() AT TIME ZONE 'UTC')::date + 3)::text ORDER BY id LIMIT 1
            """)
        let applied = try TernProcess.run(as: student, ["apply", ref, "--note", "I would like to do this.", "--hours", "5", "--db", url])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.hasPrefix("applied to ") && applied.stdout.contains("as \(student): application "))
        // Written under the student's own role, which the server checked.
        #expect(try MigrateCommandTests.psql(database, """
            SELECT e.actor_username FROM application_events e JOIN applications a ON a.id = e.application_id
            JOIN students s ON s.id = a.student_id WHERE s.username = '\(student)'
            """) == student)
        let again = try TernProcess.run(as: student, ["apply", ref, "--note", "Twice.", "--hours", "5", "--db", url])
        #expect(again.status == 1 && again.stderr.contains("already applied"), "\(again.stderr)")
        let updates = try TernProcess.run(as: student, ["updates", "--all", "--db", url])
        #expect(updates.status == 0, "\(updates.stderr)")

        let expired = try TernProcess.run(["expire", "--db", url])
        #expect(expired.status == 0, "\(expired.stderr)")
        #expect(expired.stdout.hasPrefix("closed "))
        let upgrade = try TernProcess.run(["migrate", "--db", url])
        #expect(upgrade.status == 0 && upgrade.stdout.hasPrefix("the catalogue is already at schema v"), "\(upgrade.stderr)")

        let check = try TernProcess.run(["check", "--db", url])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasPrefix("schema: v") && check.stdout.contains("\nrow-level security: on every table of students' records\n"))
        let studentCheck = try TernProcess.run(as: student, ["check", "--db", url])
        #expect(studentCheck.status == 1 && studentCheck.stdout.contains("it is staff work"), "\(studentCheck.stdout)")

        // A backup through pg_dump as the backup role (made once per server by its superuser),
        // restored into an empty database and checked there; never over a catalogue.
        _ = try MigrateCommandTests.psql("postgres", """
            DO $$ BEGIN CREATE ROLE tern_backup NOLOGIN BYPASSRLS; EXCEPTION WHEN duplicate_object THEN NULL; END $$
            """)
        let dump = scratch.path("catalogue.dump")
        let backup = try TernProcess.run(["backup", dump, "--db", url])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout == "backed up database \(database) to \(dump) (pg_dump, custom format)\n")
        #expect(try MigrateCommandTests.psql(database, "SELECT count(*) FROM audit_log WHERE action = 'backup'") == "1")
        let target = database + "_restored"
        _ = try MigrateCommandTests.psql("postgres", "CREATE DATABASE \(target)")
        defer { _ = try? MigrateCommandTests.psql("postgres", "DROP DATABASE IF EXISTS \(target) WITH (FORCE)") }
        let targetURL = "postgresql:///\(target)?host=\(MigrateCommandTests.cluster ?? "")"
        let restored = try TernProcess.run(["restore", dump, "--db", targetURL])
        #expect(restored.status == 0, "\(restored.stdout)\(restored.stderr)")
        #expect(restored.stdout.contains("rules: ") && restored.stdout.contains(" rows verify in their hash chains"), "\(restored.stdout)")
        #expect(try MigrateCommandTests.psql(target, "SELECT count(*) FROM applications") == (try MigrateCommandTests.psql(database, "SELECT count(*) FROM applications")))
        let over = try TernProcess.run(["restore", dump, "--db", url])
        #expect(over.status == 1 && over.stderr.contains("is not empty"), "\(over.stderr)")

        // The staff list, and the advisor's account given its role with it.
        let advisor = try accounts.user()
        defer { _ = try? MigrateCommandTests.psql("postgres", "DROP ROLE IF EXISTS \(advisor)") }
        #expect(try TernProcess.run(["staff", "add", advisor, "--name", "New Advisor", "--db", url]).stdout == "added \(advisor) as an advisor\n")
        #expect(try MigrateCommandTests.psql(database, "SELECT pg_has_role('\(advisor)', 'tern_advisor', 'MEMBER')") == "t")
        #expect(try TernProcess.run(["staff", "list", "--db", url]).stdout.contains("\(advisor)  New Advisor  advisor\n"))
        #expect(try TernProcess.run(["staff", "role", advisor, "admin", "--db", url]).status == 0)
        #expect(try MigrateCommandTests.psql(database, "SELECT pg_has_role('\(advisor)', 'tern_admin', 'MEMBER') AND NOT pg_has_role('\(advisor)', 'tern_advisor', 'MEMBER')") == "t")
        #expect(try TernProcess.run(["staff", "remove", advisor, "--db", url]).status == 0)
        #expect(try MigrateCommandTests.psql(database, "SELECT pg_has_role('\(advisor)', 'tern_admin', 'MEMBER')") == "f")
        #expect(try MigrateCommandTests.psql(database, "SELECT count(*) FROM audit_log WHERE action IN ('add_staff', 'change_staff_role', 'remove_staff')") == "3")

        // Settings: changed in one audited transaction, shown as on a file.
        let settings = try TernProcess.run(["settings", "--apply-link", "https://careers.example.edu/apply/{ref}", "--unpaid-max-hours", "8", "--db", url])
        #expect(settings.status == 0, "\(settings.stderr)")
        #expect(settings.stdout.contains("unpaid-max-hours = 8\napply-link = https://careers.example.edu/apply/{ref}\n"), "\(settings.stdout)")
        #expect(try TernProcess.run(["settings", "--apply-link", "ftp://x/{ref}", "--db", url]).status == 1)
        #expect(try MigrateCommandTests.psql(database, "SELECT count(*) FROM audit_log WHERE action = 'changed_settings'") == "1")

        // tern init makes a PostgreSQL catalogue in an empty database, as on a file.
        let fresh = database + "_init"
        _ = try MigrateCommandTests.psql("postgres", "CREATE DATABASE \(fresh)")
        defer { _ = try? MigrateCommandTests.psql("postgres", "DROP DATABASE IF EXISTS \(fresh) WITH (FORCE)") }
        let freshURL = "postgresql:///\(fresh)?host=\(MigrateCommandTests.cluster ?? "")"
        let initialized = try TernProcess.run(["init", "--demo", "--db", freshURL])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(initialized.stdout == "created database \(fresh): 159 listings, 50 students, 8 staff, 124 applications\n")
        #expect(try TernProcess.run(["check", "--db", freshURL]).status == 0)
        #expect(try TernProcess.run(["init", "--demo", "--db", freshURL]).status == 1, "never over a catalogue")

        // tern seed fills a migrated, empty catalogue; never one that holds anything.
        let empty = database + "_seed"
        _ = try MigrateCommandTests.psql("postgres", "CREATE DATABASE \(empty)")
        defer { _ = try? MigrateCommandTests.psql("postgres", "DROP DATABASE IF EXISTS \(empty) WITH (FORCE)") }
        let emptyURL = "postgresql:///\(empty)?host=\(MigrateCommandTests.cluster ?? "")"
        #expect(try TernProcess.run(["migrate", "--db", emptyURL]).stdout.hasPrefix("upgraded the catalogue to schema v"))
        let seeded = try TernProcess.run(["seed", "--demo", "--db", emptyURL])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(seeded.stdout.hasPrefix("seeded database \(empty): 159 listings, "), "\(seeded.stdout)")
        let seedAgain = try TernProcess.run(["seed", "--demo", "--db", url])
        #expect(seedAgain.status == 1 && seedAgain.stderr.contains("is not empty"), "\(seedAgain.stderr)")
        _ = accounts
    }
}
