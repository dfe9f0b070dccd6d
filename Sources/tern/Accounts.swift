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
        subcommands: [AccountsSync.self])
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
            try Output.line(Sanitizer.line("skipped \(login): not a name a login role can have (lowercase letters, digits, . _ -)"))
        }
        try Output.line("\(sync.granted.count) granted, \(sync.revoked.count) revoked, \(sync.unchanged) unchanged")
    }
}
