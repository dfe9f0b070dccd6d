import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// Issue 17, point 1: `tern restore` takes back only a backup that is exactly what Tern wrote
/// and a prefix of the catalogue's own records; older only when forced, never rewriting a kept row.
@Suite struct RestoreTests {
    static let admin = Actor(role: .staff, username: "rpatel")

    static func backup(_ fixture: CatalogueFixture, _ name: String) throws -> String {
        let path = fixture.directory.appendingPathComponent(name).path
        try fixture.catalogue.backup(to: path, by: admin)
        return path
    }

    static func edit(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
        try queue.close()
    }

    /// Edits a backup as a forger who knows the encoding would: every trigger put back as it
    /// was, and both chains recomputed from scratch, so the backup verifies on its own.
    static func rechain(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update; DROP TRIGGER application_events_no_update")
            try db.execute(sql: sql)
            try db.execute(sql: "UPDATE audit_log SET prev_hash = NULL, hash = NULL")
            try db.execute(sql: "UPDATE application_events SET prev_hash = NULL, hash = NULL")
            try ChainedRecords.backfill(db)
            try db.execute(sql: """
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events
                BEGIN SELECT RAISE(ABORT, 'application_events is append-only'); END;
                """)
        }
        try queue.close()
    }

    static func count(_ fixture: CatalogueFixture, _ sql: String) throws -> Int {
        try fixture.catalogue.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    @Test func aBackupEqualToTheCatalogueRestoresPlainlyAndTheRestoreIsAuditedAfterIt() throws {
        let fixture = try RecordChainTests.catalogueWithRecords()
        let path = try Self.backup(fixture, "b.sqlite")
        let outcome = try fixture.catalogue.restore(from: CatalogueBackup(path: path), by: Self.admin, forceOlder: false)
        #expect(outcome.report.isHealthy, "\(outcome.report.lines)")
        #expect(outcome.droppedAuditRows == 0 && outcome.droppedEvents == 0)
        #expect(outcome.backupHash == (try SHA256.hex(ofFile: path)))
        let rows = try fixture.catalogue.auditEntries(action: "backup") + fixture.catalogue.auditEntries(action: "restore")
        #expect(rows.map(\.actor) == ["rpatel", "rpatel"])
        #expect(rows[1].detail?.contains("sha256 \(outcome.backupHash)") == true)
        #expect(rows[1].detail?.contains("dropped 0 audit rows and 0 history events") == true)
    }

    @Test func anOlderBackupNeedsForceOlderWhichSaysWhatIsDroppedAndKeepsTheRest() throws {
        let fixture = try RecordChainTests.catalogueWithRecords()
        let path = try Self.backup(fixture, "older.sqlite")
        try fixture.catalogue.addStaff(username: "later", by: Self.admin)
        let app = try fixture.application(of: "amara", to: "listing-1", at: .underReview)
        let before = try Self.count(fixture, "SELECT count(*) FROM application_events")
        #expect(throws: RestoreRefusal.older(droppedAuditRows: 1, droppedEvents: 2, catalogueDamaged: false)) {
            try fixture.catalogue.restore(from: CatalogueBackup(path: path), by: Self.admin, forceOlder: false)
        }
        #expect(try Self.count(fixture, "SELECT count(*) FROM application_events") == before, "a refusal changes nothing")
        let kept = try fixture.catalogue.read { try String.fetchAll($0, sql: "SELECT hash FROM audit_log WHERE id <= 3 ORDER BY id") }
        let outcome = try fixture.catalogue.restore(from: CatalogueBackup(path: path), by: Self.admin, forceOlder: true)
        #expect(outcome.droppedAuditRows == 1 && outcome.droppedEvents == 2)
        #expect(outcome.report.isHealthy, "\(outcome.report.lines)")
        #expect(try fixture.catalogue.read { try String.fetchAll($0, sql: "SELECT hash FROM audit_log WHERE id <= 3 ORDER BY id") } == kept)
        #expect(try Self.count(fixture, "SELECT count(*) FROM applications WHERE id = \(app.id)") == 0)
        #expect(try fixture.catalogue.auditEntries(action: "restore").last?.detail?.contains("dropped 1 audit rows and 2 history events") == true)
    }

    /// The attack of issue 17 as written: triggers dropped, the actor's audit rows deleted, a
    /// history event re-attributed to a student, an email changed, one trigger recreated.
    @Test func aTamperedBackupIsRefusedNamingTheCheckThatFailed() throws {
        let fixture = try RecordChainTests.catalogueWithRecords()
        let path = try Self.backup(fixture, "tampered.sqlite")
        try Self.edit(path, """
            DROP TRIGGER audit_log_no_delete; DROP TRIGGER application_events_no_update;
            DELETE FROM audit_log WHERE actor_username = 'rpatel';
            UPDATE application_events SET actor_role = 'student', actor_username = 'amara' WHERE id = 2;
            UPDATE students SET email = 'amara@evil.example' WHERE username = 'amara';
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """)
        let listingsBefore = try Self.count(fixture, "SELECT count(*) FROM audit_log")
        #expect(throws: RestoreRefusal.unsound(path: path, check: "schema objects: trigger application_events_no_update is missing")) {
            try fixture.catalogue.restore(from: CatalogueBackup(path: path), by: Self.admin, forceOlder: true)
        }
        #expect(try Self.count(fixture, "SELECT count(*) FROM audit_log") == listingsBefore)
        #expect(try fixture.catalogue.check().isHealthy)
    }

    @Test func aBackupWithItsChainsRecomputedIsStillNotTheCatalogues() throws {
        let fixture = try RecordChainTests.catalogueWithRecords()
        let path = try Self.backup(fixture, "forged.sqlite")
        // Every trigger kept, the chains recomputed from scratch after the edit: the backup
        // verifies on its own, but it is not a prefix of the catalogue's records.
        try Self.rechain(path, "UPDATE application_events SET actor_username = 'amara' WHERE id = 2")
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try ChainedRecords.verify($0).damage } == nil)
        try queue.close()
        #expect(throws: RestoreRefusal.notAPrefix(path: path, detail: "its history event 2 is not the catalogue's")) {
            try fixture.catalogue.restore(from: CatalogueBackup(path: path), by: Self.admin, forceOlder: true)
        }
    }

    @Test func overADamagedCatalogueTheHeadLogJudgesAndForceOlderIsNeeded() throws {
        let fixture = try RecordChainTests.catalogueWithRecords()
        let genuine = try Self.backup(fixture, "genuine.sqlite")
        // A forged backup whose audit log was rewritten and rechained from scratch.
        let forged = try Self.backup(fixture, "forged.sqlite")
        try Self.rechain(forged, "UPDATE audit_log SET actor_username = 'someone'")
        // Then the live catalogue itself is damaged: its chain no longer verifies.
        try RecordChainTests.rawly(fixture, """
            DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'gone' WHERE id = 1;
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """)
        #expect(throws: RestoreRefusal.older(droppedAuditRows: 1, droppedEvents: 0, catalogueDamaged: true)) {
            try fixture.catalogue.restore(from: CatalogueBackup(path: genuine), by: Self.admin, forceOlder: false)
        }
        #expect(throws: RestoreRefusal.self) {
            try fixture.catalogue.restore(from: CatalogueBackup(path: forged), by: Self.admin, forceOlder: true)
        }
        let outcome = try fixture.catalogue.restore(from: CatalogueBackup(path: genuine), by: Self.admin, forceOlder: true)
        #expect(outcome.report.isHealthy, "\(outcome.report.lines)")
        let log = try ChainHeadLog(catalogue: fixture.path).entries()
        #expect(log.last?.reason == .restore)
        #expect(log.filter { $0.reason == .write }.count >= 3)
    }

    @Test func aBackupMadeBeforeTheChainsExistedRestoresOverTheSameRecords() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-v7-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let live = directory.appendingPathComponent("live.sqlite").path
        let old = try DatabaseQueue(path: live)
        try CatalogueSchema.migrator.migrate(old, upTo: "v7-listing-orders")
        try old.write { db in
            try db.execute(sql: "INSERT INTO audit_log(actor_username, actor_role, action, at) VALUES ('root', 'staff', 'add_staff', '2026-01-01T00:00:00Z')")
        }
        let backup = directory.appendingPathComponent("v7-backup.sqlite").path
        try old.backup(to: try DatabaseQueue(path: backup))
        try old.close()
        let catalogue = try Catalogue(path: live)
        let outcome = try catalogue.restore(from: CatalogueBackup(path: backup), by: Self.admin, forceOlder: false)
        #expect(outcome.report.isHealthy, "\(outcome.report.lines)")
        #expect(try catalogue.auditEntries(action: "restore").last?.detail?.contains("schema v7-listing-orders") == true)
        // The v7 backup edited: its backfilled chain no longer matches the catalogue's.
        try Self.editV7(backup)
        #expect(throws: RestoreRefusal.notAPrefix(path: backup, detail: "its audit row 1 is not the catalogue's")) {
            try catalogue.restore(from: CatalogueBackup(path: backup), by: Self.admin, forceOlder: true)
        }
    }

    static func editV7(_ path: String) throws {
        try edit(path, """
            DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_username = 'nobody';
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """)
    }
}
