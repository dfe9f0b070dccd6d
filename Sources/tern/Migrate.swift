import ArgumentParser
import Foundation
import TernCatalogue
import TernPostgres
import TernStore
import TernText

/// `tern migrate --to URL`: this SQLite catalogue, whole, into an empty PostgreSQL catalogue
/// (``PostgresCopy``), which gets this tern's schema first. Admins only: it is every record at
/// once. The SQLite catalogue is only read, from one snapshot, so others keep working on it.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy this catalogue into an empty PostgreSQL catalogue (admins).",
        discussion: """
            Makes the PostgreSQL catalogue's schema when it has none, then copies every row in one \
            transaction, verifies the copy (row counts, the history and audit hash chains, a sample of \
            every table read back) and prints what was copied. Nothing is kept unless all of it is; a \
            catalogue that already holds anything is refused. You connect as your own account.
            """)

    @OptionGroup var catalogue: CatalogueOptions

    @Option(name: .customLong("to"), help: ArgumentHelp("The PostgreSQL catalogue, such as postgresql:///tern?host=/run/tern. Without it, upgrades the PostgreSQL catalogue --db names to this tern's schema.", valueName: "url"))
    var to: String?

    func validate() throws {
        guard let to else { return }
        do {
            _ = try PostgresLocation(parsing: to)
        } catch let error as CatalogueError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        guard let to else { return try upgrade() }
        let target = try PostgresLocation(parsing: to)
        let (opened, access) = try catalogue.open(for: .migrateCatalogue, readOnly: true)
        guard let login = access.principal.account.login else {
            throw Failure("this account has no login name for the PostgreSQL server to know it by")
        }
        let source = try opened.snapshotRows()
        let record = PostgresCopy.Record(actor: login, origin: opened.path)
        let summary = try waitFor {
            let session: PostgresSession
            do {
                session = try await PostgresSession.connect(to: target, as: login)
            } catch CatalogueError.missing {
                throw Failure("there is no database \(target.database) on that server; create it first (createdb \(target.database)), owned by the admin who migrates")
            }
            do {
                try await PostgresSchema.migrate(session)
                let summary = try await PostgresCopy.copy(from: source, into: session, record: record)
                // The planner knows nothing of rows that arrived by COPY until autovacuum comes
                // round: without statistics a first search took seconds (BENCHMARKS.md).
                try await session.gatherStatistics()
                try await session.close()
                return summary
            } catch {
                try? await session.close()
                throw error
            }
        }
        try report(summary, from: opened.path, to: target)
    }

    /// `tern migrate --db URL`: takes the schema steps this tern has and the catalogue has not,
    /// each in a transaction of its own. Only the catalogue's owner can (the server refuses anyone
    /// else); nobody else's tern migrates it on opening.
    private func upgrade() throws {
        let name = try catalogue.location().path
        guard CatalogueOptions.isServer(name) else {
            throw Failure("a catalogue file is upgraded when tern opens it; tern migrate --to URL copies it into PostgreSQL")
        }
        let location = try PostgresLocation(parsing: name)
        guard let login = Account.current().login else { throw Failure("this account has no login name") }
        let password = try CatalogueOptions.password(for: location)
        let taken = try waitFor {
            let session = try await PostgresSession.connect(to: location, as: login, password: password)
            do {
                let taken = try await PostgresSchema.migrate(session)
                try await session.close()
                return taken
            } catch {
                try? await session.close()
                throw error
            }
        }
        let version = PostgresSchema.currentVersion
        try Output.line(taken.isEmpty ? "the catalogue is already at schema v\(version)"
                                      : "upgraded the catalogue to schema v\(version) (\(taken.joined(separator: ", ")))")
    }

    private func report(_ summary: PostgresCopySummary, from path: String, to target: PostgresLocation) throws {
        let copied = summary.tables.filter { $0.rows > 0 }
        try Output.line("copied \(Sanitizer.line(path)) into PostgreSQL (database \(Sanitizer.line(target.database))): \(summary.rows) rows in \(copied.count) tables")
        try Output.line(PlainTable.render(header: ["TABLE", "ROWS"], rows: summary.tables.map { [$0.name, "\($0.rows)"] },
                                           limits: [40, 20], rightAligned: [1]))
        try Output.line("verified: every table holds as many rows as the SQLite catalogue; \(summary.historyVerified) history rows and \(summary.auditVerified) audit rows verify in their hash chains; \(summary.sampledRows) rows read back equal")
        try Output.line("ids continue after the copied ones (\(summary.sequencesMoved.count) tables); the copy is recorded in the audit log")
    }
}

/// Runs async work from a synchronous command and waits for it: the commands run one thing at
/// a time, and the PostgreSQL client is async.
func waitFor<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = AsyncOutcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { outcome.result = .success(try await work()) } catch { outcome.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try outcome.result!.get()
}

/// Written once by the task, read once after it signalled: the semaphore orders the two.
private final class AsyncOutcome<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
