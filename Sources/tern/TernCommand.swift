import ArgumentParser
import Foundation
import TernCatalogue

/// `tern`: the root command. With no subcommand it opens the full-screen interface.
struct TernCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tern",
        abstract: "A terminal job board for micro-internships.",
        discussion: """
            With no subcommand, opens the full-screen interface on the catalogue.
            Exit codes: 0 success, 1 failure, 2 usage.
            """,
        subcommands: [Browse.self, Init.self, Seed.self, Search.self, Apply.self, Import.self, Export.self, PortfolioCommand.self, Updates.self, Check.self, Backup.self, Restore.self, Migrate.self, Accounts.self, Settings.self, Postings.self, Organizations.self, Staff.self, Expire.self, Applications.self, Audit.self, Report.self, Triage.self, Kiosk.self],
        defaultSubcommand: Browse.self
    )
}

/// The catalogue every command works on, and the one place each command's access is checked.
struct CatalogueOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Catalogue file, or a PostgreSQL catalogue's postgresql:// URL (default: $TERN_DB, else $XDG_DATA_HOME/tern/catalogue.sqlite). An installed (setgid) tern uses only its system configuration.", valueName: "path-or-url"))
    var db: String?

    /// Where the catalogue is, and whether it is the per-user default (which alone is created on
    /// first use).
    struct Location {
        var path: String
        var isDefault: Bool
    }

    /// `--db`, `TERN_DB`, then the XDG data directory; an installed tern only its system config.
    func location() throws -> Location {
        let environment = ProcessInfo.processInfo.environment
        if Installation.isShared {
            if db != nil || !(environment["TERN_DB"] ?? "").isEmpty {
                throw Failure("this tern is installed for a shared catalogue; --db and TERN_DB are not accepted")
            }
            return Location(path: try Installation.sharedCataloguePath(), isDefault: false)
        }
        if let db { return Location(path: db, isDefault: false) }
        if let db = environment["TERN_DB"], !db.isEmpty { return Location(path: db, isDefault: false) }
        // XDG paths are built from $HOME (NSHomeDirectory reads the password database instead).
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (home as NSString).appendingPathComponent(".local/share")
        return Location(path: (dataHome as NSString).appendingPathComponent("tern/catalogue.sqlite"), isDefault: true)
    }

    /// Opens the catalogue for `operation` and checks, before any work, that this OS account may
    /// do it (and act for `actingFor`, when given). Only `tern init` creates a catalogue, and the
    /// full-screen interface its default one on first run (`opening`). A command that writes then
    /// closes listings past their deadline (`expire`), so that no write works on a stale board.
    func open(for operation: TernCatalogue.Operation, actingFor: String? = nil, readOnly: Bool = false,
              opening: Catalogue.Opening = .existing, expire: Bool = true,
              notice: (@Sendable (String) -> Void)? = printNotice) throws -> (Catalogue, Authorization) {
        let path = try location().path
        if Self.isServer(path) {
            throw Failure("this tern cannot \(operation.summary) on a PostgreSQL catalogue yet; only on a catalogue file")
        }
        if Installation.isShared { try refuseMissingCompanions(of: path) }
        let catalogue = try Catalogue(path: path, readOnly: readOnly, opening: opening, waitNotice: notice)
        if let notice { catalogue.file.warnings.forEach { notice("warning: \($0)") } }
        let access = try catalogue.authorize(operation, account: .current(), actingFor: actingFor)
        if expire, !readOnly, !catalogue.isReadOnly { try catalogue.closeExpired(now: Date()) }
        return (catalogue, access)
    }

    /// On a shared host the catalogue's `-wal`, `-shm` and `-heads` (the chain-head log) are made
    /// once by its owner and kept; a user's process must never make them (it would own them,
    /// and could write the catalogue through them or rewrite the witnessed heads).
    private func refuseMissingCompanions(of path: String) throws {
        var file = stat()
        guard stat(path, &file) == 0 else { return }
        guard file.st_uid != getuid() else { return }
        for suffix in ["-wal", "-shm", "-heads"] {
            var info = stat()
            guard stat(path + suffix, &info) == 0, info.st_uid == file.st_uid else {
                throw Failure("the shared catalogue's \(suffix) file is missing or not the catalogue owner's; the administrator should run `tern check` as its owner")
            }
        }
    }
}

/// Errors a person sees: one line, no stack trace.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A line for the person waiting (a long lock wait, a warning about the file), on stderr.
@Sendable func printNotice(_ message: String) {
    printError(message)
}
