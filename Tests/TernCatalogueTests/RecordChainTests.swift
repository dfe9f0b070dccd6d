import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// Issue 17, point 1: the audit log and every history are hash chains that `tern check` and
/// `tern restore` verify, with the first bad row named.
@Suite struct RecordChainTests {
    @Test func sha256MatchesTheStandardsTestVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // A million 'a's fed in uneven pieces: the streaming digest equals the one-shot one.
        var hasher = SHA256.Hasher()
        var left = 1_000_000
        var piece = 1
        while left > 0 {
            let n = min(piece, left)
            hasher.update([UInt8](repeating: 0x61, count: n))
            left -= n
            piece = piece * 3 % 9_973 + 1
        }
        #expect(SHA256.hexString(hasher.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func theEncodingIsTheDocumentedOneAndTextCarriesItsLength() {
        let bytes = RecordChain.encoding(of: .audit, fields: [.integer(7), .text("rpatel"), .null, .text("a\nb")], previous: RecordChain.genesis)
        #expect(String(decoding: bytes, as: UTF8.self) == "tern-audit-v1\ni7\nt6:rpatel\n-\nt3:a\nb\nprev:\(RecordChain.genesis)\n")
        // A newline inside text cannot pass for a field boundary.
        #expect(RecordChain.hash(of: .audit, fields: [.text("a\nt1:b")], previous: RecordChain.genesis)
                != RecordChain.hash(of: .audit, fields: [.text("a"), .text("b")], previous: RecordChain.genesis))
        // Nor can an event pass for an audit row.
        #expect(RecordChain.hash(of: .audit, fields: [.integer(1)], previous: RecordChain.genesis)
                != RecordChain.hash(of: .event, fields: [.integer(1)], previous: RecordChain.genesis))
    }

    /// A catalogue with staff changes (audit rows) and two applications with histories.
    static func catalogueWithRecords() throws -> CatalogueFixture {
        let fixture = try CatalogueFixture()
        try fixture.addListings([[:], [:]])
        try fixture.addStudent("amara")
        try fixture.addStudent("ben")
        try fixture.catalogue.addStaff(username: "rpatel", role: .admin, by: .init(role: .staff, username: "root"))
        try fixture.catalogue.addStaff(username: "mchen", by: .init(role: .staff, username: "rpatel"))
        _ = try fixture.application(of: "amara", to: "listing-0", at: .offered)
        _ = try fixture.application(of: "ben", to: "listing-1", at: .shortlisted)
        return fixture
    }

    static func rawly(_ fixture: CatalogueFixture, _ sql: String) throws {
        let queue = try DatabaseQueue(path: fixture.path)
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
        try queue.close()
    }

    @Test func aHealthyCatalogueVerifiesAndEveryWriteContinuesTheChains() throws {
        let fixture = try Self.catalogueWithRecords()
        let report = try fixture.catalogue.check()
        #expect(report.isHealthy, "\(report.lines)")
        #expect(report.lines.contains("schema objects: ok"))
        #expect(report.lines.contains { $0.hasPrefix("chains: ok (2 audit rows, ") })
        let links = try fixture.catalogue.read { db in
            try Row.fetchAll(db, sql: "SELECT application_id, prev_hash, hash FROM application_events ORDER BY application_id, id")
        }
        #expect(links.filter { ($0["prev_hash"] as String) == RecordChain.genesis }.count == 2, "one chain per application")
    }

    @Test func editingDeletingOrReattributingARecordIsDamageNamedAtItsRow() throws {
        let tampering: [(String, String)] = [
            ("UPDATE application_events SET actor_username = 'amara' WHERE id = 3", "history of application 1, event 3: its content does not match its hash"),
            ("DELETE FROM audit_log WHERE id = 1", "audit log row 2 (the first row): it does not follow the row before it"),
            ("UPDATE audit_log SET detail = 'nothing' WHERE id = 2", "audit log row 2 (after row 1): its content does not match its hash"),
            ("UPDATE audit_log SET student_id = '1' WHERE id = 1", "audit log row 1 (the first row): its content does not match its hash"),
        ]
        for (sql, damage) in tampering {
            let fixture = try Self.catalogueWithRecords()
            try Self.rawly(fixture, """
                DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER application_events_no_update;
                \(sql);
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events
                BEGIN SELECT RAISE(ABORT, 'application_events is append-only'); END;
                """)
            let report = try fixture.catalogue.check()
            #expect(!report.isHealthy, "\(sql)")
            #expect(report.problems.contains { $0.hasPrefix("chains: damaged at \(damage)") }, "\(sql): \(report.problems)")
        }
    }

    @Test func aMissingOrEditedProtectingTriggerIsDamageEvenWhenEveryRowIsFine() throws {
        let fixture = try Self.catalogueWithRecords()
        try Self.rawly(fixture, """
            DROP TRIGGER audit_log_no_delete;
            DROP TRIGGER application_events_no_update;
            CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events
            WHEN 0 BEGIN SELECT RAISE(ABORT, 'application_events is append-only'); END;
            CREATE INDEX planted ON students(email);
            """)
        let report = try fixture.catalogue.check()
        #expect(!report.isHealthy)
        #expect(report.problems.contains("schema objects: trigger audit_log_no_delete is missing"))
        #expect(report.problems.contains("schema objects: trigger application_events_no_update is not as \(CatalogueSchema.latestVersion) made it"))
        #expect(report.problems.contains("schema objects: index planted does not belong to the schema"))
        #expect(report.lines.contains { $0.hasPrefix("chains: ok") })
    }

    @Test func theDatabaseRefusesARowThatDoesNotContinueItsChain() throws {
        let fixture = try Self.catalogueWithRecords()
        let forged = String(repeating: "a", count: 64)
        for sql in [
            "INSERT INTO audit_log(actor_username, actor_role, action, at) VALUES ('x', 'staff', 'x', '2026-01-01T00:00:00Z')",
            "INSERT INTO audit_log(id, actor_username, actor_role, action, at, prev_hash, hash) VALUES (3, 'x', 'staff', 'x', 'now', '\(RecordChain.genesis)', '\(forged)')",
            "INSERT INTO application_events(application_id, actor_role, actor_username, visibility, at, prev_hash, hash) VALUES (1, 'staff', 'x', 'staff', 'now', '\(RecordChain.genesis)', '\(forged)')",
        ] {
            #expect(throws: (any Error).self, "\(sql)") { try Self.rawly(fixture, sql) }
        }
        #expect(try fixture.catalogue.check().isHealthy)
    }

    @Test func migratingAnOlderCatalogueChainsTheRecordsItAlreadyHad() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try CatalogueSchema.migrator.migrate(old, upTo: "v7-listing-orders")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO audit_log(actor_username, actor_role, action, detail, at) VALUES
                    ('root', 'staff', 'add_staff', 'rpatel (admin)', '2026-01-01T00:00:00Z'),
                    ('rpatel', 'staff', 'view_student', NULL, '2026-01-02T00:00:00Z');
                """)
        }
        try old.close()
        let catalogue = try Catalogue(path: path)
        let report = try catalogue.check()
        #expect(report.isHealthy, "\(report.lines)")
        #expect(report.lines.contains("chains: ok (2 audit rows, 0 history events)"))
        // The backfilled row's hash is the documented encoding of the row as it was.
        let stored = try catalogue.read { try String.fetchOne($0, sql: "SELECT hash FROM audit_log WHERE id = 1") }
        #expect(stored == RecordChain.hash(of: .audit, fields: [.integer(1), .text("root"), .text("staff"), .text("add_staff"), .null, .null,
                                                                 .text("rpatel (admin)"), .text("2026-01-01T00:00:00Z")],
                                           previous: RecordChain.genesis))
    }
}
