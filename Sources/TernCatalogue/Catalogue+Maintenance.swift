import Foundation
import GRDB

/// The outcome of `tern check`.
public struct CheckReport: Sendable, Equatable {
    public var lines: [String]
    public var isHealthy: Bool
}

extension Catalogue {
    /// Runs SQLite's integrity and foreign-key checks, the search index's own check, and
    /// compares the schema version with this program's.
    public func check() throws -> CheckReport {
        do {
            return try pool.read { try Self.checkReport($0) }
        } catch let error as DatabaseError {
            let what = error.resultCode == .SQLITE_NOTADB ? "not a Tern catalogue" : "the file is damaged and cannot be read"
            return CheckReport(lines: ["integrity: \(what)"], isHealthy: false)
        }
    }

    static func checkReport(_ db: Database) throws -> CheckReport {
        var lines: [String] = []
        var healthy = true
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        if integrity == ["ok"] {
            lines.append("integrity: ok")
        } else {
            healthy = false
            lines += integrity.prefix(20).map { "integrity: \($0)" }
        }
        let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        if violations.isEmpty {
            lines.append("foreign keys: ok")
        } else {
            healthy = false
            lines += violations.prefix(20).map { "foreign keys: \($0["table"] as String? ?? "?") row \($0["rowid"] as Int64? ?? 0) points to a missing \($0["parent"] as String? ?? "?")" }
        }
        let applied = try CatalogueSchema.migrator.appliedIdentifiers(db)
        if applied.contains(CatalogueSchema.latestVersion) {
            lines.append("schema: \(CatalogueSchema.latestVersion)")
        } else {
            healthy = false
            lines.append("schema: \(applied.sorted().last ?? "none"), expected \(CatalogueSchema.latestVersion)")
        }
        // The search index is a copy of the tables; if it drifted, searches lie.
        let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM opportunity_search") ?? 0
        let listings = try Int.fetchOne(db, sql: "SELECT count(*) FROM opportunities") ?? 0
        if indexed == listings {
            lines.append("search index: \(indexed) listings")
        } else {
            healthy = false
            lines.append("search index: \(indexed) entries for \(listings) listings")
        }
        return CheckReport(lines: lines, isHealthy: healthy)
    }

    /// Copies the live catalogue page by page with SQLite's backup API: consistent even while
    /// other processes write, unlike copying the file (which can tear a WAL database). The copy
    /// holds personal data, so it is created private (0600) and never over an existing file.
    ///
    /// ```swift
    /// try catalogue.backup(to: "/var/backups/tern/2026-12-01.sqlite")
    /// ```
    public func backup(to destination: String) throws {
        // An empty file made beforehand (``createPrivateFile(_:purpose:)``, with the user's own
        // rights) is used as it is; anything else is never overwritten.
        let existing = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? nil
        if existing != 0 { try Self.createPrivateFile(destination, purpose: "the backup") }
        do {
            let target = try DatabaseQueue(path: destination)
            try translating {
                do {
                    try pool.backup(to: target)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
                    // Only the copy is written: the full disk is the backup's, not the catalogue's.
                    throw Self.describe(error, path: destination)
                }
            }
            try target.close()
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            if let error = error as? DatabaseError { throw Self.describe(error, path: destination) }
            throw error
        }
    }

