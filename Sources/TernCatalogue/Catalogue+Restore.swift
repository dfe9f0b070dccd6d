import Foundation
internal import GRDB

/// What a restore did: the catalogue's health afterwards, and what it dropped.
public struct RestoreOutcome: Sendable, Equatable {
    public var report: CheckReport
    /// Audit rows and history events the catalogue had that the (older) backup did not.
    public var droppedAuditRows: Int
    public var droppedEvents: Int
    /// SHA-256 of the backup file, as recorded in the restore's audit row.
    public var backupHash: String
}

/// Why a restore was refused; nothing was changed.
public enum RestoreRefusal: Error, Equatable, CustomStringConvertible {
    /// The backup itself is damaged, tampered with or not a catalogue: which check failed.
    case unsound(path: String, check: String)
    /// The backup's audit or history is not a prefix of the catalogue's.
    case notAPrefix(path: String, detail: String)
    /// The backup is older (or the catalogue is damaged): restoring drops rows; needs --force-older.
    case older(droppedAuditRows: Int, droppedEvents: Int, catalogueDamaged: Bool)

    public var description: String {
        switch self {
        case .unsound(let path, let check):
            "\(path) is not a sound backup (\(check)); nothing was restored"
        case .notAPrefix(let path, let detail):
            "\(path) does not match the catalogue's records (\(detail)); nothing was restored"
        case .older(let audit, let events, let damaged):
            damaged
                ? "the catalogue's records are damaged, so what restoring would drop cannot be proven; nothing was restored (an admin may restore anyway with --force-older)"
                : "the backup is older than the catalogue: restoring it would drop \(audit) audit row\(audit == 1 ? "" : "s") and \(events) history event\(events == 1 ? "" : "s"); nothing was restored (an admin may restore anyway with --force-older)"
        }
    }
}

extension Catalogue {
    /// How long a restore waits for another writer before refusing.
    public static let restorePatience: TimeInterval = 3

