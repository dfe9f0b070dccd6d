/// A value exactly as a catalogue stores it: what a copy from one back end to another carries,
/// so nothing is re-rendered on the way (a timestamp's text, a hash, a 64-bit id).
public enum StoredValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// One moment of a whole catalogue, read table by table in batches: what `tern migrate --to`
/// copies. Every call reads the same moment (a snapshot), so a copy taken while others write is
/// still one consistent catalogue; and no table is ever held in memory whole.
///
/// ```swift
/// var after: [StoredValue]? = nil
/// repeat {
///     let batch = try source.rows(of: "applications", columns: ["id", "status"], after: after, limit: 5000)
///     send(batch.rows)
///     after = batch.next
/// } while after != nil
/// ```
public protocol CatalogueRowSource: Sendable {
    /// Every table holding catalogue data (the engine's own bookkeeping and search indexes left
    /// out), with its columns in their stored order.
    func tables() throws -> [String: [String]]

    /// How many rows `table` holds.
    func rowCount(of table: String) throws -> Int

    /// Up to `limit` rows of `table`, in its primary key's order, after the row `after` names
    /// (nil: from the first). Each row holds `columns` in the order given. `next` names the last
    /// row returned, to ask for the rows after it; it is nil once the table is done.
    func rows(of table: String, columns: [String], after: [StoredValue]?, limit: Int) throws -> CatalogueRowBatch
}

/// Some rows of one table, and where the next batch starts.
public struct CatalogueRowBatch: Sendable {
    public var rows: [[StoredValue]]
    /// The last row's key, to pass as `after`; nil when there are no more rows.
    public var next: [StoredValue]?

    public init(rows: [[StoredValue]], next: [StoredValue]?) {
        self.rows = rows
        self.next = next
    }
}
