import Foundation
internal import GRDB
internal import GRDBSQLite

/// A prepared statement driven through SQLite's C API, for the synthetic loader and the
/// import's write loop: binding through `StatementArguments` costs more than the B-tree insert
/// itself when writing many rows, and an import holds the write lock while it writes.
/// Everything else in the catalogue goes through GRDB.
final class BulkInsert {
    private var statement: OpaquePointer?
    private let connection: OpaquePointer?
    private var index: Int32 = 0
    // SQLITE_TRANSIENT: SQLite copies the text before we release it.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        connection = db.sqliteConnection
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else {
            throw Self.lastError(connection, sql: sql)
        }
    }

    deinit { sqlite3_finalize(statement) }

    @discardableResult func int(_ value: Int) -> BulkInsert {
        index += 1
        sqlite3_bind_int64(statement, index, Int64(value))
        return self
    }

    @discardableResult func int(_ value: Int64) -> BulkInsert {
        index += 1
        sqlite3_bind_int64(statement, index, value)
        return self
    }

    @discardableResult func int(_ value: Int?) -> BulkInsert {
        guard let value else { return null() }
        return int(value)
    }

    @discardableResult func text(_ value: String?) -> BulkInsert {
        index += 1
        if let value {
            // With its byte count, not as a C string: text is bound whole, never cut at a NUL.
            var value = value
            value.withUTF8 { bytes in
                // A nil address would bind NULL, not the empty string.
                guard let address = bytes.baseAddress, !bytes.isEmpty else {
                    _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
                    return
                }
                _ = sqlite3_bind_text(statement, index, address, Int32(bytes.count), Self.transient)
            }
        } else {
            sqlite3_bind_null(statement, index)
        }
        return self
    }

    @discardableResult func value(_ value: DatabaseValue) -> BulkInsert {
        switch value.storage {
        case .null: null()
        case .int64(let number): int(number)
        case .double(let number): double(number)
        case .string(let string): text(string)
        case .blob(let data): blob(data)
        }
    }

    @discardableResult func double(_ value: Double) -> BulkInsert {
        index += 1
        sqlite3_bind_double(statement, index, value)
        return self
    }

    @discardableResult func blob(_ value: Data) -> BulkInsert {
        index += 1
        value.withUnsafeBytes { bytes in
            // A nil address would bind NULL, not the empty blob.
            guard let address = bytes.baseAddress, !bytes.isEmpty else {
                _ = sqlite3_bind_zeroblob(statement, index, 0)
                return
            }
            _ = sqlite3_bind_blob(statement, index, address, Int32(bytes.count), Self.transient)
        }
        return self
    }

    @discardableResult func null() -> BulkInsert {
        index += 1
        sqlite3_bind_null(statement, index)
        return self
    }

    /// Runs the insert with the bound values; true when a row was written (INSERT OR IGNORE
    /// may write none).
    @discardableResult func run() throws -> Bool {
        defer {
            sqlite3_reset(statement)
            index = 0
        }
        guard sqlite3_step(statement) == SQLITE_DONE else {
            // A CHECK, UNIQUE or trigger refusal is about the data, as on GRDB's path.
            if sqlite3_errcode(connection) == SQLITE_CONSTRAINT { throw CatalogueError.invalid(String(cString: sqlite3_errmsg(connection))) }
            throw Self.lastError(connection, sql: nil)
        }
        return sqlite3_changes(connection) > 0
    }

    /// SQLite's error as GRDB reports it, so that the catalogue's translation (``Catalogue/describe(_:path:)``)
    /// says it in Tern's words and names the file: a full disk is "the disk holding … is full",
    /// never SQLite's "database or disk is full".
    private static func lastError(_ connection: OpaquePointer?, sql: String?) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                      message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}
