import GRDB
import GRDBSQLite

/// A prepared INSERT driven through SQLite's C API, for the synthetic loader only: binding
/// through `StatementArguments` costs more than the B-tree insert itself when writing millions
/// of rows. Everything else in the catalogue goes through GRDB.
final class BulkInsert {
    private var statement: OpaquePointer?
    private let connection: OpaquePointer?
    private var index: Int32 = 0
    // SQLITE_TRANSIENT: SQLite copies the text before we release it.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        connection = db.sqliteConnection
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else {
            throw CatalogueError.unusable("bulk insert: \(String(cString: sqlite3_errmsg(connection)))")
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

    @discardableResult func text(_ value: String?) -> BulkInsert {
        index += 1
        if let value {
            sqlite3_bind_text(statement, index, value, -1, Self.transient)
        } else {
            sqlite3_bind_null(statement, index)
        }
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
            throw CatalogueError.unusable("bulk insert: \(String(cString: sqlite3_errmsg(connection)))")
        }
        return sqlite3_changes(connection) > 0
    }
}
