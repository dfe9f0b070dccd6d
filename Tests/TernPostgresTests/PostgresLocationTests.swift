import Testing
import TernStore
@testable import TernPostgres

/// A catalogue named by URL: this host's socket or a server over TCP, never a user or password
/// in the URL, and every refusal names what is wrong.
@Suite struct PostgresLocationTests {
    @Test func aSocketURLNamesTheDirectoryTheDatabaseAndTheSocketFile() throws {
        let location = try PostgresLocation(parsing: "postgresql:///tern?host=/run/tern")
        #expect(location.endpoint == .socket(directory: "/run/tern", port: 5432))
        #expect(location.database == "tern")
        #expect(location.socketFile == "/run/tern/.s.PGSQL.5432")
        #expect(location.tls == .disable)
        let other = try PostgresLocation(parsing: "postgres:///campus?host=/var/run/pg/&port=5433")
        #expect(other.socketFile == "/var/run/pg/.s.PGSQL.5433")
    }

    @Test func aServerOverTheNetworkIsAlwaysVerified() throws {
        let location = try PostgresLocation(parsing: "postgresql://db.campus.example/tern?sslmode=verify-full")
        #expect(location.endpoint == .tcp(host: "db.campus.example", port: 5432))
        #expect(location.tls == .verifyFull)
        #expect(try PostgresLocation(parsing: "postgresql://db.campus.example:6432/tern").tls == .verifyFull)
        #expect(PostgresLocation.names("postgresql:///tern") && !PostgresLocation.names("/srv/tern/catalogue.sqlite"))
    }

    @Test(arguments: [
        ("postgresql://rpatel@db.campus.example/tern", "names a user"),
        ("postgresql://rpatel:secret@db.campus.example/tern", "names a user"),
        ("postgresql:///tern?host=/run/tern&user=postgres", "does not know: user"),
        ("postgresql:///?host=/run/tern", "names no database"),
        ("postgresql:///tern", "names no server"),
        ("postgresql:///tern?host=/run/tern&port=99999", "port 99999"),
        ("postgresql://db.campus.example/tern?sslmode=require", "only verify-full"),
        ("postgresql:///tern?host=/run/tern&sslmode=verify-full", "TLS on a Unix socket"),
        ("postgresql:///tern?host=/a&host=/b", "host twice"),
        ("mysql://db/tern", "not a postgresql:// URL"),
    ])
    func aURLTernCannotUseIsRefusedSayingWhy(url: String, why: String) {
        #expect {
            try PostgresLocation(parsing: url)
        } throws: { error in
            "\(error)".contains(why)
        }
    }

    @Test func hostileTextInARefusedURLIsShownSafely() {
        #expect {
            try PostgresLocation(parsing: "postgresql://\u{1B}[2Jdb/\u{202E}x?bad=1")
        } throws: { error in
            !"\(error)".contains("\u{1B}") && !"\(error)".contains("\u{202E}")
        }
    }
}
