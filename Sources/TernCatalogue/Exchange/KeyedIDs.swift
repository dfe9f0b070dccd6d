internal import GRDB

/// Row ids for many keys at once (refs, logins, skill or organization names), a few hundred keys
/// per statement: an import looks its keys up in bulk inside its write transaction instead of
/// one query per row, so the transaction stays short.
///
/// Keys are compared byte for byte, as SQLite compares them, never as Swift compares Strings
/// (which takes "é" and "e\u{301}" for the same text and would file a row under another's id).
/// `organizations.name` and `skills.name` are `COLLATE NOCASE`, which folds ASCII letters only;
/// ``KeyedIDs/nocase(_:)`` folds keys the same way, so a dictionary agrees with the column.
///
/// ```swift
/// let skills = try KeyedIDs(db, table: "skills", column: "name", keys: ["Python", "SQL"], fold: KeyedIDs.nocase)
/// skills["python"]          // the id of "Python"
/// skills.stored("python")   // "Python"
/// ```
struct KeyedIDs {
    /// By the folded key's UTF-8 bytes: the row's id and the key as the row stores it.
    private var entries: [[UInt8]: (id: Int64, stored: String)] = [:]
    private let fold: @Sendable (String) -> [UInt8]

    /// Keys per statement: far below SQLite's variable limit, large enough to amortise a statement.
    static let batchSize = 500

    init(_ db: Database, table: String, column: String, keys: some Sequence<String>,
         fold: @escaping @Sendable (String) -> [UInt8] = { Array($0.utf8) }) throws {
        self.fold = fold
        var unique: [String] = []
        var seen = Set<[UInt8]>()
        for key in keys where seen.insert(fold(key)).inserted { unique.append(key) }
        var start = 0
        while start < unique.count {
            let batch = unique[start..<min(start + Self.batchSize, unique.count)]
            // The column's own collation applies to IN, exactly as to `=`. Cached by its text
            // (every full batch has the same), so the IN list stays positional.
            let sql = "SELECT \(column), id FROM \(table) WHERE \(column) IN (\(repeatElement("?", count: batch.count).joined(separator: ",")))"
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(Array(batch)))
            while let row = try rows.next() {
                let stored: String = row[0]
                entries[fold(stored)] = (row[1], stored)
            }
            start += batch.count
        }
    }

    subscript(key: String) -> Int64? {
        entries[fold(key)]?.id
    }

    /// The key as its row spells it: `"Python"` for the key `"python"`.
    func stored(_ key: String) -> String? {
        entries[fold(key)]?.stored
    }

    /// Records a row just inserted under `key`.
    mutating func add(_ key: String, id: Int64) {
        entries[fold(key)] = (id, key)
    }

    /// SQLite's NOCASE: ASCII A–Z fold to a–z, every other byte stays as it is.
    @Sendable static func nocase(_ text: String) -> [UInt8] {
        ImportChecks.nocase(text)
    }
}
