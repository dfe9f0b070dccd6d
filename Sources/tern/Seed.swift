import ArgumentParser
import Foundation
import TernCatalogue
import TernText

/// `tern seed --demo`: fill an existing, empty catalogue with the demo set.
struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fill an existing, empty catalogue with the demo data.")

    @OptionGroup var catalogue: CatalogueOptions

    @Flag(help: "Load the hand-written demo catalogue from data/demo.")
    var demo = false

    @Option(help: ArgumentHelp("Not here: a synthetic catalogue is always a new file; use tern init --synthetic N.", valueName: "N"))
    var synthetic: Int?

    func validate() throws {
        if synthetic != nil { throw ValidationError("a synthetic catalogue is built as a new file: use tern init --synthetic N --db PATH") }
        guard demo else { throw ValidationError("say what to seed: --demo") }
    }

    func run() throws {
        let started = Date()
        if let postgres = try catalogue.openServer(for: .seed) {
            // Authorized (an admin's work) before anything is made; the copy then needs it empty.
            let location = postgres.catalogue.location
            let summary = try ServerFill.fill(location, demo: true, synthetic: nil, seed: 1, origin: "tern seed")
            let seconds = Date().timeIntervalSince(started)
            return try Output.line(Sanitizer.line("seeded database \(location.database): \(summary.opportunities) listings, \(summary.organizations) organizations, \(summary.students) students, \(summary.staff) staff, \(summary.applications) applications, \(summary.events) events in \(String(format: "%.1f", seconds)) s"))
        }
        let (opened, _) = try catalogue.open(for: .seed)
        let summary = try Self.seedDemo(into: opened)
        let seconds = Date().timeIntervalSince(started)
        try Output.line("seeded \(opened.path): \(summary.opportunities) listings, \(summary.organizations) organizations, \(summary.students) students, \(summary.staff) staff, \(summary.applications) applications, \(summary.events) events in \(String(format: "%.1f", seconds)) s")
    }

    static func seedDemo(into catalogue: Catalogue) throws -> SeedSummary {
        try catalogue.seedDemo(from: try demoDirectory())
    }

    /// Where the demo catalogue is, found from this executable; an error naming where it looked.
    static func demoDirectory() throws -> URL {
        guard let directory = DemoCatalogue.locate(executablePath: Installation.executablePath) else {
            throw Failure("cannot find the demo catalogue: neither share/tern/demo beside this tern's bin directory nor data/demo in its source tree (TERN_DATA_DIR may name a directory holding demo/)")
        }
        return directory
    }
}
