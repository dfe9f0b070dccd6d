import GRDB

/// Notices commits made by other connections and other processes, cheaply: SQLite bumps
/// `PRAGMA data_version` for one connection whenever anyone else commits. The pool rotates its
/// readers, so the watcher keeps a connection of its own.
///
/// ```swift
/// let watcher = try catalogue.changeWatcher()
/// if try watcher.hasChanged() { reload() }
/// ```
public final class ChangeWatcher: @unchecked Sendable {
    // One connection, used from one polling task at a time; DatabaseQueue serializes access.
    private let queue: DatabaseQueue
    private var lastVersion: Int?

    init(connectionPath: String) throws {
        queue = try DatabaseQueue(path: connectionPath, configuration: Catalogue.configuration(readOnly: true))
    }

    /// True when anyone (another process, or this process's writer) committed since the last call.
    /// The first call only records the starting point and answers false.
    public func hasChanged() throws -> Bool {
        let version = try queue.read { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
        defer { lastVersion = version }
        guard let lastVersion else { return false }
        return version != lastVersion
    }
}

extension Catalogue {
    /// A watcher over this catalogue's file; see ``ChangeWatcher``.
    public func changeWatcher() throws -> ChangeWatcher {
        do {
            return try ChangeWatcher(connectionPath: connectionPath)
        } catch let error as DatabaseError {
            throw Self.describe(error, path: path)
        }
    }
}