    /// Replaces this catalogue's contents with a backup's, after checking that the backup is
    /// exactly what Tern wrote and agrees with the catalogue's own records:
    ///
    /// 1. the backup's integrity, and its schema byte for byte as its version made it;
    /// 2. its audit and history chains verify (after bringing an older backup up to date);
    /// 3. it agrees with every chain head witnessed in the head log since the last restore;
    /// 4. its audit log and histories are a prefix of the catalogue's. Equal up to the
    ///    catalogue's last row, it restores plainly; older (the catalogue has rows it lacks) or
    ///    over a catalogue whose own records are damaged, only with `forceOlder`.
    ///
    /// The rows are replaced in one transaction under the write lock, so the checks hold for
    /// what is replaced and other processes see the catalogue before or after, never between.
    /// Kept audit rows and events are never rewritten: an older backup only drops the rows
    /// after it. The restore's own audit row (who, which file, its hash, what was dropped) is
    /// written last, so it survives the restore.
    ///
    /// ```swift
    /// let outcome = try catalogue.restore(from: CatalogueBackup(path: "/var/backups/tern/2026-12-01.sqlite"),
    ///                                     by: Actor(role: .staff, username: "rpatel"), forceOlder: false)
    /// ```
    public func restore(from backup: CatalogueBackup, by actor: Actor, forceOlder: Bool) throws -> RestoreOutcome {
        // This catalogue may be open read-only (it only checks access and reports); the copy
        // goes through a connection of its own, so only the file must be writable.
        guard file.isWritable else { throw readOnlyRefusal }
        let version = try checkBackupAsWritten(backup)
        let backupHash = try SHA256.hex(ofFile: backup.path)
        let scratch = try PrivateScratch()
        defer { scratch.remove() }
        let copy = scratch.path + "/backup.sqlite"
        do {
            // A private working copy, brought up to this Tern's schema (an older backup gains
            // its chains here, computed from its rows as the live catalogue's were).
            let queue = try DatabaseQueue(path: copy)
            try backup.queue.backup(to: queue)
            try CatalogueSchema.migrator.migrate(queue)
            let verdict = try queue.read { try ChainedRecords.verify($0) }
            if let damage = verdict.damage { throw RestoreRefusal.unsound(path: backup.path, check: "chains: damaged at \(damage)") }
            try queue.close()
        } catch let error as DatabaseError {
            throw Self.describe(error, path: backup.path)
        }
        let witnessed = try headLog.entriesSinceLastRestore()

        // Copied through a connection of its own that waits only briefly for the write lock: a
        // restore does not queue behind a long import, it says so and lets the person retry.
        // Foreign keys are off on it so that replacing a table cascades nowhere.
        var config = Self.configuration(readOnly: false)
        config.busyMode = .timeout(Self.restorePatience)
        config.foreignKeysEnabled = false
        var outcome: (audit: Int, events: Int, heads: ChainedRecords.Heads)?
        do {
            let target = try DatabaseQueue(path: path, configuration: config)
            defer { try? target.close() }
            try target.writeWithoutTransaction { db in
                try db.execute(literal: "ATTACH DATABASE \(copy) AS backup")
                defer { try? db.execute(sql: "DETACH DATABASE backup") }
                var result: (Int, Int, ChainedRecords.Heads)?
                try db.inTransaction(.immediate) {
                    result = try Self.replace(db, from: backup.path, version: version, hash: backupHash, witnessed: witnessed,
                                              by: actor, forceOlder: forceOlder)
                    return .commit
                }
                let restored = try result.readBack("the restored catalogue")
                outcome = (restored.0, restored.1, restored.2)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw CatalogueError.busy("another process is writing to the catalogue; nothing was restored, try again when it has finished")
        } catch let error as DatabaseError {
            throw Self.describe(error, path: path)
        }
        guard let outcome else { throw CatalogueError.unusable("the restore did not finish") }
        witness(.restore, outcome.heads)
        return RestoreOutcome(report: try check(), droppedAuditRows: outcome.audit, droppedEvents: outcome.events, backupHash: backupHash)
    }

    /// Step 1: the backup as it is on disk. Returns its schema version.
    private func checkBackupAsWritten(_ backup: CatalogueBackup) throws -> String {
        do {
            return try backup.queue.read { db in
                guard try db.tableExists("grdb_migrations"), try db.tableExists("opportunities") else {
                    throw CatalogueError.unusable("\(backup.path) is not a Tern catalogue backup")
                }
                if try CatalogueSchema.migrator.hasBeenSuperseded(db) {
                    throw CatalogueError.unusable("\(backup.path) was made by a newer Tern; upgrade tern")
                }
                guard let version = try SchemaObjects.version(of: db) else {
                    throw CatalogueError.unusable("\(backup.path) is not a Tern catalogue backup")
                }
                let report = try Self.checkReport(db, allowOlderVersion: true)
                if let first = report.problems.first { throw RestoreRefusal.unsound(path: backup.path, check: first) }
                return version
            }
        } catch let error as DatabaseError {
            throw Self.describe(error, path: backup.path)
        }
    }

    /// Steps 3 and 4 and the replacement, inside the restore's transaction (`backup` attached).
    private static func replace(_ db: Database, from source: String, version: String, hash: String,
                                witnessed: [ChainHeadLog.Entry], by actor: Actor, forceOlder: Bool) throws -> (Int, Int, ChainedRecords.Heads) {
        // The catalogue's own records: sound, or damaged (then only the head log can judge).
        let liveSchema = try SchemaObjects.differences(in: db, version: CatalogueSchema.latestVersion)
        let liveChains = try ChainedRecords.verify(db)
        let liveSound = liveSchema.isEmpty && liveChains.damage == nil
        if liveSchema.contains(where: { $0.hasPrefix("table ") }) {
            throw CatalogueError.unusable("the catalogue's tables are not as \(CatalogueSchema.latestVersion) made them; restore the backup into a new catalogue instead")
        }

        // Step 3: every head witnessed since the last restore that the backup reaches must be in it.
        let backupAudit = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM backup.audit_log") ?? 0
        let backupEvent = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM backup.application_events") ?? 0
        for entry in witnessed {
            if entry.heads.auditID > 0, entry.heads.auditID <= backupAudit,
               try String.fetchOne(db, SQLRequest(literal: "SELECT hash FROM backup.audit_log WHERE id = \(entry.heads.auditID)")) != entry.heads.auditHash {
                throw RestoreRefusal.notAPrefix(path: source, detail: "its audit row \(entry.heads.auditID) differs from the one witnessed at \(entry.at)")
            }
            if entry.heads.eventID > 0, entry.heads.eventID <= backupEvent,
               try String.fetchOne(db, SQLRequest(literal: "SELECT hash FROM backup.application_events WHERE id = \(entry.heads.eventID)")) != entry.heads.eventHash {
                throw RestoreRefusal.notAPrefix(path: source, detail: "its history event \(entry.heads.eventID) differs from the one witnessed at \(entry.at)")
            }
        }

        // Step 4: a prefix of the catalogue's records, row for row.
        let liveAuditCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM main.audit_log") ?? 0
        let liveEventCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM main.application_events") ?? 0
        let backupAuditCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM backup.audit_log") ?? 0
        let backupEventCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM backup.application_events") ?? 0
        if liveSound {
            if let row = try Int64.fetchOne(db, sql: """
                SELECT b.id FROM backup.audit_log b LEFT JOIN main.audit_log m ON m.id = b.id
                WHERE m.hash IS NOT b.hash ORDER BY b.id LIMIT 1
                """) {
                throw RestoreRefusal.notAPrefix(path: source, detail: "its audit row \(row) is not the catalogue's")
            }
            if let row = try Int64.fetchOne(db, sql: """
                SELECT b.id FROM backup.application_events b LEFT JOIN main.application_events m ON m.id = b.id
                WHERE m.hash IS NOT b.hash ORDER BY b.id LIMIT 1
                """) {
                throw RestoreRefusal.notAPrefix(path: source, detail: "its history event \(row) is not the catalogue's")
            }
        }
        let droppedAudit = max(0, liveAuditCount - backupAuditCount)
        let droppedEvents = max(0, liveEventCount - backupEventCount)
        if !forceOlder, !liveSound || droppedAudit > 0 || droppedEvents > 0 {
            throw RestoreRefusal.older(droppedAuditRows: droppedAudit, droppedEvents: droppedEvents, catalogueDamaged: !liveSound)
        }

        // The replacement. Triggers are set aside (they would refuse the history's own rows
        // and fire search and rank updates) and made again from the schema as the migrations
        // make it, which also mends a catalogue whose triggers were tampered with.
        let expected = try SchemaObjects.expected(upTo: CatalogueSchema.latestVersion).values
        for name in try String.fetchAll(db, sql: "SELECT name FROM main.sqlite_master WHERE type = 'trigger'") {
            try db.execute(sql: "DROP TRIGGER main.\(name.quotedDatabaseIdentifier)")
        }
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            AND name NOT LIKE 'opportunity\\_search%' ESCAPE '\\'
            """)
        for table in tables {
            let quoted = table.quotedDatabaseIdentifier
            if liveSound, table == "audit_log" || table == "application_events" {
                // Kept rows are the catalogue's own, equal to the backup's: never rewritten.
                try db.execute(sql: "DELETE FROM main.\(quoted) WHERE id NOT IN (SELECT id FROM backup.\(quoted))")
            } else {
                try db.execute(sql: "DELETE FROM main.\(quoted)")
                try db.execute(sql: "INSERT INTO main.\(quoted) SELECT * FROM backup.\(quoted)")
            }
        }
        try db.execute(sql: CatalogueSchema.rebuildSearch)
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM main.sqlite_master WHERE type = 'index'"))
        for object in expected.sorted() where object.type == "index" && !present.contains(object.name) {
            if let sql = object.sql { try db.execute(sql: sql) }
        }
        for object in expected.sorted() where object.type == "trigger" {
            if let sql = object.sql { try db.execute(sql: sql) }
        }
        guard try Row.fetchAll(db, sql: "PRAGMA main.foreign_key_check").isEmpty else {
            throw RestoreRefusal.unsound(path: source, check: "foreign keys do not hold after copying")
        }
        try audit(db, by: actor.username, role: actor.role.rawValue, action: "restore", student: nil,
                  detail: "from \(absolute(source)) (sha256 \(hash), schema \(version)): dropped \(droppedAudit) audit rows and \(droppedEvents) history events"
                    + (liveSound ? "" : "; the catalogue's records were damaged"))
        if let damage = try ChainedRecords.verify(db).damage {
            throw RestoreRefusal.unsound(path: source, check: "chains: damaged at \(damage)")
        }
        return (droppedAudit, droppedEvents, try ChainedRecords.heads(db))
    }
}

/// A directory only this account may enter, for a restore's working copy; removed afterwards.
struct PrivateScratch {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/tern-restore-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CatalogueError.unusable("cannot make a private working directory in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
