import ArgumentParser
import Foundation
import TernCatalogue

/// `tern seed`: fill an empty catalogue with the demo set or a synthetic one.
struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fill an empty catalogue with demo or synthetic data.")

    @OptionGroup var catalogue: CatalogueOptions

    @Flag(help: "Load the hand-written demo catalogue from data/demo.")
    var demo = false

    @Option(help: ArgumentHelp("Generate N synthetic listings (with N/5 students and 2N applications).", valueName: "N"))
    var synthetic: Int?

    @Option(help: "Random seed for --synthetic; the same seed gives the same catalogue.")
    var seed: UInt64 = 1

    func validate() throws {
        guard demo != (synthetic != nil) else { throw ValidationError("choose exactly one of --demo or --synthetic N") }
        if let synthetic, !(1...10_000_000).contains(synthetic) {
            throw ValidationError("--synthetic takes 1 to 10000000 listings")
        }
    }

    func run() throws {
        let started = Date()
        let summary: SeedSummary
        if demo {
            let opened = try catalogue.open(seedIfNew: false)
            guard let directory = DemoCatalogue.locate() else {
                throw Failure("cannot find the demo catalogue (data/demo); set TERN_DATA_DIR")
            }
            summary = try opened.seedDemo(from: directory)
        } else {
            let interactive = isatty(STDERR_FILENO) == 1
            summary = try Catalogue.createSynthetic(at: catalogue.path, count: synthetic!, seed: seed) { message in
                let elapsed = String(format: "%6.1f s", Date().timeIntervalSince(started))
                if interactive { FileHandle.standardError.write(Data("  \(elapsed)  \(message)\n".utf8)) }
            }
        }
        let seconds = Date().timeIntervalSince(started)
        print("seeded \(catalogue.path): \(summary.opportunities) listings, \(summary.organizations) organizations, \(summary.students) students, \(summary.staff) staff, \(summary.applications) applications, \(summary.events) events in \(String(format: "%.1f", seconds)) s")
    }
}
