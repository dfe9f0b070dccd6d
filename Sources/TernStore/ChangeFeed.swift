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
public protocol ChangeFeed: AnyObject, Sendable {
    /// True when anyone committed since the last call. The first call only records the starting
    /// point and answers false.
    func hasChanged() throws -> Bool
    /// What changed since the last look: nothing, the data (read again), or the catalogue under
    /// the reader (open it again: a SQLite file replaced or restored, say). How a back end tells
    /// is its own business; a screen only reacts.
    func change() throws -> CatalogueChange
}

/// What a ``ChangeFeed`` saw since the last look.
public enum CatalogueChange: Sendable, Equatable {
    case none
    /// Someone committed: what is shown should be read again.
    case data
    /// The connection no longer reads the catalogue that is there: open it again.
    case reopen
    /// The catalogue cannot be reached now (its server is restarting, the network is down): keep
    /// what is shown and say so. When it is back, the feed says ``data`` (what was sent
    /// meanwhile is lost, so everything is read again).
    case unreachable
}

extension ChangeFeed {
    /// A feed that cannot lose its catalogue sees only data changes.
    public func change() throws -> CatalogueChange { try hasChanged() ? .data : .none }
}
