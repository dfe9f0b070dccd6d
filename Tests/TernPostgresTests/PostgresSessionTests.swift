import Foundation
import Testing
import TernStore
@testable import TernPostgres

/// A real server (the test cluster): who connects is the OS account, checked by the server
/// (peer authentication); what goes wrong is said in Tern's words, never PostgreSQL's.
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresSessionTests {
    static func location(database: String = "postgres", socket: String? = TestCluster.socketDirectory) throws -> PostgresLocation {
        try PostgresLocation(parsing: "postgresql:///\(database)?host=\(socket ?? "")")
    }

    @Test func theServerKnowsYouAsYourOSAccount() async throws {
        let session = try await PostgresSession.connect(to: Self.location(), as: TestCluster.login)
        #expect(try await session.currentRole() == TestCluster.login)
        try await session.close()
    }

    @Test func claimingAnotherAccountIsRefusedInTernsWords() async throws {
        let other = TestCluster.login == "postgres" ? "nobody" : "postgres"
        await #expect {
            _ = try await PostgresSession.connect(to: Self.location(), as: other)
        } throws: { error in
            let said = "\(error)"
            return said.contains("does not let \(other) in") && !said.contains("authentication failed")
                && !said.lowercased().contains("fatal")
        }
    }

    @Test func aMissingDatabaseIsNamedAsNoCatalogue() async throws {
        await #expect {
            _ = try await PostgresSession.connect(to: Self.location(database: "no_such_catalogue"), as: TestCluster.login)
        } throws: { error in
            guard case CatalogueError.missing(let named)? = error as? CatalogueError else { return false }
            return named.contains("no_such_catalogue")
        }
    }

    @Test func noServerAtTheSocketIsSaidPlainly() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("tern-no-pg-\(UUID().uuidString)").path
        await #expect {
            _ = try await PostgresSession.connect(to: Self.location(socket: empty), as: TestCluster.login)
        } throws: { error in
            "\(error)".contains("could not be reached")
        }
    }
}
