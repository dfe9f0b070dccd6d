import Foundation
import PostgresNIO
import TernStore

/// Copies a whole catalogue (an SQLite one, for `tern migrate --to URL`) into an empty
/// PostgreSQL catalogue at this tern's schema version, and verifies the copy before keeping it.
///
/// - **All or nothing**: one transaction; any refusal, failed row or failed check rolls it back
///   and leaves the target as empty as it was.
/// - **Streamed**: each table goes through `COPY … FROM STDIN` in batches read from the source's
///   snapshot, so no table is held in memory whole.
/// - **Historic rows pass**: the schema's rules guard each new write (an application starts as
///   submitted, a new history row continues its chain), and the copied rows are old ones in
///   every state. For the copy the tables' own triggers are disabled with `ALTER TABLE …
///   DISABLE TRIGGER USER`, which only the tables' owner may do (the admin who created the
///   catalogue with `tern migrate`); it is part of the transaction, so it is undone by the commit
///   or the rollback, and its lock keeps every other session out of the tables until then:
///   nobody else ever writes while the rules are off. Foreign keys stay on: the tables are
///   copied parents first, and a row that refers to nothing is refused.
/// - **Verified** before the commit (``PostgresCopyVerification``): row counts equal on both
///   sides, every history and audit row verifies in its hash chain here, the pay order's keys
///   are what this database's rule computes, and a sample of every table reads back the same.
/// - **Sequences move on**: every identity column continues after the largest copied id, so
///   the next application, student or listing does not collide with a copied one. (History and
///   audit ids come from their chains.)
///
/// ```swift
/// let summary = try await PostgresCopy.copy(from: try catalogue.snapshotRows(), into: session)
/// print(summary.rows)   // every row copied
/// ```
public enum PostgresCopy {
    /// Every table a catalogue holds, parents before the tables that refer to them.
    public static let tables: [String] = [
        "organizations", "skills", "opportunities", "opportunity_deliverables", "opportunity_skills", "students",
        "student_skills", "student_interests", "student_links", "staff", "application_statuses",
        "application_transitions", "applications", "application_events", "feedback", "feedback_skills",
        "saved_opportunities", "saved_searches", "audit_log", "settings", "posting_decisions", "triage_claims",
        "triage_views", "triage_actions", "triage_action_rows", "triage_undo_permits", "student_updates_seen",
    ]

    /// Tables the schema fills when it is made (the state machine, the default settings): an
    /// empty catalogue holds these, and the copy replaces them with the source's own. Children
    /// first, the order they are cleared in.
    static let seededBySchema: [String] = ["application_transitions", "application_statuses", "settings"]

    /// Tables the schema derives from the others (search's word table): never copied, rebuilt
    /// from the copied rows in the same transaction, since the copy runs with the triggers
    /// that keep them switched off.
    static let derived: [String] = ["listing_words"]

    /// Who copied, and from where: written as the copy's own audit row, the first after the
    /// copied ones, in the same transaction.
    public struct Record: Sendable {
        public var actor: String
        public var origin: String
        public var at: Date

        public init(actor: String, origin: String, at: Date = Date()) {
            self.actor = actor
            self.origin = origin
            self.at = at
        }
    }

    /// Copies every row of `source` into the catalogue `session` is connected to, which must be
    /// at this tern's schema version and empty; returns what was copied and checked. With
    /// `record`, the copy ends with an audit row saying who copied it from where.
    public static func copy(from source: any CatalogueRowSource, into session: PostgresSession, record: Record? = nil,
                            batchRows: Int = 10_000, sampleRows: Int = 200) async throws -> PostgresCopySummary {
        try await PostgresSchema.check(session)
        let layout = try await PostgresTableLayout.read(session)
        try checkTables(layout, against: try source.tables(), at: session.location)
        return try await session.inTransaction {
            try await refuseUnlessOwner(session)
            for table in tables {
                try await session.execute(PostgresQuery(unsafeSQL: "ALTER TABLE \(quoted(table)) DISABLE TRIGGER USER"))
            }
            try await refuseUnlessEmpty(session)
            for table in seededBySchema {
                try await session.execute(PostgresQuery(unsafeSQL: "DELETE FROM \(quoted(table))"))
            }
            var copied: [PostgresCopySummary.Table] = []
            for table in tables {
                let rows = try await copyTable(table, columns: layout.columns(of: table), from: source, into: session, batchRows: batchRows)
                copied.append(.init(name: table, rows: rows))
            }
            for table in tables {
                try await session.execute(PostgresQuery(unsafeSQL: "ALTER TABLE \(quoted(table)) ENABLE TRIGGER USER"))
            }
            try await session.execute("SELECT tern_index_all_listing_words()")
            let sequences = try await moveSequences(layout, session)
            let checked = try await PostgresCopyVerification.verify(copied, layout: layout, source: source,
                                                                    session: session, sampleRows: sampleRows)
            if let record {
                let at = ISO8601DateFormatter().string(from: record.at)
                try await session.execute("""
                    INSERT INTO audit_log (actor_username, actor_role, action, detail, at)
                    VALUES (\(record.actor), 'staff', 'migrate', \("from " + record.origin), \(at))
                    """)
            }
            return PostgresCopySummary(tables: copied, sequencesMoved: sequences, historyVerified: checked.history,
                                       auditVerified: checked.audit, sampledRows: checked.sampled)
        }
    }

