import Foundation
import TernCatalogue
import TernPostgres
import TernStore

/// The demo catalogue on PostgreSQL, made as a campus makes theirs: a fresh database of its
/// own on the test cluster (uniquely named, so tests run side by side), migrated, the SQLite demo
/// (``SQLiteDemo``) copied into it by ``PostgresCopy`` (what `tern migrate --to` does), and
/// dropped when the test is done with it.
///
/// ```swift
/// try await PostgresDemo.with { demo in
///     #expect(demo.summary.rows(of: "applications") == 124)
/// }
/// ```
public final class PostgresDemo: @unchecked Sendable {
    /// The SQLite demo it was copied from, still open.
    public let sqlite: SQLiteDemo
    public let database: String
    public let location: PostgresLocation
    /// A session as the test account, the owner of the catalogue (as the admin who made it).
    public let session: PostgresSession
    public let summary: PostgresCopySummary

    private init(sqlite: SQLiteDemo, database: String, location: PostgresLocation, session: PostgresSession, summary: PostgresCopySummary) {
        self.sqlite = sqlite
        self.database = database
        self.location = location
        self.session = session
        self.summary = summary
    }

    /// The test cluster's socket directory (scripts/with-test-postgres), or nil where there is none.
    public static var clusterSocket: String? {
        ProcessInfo.processInfo.environment["TERN_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The OS account running the tests: who peer authentication lets in.
    public static var login: String {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "" }
        return String(cString: name)
    }

    public static func location(of database: String) throws -> PostgresLocation {
        guard let socket = clusterSocket else {
            throw CatalogueError.unusable("no PostgreSQL test cluster (TERN_TEST_POSTGRES is not set)")
        }
        return try PostgresLocation(parsing: "postgresql:///\(database)?host=\(socket)")
    }

    /// Runs `body` with the demo copied into a fresh PostgreSQL catalogue, then drops it, whether
    /// `body` returns or throws. `prepare` may add to the SQLite demo before it is copied.
    public static func with<T>(seededAt now: Date = Date(), prepare: (SQLiteDemo) throws -> Void = { _ in },
                               _ body: (PostgresDemo) async throws -> T) async throws -> T {
        let sqlite = try SQLiteDemo(seededAt: now)
        try prepare(sqlite)
        let database = "tern_demo_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let server = try await PostgresSession.connect(to: location(of: "postgres"), as: login)
        func drop() async {
            try? await server.dropDatabase(database)
            try? await server.close()
        }
        do {
            try await server.createDatabase(database)
            let location = try location(of: database)
            let session = try await PostgresSession.connect(to: location, as: login)
            do {
                try await PostgresSchema.migrate(session)
                let summary = try await PostgresCopy.copy(from: try sqlite.catalogue.snapshotRows(), into: session)
                let demo = PostgresDemo(sqlite: sqlite, database: database, location: location, session: session, summary: summary)
                let result = try await body(demo)
                try? await session.close()
                await drop()
                return result
            } catch {
                try? await session.close()
                throw error
            }
        } catch {
            await drop()
            throw error
        }
    }
}

/// The demo on PostgreSQL for the store contract: each test gets a fresh database copied from
/// one template this process made once (migrated, demo copied in), so a test costs a database
/// copy, not a migration. Dropped, with its connections, when the test lets go of it.
public enum PostgresContractDemo {
    private static let template = TemplateOnce()

    public static func open() async throws -> OpenedStore {
        let database = try await copyTemplate()
        let catalogue = try await PostgresCatalogue.open(try PostgresDemo.location(of: database), as: PostgresDemo.login)
        return OpenedStore(store: catalogue) {
            Task.detached {
                await catalogue.close()
                if let server = try? await PostgresSession.connect(to: PostgresDemo.location(of: "postgres"), as: PostgresDemo.login) {
                    try? await server.dropDatabase(database)
                    try? await server.close()
                }
            }
        }
    }

    /// Runs `body` with the location of a fresh copy of the demo, for a test that opens the
    /// catalogue there itself (as a student's or a kiosk's role, say), then drops the copy and
    /// whatever is still connected to it.
    public static func withCopy<T>(_ body: (PostgresLocation) async throws -> T) async throws -> T {
        let database = try await copyTemplate()
        func drop() async {
            if let server = try? await PostgresSession.connect(to: PostgresDemo.location(of: "postgres"), as: PostgresDemo.login) {
                try? await server.dropDatabase(database)
                try? await server.close()
            }
        }
        do {
            let result = try await body(try PostgresDemo.location(of: database))
            await drop()
            return result
        } catch {
            await drop()
            throw error
        }
    }

    /// A new database copied from the template; its name.
    private static func copyTemplate() async throws -> String {
        let templateName = try await template.name()
        let database = "tern_contract_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let server = try await PostgresSession.connect(to: PostgresDemo.location(of: "postgres"), as: PostgresDemo.login)
        try await server.createDatabase(database, copying: templateName)
        try? await server.close()
        return database
    }

    /// Makes the template the first time it is asked for; later callers wait for the same one.
    private actor TemplateOnce {
        private var made: Task<String, any Error>?

        func name() async throws -> String {
            if let made { return try await made.value }
            let task = Task<String, any Error> {
                let name = "tern_contract_template_\(getpid())"
                let sqlite = try SQLiteDemo()
                let server = try await PostgresSession.connect(to: PostgresDemo.location(of: "postgres"), as: PostgresDemo.login)
                try await server.dropDatabase(name)
                try await server.createDatabase(name)
                try? await server.close()
                let session = try await PostgresSession.connect(to: PostgresDemo.location(of: name), as: PostgresDemo.login)
                _ = try await PostgresSchema.migrate(session)
                _ = try await PostgresCopy.copy(from: try sqlite.catalogue.snapshotRows(), into: session)
                try await session.close()
                return name
            }
            made = task
            return try await task.value
        }
    }
}
