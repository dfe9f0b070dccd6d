import Foundation
internal import GRDB
import TernStore

extension Catalogue {
    /// This catalogue as it is now, every table readable in batches from one snapshot: what
    /// `tern migrate --to` copies into PostgreSQL. Writers carry on meanwhile; the snapshot
    /// does not see them.
    public func snapshotRows() throws -> CatalogueSnapshotRows {
        do {
            return try CatalogueSnapshotRows(snapshot: pool.makeSnapshot(), path: path)
        } catch let error as DatabaseError {
            throw Self.describe(error, path: path)
        }
    }
}

/// Every table of an SQLite catalogue as it was at one moment, read in batches in each table's
/// primary key order (keyset paging: each batch starts from the key the last one ended on, so
/// a batch costs the same at the end of a table as at its start). Values come back exactly as
/// SQLite stores them.
public final class CatalogueSnapshotRows: CatalogueRowSource, @unchecked Sendable {
    // A DatabaseSnapshot serializes its own reads.
    private let snapshot: DatabaseSnapshot
    private let path: String
    private let layout: [String: Layout]

    private struct Layout {
        var columns: [String]
        /// The primary key's columns in key order, or `rowid` for a table without one.
        var key: [String]
    }

    init(snapshot: DatabaseSnapshot, path: String) throws {
        self.snapshot = snapshot
        self.path = path
        layout = try snapshot.read { db in try Self.layout(db) }
    }

    public func tables() throws -> [String: [String]] {
        layout.mapValues(\.columns)
    }

    public func rowCount(of table: String) throws -> Int {
        _ = try self.layout(of: table)
        return try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(Self.quoted(table))") ?? 0 }
    }

    public func rows(of table: String, columns: [String], after: [StoredValue]?, limit: Int) throws -> CatalogueRowBatch {
        let layout = try self.layout(of: table)
        for column in columns where !layout.columns.contains(column) {
            throw CatalogueError.unusable("the catalogue's table \(table) has no column \(column)")
        }
        let selected = (columns + layout.key).map(Self.quoted).joined(separator: ", ")
        let key = "(" + layout.key.map(Self.quoted).joined(separator: ", ") + ")"
        var sql = "SELECT \(selected) FROM \(Self.quoted(table))"
        var arguments: [DatabaseValue] = []
        if let after {
            guard after.count == layout.key.count else {
                throw CatalogueError.unusable("a copy of \(table) was resumed from a row that is not one of its keys")
            }
            let marks = Array(repeating: "?", count: after.count).joined(separator: ", ")
            sql += " WHERE \(key) > (\(marks))"
            arguments = after.map(Self.databaseValue)
        }
        sql += " ORDER BY " + layout.key.map(Self.quoted).joined(separator: ", ") + " LIMIT \(max(1, limit))"
        return try read { db in
            var rows: [[StoredValue]] = []
            var last: [StoredValue]? = nil
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try cursor.next() {
                var values: [StoredValue] = []
                values.reserveCapacity(columns.count + layout.key.count)
                for index in 0..<(columns.count + layout.key.count) {
                    values.append(Self.stored(row[index] as DatabaseValue))
                }
                last = Array(values[columns.count...])
                rows.append(Array(values[..<columns.count]))
            }
            return CatalogueRowBatch(rows: rows, next: rows.count < max(1, limit) ? nil : last)
        }
    }

    private func layout(of table: String) throws -> Layout {
        guard let layout = layout[table] else { throw CatalogueError.unusable("the catalogue has no table \(table)") }
        return layout
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try snapshot.read(body)
        } catch let error as DatabaseError {
            throw Catalogue.describe(error, path: path)
        }
    }

    /// The catalogue's own tables: not SQLite's, not GRDB's migration record, not the full-text
    /// index (a virtual table and the shadow tables it keeps; it is rebuilt from the listings).
    private static func layout(_ db: Database) throws -> [String: Layout] {
        let tables = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        let virtual = tables.compactMap { row -> String? in
            let sql: String = row["sql"] ?? ""
            return sql.uppercased().hasPrefix("CREATE VIRTUAL TABLE") ? row["name"] : nil
        }
        var layout: [String: Layout] = [:]
        for row in tables {
            let name: String = row["name"]
            if name.hasPrefix("sqlite_") || name == "grdb_migrations" { continue }
            if virtual.contains(where: { name == $0 || name.hasPrefix($0 + "_") }) { continue }
            let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quoted(name)))")
            let columns: [String] = info.map { $0["name"] }
            let key = info.filter { ($0["pk"] as Int? ?? 0) > 0 }
                .sorted { ($0["pk"] as Int? ?? 0) < ($1["pk"] as Int? ?? 0) }
                .map { $0["name"] as String }
            layout[name] = Layout(columns: columns, key: key.isEmpty ? ["rowid"] : key)
        }
        return layout
    }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func stored(_ value: DatabaseValue) -> StoredValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob([UInt8](data))
        }
    }

    static func databaseValue(_ value: StoredValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }
}
