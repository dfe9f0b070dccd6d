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
            return try pool.read { db in
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
        } catch let error as DatabaseError {
            return CheckReport(lines: ["integrity: \(error.message ?? "\(error.resultCode)")"], isHealthy: false)
        }
    }

    /// Copies the live catalogue page by page with SQLite's backup API: consistent even while
    /// other processes write, unlike copying the file (which can tear a WAL database).
    public func backup(to destination: String) throws {
        let target = try DatabaseQueue(path: destination)
        try pool.backup(to: target)
        try target.close()
    }
}
