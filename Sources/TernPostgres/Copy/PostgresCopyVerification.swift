import PostgresNIO
import TernStore

/// The checks a copy passes before it is committed, run inside its transaction so a copy that
/// fails one is never kept. Each failure names what differs and says nothing was copied.
enum PostgresCopyVerification {
    struct Checked {
        var history: Int
        var audit: Int
        var sampled: Int
    }

    static func verify(_ copied: [PostgresCopySummary.Table], layout: PostgresTableLayout, source: any CatalogueRowSource,
                       session: PostgresSession, sampleRows: Int) async throws -> Checked {
        try await countsAgree(copied, source: source, session: session)
        let history = try await historyChains(session)
        let audit = try await auditChain(session)
        try await payRanksAgree(session)
        var sampled = 0
        for table in PostgresCopy.tables {
            sampled += try await sampleAgrees(table, layout: layout, source: source, session: session, rows: sampleRows)
        }
        return Checked(history: history, audit: audit, sampled: sampled)
    }

    /// Every table holds here as many rows as the source holds (counted again, in its snapshot).
    static func countsAgree(_ copied: [PostgresCopySummary.Table], source: any CatalogueRowSource,
                            session: PostgresSession) async throws {
        for table in copied {
            let there = try source.rowCount(of: table.name)
            let here = Int(try await session.column(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(PostgresCopy.quoted(table.name))")).first.flatMap { $0 } ?? "") ?? -1
            guard there == here, here == table.rows else {
                throw CatalogueError.refused(
                    "the copy of \(table.name) holds \(here) rows and the SQLite catalogue \(there); nothing was copied")
            }
        }
    }

    static let genesis = String(repeating: "0", count: 64)

    /// Every history row links to the one before it in its application's chain and hashes to
    /// what it holds, by this database's own SHA-256. Returns the rows.
    static func historyChains(_ session: PostgresSession) async throws -> Int {
        try chainVerdict(try await historyChainCounts(session), what: "application history")
    }

    /// The history's rows, and how many do not verify.
    static func historyChainCounts(_ session: PostgresSession) async throws -> (total: Int, broken: Int) {
        let rows = try await session.textRows(PostgresQuery(unsafeSQL: """
            SELECT count(*)::text, count(*) FILTER (WHERE prev_hash IS DISTINCT FROM previous
                                                      OR hash IS DISTINCT FROM \(hashed("tern-event-v1", eventFields)))::text
            FROM (SELECT e.*, coalesce(lag(e.hash) OVER (PARTITION BY e.application_id ORDER BY e.id), '\(genesis)') AS previous
                  FROM application_events e) AS chained
            """))
        return (Int(rows.first?[0] ?? "") ?? 0, Int(rows.first?[1] ?? "") ?? 0)
    }

    /// The audit log is one chain in id order, each row hashing to what it holds. Returns the rows.
    static func auditChain(_ session: PostgresSession) async throws -> Int {
        try chainVerdict(try await auditChainCounts(session), what: "audit log")
    }

    /// The audit log's rows, and how many do not verify.
    static func auditChainCounts(_ session: PostgresSession) async throws -> (total: Int, broken: Int) {
        let rows = try await session.textRows(PostgresQuery(unsafeSQL: """
            SELECT count(*)::text, count(*) FILTER (WHERE prev_hash IS DISTINCT FROM previous
                                                      OR hash IS DISTINCT FROM \(hashed("tern-audit-v1", auditFields)))::text
            FROM (SELECT a.*, coalesce(lag(a.hash) OVER (ORDER BY a.id), '\(genesis)') AS previous
                  FROM audit_log a) AS chained
            """))
        return (Int(rows.first?[0] ?? "") ?? 0, Int(rows.first?[1] ?? "") ?? 0)
    }

    /// The fields each chain hashes, in its order: those of `tern_event_hash` and
    /// `tern_audit_hash` (``CatalogueRulesV1``), which the triggers use. The hash is spelled out
    /// here rather than called: PostgreSQL does not inline a function taking a whole row, and
    /// calling it costs ten times as much per row (36 s against 3.4 s for 108,622 history rows).
    /// The tests keep the two the same: rows hashed by SQLite and rows hashed by the trigger
    /// both verify here.
    static let eventFields = ["id", "application_id", "actor_role", "actor_username", "from_status", "to_status", "note",
                              "visibility", "at", "reason_code", "entered_by", "on_behalf_of"]
    static let auditFields = ["id", "actor_username", "actor_role", "action", "student_id", "application_id", "detail", "at"]

    private static func hashed(_ kind: String, _ fields: [String]) -> String {
        let parts = fields.map { "tern_chain_field(\($0))" }.joined(separator: " || ")
        return #"encode(sha256(convert_to(E'\#(kind)\n' || \#(parts) || 'prev:' || previous || E'\n', 'UTF8')), 'hex')"#
    }

    private static func chainVerdict(_ counts: (total: Int, broken: Int), what: String) throws -> Int {
        let (total, broken) = counts
        guard broken == 0 else {
            throw CatalogueError.refused(
                "\(broken) of the \(total) rows of the \(what) do not verify in their hash chain after the copy; nothing was copied (run tern check on the SQLite catalogue)")
        }
        return total
    }

    /// The pay order's key of every listing is what this database computes for it, so listings
    /// changed here later sort among the copied ones as they did there.
    static func payRanksAgree(_ session: PostgresSession) async throws {
        let differing = try await session.column("""
            SELECT count(*) FROM opportunities
            WHERE pay_rank <> tern_pay_rank(hourly_cents, currency, compensation_kind,
                                            (SELECT value FROM settings WHERE key = 'home_currency'))
            """).first.flatMap { $0 } ?? "0"
        guard differing == "0" else {
            throw CatalogueError.refused("\(differing) listings' pay order keys differ from this catalogue's rule after the copy; nothing was copied")
        }
    }

    /// The first rows of a table, in its primary key's order, read back from both sides and
    /// compared value by value (text as its characters, numbers as their digits, a flag as 0/1).
    /// Returns how many rows were compared.
    static func sampleAgrees(_ table: String, layout: PostgresTableLayout, source: any CatalogueRowSource,
                             session: PostgresSession, rows limit: Int) async throws -> Int {
        let columns = layout.columns(of: table)
        let there = try source.rows(of: table, columns: columns, after: nil, limit: limit).rows.map { $0.map(rendered) }
        let selected = columns.map { column in
            layout.type(of: column, in: table) == "boolean"
                ? "(\(PostgresCopy.quoted(column))::int)::text" : "\(PostgresCopy.quoted(column))::text"
        }
        // Text keys in code point order, as SQLite's BINARY sorts them, whatever the database's
        // locale. Qualified, so they name the stored columns, not the text read back.
        let order = (layout.primaryKeys[table] ?? columns).map { column in
            "stored." + PostgresCopy.quoted(column) + (layout.type(of: column, in: table) == "text" ? " COLLATE \"C\"" : "")
        }
        let here = try await session.textRows(PostgresQuery(unsafeSQL: """
            SELECT \(selected.joined(separator: ", ")) FROM \(PostgresCopy.quoted(table)) AS stored
            ORDER BY \(order.joined(separator: ", ")) LIMIT \(max(1, limit))
            """))
        guard here == there else {
            let at = zip(here, there).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(here.count, there.count)
            let column = at < min(here.count, there.count)
                ? zip(here[at], there[at]).enumerated().first { $0.element.0 != $0.element.1 }.map { " (\(columns[$0.offset]))" } ?? ""
                : ""
            throw CatalogueError.refused(
                "row \(at + 1) of \(table)\(column) reads differently after the copy than in the SQLite catalogue; nothing was copied")
        }
        return here.count
    }

    private static func rendered(_ value: StoredValue) -> String? {
        switch value {
        case .null: nil
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): text
        case .blob(let bytes): bytes.map { String($0, radix: 16) }.joined()
        }
    }
}
