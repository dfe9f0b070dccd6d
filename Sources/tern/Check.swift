import ArgumentParser
import Foundation
import TernCatalogue
import TernPostgres
import TernStore
import TernText

/// `tern check`: is this catalogue sound? Every problem is a line of the report; nothing else is
/// printed, and the exit status says healthy (0) or not (1).
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the catalogue's integrity, foreign keys and schema version.")

    @OptionGroup var catalogue: CatalogueOptions

    func run() throws {
        if CatalogueOptions.isServer(try catalogue.location().path) { return try checkServer() }
        let report: CheckReport
        do {
            // Read-only: a check never migrates or repairs.
            let (opened, _) = try catalogue.open(for: .check, readOnly: true)
            report = try opened.check()
        } catch let error as CatalogueError {
            if case .missing = error { throw error }
            // A catalogue that cannot be opened (newer schema, damaged, not a catalogue) is a
            // finding of the check, reported as one, not a crash.
            try Output.line("catalogue: \(Sanitizer.line(error.description))")
            throw ExitCode(1)
        }
        for line in report.lines { try Output.line(Sanitizer.line(line)) }
        if !report.isHealthy { throw ExitCode(1) }
    }
}

extension Check {
    /// The PostgreSQL catalogue's schema, rules, row-level security and hash chains
    /// (``PostgresCheck``), through a plain session: a catalogue at another version is a finding
    /// here, not a refusal.
    private func checkServer() throws {
        let location = try PostgresLocation(parsing: try catalogue.location().path)
        guard let login = Account.current().login else { throw Failure("this account has no login name") }
        let password = try CatalogueOptions.password(for: location)
        let report: PostgresCheck.Report
        do {
            report = try waitFor {
                let session = try await PostgresSession.connect(to: location, as: login, password: password)
                do {
                    let report = try await PostgresCheck.run(session)
                    try await session.close()
                    return report
                } catch {
                    try? await session.close()
                    throw error
                }
            }
        } catch let error as CatalogueError {
            if case .missing = error { throw error }
            try Output.line("catalogue: \(Sanitizer.line(error.description))")
            throw ExitCode(1)
        }
        for line in report.lines { try Output.line(Sanitizer.line(line)) }
        if !report.isHealthy { throw ExitCode(1) }
    }
}

/// `tern backup PATH`: a consistent copy through SQLite's online backup, safe while others write.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy the catalogue with SQLite's online backup API (staff).")

    @OptionGroup var catalogue: CatalogueOptions

    @Argument(help: "Where to write the copy (must not exist; it is created readable by you alone).")
    var destination: String

    func run() throws {
        if CatalogueOptions.isServer(try catalogue.location().path) {
            let opened = try catalogue.openStore(for: .backup, expire: false)
            guard let postgres = opened.store as? PostgresCatalogue else { throw Failure("this catalogue is not on PostgreSQL") }
            let path = destination, principal = opened.access.principal
            try Installation.asUser { try Catalogue.createPrivateFile(path, purpose: "the backup") }
            try waitFor { try await PostgresBackup.backup(postgres, to: path, by: principal) }
            return try Output.line(Sanitizer.line("backed up database \(postgres.location.database) to \(path) (pg_dump, custom format)"))
        }
        let (opened, access) = try catalogue.open(for: .backup, expire: false)
        // The copy is the user's file: created with their own rights, never the tern group's.
        try Installation.asUser { try Catalogue.createPrivateFile(destination, purpose: "the backup") }
        try opened.backup(to: destination, by: Actor(role: .staff, username: access.principal.account.displayName))
        try Output.line("backed up \(opened.path) to \(destination)")
    }
}

/// `tern restore BACKUP`: the backup checked, then copied in through SQLite's backup API.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the catalogue's contents with a backup's (staff).",
        discussion: "Checks the backup first, then copies it in under the write lock while other processes wait. Never copy files over a live catalogue: its -wal file would mix old and new pages.")

    @OptionGroup var catalogue: CatalogueOptions

    @Argument(help: "A file written by tern backup.")
    var backup: String

    @Flag(name: .customLong("force-older"), help: "Restore a backup older than the catalogue, dropping the audit rows and history events written since (admins; the restore's audit row says how many).")
    var forceOlder = false

    func run() throws {
        if CatalogueOptions.isServer(try catalogue.location().path) { return try restoreServer() }
        // Read-only here: the copy goes through a connection of its own that waits only briefly.
        let (opened, access) = try catalogue.open(for: .restore, readOnly: true)
        let source = try Installation.asUser { try CatalogueBackup(path: backup) }
        let outcome = try opened.restore(from: source, by: Actor(role: .staff, username: access.principal.account.displayName), forceOlder: forceOlder)
        let dropped = outcome.droppedAuditRows + outcome.droppedEvents == 0 ? ""
            : " (dropped \(outcome.droppedAuditRows) audit rows and \(outcome.droppedEvents) history events)"
        try Output.line(Sanitizer.line("restored \(opened.path) from \(backup)\(dropped): " + outcome.report.lines.joined(separator: ", ")))
        if !outcome.report.isHealthy { throw ExitCode(1) }
    }
}

extension Restore {
    /// Into an empty PostgreSQL database (its owner restores, and owns what is restored), then
    /// checked as `tern check` checks; the restore is refused where the database holds anything.
    private func restoreServer() throws {
        let location = try PostgresLocation(parsing: try catalogue.location().path)
        guard let login = Account.current().login else { throw Failure("this account has no login name") }
        let password = try CatalogueOptions.password(for: location)
        let backup = backup
        guard FileManager.default.isReadableFile(atPath: backup) else { throw Failure("cannot read \(Sanitizer.line(backup))") }
        let report = try waitFor { try await PostgresBackup.restore(from: backup, into: location, login: login, password: password) }
        try Output.line(Sanitizer.line("restored database \(location.database) from \(backup): " + report.lines.joined(separator: ", ")))
        if !report.isHealthy { throw ExitCode(1) }
    }
}
