import Foundation
import GRDB

/// The shared SQLite catalogue of opportunities and student records, and the only door to it.
/// Every other layer asks it questions in the domain's words; no SQL leaves this module.
///
/// ```swift
/// let catalogue = try Catalogue(path: "/srv/tern/catalogue.sqlite")
/// let page = try catalogue.opportunities(matching: OpportunityQuery(words: "design"), limit: 20)
/// ```
public final class Catalogue: Sendable {
    /// The file this catalogue lives in.
    public let path: String
    /// Kiosks open the catalogue read-only at the SQLite level: no screen bug can write.
    public let isReadOnly: Bool
    let pool: DatabasePool

    /// How long a writer waits for another process's transaction before giving up. Long enough
    /// that an 8-process soak never sees SQLITE_BUSY; short enough that a wedged process is noticed.
    public static let busyTimeout: TimeInterval = 10

    /// Opens (creating when missing, unless read-only) and migrates the catalogue at `path`.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        self.isReadOnly = readOnly
        var config = Configuration()
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(Self.busyTimeout)
        config.journalMode = readOnly ? .default : .wal
        config.label = "tern"
        if !readOnly {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
        } else if !FileManager.default.fileExists(atPath: path) {
            throw CatalogueError.unusable("no catalogue at \(path)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw CatalogueError.unusable("cannot open \(path): \(error.message ?? "\(error.resultCode)")")
        }
        try migrate()
    }

    private func migrate() throws {
        let migrator = CatalogueSchema.migrator
        do {
            if isReadOnly {
                let complete = try pool.read { try migrator.hasCompletedMigrations($0) }
                guard complete else { throw CatalogueError.unusable("\(path) needs migrating; open it once read-write") }
            } else {
                let unknown = try pool.read { db -> Bool in
                    try db.tableExists("grdb_migrations") && migrator.hasBeenSuperseded(db)
                }
                if unknown { throw CatalogueError.unusable("\(path) was made by a newer Tern; upgrade tern") }
                try migrator.migrate(pool)
            }
        } catch let error as DatabaseError {
            throw CatalogueError.unusable("\(path) is not a Tern catalogue: \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// Reads in a snapshot; concurrent with writers thanks to WAL.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try translating { try pool.read(body) }
    }

    /// Writes in one `BEGIN IMMEDIATE` transaction: all or nothing.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard !isReadOnly else { throw CatalogueError.notPermitted("this catalogue is open read-only") }
        return try translating { try pool.write(body) }
    }

    /// SQLite's own refusals (a CHECK, a trigger's RAISE) become typed catalogue errors.
    private func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            let message = error.message ?? "\(error.resultCode)"
            switch error.extendedResultCode {
            case .SQLITE_CONSTRAINT_TRIGGER where message.contains("illegal application status transition"):
                throw CatalogueError.invalid(message)
            case .SQLITE_READONLY, .SQLITE_READONLY_DBMOVED:
                throw CatalogueError.notPermitted("this catalogue is open read-only")
            default:
                if error.resultCode == .SQLITE_CONSTRAINT { throw CatalogueError.invalid(message) }
                throw CatalogueError.unusable("database error: \(message)")
            }
        }
    }

    /// Closes the connections (tests and `tern backup` restore want the file free).
    public func close() throws {
        try pool.close()
    }
}
