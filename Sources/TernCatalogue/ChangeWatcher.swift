import GRDB

/// The SQLite change feed: SQLite bumps `PRAGMA data_version` for one connection whenever any
/// other connection, in this process or another, commits. GRDB's ValueObservation does not see
/// other processes' commits, which is why this polls. The pool rotates its readers, so the feed
/// keeps a connection of its own.
///
/// ```swift
/// let feed = try DataVersionChangeFeed(catalogue: catalogue)
/// ```
public final class DataVersionChangeFeed: ChangeFeed, @unchecked Sendable {
    // One connection, used from one polling thread at a time; DatabaseQueue serializes access.
    private let queue: DatabaseQueue
    private var lastVersion: Int?

    public convenience init(catalogue: Catalogue) throws {
        do {
            try self.init(connectionPath: catalogue.connectionPath)
        } catch let error as DatabaseError {
            throw Catalogue.describe(error, path: catalogue.path)
        }
    }

    init(connectionPath: String) throws {
        queue = try DatabaseQueue(path: connectionPath, configuration: Catalogue.configuration(readOnly: true))
    }

    public func hasChanged() throws -> Bool {
        let version = try queue.read { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
        defer { lastVersion = version }
        guard let lastVersion else { return false }
        return version != lastVersion
    }
}

extension Catalogue {
    /// This catalogue's change feed; see ``ChangeFeed``.
    ///
    /// ```swift
    /// let loop = Loop(screen: screen, backend: backend, changeFeed: try catalogue.changeFeed())
    /// ```
    public func changeFeed() throws -> any ChangeFeed {
        try DataVersionChangeFeed(catalogue: self)
    }
}
