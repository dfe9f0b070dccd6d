import Foundation
import Testing
import TernStore
@testable import TernPostgres

/// A catalogue over the network: TLS verified against the campus CA for the server's name, and
/// the account's own SCRAM password, which the account sets itself (only a verifier reaches the
/// server) and keeps in a private file. Anything less is refused before a password is sent.
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresNetworkTests {
    @Test func anAccountSetsItsPasswordAndConnectsOverVerifiedTLSWithIt() async throws {
        let cluster = try PrivateCluster(tls: true)
        let ca = cluster.socketDirectory + "/tls/ca.pem", otherCA = cluster.socketDirectory + "/tls/other-ca.pem"
        let socket = try PostgresLocation(parsing: "postgresql:///postgres?host=\(cluster.socketDirectory)&port=\(cluster.port)")
        let admin = try await PostgresSession.connect(to: socket, as: TestCluster.login)
        let login = FreshCatalogue.uniqueName("lab")
        try await admin.run("CREATE ROLE \(login) LOGIN")
        try await admin.run("GRANT pg_read_all_stats TO \(login)")   // any grant: nothing Tern depends on
        let password = "correct-horse-42!"

        // The account sets its own password on this host's socket, where peer authentication
        // knows it (the test account stands in for it through SET ROLE)...
        try await admin.run("SET ROLE \(login)")
        try await admin.setOwnPassword(password)
        try await admin.run("RESET ROLE")
        // ...and only the SCRAM verifier is stored, never the password.
        let stored = try #require(try await admin.value("SELECT rolpassword FROM pg_authid WHERE rolname = '\(login)'"))
        #expect(stored.hasPrefix("SCRAM-SHA-256$4096:") && !stored.contains(password))

        let network = try PostgresLocation(parsing: "postgresql://localhost:\(cluster.port)/postgres?sslrootcert=\(ca)")
        let session = try await PostgresSession.connect(to: network, as: login, password: password)
        #expect(try await session.currentRole() == login)
        #expect(try await session.value("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == "true")
        try await session.close()

        await #expect(throws: CatalogueError.notPermitted(
            "the catalogue server at localhost:\(cluster.port) (database postgres) does not let \(login) in; an admin adds accounts with tern accounts sync")) {
            _ = try await PostgresSession.connect(to: network, as: login, password: "wrong-password-1")
        }
        // A server whose certificate the campus CA did not sign is refused, password unsent.
        let impostor = try PostgresLocation(parsing: "postgresql://localhost:\(cluster.port)/postgres?sslrootcert=\(otherCA)")
        await #expect(throws: CatalogueError.unusable(
            "the catalogue server at localhost:\(cluster.port) (database postgres) could not be verified over TLS; nothing was sent")) {
            _ = try await PostgresSession.connect(to: impostor, as: login, password: password)
        }
        await #expect(throws: CatalogueError.self) {
            _ = try await PostgresSession.connect(to: network, as: login, password: nil)
        }
        try await admin.run("DROP ROLE \(login)")
        try await admin.close()
    }

    @Test func aPasswordFileIsReadOnlyWhenItIsPrivate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-pw-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/tern/postgres-password"
        #expect(try PostgresCredentials.read(path: path) == nil)
        try PostgresCredentials.write("a-long-password-9", path: path)
        #expect(try PostgresCredentials.read(path: path) == "a-long-password-9")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        chmod(path, 0o640)
        #expect(throws: CatalogueError.self) { _ = try PostgresCredentials.read(path: path) }
        #expect(throws: CatalogueError.invalid("a password has at least 12 characters")) { try PostgresCredentials.check("short") }
        #expect(throws: CatalogueError.self) { try PostgresCredentials.check("has spaces in it ok") }
    }

    @Test func aServerNamedByItsAddressIsRefused() {
        #expect(throws: CatalogueError.self) { _ = try PostgresLocation(parsing: "postgresql://127.0.0.1/tern") }
        #expect(throws: CatalogueError.self) { _ = try PostgresLocation(parsing: "postgresql://[::1]/tern") }
        #expect(throws: CatalogueError.self) { _ = try PostgresLocation(parsing: "postgresql://db.campus.example/tern?sslrootcert=ca.pem") }
        #expect(throws: CatalogueError.self) { _ = try PostgresLocation(parsing: "postgresql:///tern?host=/run/tern&sslrootcert=/etc/ca.pem") }
        #expect((try? PostgresLocation(parsing: "postgresql://db.campus.example/tern?sslrootcert=/etc/tern/ca.pem"))?.certificateAuthority == "/etc/tern/ca.pem")
    }
}
