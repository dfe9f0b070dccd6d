import Foundation
import Testing

/// `tern accounts sync` and `tern accounts password`, the real binary against the test cluster:
/// every demo student and staff member gets a login role with their Tern role, a second sync
/// changes nothing, and a password is set as a SCRAM verifier and kept in a private file.
@Suite(.enabled(if: MigrateCommandTests.cluster != nil, "no PostgreSQL test cluster (make test starts one where PostgreSQL 15 is installed)"))
struct AccountsCommandTests {
    @Test func syncGivesEveryDemoAccountItsRoleOnceAndAFileIsRefused() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let database = "tern_e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        _ = try MigrateCommandTests.psql("postgres", "CREATE DATABASE \(database)")
        defer { _ = try? MigrateCommandTests.psql("postgres", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        let url = "postgresql:///\(database)?host=\(MigrateCommandTests.cluster ?? "")"
        #expect(try TernProcess.run(["migrate", "--db", db, "--to", url]).status == 0)

        let first = try TernProcess.run(["accounts", "sync", "--db", url])
        #expect(first.status == 0, "\(first.stderr)")
        // Roles are the cluster's: another test may have granted some first, so the report is
        // read as a whole, and who holds what from the server.
        #expect(first.stdout.hasSuffix(" unchanged\n") && first.stdout.contains(" granted, 0 revoked, "), "\(first.stdout)")
        #expect(try MigrateCommandTests.psql(database, "SELECT pg_has_role('rpatel', 'tern_advisor', 'MEMBER')") == "t")
        #expect(try MigrateCommandTests.psql(database, "SELECT pg_has_role('shaddad', 'tern_admin', 'MEMBER')") == "t")
        #expect(try MigrateCommandTests.psql(database, "SELECT pg_has_role('aokafor', 'tern_student', 'MEMBER')") == "t")
        #expect(try MigrateCommandTests.psql(database, "SELECT pg_has_role('aokafor', 'tern_advisor', 'MEMBER')") == "f")
        #expect(try MigrateCommandTests.psql(database, "SELECT rolcreaterole FROM pg_roles WHERE rolname = 'shaddad'") == "f")
        #expect(try MigrateCommandTests.psql(database, "SELECT count(*) FROM audit_log WHERE action = 'synced_accounts'") == "1")
        // Others' syncs of other catalogues may have granted roles meanwhile (roles are the
        // cluster's): this catalogue's people are all in place, so nothing of theirs changes.
        let again = try TernProcess.run(["accounts", "sync", "--db", url])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.split(separator: "\n").last?.hasPrefix("0 granted, 0 revoked, ") == true, "\(again.stdout)")

        let onAFile = try TernProcess.run(["accounts", "sync", "--db", db])
        #expect(onAFile.status == 1)
        #expect(onAFile.stderr.contains("is for a PostgreSQL catalogue"), "\(onAFile.stderr)")
    }

    @Test func aPasswordIsSetAsAVerifierAndKeptPrivate() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let database = "tern_e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        _ = try MigrateCommandTests.psql("postgres", "CREATE DATABASE \(database)")
        defer { _ = try? MigrateCommandTests.psql("postgres", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        let url = "postgresql:///\(database)?host=\(MigrateCommandTests.cluster ?? "")"
        #expect(try TernProcess.run(["migrate", "--db", db, "--to", url]).status == 0)
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