    /// Both sides must hold the same tables with the same columns: a table or column this tern
    /// does not know would be lost, and a copy that loses something is no copy.
    static func checkTables(_ layout: PostgresTableLayout, against source: [String: [String]], at location: PostgresLocation) throws {
        let here = Set(layout.tables).subtracting(derived)
        guard here == Set(tables) else {
            throw CatalogueError.unusable("the catalogue at \(location.shownName) has other tables than this tern copies; run tern check")
        }
        for name in source.keys.sorted() where !here.contains(name) {
            throw CatalogueError.refused("the SQLite catalogue has a table this tern does not know (\(name)); nothing was copied")
        }
        for table in tables {
            guard let columns = source[table] else {
                throw CatalogueError.refused("the SQLite catalogue has no table \(table); open it with this tern first, which upgrades it")
            }
            let missing = Set(columns).symmetricDifference(layout.columns(of: table))
            if !missing.isEmpty {
                throw CatalogueError.refused(
                    "the SQLite catalogue's table \(table) has other columns (\(missing.sorted().joined(separator: ", "))) than this tern's; nothing was copied")
            }
        }
    }

    private static func refuseUnlessOwner(_ session: PostgresSession) async throws {
        let names = tables.map { "'\($0)'" }.joined(separator: ", ")
        let owns = try await session.column(PostgresQuery(unsafeSQL: """
            SELECT bool_and(pg_has_role(current_user, relowner, 'USAGE')) FROM pg_class
            WHERE relnamespace = 'public'::regnamespace AND relname IN (\(names))
            """)).first ?? nil
        guard owns == "true" else {
            throw CatalogueError.notPermitted(
                "only the catalogue's owner (the admin who created it with tern migrate) may copy a catalogue into it")
        }
    }

    private static func refuseUnlessEmpty(_ session: PostgresSession) async throws {
        var holding: [String] = []
        for table in tables where !seededBySchema.contains(table) {
            let any = try await session.column(PostgresQuery(unsafeSQL: "SELECT EXISTS (SELECT 1 FROM \(quoted(table)))")).first ?? nil
            if any == "true" { holding.append(table) }
        }
        guard holding.isEmpty else {
            throw CatalogueError.refused(
                "the PostgreSQL catalogue at \(session.location.shownName) is not empty (it holds \(holding.joined(separator: ", "))); "
                    + "tern migrate --to copies only into an empty catalogue, and nothing was copied")
        }
    }

    /// Streams one table in batches; returns how many rows went.
    private static func copyTable(_ table: String, columns: [String], from source: any CatalogueRowSource,
                                  into session: PostgresSession, batchRows: Int) async throws -> Int {
        var count = 0
        do {
            try await session.connection.copyFrom(table: table, columns: columns, logger: PostgresSession.quiet) { writer in
                var text = CopyText()
                var after: [StoredValue]? = nil
                repeat {
                    let batch = try source.rows(of: table, columns: columns, after: after, limit: batchRows)
                    text.removeAll()
                    for row in batch.rows { try text.append(row: row, columns: columns, table: table) }
                    if !batch.rows.isEmpty { try await writer.write(ByteBuffer(bytes: text.bytes)) }
                    count += batch.rows.count
                    after = batch.next
                } while after != nil
            }
        } catch let error as CatalogueError {
            throw error
        } catch {
            let why = PostgresFailure.translate(error, at: session.location, login: session.login)
            throw CatalogueError.refused("copying \(table) stopped (\(why.description)); nothing was copied")
        }
        return count
    }

    /// Each identity column continues after the largest id copied; returns the tables moved.
    private static func moveSequences(_ layout: PostgresTableLayout, _ session: PostgresSession) async throws -> [String] {
        var moved: [String] = []
        for (table, column) in layout.identities {
            try await session.execute(PostgresQuery(unsafeSQL: """
                SELECT setval(pg_get_serial_sequence('public.\(quoted(table))', '\(column)'),
                              coalesce((SELECT max(\(quoted(column))) FROM \(quoted(table))), 0) + 1, false)
                """))
            moved.append(table)
        }
        return moved
    }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// What a copy brought over and what was checked: what `tern migrate --to` reports.
public struct PostgresCopySummary: Sendable, Equatable {
    public struct Table: Sendable, Equatable {
        public var name: String
        public var rows: Int
    }

    /// Every table, in the order copied, with its rows.
    public var tables: [Table]
    /// The tables whose ids now continue after the largest one copied.
    public var sequencesMoved: [String]
    /// History rows (every application's chain) and audit rows verified in their chains here.
    public var historyVerified: Int
    public var auditVerified: Int
    /// Rows read back from both sides and found equal.
    public var sampledRows: Int

    public var rows: Int { tables.reduce(0) { $0 + $1.rows } }
    public func rows(of table: String) -> Int? { tables.first { $0.name == table }?.rows }
}
