import Foundation
import Logging
import PostgresNIO
import TernStore

/// One connection to a PostgreSQL catalogue, as the OS account `login`. On this host that is
/// peer authentication over the Unix socket: the server checks the account itself, so nothing
/// typed changes who connects. (TCP with the account's own credentials comes with the campus
/// setup.) Every error leaves in Tern's words (``PostgresFailure``).
///
/// ```swift
/// let session = try await PostgresSession.connect(to: location, as: "jgarcia")
/// let me = try await session.currentRole()   // "jgarcia"
/// try await session.close()
/// ```
public final class PostgresSession: Sendable {
    public let location: PostgresLocation
    public let login: String
    /// The account's own password over TCP (nil on the socket): kept to connect again.
    let password: String?
    let connection: PostgresConnection

    private init(location: PostgresLocation, login: String, password: String?, connection: PostgresConnection) {
        self.location = location
        self.login = login
        self.password = password
        self.connection = connection
    }

    /// Another session as the same account to the same catalogue.
    func connectAgain() async throws -> PostgresSession {
        try await Self.connect(to: location, as: login, password: password)
    }

    /// Over TCP, `password` is the account's own (``PostgresCredentials``), sent only inside TLS
    /// to a server whose certificate verifies against the campus CA for the URL's host name.
    public static func connect(to location: PostgresLocation, as login: String, password: String? = nil) async throws -> PostgresSession {
        var configuration: PostgresConnection.Configuration
        switch location.endpoint {
        case .socket:
            configuration = .init(unixSocketPath: location.socketFile ?? "", username: login, password: nil, database: location.database)
        case .tcp(let host, let port):
            guard let password else {
                throw CatalogueError.notPermitted("\(login) has no password for the catalogue server at \(location.shownName); set one with tern accounts password")
            }
            configuration = .init(host: host, port: port, username: login, password: password, database: location.database,
                                  tls: .require(try PostgresTLS.context(trusting: location.certificateAuthority)))
            // The certificate must name this host (verify-full; PostgresLocation refuses an IP address).
            configuration.options.tlsServerName = host
        }
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.quiet)
            return PostgresSession(location: location, login: login, password: password, connection: connection)
        } catch {
            throw PostgresFailure.translate(error, at: location, login: login)
        }
    }

    /// The role the server says this session is: the proof that identity is the account's.
    public func currentRole() async throws -> String {
        do {
            for try await name in try await connection.query("SELECT current_user::text", logger: Self.quiet).decode(String.self) {
                return name
            }
            throw CatalogueError.unusable("the catalogue server at \(location.shownName) did not say who is connected")
        } catch {
            throw PostgresFailure.translate(error, at: location, login: login)
        }
    }

    /// The server process serving this session: what its notifications carry, so that this
    /// process's own change feed can ignore them.
    public func backendPID() async throws -> Int32 {
        do {
            for try await pid in try await connection.query("SELECT pg_backend_pid()", logger: Self.quiet).decode(Int32.self) {
                return pid
            }
            throw CatalogueError.unusable("the catalogue server at \(location.shownName) did not say which process serves it")
        } catch {
            throw PostgresFailure.translate(error, at: location, login: login)
        }
    }

    /// The server closed the connection, or ``close()`` did.
    public var isClosed: Bool { connection.isClosed }

    public func close() async throws {
        try? await connection.close()
    }

    /// A session let go without ``close()`` (a screen's store at exit, a kiosk's catalogue
    /// opened again) still closes its connection, which postgres-nio requires before the
    /// connection goes: the task keeps it until then. Closing twice is harmless.
    deinit {
        let connection = connection
        Task.detached { try? await connection.close() }
    }

    /// postgres-nio logs to a logger we give it; nothing of the server's reaches the terminal.
    static let quiet = Logger(label: "tern.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
}
