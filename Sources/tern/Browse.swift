import ArgumentParser
import Foundation
import TernCatalogue

/// `tern` / `tern browse`: the full-screen interface.
struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the full-screen interface (the default).")

    @OptionGroup var catalogue: CatalogueOptions

    @Option(help: "Browse as this student (default: your login).")
    var user: String?

    @Option(help: "Theme name from themes/ (default: from the config, else default).")
    var theme: String?

    func run() throws {
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1,
              let term = ProcessInfo.processInfo.environment["TERM"], !term.isEmpty, term != "dumb"
        else {
            printError("tern needs an interactive terminal; try `tern search`")
            throw ExitCode(2)
        }
        let opened = try catalogue.open()
        let count = try opened.countOpportunities(matching: OpportunityQuery())
        // The full-screen interface arrives with issue 3; until then say what is here.
        print("Tern: \(count) open listings in \(opened.path). The full-screen interface is not built yet; try `tern search`.")
    }
}
