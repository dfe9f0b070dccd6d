import Foundation
import Testing

/// `tern import --db postgresql://…`: the real binary against the test cluster. The demo's
/// exported listings re-import into its PostgreSQL copy as updates, a dry run says what it would
/// do and writes nothing, and a bad value is refused as FILE:LINE:COLUMN with nothing written.
@Suite(.enabled(if: MigrateCommandTests.cluster != nil, "no PostgreSQL test cluster (make test starts one where PostgreSQL 15 is installed)"))
struct ImportCommandTests {
    @Test func theSameFileImportsIntoAPostgreSQLCatalogue() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let database = "tern_e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        _ = try MigrateCommandTests.psql("postgres", "CREATE DATABASE \(database)")
        defer { _ = try? MigrateCommandTests.psql("postgres", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        let url = "postgresql:///\(database)?host=\(MigrateCommandTests.cluster ?? "")"
        let copied = try TernProcess.run(["migrate", "--db", db, "--to", url])
        #expect(copied.status == 0, "\(copied.stderr)")

        let exported = try TernProcess.run(["export", "--db", db, "--what", "opportunities", "--format", "csv"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let file = scratch.path("listings.csv")
        try exported.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let onFile = try TernProcess.run(["import", file, "--db", db])
        #expect(onFile.stdout == "imported opportunities from \(file): 0 new, 159 updated\n", "\(onFile.stderr)")
        let onServer = try TernProcess.run(["import", file, "--db", url])
        #expect(onServer.status == 0, "\(onServer.stderr)")
        #expect(onServer.stdout == onFile.stdout)
        #expect(try MigrateCommandTests.psql(database, "SELECT detail FROM audit_log WHERE action = 'imported'")
                == "159 opportunities from \(file): 0 new, 159 updated")

        // New listings: a dry run writes nothing; then a bad value on the third line is refused.
        var lines = exported.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines = [lines[0]] + lines[1...2].map { "e2e-" + $0 } + [""]
        let fresh = scratch.path("fresh.csv")
        try lines.joined(separator: "\n").write(toFile: fresh, atomically: true, encoding: .utf8)
        let dry = try TernProcess.run(["import", fresh, "--db", url, "--dry-run"])
        #expect(dry.stdout == "would import opportunities from \(fresh): 2 new, 0 updated\n", "\(dry.stderr)")
        #expect(try MigrateCommandTests.psql(database, "SELECT count(*) FROM opportunities WHERE ref LIKE 'e2e-%'") == "0")

        let bad = scratch.path("bad.csv")
        try """
            ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind
            e2e-bad-1,Fine,E2E Org,design,10,7,2031-01-01,unpaid,remote
            e2e-bad-2,Not fine,E2E Org,design,lots,7,2031-01-01,unpaid,remote

            """.write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try TernProcess.run(["import", bad, "--db", url])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("\(bad):3:5: hours: must be a whole number"), "\(refused.stderr)")
        #expect(try MigrateCommandTests.psql(database, "SELECT count(*) FROM opportunities WHERE ref LIKE 'e2e-%'") == "0")
    }
}
