import Foundation
import Testing

/// `tern accounts sync` and `tern accounts password`, the real binary against the test cluster:
/// every demo student and staff member gets a login role with their Tern role, a second sync
/// changes nothing, and a password is set as a SCRAM verifier and kept in a private file.
@Suite(.enabled(if: MigrateCommandTests.cluster != nil, "no PostgreSQL test cluster (make test starts one where PostgreSQL 15 is installed)"))
struct AccountsCommandTests {
    /// On a server of its own: roles belong to the whole server, and a sync takes Tern's roles
    /// from every account its catalogue does not list, so on the shared test cluster it would
    /// take them from the accounts other tests made meanwhile (one catalogue per server is what
    /// a campus runs).
    @Test func syncGivesEveryDemoAccountItsRoleOnceAndAFileIsRefused() throws {
        let server = try CampusScreensTests.Server()
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        _ = try server.psql("postgres", "CREATE DATABASE tern")
        let url = "postgresql:///tern?host=\(server.directory)"
        #expect(try TernProcess.run(["migrate", "--db", db, "--to", url]).status == 0)
        func psql(_ sql: String) throws -> String { try server.psql("tern", sql) }

        let first = try TernProcess.run(["accounts", "sync", "--db", url])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("granted tern_student to aokafor\n") && first.stdout.contains("granted tern_advisor to rpatel\n"))
        #expect(first.stdout.hasSuffix(" granted, 0 revoked, 0 unchanged\n"), "\(first.stdout)")
        #expect(try psql("SELECT pg_has_role('shaddad', 'tern_admin', 'MEMBER')") == "t")
        #expect(try psql("SELECT pg_has_role('aokafor', 'tern_advisor', 'MEMBER')") == "f")
        #expect(try psql("SELECT rolcreaterole FROM pg_roles WHERE rolname = 'shaddad'") == "f")
        #expect(try psql("SELECT count(*) FROM audit_log WHERE action = 'synced_accounts'") == "1")
        let again = try TernProcess.run(["accounts", "sync", "--db", url])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.split(separator: "\n").last?.hasPrefix("0 granted, 0 revoked, ") == true, "\(again.stdout)")
        // An account no longer listed loses its Tern role (its login role stays).
        _ = try psql("CREATE ROLE outsider LOGIN; GRANT tern_student TO outsider")
        let third = try TernProcess.run(["accounts", "sync", "--db", url])
        #expect(third.stdout.contains("revoked tern_student from outsider\n"), "\(third.stdout)")
        #expect(try psql("SELECT pg_has_role('outsider', 'tern_student', 'MEMBER')") == "f")

        let onAFile = try TernProcess.run(["accounts", "sync", "--db", db])
        #expect(onAFile.status == 1)
        #expect(onAFile.stderr.contains("is for a PostgreSQL catalogue"), "\(onAFile.stderr)")
    }

    @Test func aPasswordIsSetAsAVerifierAndKeptPrivate() throws {
        let scratch = try Scratch()
        let demo = try MigratedDemo(scratch)
        defer { withExtendedLifetime(demo) {} }
        let url = demo.url
        let config = scratch.url.appendingPathComponent("config").path

        let differ = try TernProcess.run(["accounts", "password", "--db", url], environment: ["XDG_CONFIG_HOME": config],
                                         input: "a-long-password-1\nanother-password-2\n")
        #expect(differ.status == 1)
        #expect(differ.stderr.contains("the two passwords differ; nothing was changed"), "\(differ.stderr)")

        let set = try TernProcess.run(["accounts", "password", "--db", url], environment: ["XDG_CONFIG_HOME": config],
                                      input: "a-long-password-1\na-long-password-1\n")
        #expect(set.status == 0, "\(set.stderr)")
        let file = config + "/tern/postgres-password"
        #expect(set.stdout.contains("is set, and kept in \(file)"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "a-long-password-1\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let stored = try MigrateCommandTests.psql("postgres", "SELECT rolpassword FROM pg_authid WHERE rolname = current_user")
        #expect(stored.hasPrefix("SCRAM-SHA-256$4096:") && !stored.contains("a-long-password-1"))
    }
}
