import GRDB

/// Tells a screen that someone else committed to the catalogue, so it can reload what it shows
/// (a staff member moved an application; a listing closed). The screens poll it between keys;
/// how a catalogue notices is its own business: SQLite asks `PRAGMA data_version`
/// (``DataVersionChangeFeed``); a PostgreSQL catalogue would drain LISTEN/NOTIFY here.
///
/// ```swift
/// let feed = try catalogue.changeFeed()
/// _ = try feed.hasChanged()        // the starting point
/// if try feed.hasChanged() { reload() }
/// ```
public protocol ChangeFeed: AnyObject {
    /// True when anyone committed since the last call. The first call only records the starting
    /// point and answers false.
    func hasChanged() throws -> Bool
}

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
