import ArgumentParser
import Foundation
import TernCatalogue

/// `tern check`: is this catalogue sound?
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the catalogue's integrity, foreign keys and schema version.")

    @OptionGroup var catalogue: CatalogueOptions

    func run() throws {
        guard FileManager.default.fileExists(atPath: catalogue.path) else { throw Failure("no catalogue at \(catalogue.path)") }
        let report = try Catalogue(path: catalogue.path, readOnly: true).check()
        for line in report.lines { print(line) }
        if !report.isHealthy { throw ExitCode(1) }
    }
}

/// `tern backup PATH`: a consistent copy through SQLite's online backup, safe while others write.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy the catalogue with SQLite's online backup API.")

    @OptionGroup var catalogue: CatalogueOptions

    @Argument(help: "Where to write the copy (must not exist).")
    var destination: String

    func run() throws {
        guard !FileManager.default.fileExists(atPath: destination) else { throw Failure("\(destination) already exists") }
        try catalogue.open(seedIfNew: false).backup(to: destination)
        print("backed up \(catalogue.path) to \(destination)")
    }
}
