import Foundation
import PostgresNIO
import Testing
import TernStore
@testable import TernPostgres

/// Schema v4: a committed write tells every listener (a rolled-back one tells nobody), and the
/// account functions grant only Tern's roles, to plain accounts, for admins only.
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresChangesAndAccountsTests {
    @Test func aCommittedWriteIsHeardAndARolledBackOneIsNot() async throws {
        try await FreshCatalogue.migrated { session in
            try await session.run(FreshCatalogue.oneApplication)
            let database = try #require(try await session.value("SELECT current_database()"))
            let location = try FreshCatalogue.location(database)
            let feed = try await PostgresChangeFeed.start(location: location, login: TestCluster.login)
            defer { feed.stop() }
            _ = try feed.change()
            let writer = try await PostgresSession.connect(to: location, as: TestCluster.login)
            let writerPID = String(try await writer.backendPID())

            try await writer.run("BEGIN")
            try await writer.run("UPDATE applications SET status = 'under_review', version = version + 1 WHERE id = 18")
            try await writer.run("ROLLBACK")
            // A marker sent after the rollback: once it is heard, anything the rollback sent would have been.
            try await writer.run("NOTIFY tern_test_marker")
            try await session.run("NOTIFY \(PostgresChangeFeed.channel), 'marker'")
            #expect(try await PostgresChangeFeedTests.eventually { feed.lastHeard == "marker" })
            // The marker came from the test's own session, not ignored: drain it.
            #expect(try feed.change() == .data)
            #expect(try feed.change() == .none)

            try await writer.run("UPDATE applications SET status = 'under_review', version = version + 1 WHERE id = 18")
            #expect(try await PostgresChangeFeedTests.eventually { feed.lastHeard == writerPID }, "a committed write was not heard")
            #expect(try feed.change() == .data)
            try await writer.close()
        }
    }

    @Test func everyTableAScreenShowsNotifiesAndTheWordTableDoesNot() async throws {
        try await FreshCatalogue.migrated { session in
            let notifying = Set(try await session.column("""
                SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = 'tern_notify_change'
                """).compactMap { $0 })
            let tables = Set(try await session.column("""
                SELECT tablename FROM pg_tables WHERE schemaname = 'public'
                AND tablename NOT IN ('listing_words', 'tern_schema_migrations', 'application_statuses', 'application_transitions')
                """).compactMap { $0 })
            #expect(notifying == tables)
        }
    }

    @Test func accountsAreGivenOnlyTernsRolesAndOnlyPlainOnes() async throws {
        try await FreshCatalogue.withLogins(["admin", "advisor"], granted: "tern_admin") { session, logins in
            let (admin, advisor) = (logins[0], logins[1])
            try await session.run("REVOKE tern_admin FROM \(advisor)")
            try await session.run("GRANT tern_advisor TO \(advisor)")
            let student = FreshCatalogue.uniqueName("stu")
            defer { Task { try? await session.run("DROP ROLE IF EXISTS \(student)") } }

            try await session.run("SET ROLE \(admin)")
            try await session.run("SELECT tern_account_grant('\(student)', 'tern_student')")
            try await session.run("SELECT tern_account_grant('\(student)', 'tern_student')")   // again: nothing new
            let refused = CatalogueError.refused("an account is given only one of Tern's roles")
            await #expect(throws: refused) { try await session.run("SELECT tern_account_grant('\(student)', 'pg_read_all_data')") }
            await #expect(throws: refused) { try await session.run("SELECT tern_account_grant('\(student)', 'tern_accounts')") }
            await #expect(throws: CatalogueError.refused("Tern does not make or change an account named postgres")) {
                try await session.run("SELECT tern_account_grant('postgres', 'tern_admin')")
            }
            // The test account is a superuser of this cluster: a role with powers is never touched.
            await #expect(throws: CatalogueError.refused("Tern does not make or change an account named \(TestCluster.login)")) {
                try await session.run("SELECT tern_account_grant('\(TestCluster.login)', 'tern_student')")
            }
            try await session.run("RESET ROLE")
            #expect(try await session.value("SELECT pg_has_role('\(student)', 'tern_student', 'MEMBER')") == "true")
            #expect(try await session.value("SELECT rolcanlogin::text || rolcreaterole::text FROM pg_roles WHERE rolname = '\(student)'") == "truefalse")

            // Advisors may not make accounts.
            try await session.run("SET ROLE \(advisor)")
            await #expect(throws: CatalogueError.self) { try await session.run("SELECT tern_account_grant('\(student)', 'tern_admin')") }
            try await session.run("RESET ROLE")
            #expect(try await session.value("SELECT pg_has_role('\(student)', 'tern_admin', 'MEMBER')") == "false")

            try await session.run("SET ROLE \(admin)")
            try await session.run("SELECT tern_account_revoke('\(student)', 'tern_student')")
            try await session.run("RESET ROLE")
            #expect(try await session.value("SELECT pg_has_role('\(student)', 'tern_student', 'MEMBER')") == "false")
            try await session.run("DROP ROLE \(student)")
        }
    }
}
