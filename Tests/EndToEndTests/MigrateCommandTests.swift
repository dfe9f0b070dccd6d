import Foundation
import Testing

/// The test cluster's socket directory (scripts/with-test-postgres), or nil where there is none.
private var testCluster: String? {
    ProcessInfo.processInfo.environment["TERN_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
}

/// `tern migrate --to URL`, the real binary against the test cluster (scripts/with-test-postgres):
/// the demo copied whole into an empty PostgreSQL catalogue, reported, recorded in its audit
/// log; a second copy into the now full catalogue refused with nothing written.
@Suite(.enabled(if: testCluster != nil, "no PostgreSQL test cluster (make test starts one where PostgreSQL 15 is installed)"))
struct MigrateCommandTests {
    static var cluster: String? { testCluster }

    /// psql on the test cluster, as this account; its output without the final newline.
    static func psql(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/lib/postgresql/15/bin/psql")
        process.arguments = ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", cluster ?? "", "-d", database, "-c", sql]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .newlines)
    }

    @Test func theDemoIsCopiedReportedAndASecondCopyIsRefused() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let database = "tern_e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        _ = try Self.psql("postgres", "CREATE DATABASE \(database)")
        defer { _ = try? Self.psql("postgres", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        let url = "postgresql:///\(database)?host=\(Self.cluster ?? "")"

        let copied = try TernProcess.run(["migrate", "--db", db, "--to", url])
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stderr.isEmpty)
        #expect(copied.stdout.hasPrefix("copied \(db) into PostgreSQL (database \(database)): "))
        #expect(copied.stdout.contains("\napplications               124\n"))
        #expect(copied.stdout.contains("499 history rows and 0 audit rows verify in their hash chains"))
        #expect(try Self.psql(database, "SELECT count(*) FROM applications") == "124")
        #expect(try Self.psql(database, "SELECT count(*) FROM opportunities") == "159")
        #expect(try Self.psql(database, "SELECT actor_role || ' ' || action || ' ' || detail FROM audit_log") == "staff migrate from \(db)")
        // The ids go on after the copied ones.
        #expect(try Self.psql(database, "INSERT INTO students (username, name, email, created_at) VALUES ('new', 'New', 'n@example.edu', '2026-12-07T18:00:00Z') RETURNING id")
                == (try Self.psql(database, "SELECT max(id) FROM students")))
        #expect(try Self.psql(database, "SELECT count(*) FROM students") == "51")

        let again = try TernProcess.run(["migrate", "--db", db, "--to", url])
        #expect(again.status == 1)
        #expect(again.stdout.isEmpty)
        #expect(again.stderr.contains("is not empty") && again.stderr.contains("nothing was copied"), "\(again.stderr)")
        #expect(try Self.psql(database, "SELECT count(*) FROM applications") == "124")
        #expect(try Self.psql(database, "SELECT count(*) FROM audit_log") == "1")
    }

    @Test func aURLThatIsNotPostgreSQLIsAUsageError() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let result = try TernProcess.run(["migrate", "--db", db, "--to", "mysql://db/tern"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not a postgresql:// URL"), "\(result.stderr)")
    }
}

/// The demo copied into a fresh database of the test cluster by the real `tern migrate --to`,
/// dropped when it goes: what the end-to-end tests of PostgreSQL commands start from.
final class MigratedDemo {
    /// The SQLite demo it was copied from, and the PostgreSQL catalogue.
    let file: String
    let database: String
    let url: String

    init(_ scratch: Scratch) throws {
        file = try CommandLineTests.seededDemo(scratch)
        database = "tern_e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        url = "postgresql:///\(database)?host=\(MigrateCommandTests.cluster ?? "")"
        _ = try MigrateCommandTests.psql("postgres", "CREATE DATABASE \(database)")
        let migrated = try TernProcess.run(["migrate", "--db", file, "--to", url])
        guard migrated.status == 0 else { throw OSAccounts.Failed(description: "migrate: \(migrated.stderr)") }
    }

    deinit { _ = try? MigrateCommandTests.psql("postgres", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
}
