import Foundation
import TernCatalogue
import TernPostgres
import TernStore

/// A catalogue opened for a screen or command as its store protocols, whichever back end holds
/// it: a file (SQLite, the embedded default) or a `postgresql://` URL (a campus's shared server).
struct OpenedCatalogue {
    let store: any CatalogueStore
    let access: Authorization
    /// What the person should know about the catalogue (a file others may write, say).
    let warnings: [String]
    /// The SQLite catalogue, when that is what was opened (commands not yet on PostgreSQL).
    let file: Catalogue?
}

extension CatalogueOptions {
    /// Whether the catalogue named is on a PostgreSQL server.
    static func isServer(_ name: String) -> Bool {
        PostgresLocation.names(name)
    }

    /// The account's own password for a catalogue over the network, read with the user's own
    /// rights from their private file; nil on this host's socket (peer authentication).
    static func password(for location: PostgresLocation) throws -> String? {
        guard case .tcp = location.endpoint else { return nil }
        let path = PostgresCredentials.defaultPath()
        guard let password = try Installation.asUser({ try PostgresCredentials.read(path: path) }) else {
            throw Failure("no password for the catalogue server in \(path); set one with tern accounts password")
        }
        return password
    }

    /// Opens the catalogue for `operation` as the stores a screen works with, and checks, before
    /// any work, that this OS account may do it. On PostgreSQL the account is also who connects
    /// (peer authentication over the socket: the server checks it, nothing typed changes it).
    func openStore(for operation: TernCatalogue.Operation, actingFor: String? = nil, readOnly: Bool = false,
                   opening: Catalogue.Opening = .existing, expire: Bool = true,
                   notice: (@Sendable (String) -> Void)? = printNotice) throws -> OpenedCatalogue {
        let name = try location().path
        guard Self.isServer(name) else {
            let (catalogue, access) = try open(for: operation, actingFor: actingFor, readOnly: readOnly, opening: opening,
                                               expire: expire, notice: notice)
            return OpenedCatalogue(store: catalogue, access: access, warnings: catalogue.file.warnings, file: catalogue)
        }
        let location = try PostgresLocation(parsing: name)
        let account = Account.current()
        guard let login = account.login else {
            throw Failure("this account has no login name for the PostgreSQL server to know it by")
        }
        let password = try Self.password(for: location)
        return try waitFor {
            let catalogue = try await PostgresCatalogue.open(location, as: login, password: password, readOnly: readOnly)
            do {
                let access = try await catalogue.authorize(operation, account: account, actingFor: actingFor)
                // Staff close listings past their deadline as they open (the console again
                // hourly); a student's role may not change listings on PostgreSQL, and a
                // student's own writes refuse a listing past its deadline anyway.
                if expire, !readOnly, access.principal.role != nil { _ = try await catalogue.closeExpired(now: Date()) }
                return OpenedCatalogue(store: catalogue, access: access, warnings: [], file: nil)
            } catch {
                await catalogue.close()
                throw error
            }
        }
    }


    /// The PostgreSQL catalogue, opened and authorized for `operation`, for commands whose work
    /// is not in the store protocols (the staff list); nil when the catalogue is a file.
    func openServer(for operation: TernCatalogue.Operation, readOnly: Bool = false) throws -> (catalogue: PostgresCatalogue, access: Authorization)? {
        guard Self.isServer(try location().path) else { return nil }
        let opened = try openStore(for: operation, readOnly: readOnly, expire: false)
        guard let catalogue = opened.store as? PostgresCatalogue else { return nil }
        return (catalogue, opened.access)
    }
}
