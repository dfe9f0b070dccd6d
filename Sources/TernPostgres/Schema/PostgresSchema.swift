import PostgresNIO
import TernStore

/// The PostgreSQL catalogue's schema, versioned: its steps in order, taken only when an admin
/// asks (`tern migrate`), never when a catalogue is opened; and the check every opening makes,
/// which refuses a catalogue this tern cannot work with.
///
/// ```swift
/// let taken = try await PostgresSchema.migrate(session)   // ["v1-catalogue", …] on an empty database
/// try await PostgresSchema.check(session)                 // throws unless at this tern's version
/// ```
public enum PostgresSchema {
    /// Every step, in order; never edit a released one, append a new one.
    public static let migrations: [PostgresMigration] = [
        PostgresMigration(version: 1, name: "v1-catalogue", sql: CatalogueTablesV1.sql + CatalogueRulesV1.sql),
        PostgresMigration(version: 2, name: "v2-access", sql: AccessV2.sql),
        PostgresMigration(version: 3, name: "v3-listing-search", sql: ListingSearchV3.sql),
        PostgresMigration(version: 4, name: "v4-changes-and-accounts", sql: ChangesAndAccountsV4.sql),
        PostgresMigration(version: 5, name: "v5-student-and-kiosk-accounts", sql: RolesV5.sql),
        PostgresMigration(version: 6, name: "v6-bulk-word-index", sql: BulkWordsV6.sql),
    ]

    /// The version this tern works with: its newest step's.
    public static var currentVersion: Int { migrations.last?.version ?? 0 }

    /// Where the steps taken are recorded. Readable by every Tern role (``check(_:)`` runs as
    /// whoever opens the catalogue); written only by ``migrate(_:)``.
    static let recordTable = """
        CREATE TABLE IF NOT EXISTS tern_schema_migrations (
            version integer PRIMARY KEY,
            name text NOT NULL UNIQUE,
            applied_at timestamptz NOT NULL DEFAULT now(),
            applied_by text NOT NULL DEFAULT current_user
        )
        """

    /// Takes every step the catalogue has not taken, each in a transaction of its own together
    /// with its record, and returns the names of those taken (none when it was up to date).
    /// Admins migrating at once take turns: the second finds the steps taken and takes none.
    /// A catalogue newer than this tern is refused, and left as it is. `upTo` stops at an
    /// earlier version (tests of upgrades).
    @discardableResult
    public static func migrate(_ session: PostgresSession, upTo last: Int? = nil) async throws -> [String] {
        var taken: [String] = []
        for migration in migrations where migration.version <= (last ?? currentVersion) {
            let took = try await session.inTransaction {
                // Taken inside each step's transaction, so it is released with the commit.
                try await session.execute("SELECT pg_advisory_xact_lock(7371, 0)")
                try await session.execute(PostgresQuery(unsafeSQL: recordTable))
                let recorded = try await recordedSteps(session)
                try refuseIfNewer(recorded)
                try refuseIfForeign(recorded)
                guard !recorded.contains(where: { $0.version == migration.version }) else { return false }
                try await session.executeScript(migration.sql)
                try await session.execute("""
                    INSERT INTO tern_schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))
                    """)
                return true
            }
            if took { taken.append(migration.name) }
        }
        return taken
    }

    /// Refuses a catalogue this tern cannot work with: one newer than this tern (upgrade tern on
    /// this host), one older (an admin runs `tern migrate`), one without a Tern schema at all, or
    /// one whose steps are not this tern's.
    public static func check(_ session: PostgresSession) async throws {
        guard try await hasRecord(session) else {
            throw CatalogueError.unusable(
                "\(session.location.shownName) holds no Tern catalogue yet; an admin creates it with tern migrate")
        }
        let recorded = try await recordedSteps(session)
        try refuseIfNewer(recorded)
        try refuseIfForeign(recorded)
        let version = recorded.map(\.version).max() ?? 0
        if version < currentVersion {
            throw CatalogueError.unusable(
                "the catalogue is at schema v\(version) and this tern needs v\(currentVersion); an admin upgrades it with tern migrate")
        }
    }

    /// The version the catalogue is at (0 when it has no Tern schema).
    public static func version(of session: PostgresSession) async throws -> Int {
        guard try await hasRecord(session) else { return 0 }
        return try await recordedSteps(session).map(\.version).max() ?? 0
    }

    private static func hasRecord(_ session: PostgresSession) async throws -> Bool {
        try await session.column("SELECT to_regclass('tern_schema_migrations')::text").first.flatMap { $0 } != nil
    }

    private static func recordedSteps(_ session: PostgresSession) async throws -> [(version: Int, name: String)] {
        do {
            var steps: [(version: Int, name: String)] = []
            let rows = try await session.connection.query("SELECT version, name FROM tern_schema_migrations ORDER BY version",
                                                          logger: PostgresSession.quiet)
            for try await (version, name) in rows.decode((Int, String).self) {
                steps.append((version, name))
            }
            return steps
        } catch {
            throw PostgresFailure.translate(error, at: session.location, login: session.login)
        }
    }

    private static func refuseIfNewer(_ recorded: [(version: Int, name: String)]) throws {
        if let newest = recorded.map(\.version).max(), newest > currentVersion {
            throw CatalogueError.unusable("this tern is older than the catalogue (schema v\(newest)); upgrade tern on this host")
        }
    }

    /// A step recorded under one of this tern's versions with another name was not made by
    /// this tern's migrations: working on it would be guessing.
    private static func refuseIfForeign(_ recorded: [(version: Int, name: String)]) throws {
        for step in recorded {
            guard let mine = migrations.first(where: { $0.version == step.version }), mine.name == step.name else {
                throw CatalogueError.unusable(
                    "the catalogue's schema step v\(step.version) is not one this tern knows; run tern check and ask an admin")
            }
        }
    }
}
