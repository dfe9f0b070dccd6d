import ArgumentParser
import Foundation
import TernCatalogue
import TernText

/// An import refusal, printed as `FILE:LINE:COLUMN: message`.
struct ImportFailure: Error, CustomStringConvertible {
    var file: String
    var error: ImportError
    var description: String { "\(file):\(error.line):\(error.column): \(error.message)" }
}

/// `tern import FILE`: all rows or none.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import opportunities, students or applications from CSV or JSON, all or nothing.",
        discussion: "The format follows the file's extension (.json, else CSV); the columns say what it holds. See README: Import format.")

    @OptionGroup var catalogue: CatalogueOptions

    @Argument(help: "The CSV or JSON file.")
    var file: String

    @Option(help: "csv or json (default: from the file name).")
    var format: ExchangeFormat?

    @Flag(name: .customLong("dry-run"), help: "Check the whole file and report, writing nothing.")
    var dryRun = false

    func run() throws {
        // A catalogue file or a PostgreSQL catalogue: the same files, read and checked the same way.
        let opened = try catalogue.openStore(for: .importFile)
        // The file is the user's: opened with their own rights, never the tern group's. The
        // import then reads it a segment at a time through the open file.
        let source: ImportSource = try Installation.asUser {
            do { return try ImportSource(path: file) } catch { throw Failure("cannot read \(file)") }
        }
        let kind = format ?? ExchangeFormat.guess(path: file)
        // On a terminal, a progress line on stderr while it reads, checks and writes.
        let progress = ImportProgressLine(file: file)
        defer { progress.finish() }
        do {
            let origin = file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
            let record = ImportRecord(principal: opened.access.principal, origin: origin)
            let summary: ImportSummary
            if let file = opened.file {
                summary = try file.importFile(source, format: kind, dryRun: dryRun, recorded: record) { progress.show($0) }
            } else {
                let store = opened.store, dryRun = dryRun
                summary = try waitFor {
                    try await store.importFile(source, format: kind, dryRun: dryRun, now: Date(), recorded: record,
                                               progress: { progress.show($0) })
                }
            }
            progress.finish()
            try Output.line("\(dryRun ? "would import" : "imported") \(summary.subject) from \(Sanitizer.line(file)): \(summary.inserted) new, \(summary.updated) updated")
        } catch let error as ImportError {
            throw ImportFailure(file: file, error: error)
        }
    }
}

/// `tern export`: the import format, to stdout.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export to stdout in the import format.")

    @OptionGroup var catalogue: CatalogueOptions

    @Option(help: "opportunities, applications or students.")
    var what: ExchangeSubject = .opportunities

    @Option(help: "csv or json.")
    var format: ExchangeFormat = .csv

    func run() throws {
        let subject = what
        let operation: TernCatalogue.Operation = switch subject {
        case .opportunities: .exportListings
        case .students: .exportStudents
        case .applications: .exportApplications
        }
        if let postgres = try catalogue.openServer(for: operation, readOnly: subject == .opportunities) {
            let chunks = ExportChunks(toTerminal: isatty(STDOUT_FILENO) == 1)
            let format = format, principal = postgres.access.principal
            try waitFor {
                try await postgres.catalogue.export(subject, as: format, by: principal, to: OutputDestination.standardOutput) { try chunks.add($0) }
            }
            return try chunks.flush()
        }
        // Listings are public and read read-only; an export of students or applications is a
        // disclosure, recorded in the audit log first, so it needs a catalogue it may write.
        let (opened, access) = try catalogue.open(for: operation, readOnly: subject == .opportunities, expire: false)
        // A file or a pipe gets the exact bytes, to re-import; a person at a terminal reads the
        // catalogue's text as the screen shows it, so an imported escape sequence cannot drive it.
        let toTerminal = isatty(STDOUT_FILENO) == 1
        var buffer = ""
        try opened.export(subject, as: format, by: access.principal, to: OutputDestination.standardOutput) { chunk in
            buffer += toTerminal ? Sanitizer.block(chunk) : chunk
            if buffer.utf8.count > 1 << 16 { try Output.write(buffer); buffer = "" }
        }
        try Output.write(buffer)
    }
}

/// What an export writes, gathered into large writes; to a terminal, shown as the screen shows
/// catalogue text (so an imported escape sequence cannot drive it), elsewhere the exact bytes.
/// Written to only by the export's one task, in order.
final class ExportChunks: @unchecked Sendable {
    private let toTerminal: Bool
    private var buffer = ""

    init(toTerminal: Bool) { self.toTerminal = toTerminal }

    func add(_ chunk: String) throws {
        buffer += toTerminal ? Sanitizer.block(chunk) : chunk
        if buffer.utf8.count > 1 << 16 { try Output.write(buffer); buffer = "" }
    }

    func flush() throws { try Output.write(buffer); buffer = "" }
}
