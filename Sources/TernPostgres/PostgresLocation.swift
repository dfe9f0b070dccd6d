import Foundation
import TernStore
import TernText

/// Where a PostgreSQL catalogue is, from a `postgresql://` URL as `--db`, `TERN_DB` or the system
/// configuration name it: a Unix socket directory on this host (`postgresql:///tern?host=/run/tern`)
/// or a server over TCP (`postgresql://db.campus.example/tern?sslmode=verify-full`). The URL
/// names no user and no password: who connects is the OS account (peer authentication on the
/// socket; the account's own credentials over TCP), never something typed.
///
/// ```swift
/// let location = try PostgresLocation(parsing: "postgresql:///tern?host=/run/tern")
/// location.socketFile   // "/run/tern/.s.PGSQL.5432"
/// ```
public struct PostgresLocation: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        /// The directory holding the server's socket (`.s.PGSQL.PORT` inside it).
        case socket(directory: String, port: Int)
        case tcp(host: String, port: Int)
    }

    /// How a TCP connection is protected, as libpq names it. Only the modes that refuse an
    /// unverified server are offered, and `disable` for the socket.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        case disable
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var database: String
    public var tls: TLSMode
    /// The campus CA the server's certificate is verified against over TCP (`sslrootcert`, a
    /// PEM file, as libpq names it); the system's trusted roots when not given.
    public var certificateAuthority: String?

    /// Whether `text` names a PostgreSQL catalogue rather than a file.
    public static func names(_ text: String) -> Bool {
        text.hasPrefix("postgresql:") || text.hasPrefix("postgres:")
    }

    public init(parsing text: String) throws {
        func refuse(_ why: String) -> CatalogueError {
            .invalid("the catalogue URL \(Sanitizer.line(text)) \(why)")
        }
        guard Self.names(text), let parts = URLComponents(string: text) else {
            throw refuse("is not a postgresql:// URL")
        }
        if parts.user != nil || parts.password != nil {
            throw refuse("names a user: leave it out, you connect as your own account")
        }
        var query: [String: String] = [:]
        for item in parts.queryItems ?? [] {
            guard query[item.name] == nil else { throw refuse("gives \(item.name) twice") }
            query[item.name] = item.value ?? ""
        }
        let known: Set<String> = ["host", "port", "sslmode", "sslrootcert"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw refuse("has a setting Tern does not know: \(unknown) (known: host, port, sslmode, sslrootcert)")
        }
        if let authority = query["sslrootcert"], !authority.hasPrefix("/") {
            throw refuse("names the CA file \(authority) by a relative path; give its absolute path")
        }
        certificateAuthority = query["sslrootcert"]
        let port: Int
        if let given = query["port"] ?? parts.port.map(String.init) {
            guard let number = Int(given), (1...65_535).contains(number) else { throw refuse("has port \(given), not 1 to 65535") }
            port = number
        } else {
            port = 5432
        }
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        guard !path.isEmpty, !path.contains("/") else { throw refuse("names no database (postgresql:///tern?host=/run/tern)") }
        database = path
        let host = (parts.host ?? "").isEmpty ? query["host"] : parts.host
        guard let host, !host.isEmpty else { throw refuse("names no server: add ?host=/run/tern for this host's socket") }
        if parts.host?.isEmpty == false, query["host"] != nil { throw refuse("names the server twice") }
        if host.hasPrefix("/") {
            endpoint = .socket(directory: host, port: port)
            guard query["sslmode"] == nil || query["sslmode"] == "disable" else {
                throw refuse("asks for TLS on a Unix socket, which needs none")
            }
            guard certificateAuthority == nil else { throw refuse("names a CA for a Unix socket, which needs none") }
            tls = .disable
        } else {
            // The server's certificate is checked against its name: an address has none to check.
            var address = in6_addr()
            guard inet_pton(AF_INET, host, &address) != 1, inet_pton(AF_INET6, host, &address) != 1,
                  !host.hasPrefix("[") else {
                throw refuse("names the server by its address; name it as its certificate does (db.campus.example)")
            }
            endpoint = .tcp(host: host, port: port)
            // Over the network the server is verified against the campus CA, always.
            guard query["sslmode"] == nil || query["sslmode"] == TLSMode.verifyFull.rawValue else {
                throw refuse("sets sslmode=\(query["sslmode"] ?? ""): over the network only verify-full is allowed")
            }
            tls = .verifyFull
        }
    }

    /// The socket file for a socket endpoint (nil over TCP).
    public var socketFile: String? {
        guard case .socket(let directory, let port) = endpoint else { return nil }
        return (directory.hasSuffix("/") ? directory : directory + "/") + ".s.PGSQL.\(port)"
    }
}