    /// Creates an empty file that only this account may read, refusing one that exists and
    /// naming a missing directory (rather than SQLite's "unable to open database file").
    ///
    /// ```swift
    /// try Catalogue.createPrivateFile("/home/me/tern-2026-12-01.sqlite", purpose: "the backup")
    /// ```
    public static func createPrivateFile(_ path: String, purpose: String) throws {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CatalogueError.unusable("cannot write \(purpose) to \(path): the directory \(directory) does not exist")
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw CatalogueError.refused("\(path) already exists") }
            if errno == ENOSPC { throw CatalogueError.unusable("cannot write \(purpose) to \(path): the disk holding it is full") }
            throw CatalogueError.unusable("cannot write \(purpose) to \(path): \(String(cString: strerror(errno)))")
        }
        Foundation.close(fd)
    }

    /// Replaces this catalogue's contents with a backup's, through SQLite's backup API: the
    /// backup is checked first (integrity, foreign keys, schema), then copied in under the write
    /// lock, so other processes wait and then see the restored catalogue whole. Copying a file
    /// over a live catalogue instead would mix it with the live `-wal` file.
    ///
    /// Refuses while another process keeps writing longer than ``busyTimeout``.
    ///
    /// ```swift
    /// let report = try catalogue.restore(from: CatalogueBackup(path: "/var/backups/tern/2026-12-01.sqlite"))
    /// ```
    @discardableResult
    public func restore(from backup: CatalogueBackup) throws -> CheckReport {
        try restoreChecked(backup)
    }

    /// How long a restore waits for another writer before refusing.
    public static let restorePatience: TimeInterval = 3

    private func restoreChecked(_ backup: CatalogueBackup) throws -> CheckReport {
        // This catalogue may be open read-only (it only checks access and reports); the copy
        // goes through a connection of its own, so only the file must be writable.
        guard file.isWritable else { throw readOnlyRefusal }
        let report: CheckReport
        do {
            let migrator = CatalogueSchema.migrator
            let isCatalogue = try backup.queue.read { db in
                try db.tableExists("grdb_migrations") && db.tableExists("opportunities")
            }
            guard isCatalogue else { throw CatalogueError.unusable("\(backup.path) is not a Tern catalogue backup") }
            if try backup.queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw CatalogueError.unusable("\(backup.path) was made by a newer Tern; upgrade tern")
            }
            report = try backup.queue.read { try Self.checkReport($0) }
        } catch let error as DatabaseError {
            throw Self.describe(error, path: backup.path)
        }
        // An older schema is fine (it is migrated after the copy); damage is not.
        let problems = report.lines.filter { line in
            !line.hasSuffix(": ok") && !line.hasPrefix("schema:") && !(line.hasPrefix("search index:") && !line.contains(" entries for "))
        }
        guard problems.isEmpty else {
            throw CatalogueError.unusable("\(backup.path) is not a sound backup: " + problems.joined(separator: "; "))
        }
        // Copied through a connection of its own that waits only briefly for the write lock: a
        // restore does not queue behind a long import, it says so and lets the person retry.
        var config = Self.configuration(readOnly: false)
        config.busyMode = .timeout(Self.restorePatience)
        do {
            let target = try DatabaseQueue(path: path, configuration: config)
            defer { try? target.close() }
            try backup.queue.backup(to: target)
            // An older backup is brought up to this Tern's schema.
            try CatalogueSchema.migrator.migrate(target)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw CatalogueError.busy("another process is writing to the catalogue; nothing was restored, try again when it has finished")
        } catch let error as DatabaseError {
            throw Self.describe(error, path: path)
        }
        return try check()
    }
}

/// A backup file opened for ``Catalogue/restore(from:)``: read-only and immutable (a file at
/// rest), so opening it leaves nothing beside it.
///
/// ```swift
/// let backup = try CatalogueBackup(path: "/var/backups/tern/2026-12-01.sqlite")
/// ```
public final class CatalogueBackup: Sendable {
    public let path: String
    let queue: DatabaseQueue

    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw CatalogueError.unusable("no backup at \(path)") }
        guard faccessat(AT_FDCWD, path, R_OK, AT_EACCESS) == 0 else { throw CatalogueError.unusable("cannot read \(path)") }
        self.path = path
        var config = Configuration()
        config.readonly = true
        do {
            queue = try DatabaseQueue(path: Catalogue.immutableURI(path), configuration: config)
        } catch let error as DatabaseError {
            throw Catalogue.describe(error, path: path)
        }
    }
}
