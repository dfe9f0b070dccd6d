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
