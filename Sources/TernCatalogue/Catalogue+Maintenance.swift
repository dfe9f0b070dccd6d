import Foundation
internal import GRDB

/// The outcome of `tern check`.
public struct CheckReport: Sendable, Equatable {
    public var lines: [String]
    public var isHealthy: Bool
    /// The lines that make it unhealthy.
    public var problems: [String] = []
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

    /// `allowOlderVersion`: a backup of an older schema is sound if it is exactly what its own
    /// version made (it is migrated when restored).
    static func checkReport(_ db: Database, allowOlderVersion: Bool = false) throws -> CheckReport {
        var lines: [String] = []
        var problems: [String] = []
        func ok(_ line: String) { lines.append(line) }
        func damage(_ found: [String]) { lines += found; problems += found }

        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        if integrity == ["ok"] { ok("integrity: ok") } else { damage(integrity.prefix(20).map { "integrity: \($0)" }) }
        let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        if violations.isEmpty {
            ok("foreign keys: ok")
        } else {
            damage(violations.prefix(20).map { "foreign keys: \($0["table"] as String? ?? "?") row \($0["rowid"] as Int64? ?? 0) points to a missing \($0["parent"] as String? ?? "?")" })
        }
        let version = try SchemaObjects.version(of: db)
        if version == CatalogueSchema.latestVersion || (allowOlderVersion && version != nil) {
            ok("schema: \(version!)")
        } else {
            damage(["schema: \(version ?? "none"), expected \(CatalogueSchema.latestVersion)"])
        }
        // Every table, index and trigger as the migrations made it: a dropped or edited
        // protecting trigger is damage even when every row is fine.
        if let version {
            let differences = try SchemaObjects.differences(in: db, version: version)
            if differences.isEmpty { ok("schema objects: ok") } else { damage(differences.prefix(20).map { "schema objects: \($0)" }) }
        }
        // The audit log and every history are hash chains; the first bad row is named.
        if let version, RecordsSchema.isChained(version) {
            let verdict = try ChainedRecords.verify(db)
            if let found = verdict.damage {
                damage(["chains: damaged at \(found)"])
            } else {
                ok("chains: ok (\(verdict.auditRows) audit rows, \(verdict.eventRows) history events)")
            }
        }
        // The search index is a copy of the tables; if it drifted, searches lie.
        let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM opportunity_search") ?? 0
        let listings = try Int.fetchOne(db, sql: "SELECT count(*) FROM opportunities") ?? 0
        if indexed == listings {
            ok("search index: \(indexed) listings")
        } else {
            damage(["search index: \(indexed) entries for \(listings) listings"])
        }
        return CheckReport(lines: lines, isHealthy: problems.isEmpty, problems: problems)
    }

    /// Copies the live catalogue page by page with SQLite's backup API: consistent even while
    /// other processes write, unlike copying the file (which can tear a WAL database). The copy
    /// holds personal data, so it is created private (0600) and never over an existing file.
    ///
    /// ```swift
    /// try catalogue.backup(to: "/var/backups/tern/2026-12-01.sqlite", by: Actor(role: .staff, username: "rpatel"))
    /// ```
    ///
    /// The backup is audited first (who, where to), so the copy holds its own audit row and a
    /// restore of it, with nothing written since, restores plainly.
    public func backup(to destination: String, by actor: Actor = .system) throws {
        // An empty file made beforehand (``createPrivateFile(_:purpose:)``, with the user's own
        // rights) is used as it is; anything else is never overwritten.
        let existing = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? nil
        if existing != 0 { try Self.createPrivateFile(destination, purpose: "the backup") }
        do {
            try write { db in
                try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "backup", student: nil,
                               detail: "to \(Self.absolute(destination))")
            }
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
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

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
