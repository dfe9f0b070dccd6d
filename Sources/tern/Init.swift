import ArgumentParser
import Foundation
import TernCatalogue
import TernPostgres
import TernStore
import TernText

/// `tern init`: the one command that creates a catalogue, so that a mistyped `--db` anywhere
/// else is an error instead of a new file full of demo data.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new catalogue (empty, the demo, or a synthetic one for benchmarks).",
        discussion: "The file is made private (0600), or 0660 in a shared setgid directory. It must not exist yet.")

    @OptionGroup var catalogue: CatalogueOptions

    @Flag(help: "Fill it with the hand-written demo catalogue from data/demo.")
    var demo = false

    @Option(help: ArgumentHelp("Generate N synthetic listings (with N/5 students and 2N applications).", valueName: "N"))
    var synthetic: Int?

    @Option(help: "Random seed for --synthetic; the same seed gives the same catalogue.")
    var seed: UInt64 = 1

    func validate() throws {
        if demo && synthetic != nil { throw ValidationError("choose at most one of --demo and --synthetic N") }
        if let synthetic, !(1...10_000_000).contains(synthetic) {
            throw ValidationError("--synthetic takes 1 to 10000000 listings")
        }
    }

    func run() throws {
        let path = try catalogue.location().path
        if CatalogueOptions.isServer(path) { return try initServer(path) }
        if Installation.isShared { try refuseUnlessDirectoryOwner(path) }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Failure("\(path) already exists; tern init never replaces a catalogue")
        }
        let started = Date()
        let summary: SeedSummary
        if let synthetic {
            let interactive = isatty(STDERR_FILENO) == 1
            summary = try Catalogue.createSynthetic(at: path, count: synthetic, seed: seed) { message in
                let elapsed = String(format: "%6.1f s", Date().timeIntervalSince(started))
                if interactive { Output.notice("  \(elapsed)  \(message)\n") }
            }
        } else {
            // Found before anything is made: without it there is nothing to create.
            let demoData = demo ? try Seed.demoDirectory() : nil
            let created = try Catalogue(path: path, opening: .new, waitNotice: printNotice)
            do {
                summary = try demoData.map { try created.seedDemo(from: $0) } ?? SeedSummary()
            } catch {
                // All or nothing: a half-made catalogue would make the retry say "already exists".
                try? created.close()
                for file in [path, path + "-wal", path + "-shm", path + "-heads"] { try? FileManager.default.removeItem(atPath: file) }
                throw error
            }
        }
        try Output.line("created \(path): \(summary.opportunities) listings, \(summary.students) students, \(summary.staff) staff, \(summary.applications) applications")
    }

    /// On PostgreSQL: the schema made in the (existing, empty) database, and the demo or a
    /// synthetic catalogue copied in (``ServerFill``).
    private func initServer(_ name: String) throws {
        let location = try PostgresLocation(parsing: name)
        let summary = try ServerFill.fill(location, demo: demo, synthetic: synthetic, seed: seed, origin: "tern init")
        try Output.line(Sanitizer.line("created database \(location.database): \(summary.opportunities) listings, \(summary.students) students, \(summary.staff) staff, \(summary.applications) applications"))
    }

    /// On a shared host only the administrator who owns the catalogue's directory creates the
    /// catalogue: whoever creates it owns it.
    private func refuseUnlessDirectoryOwner(_ path: String) throws {
        var info = stat()
        let directory = (path as NSString).deletingLastPathComponent
        guard stat(directory, &info) == 0, info.st_uid == getuid() else {
            throw Failure("only the owner of \(directory) may create the shared catalogue")
        }
    }
}

/// Fills an empty PostgreSQL catalogue (`tern init`, `tern seed`): the demo or a synthetic
/// catalogue made as a file in a private scratch directory, copied in as `tern migrate --to`
/// copies (the schema made first if need be, verified, one transaction, refused unless the
/// catalogue is empty), the planner's statistics gathered, then the file removed.
enum ServerFill {
    static func fill(_ location: PostgresLocation, demo: Bool, synthetic: Int?, seed: UInt64, origin: String) throws -> SeedSummary {
        guard let login = Account.current().login else { throw Failure("this account has no login name") }
        let password = try CatalogueOptions.password(for: location)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tern-fill-\(UUID().uuidString)")
        try Installation.asUser {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("catalogue.sqlite").path
        let summary: SeedSummary
        if let synthetic {
            summary = try Catalogue.createSynthetic(at: file, count: synthetic, seed: seed) { _ in }
        } else {
            let demoData = demo ? try Seed.demoDirectory() : nil
            let created = try Catalogue(path: file, opening: .new, waitNotice: printNotice)
            summary = try demoData.map { try created.seedDemo(from: $0) } ?? SeedSummary()
            try created.close()
        }
        let source = try Catalogue(path: file, readOnly: true, opening: .existing).snapshotRows()
        let record = PostgresCopy.Record(actor: login, origin: origin)
        try waitFor {
            let session = try await PostgresSession.connect(to: location, as: login, password: password)
            do {
                try await PostgresSchema.migrate(session)
                _ = try await PostgresCopy.copy(from: source, into: session, record: record)
                try await session.gatherStatistics()
                try await session.close()
            } catch {
                try? await session.close()
                throw error
            }
        }
        return summary
    }
}
