import PostgresNIO
import TernStore

/// The catalogue's tables as this database holds them (its own catalog, not this tern's
/// expectations): each table's columns in order with their types, its primary key, and which
/// columns take their values from an identity sequence.
struct PostgresTableLayout: Sendable {
    struct Column: Sendable {
        var name: String
        var type: String
    }

    private(set) var columnsByTable: [String: [Column]] = [:]
    private(set) var primaryKeys: [String: [String]] = [:]
    private(set) var identities: [(table: String, column: String)] = []

    var tables: [String] { Array(columnsByTable.keys) }
    func columns(of table: String) -> [String] { columnsByTable[table]?.map(\.name) ?? [] }
    func type(of column: String, in table: String) -> String? { columnsByTable[table]?.first { $0.name == column }?.type }

    /// The public schema's tables, the schema's own record (`tern_schema_migrations`) left out.
    static func read(_ session: PostgresSession) async throws -> PostgresTableLayout {
        var layout = PostgresTableLayout()
        let columns = try await session.textRows("""
            SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.is_identity::text
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'tern_schema_migrations'
            ORDER BY c.table_name, c.ordinal_position
            """)
        for row in columns {
            guard let table = row[0], let name = row[1], let type = row[2] else { continue }
            layout.columnsByTable[table, default: []].append(Column(name: name, type: type))
            if row[3] == "YES" { layout.identities.append((table, name)) }
        }
        let keys = try await session.textRows("""
            SELECT c.relname::text, a.attname::text
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid AND c.relnamespace = 'public'::regnamespace
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE i.indisprimary
            ORDER BY c.relname, k.position
            """)
        for row in keys {
            guard let table = row[0], let column = row[1] else { continue }
            layout.primaryKeys[table, default: []].append(column)
        }
        return layout
    }
}

extension PostgresSession {
    /// Runs a query whose every column is text (cast it in the SQL) and returns its rows.
    func textRows(_ query: PostgresQuery) async throws -> [[String?]] {
        do {
            var rows: [[String?]] = []
            for try await row in try await connection.query(query, logger: Self.quiet) {
                rows.append(try row.makeRandomAccess().map { try $0.decode(String?.self) })
            }
            return rows
        } catch {
            throw PostgresFailure.translate(error, at: location, login: login)
        }
    }
}
