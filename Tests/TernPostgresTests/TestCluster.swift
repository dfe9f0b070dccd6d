import Foundation
import Testing

/// The throwaway PostgreSQL cluster `make test` starts (scripts/test-postgres): its socket
/// directory, or nil where PostgreSQL 15 is not installed (those tests are then skipped; under
/// CI its absence is a failure, see ``TestClusterPresenceTests``).
enum TestCluster {
    static var socketDirectory: String? {
        ProcessInfo.processInfo.environment["TERN_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }
    static var isPresent: Bool { socketDirectory != nil }
    static let absent = "no PostgreSQL test cluster (make test starts one where PostgreSQL 15 is installed)"

    /// The OS account running the tests: who peer authentication lets in.
    static var login: String {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "" }
        return String(cString: name)
    }
}

@Suite struct TestClusterPresenceTests {
    @Test func underCIThePostgreSQLClusterIsThere() {
        let underCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false
        #expect(!underCI || TestCluster.isPresent, "CI runs every test against PostgreSQL too: TERN_TEST_POSTGRES is not set")
    }
}
