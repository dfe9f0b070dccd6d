internal import GRDB

/// A TernStore record this module reads from rows (and, for some, writes as rows): its table,
/// and how a row becomes one (its `init(row:)` in StoredRecords.swift, which throws
/// `CatalogueError.damaged` on a value Tern does not know).
protocol StoredRecord: Encodable {
    static var databaseTableName: String { get }
    /// How the record's coding keys name the table's columns when it is written.
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { get }
    init(row: Row) throws
}

extension StoredRecord {
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .useDefaultKeys }
}

/// A record as GRDB fetches and persists it. The records are TernStore's public types, and a
/// conformance of a public type is public: conforming them to GRDB's protocols would hand GRDB
/// to every importer of this module. This wrapper keeps those conformances internal.
///
/// ```swift
/// let application = try Stored<Application>.fetchOne(db, key: id)?.record
/// try Stored(member).insert(db)
/// ```
struct Stored<Record: StoredRecord>: FetchableRecord, PersistableRecord, Encodable {
    var record: Record

    init(_ record: Record) { self.record = record }
    init(row: Row) throws { record = try Record(row: row) }

    static var databaseTableName: String { Record.databaseTableName }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { Record.databaseColumnEncodingStrategy }

    func encode(to encoder: any Encoder) throws { try record.encode(to: encoder) }
}
