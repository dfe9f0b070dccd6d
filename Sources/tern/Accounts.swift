import ArgumentParser
import Foundation
import TernPostgres
import TernStore
import TernText

/// `tern accounts`: the PostgreSQL accounts of a campus catalogue. On a catalogue file the OS
/// account is the whole identity and there is nothing to sync.
struct Accounts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Give students and staff their PostgreSQL accounts (admins; PostgreSQL catalogues only).",
        subcommands: [AccountsSync.self, AccountsPassword.self])
}

struct AccountsSync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Give each student and staff member a login role with their Tern role, and take Tern's roles from those removed.",
        discussion: """
            Students get tern_student, advisors tern_advisor, admins tern_admin, each --kiosk account \
            tern_kiosk. Accounts whose Tern roles are no longer due lose them (their login role stays). \
            Only Tern's four roles are ever granted, and no account with powers of its own is touched. \
            Recorded in the audit log.
            """)

    @OptionGroup var catalogue: CatalogueOptions

    @Option(name: .customLong("kiosk"), help: ArgumentHelp("An OS account that runs a kiosk (repeat for each).", valueName: "login"))
    var kiosks: [String] = []

    func run() throws {
        guard CatalogueOptions.isServer(try catalogue.location().path) else {
            throw Failure("tern accounts sync is for a PostgreSQL catalogue; on a catalogue file the OS account is the whole identity")
        }
        let opened = try catalogue.openStore(for: .syncAccounts, expire: false)
        guard let postgres = opened.store as? PostgresCatalogue else { throw Failure("this catalogue is not on PostgreSQL") }
        let principal = opened.access.principal
        let kiosks = self.kiosks
        let sync = try waitFor { try await postgres.syncAccounts(kiosks: kiosks, by: principal, now: Date()) }
        for grant in sync.granted { try Output.line(Sanitizer.line("granted \(grant.role) to \(grant.login)")) }
        for grant in sync.revoked { try Output.line(Sanitizer.line("revoked \(grant.role) from \(grant.login)")) }
        for login in sync.skipped {
            try Output.line(Sanitizer.line("skipped \(login): Tern makes and changes only plain accounts (a lowercase login, no powers of its own)"))
        }
        try Output.line("\(sync.granted.count) granted, \(sync.revoked.count) revoked, \(sync.unchanged) unchanged")
    }
}

/// `tern accounts password`: sets your own password for the catalogue server (for labs and
/// kiosks that reach it over the network) and keeps it in your private file. Only its SCRAM
/// verifier is sent; the server never sees the password.
struct AccountsPassword: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Set your own password for a PostgreSQL catalogue and keep it in your private file (0600).",
        discussion: """
            Asked twice, never shown; at least \(PostgresCredentials.minimumLength) characters, printable ASCII. \
            Run it where you can reach the catalogue already: on its host (your OS account is \
            enough there), or over the network with your current password.
            """)

    @OptionGroup var catalogue: CatalogueOptions

    func run() throws {
        let name = try catalogue.location().path
        guard CatalogueOptions.isServer(name) else {
            throw Failure("tern accounts password is for a PostgreSQL catalogue; a catalogue file needs no password")
        }
        let location = try PostgresLocation(parsing: name)
        guard let login = Account.current().login else { throw Failure("this account has no login name") }
        let current = try CatalogueOptions.password(for: location)
        let first = try PINReader.read(prompt: "New password: ")
        let second = try PINReader.read(prompt: "The same password again: ")
        guard first == second else { throw Failure("the two passwords differ; nothing was changed") }
        try PostgresCredentials.check(first)
        try waitFor {
            let session = try await PostgresSession.connect(to: location, as: login, password: current)
            do {
                try await session.setOwnPassword(first)
                try await session.close()
            } catch {
                try? await session.close()
                throw error
            }
        }
        let path = PostgresCredentials.defaultPath()
        try Installation.asUser { try PostgresCredentials.write(first, path: path) }
        try Output.line(Sanitizer.line("your password for \(location.database) is set, and kept in \(path) (readable by you alone)"))
    }
}
