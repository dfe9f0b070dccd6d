import Foundation
import PostgresNIO
import TernStore
@testable import TernPostgres

/// A database of a test's own on the test cluster, made for it and dropped after it, so tests
/// run in parallel without meeting each other's rows. (Roles are cluster-wide: a test that
/// makes roles names them uniquely too, see ``FreshCatalogue/uniqueName(_:)``.)
enum FreshCatalogue {
    static func location(_ database: String) throws -> PostgresLocation {
        try PostgresLocation(parsing: "postgresql:///\(database)?host=\(TestCluster.socketDirectory ?? "")")
    }

    static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    }

    /// Runs `body` with a session on an empty database, as the test account (a superuser of the
    /// test cluster, as an admin running `tern migrate` would be an owner), then drops it.
    static func with<T>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        let name = uniqueName("tern_test")
        let server = try await PostgresSession.connect(to: location("postgres"), as: TestCluster.login)
        try await server.run("CREATE DATABASE \(name)")
        func drop() async {
            try? await server.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            try? await server.close()
        }
        let session: PostgresSession
        do {
            session = try await PostgresSession.connect(to: location(name), as: TestCluster.login)
        } catch {
            await drop()
            throw error
        }
        do {
            let result = try await body(session)
            try? await session.close()
            await drop()
            return result
        } catch {
            try? await session.close()
            await drop()
            throw error
        }
    }

    /// Runs `body` on a fresh database migrated to this tern's version.
    static func migrated<T>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await with { session in
            try await PostgresSchema.migrate(session)
            return try await body(session)
        }
    }

    /// One listing of one organization, one student and their submitted application (id 18, as in the demo catalogue).
    static let oneApplication = [
        "INSERT INTO organizations (name, kind, created_at) VALUES ('東京デザイン工房', 'company', '2026-11-01T09:00:00Z')",
        """
        INSERT INTO opportunities (ref, organization_id, title, field, hours, duration_days, schedule, deadline,
            compensation_kind, hourly_cents, currency, location_kind, status, posted_at, updated_at)
        VALUES ('TDK-1', 1, 'Packaging for a sencha tin', 'design', 20, 14, 'flexible', '2027-01-31',
            'hourly', 2500, 'USD', 'remote', 'open', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')
        """,
        "INSERT INTO students (username, name, email, created_at) VALUES ('ayamamoto', 'Aiko Yamamoto', 'ay@example.edu', '2026-09-01T09:00:00Z')",
        """
        INSERT INTO applications (id, student_id, opportunity_id, hours_offered, status, created_at, updated_at)
        VALUES (18, 1, 1, 20, 'submitted', '2026-11-10T18:04:55Z', '2026-11-10T18:04:55Z')
        """,
    ]
}

extension PostgresSession {
    /// Runs SQL written by a test.
    func run(_ sql: String) async throws {
        try await execute(PostgresQuery(unsafeSQL: sql))
    }

    func run(_ statements: [String]) async throws {
        for sql in statements { try await run(sql) }
    }

    /// The first column of the first row, as text.
    func value(_ sql: String) async throws -> String? {
        try await column(PostgresQuery(unsafeSQL: sql)).first ?? nil
    }
}

extension FreshCatalogue {
    /// Runs `body` on a migrated catalogue with login roles of its own (cluster-wide, so named
    /// uniquely: `amy_3f9c…`), each granted `group`, which the session can `SET ROLE` to; the
    /// roles are dropped after the database.
    static func withLogins<T>(_ names: [String], granted group: String,
                              _ body: (PostgresSession, [String]) async throws -> T) async throws -> T {
        let logins = names.map { uniqueName($0) }
        func dropLogins() async {
            guard let server = try? await PostgresSession.connect(to: location("postgres"), as: TestCluster.login) else { return }
            for login in logins { try? await server.run("DROP ROLE IF EXISTS \(login)") }
            try? await server.close()
        }
        do {
            let result = try await migrated { session in
                for login in logins {
                    try await session.run("CREATE ROLE \(login) LOGIN")
                    try await session.run("GRANT \(group) TO \(login)")
                }
                return try await body(session, logins)
            }
            await dropLogins()
            return result
        } catch {
            await dropLogins()
            throw error
        }
    }
}
