import PostgresNIO
import TernStore

/// Statements on a session, for the schema and the stores: every error leaves in Tern's words.
extension PostgresSession {
    /// Runs one statement, ignoring any rows. The rows are still read to the end: a statement
    /// that returns rows (a `SELECT f()`) reports an error raised while it runs only there.
    func execute(_ query: PostgresQuery) async throws {
        do {
            for try await _ in try await connection.query(query, logger: Self.quiet) {}
        } catch {
            throw PostgresFailure.translate(error, at: location, login: login)
        }
    }

    /// Runs one statement and returns its rows. A value of the wrong type read from them is
    /// ``CatalogueError/damaged(table:column:value:row:)`` (see ``ListingRecords``).
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        do {
            var rows: [PostgresRandomAccessRow] = []
            for try await row in try await connection.query(query, logger: Self.quiet) {
                rows.append(row.makeRandomAccess())
            }
            return rows
        } catch is CancellationError {
            throw CatalogueError.cancelled
        } catch {
            throw PostgresFailure.translate(error, at: location, login: login)
        }
    }

    /// Runs one statement and returns each row's first column, as text (NULL as nil). Integers
    /// and booleans read as PostgreSQL prints them (`42`, `true`).
    func column(_ query: PostgresQuery) async throws -> [String?] {
        do {
            var values: [String?] = []
            for try await row in try await connection.query(query, logger: Self.quiet) {
                let cell = row.makeRandomAccess()[0]
                switch cell.dataType {
                case .int2, .int4, .int8: values.append(try cell.decode(Int?.self).map(String.init))
                case .bool: values.append(try cell.decode(Bool?.self).map { $0 ? "true" : "false" })
                default: values.append(try cell.decode(String?.self))
                }
            }
            return values
        } catch {
            throw PostgresFailure.translate(error, at: location, login: login)
        }
    }

    /// Tests only: the session acts as `role` from now on (`SET ROLE`), its grants and row-level
    /// security those of that account; nil changes nothing. The role is bound, never spliced.
    func act(as role: String?) async throws {
        guard let role else { return }
        try await execute("SELECT set_config('role', \(role), false)")
    }

    /// A kiosk's session reads no table: its statements, the same as everyone's, find the
    /// kiosk's views of the same names first (schema v5, ``RolesV5``). Any other session keeps
    /// the tables (it could not use the kiosk's schema anyway).
    func readAsKioskIfKiosk() async throws {
        if try await column("SELECT tern_session_is_kiosk()").first == "true" {
            try await execute("SELECT set_config('search_path', 'tern_kiosk, public', false)")
        }
    }

    /// Runs a script of many statements. The extended protocol postgres-nio speaks takes one
    /// statement at a time, so the script is handed to the server as one argument and run there
    /// by a function private to this session (`pg_temp`), which leaves nothing behind.
    func executeScript(_ sql: String) async throws {
        try await execute("""
            CREATE OR REPLACE FUNCTION pg_temp.tern_execute_script(script text) RETURNS void
            LANGUAGE plpgsql AS $$ BEGIN EXECUTE script; END $$
            """)
        try await execute("SELECT pg_temp.tern_execute_script(\(sql))")
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func inTransaction<T>(_ body: () async throws -> T) async throws -> T {
        try await execute("BEGIN")
        do {
            let result = try await body()
            try await execute("COMMIT")
            return result
        } catch {
            try? await execute("ROLLBACK")
            throw error
        }
    }

    /// Gathers the planner's statistics and marks the pages visible (`VACUUM (ANALYZE)`): after a
    /// bulk load, before the first search. Outside any transaction; the tables' owner only.
    public func gatherStatistics() async throws {
        try await execute("VACUUM (ANALYZE)")
    }
}
