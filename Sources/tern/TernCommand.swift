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
        subcommands: [Browse.self, Seed.self, Search.self, Import.self, Export.self, PortfolioCommand.self, Check.self, Backup.self],
        defaultSubcommand: Browse.self
    )
}

/// The catalogue every command works on.
struct CatalogueOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Catalogue file (default: $TERN_DB, else $XDG_DATA_HOME/tern/catalogue.sqlite).", valueName: "path"))
    var db: String?

    /// Where the catalogue lives: `--db`, `TERN_DB`, then the XDG data directory.
    var path: String {
        if let db, !db.isEmpty { return db }
        let environment = ProcessInfo.processInfo.environment
        if let db = environment["TERN_DB"], !db.isEmpty { return db }
        // XDG paths are built from $HOME (NSHomeDirectory reads the password database instead).
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (home as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("tern/catalogue.sqlite")
    }

    /// Opens the catalogue; a brand-new default catalogue is seeded with the demo data so a first
    /// run shows something real.
    func open(seedIfNew: Bool = true, readOnly: Bool = false) throws -> Catalogue {
        let isNew = !FileManager.default.fileExists(atPath: path)
        if isNew && readOnly { throw CatalogueError.unusable("no catalogue at \(path)") }
        let catalogue = try Catalogue(path: path, readOnly: readOnly)
        if isNew && seedIfNew {
            guard let demo = DemoCatalogue.locate() else {
                throw CatalogueError.unusable("cannot find the demo catalogue (data/demo); set TERN_DATA_DIR")
            }
            try catalogue.seedDemo(from: demo)
        }
        return catalogue
    }
}

/// Errors a person sees: one line, no stack trace.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
