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
        name.hasPrefix("postgresql://") || name.hasPrefix("postgres://")
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
        return try waitFor {
            let catalogue = try await PostgresCatalogue.open(location, as: login, readOnly: readOnly)
            do {
                let access = try await catalogue.authorize(operation, account: account, actingFor: actingFor)
                // On a shared server, closing what has expired is staff work (the console does it, and
                // tern expire): a student's own account may not close listings nor expire anyone's applications.
                if expire, !readOnly, access.principal.role != nil { _ = try await catalogue.closeExpired(now: Date()) }
                return OpenedCatalogue(store: catalogue, access: access, warnings: [], file: nil)
            } catch {
                await catalogue.close()
                throw error
            }
        }
    }

}
