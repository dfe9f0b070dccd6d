import NIOSSL
import PostgresNIO
import TernStore
import TernText

/// PostgreSQL's errors in Tern's words: a user never reads the server's own message (which may
/// quote SQL, table names or another person's data). Each failure becomes a ``CatalogueError``
/// naming what happened and what to do; the SQLSTATE decides which.
enum PostgresFailure {
    static func translate(_ error: any Error, at location: PostgresLocation, login: String) -> CatalogueError {
        if let known = error as? CatalogueError { return known }
        guard let failure = error as? PSQLError else {
            return .unusable("the catalogue server at \(location.shownName) could not be reached")
        }
        switch failure.code {
        case .server:
            let sqlState = failure.serverInfo?[.sqlState] ?? ""
            if let rule = catalogueRule(sqlState: sqlState, message: failure.serverInfo?[.message] ?? "",
                                        detail: failure.serverInfo?[.detail] ?? "") {
                return rule
            }
            return translate(sqlState: sqlState, location: location, login: login)
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            return .notPermitted("the catalogue server at \(location.shownName) asks \(login) for a way of signing in Tern cannot give")
        case .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return .unusable("the catalogue server at \(location.shownName) could not be verified over TLS; nothing was sent")
        case _ where failure.underlying is NIOSSLError || failure.underlying is BoringSSLError:
            // The certificate did not chain to the campus CA or did not name the host.
            return .unusable("the catalogue server at \(location.shownName) could not be verified over TLS; nothing was sent")
        case .queryCancelled:
            return .cancelled
        default:
            return .unusable("the catalogue server at \(location.shownName) could not be reached (is it running?)")
        }
    }

    /// Whether the server stopped a statement (`pg_cancel_backend` or a `statement_timeout`).
    static func isStatementStopped(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "57014"
    }

    /// The classes of SQLSTATE a screen or command may meet, by their meaning for a person.
    static func translate(sqlState: String, location: PostgresLocation, login: String) -> CatalogueError {
        switch sqlState {
        case "28000", "28P01":
            return .notPermitted("the catalogue server at \(location.shownName) does not let \(login) in; an admin adds accounts with tern accounts sync")
        case "3D000":
            return .missing(location.shownName)
        case "42501":
            return .notPermitted("\(login) may not do that in this catalogue")
        case "25006":
            return .notPermitted("this catalogue is open read-only")
        case "53300":
            return .busy("the catalogue server at \(location.shownName) has too many connections; try again in a moment")
        case "57014":
            // Tern's own cancels are of reads, which say so themselves (PostgresListings); here
            // the server stopped a statement that outran its limit, or an admin stopped it.
            return .busy("the catalogue server stopped the request before it finished (it ran longer than a request may, or an admin stopped it); nothing was saved, try again")
        case "57P01", "57P02", "57P03":
            return .unusable("the catalogue server at \(location.shownName) is restarting; try again in a moment")
        case "40001", "40P01":
            return .busy("someone else changed the same records at the same moment; nothing was saved, try again")
        default:
            return .unusable("the catalogue server at \(location.shownName) refused the request (SQLSTATE \(sqlState.isEmpty ? "unknown" : sqlState))")
        }
    }
}

extension PostgresFailure {
    /// The catalogue's own rules, raised by its triggers with SQLSTATEs of class TN
    /// (``CatalogueRulesV1``). Their messages are Tern's words, written in the schema; anything
    /// else from the server is not shown.
    static func catalogueRule(sqlState: String, message: String, detail: String) -> CatalogueError? {
        let parts = detail.split(separator: " ").map(String.init)
        switch sqlState {
        case "TN001":
            guard parts.count == 2, let from = ApplicationStatus(rawValue: parts[0]), let to = ApplicationStatus(rawValue: parts[1]) else {
                return .refused("that move is not one an application can make")
            }
            return .illegalTransition(from: from, to: to)
        case "TN002":
            return .refused("history, audit and review decisions are kept as written: they cannot be changed or removed")
        case "TN003":
            return .refused("the record does not continue its hash chain, so nothing was saved; run tern check")
        case "TN004":
            return .refused(message.isEmpty ? "the catalogue's rules do not allow that" : Sanitizer.line(message))
        case "TN005":
            guard parts.count == 2, let current = Int(parts[0]), let given = Int(parts[1]) else {
                return .refused("a record's version moves on by one with each change")
            }
            return .versionConflict(expected: given - 1, current: current)
        default:
            return nil
        }
    }
}

extension PostgresLocation {
    /// How the catalogue is named in messages: the URL's server and database, nothing else.
    var shownName: String {
        switch endpoint {
        case .socket(let directory, _): "\(directory) (database \(database))"
        case .tcp(let host, let port): "\(host):\(port) (database \(database))"
        }
    }
}
