import PostgresNIO
import TernStore

/// Making and removing a whole database on the server this session reaches: for an admin's
/// setup (a campus catalogue made from nothing) and for tests' throwaway catalogues. The name is
/// a plain lowercase identifier, so it is never taken for SQL.
extension PostgresSession {
    /// Makes an empty database named `name` (owned by this session's role).
    public func createDatabase(_ name: String) async throws {
        try Self.refuseUnlessPlain(name)
        try await execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
    }

    /// Creates a database as a copy of `template` (which nobody may be connected to): how tests
    /// get a fresh catalogue in a few milliseconds instead of migrating and copying each time.
    public func createDatabase(_ name: String, copying template: String) async throws {
        try Self.refuseUnlessPlain(name)
        try Self.refuseUnlessPlain(template)
        try await execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(template)"))
    }

    /// Removes the database named `name` if it exists, ending every session still on it.
    public func dropDatabase(_ name: String) async throws {
        try Self.refuseUnlessPlain(name)
        try await execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
    }

    private static func refuseUnlessPlain(_ name: String) throws {
        let plain = !name.isEmpty && name.count <= 63 && name.utf8.first.map { (0x61...0x7A).contains($0) || $0 == 0x5F } == true
            && name.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
        guard plain else { throw CatalogueError.invalid("a database name is lowercase letters, digits and _ (not \(name))") }
    }
}
