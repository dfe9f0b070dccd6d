import ArgumentParser
import Foundation
import TernCatalogue

/// `tern settings`: the catalogue's own settings, shown to anyone, changed by staff.
struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the catalogue's settings; staff change them.",
        discussion: "The home currency decides the pay order: listings paying in it come first, by pay per estimated hour; other currencies follow, never converted.")

    @OptionGroup var catalogue: CatalogueOptions

    @Option(name: .customLong("home-currency"), help: ArgumentHelp("Staff: make this ISO 4217 code (such as EUR) the home currency.", valueName: "code"))
    var homeCurrency: String?

    func run() throws {
        guard let homeCurrency else {
            let (opened, _) = try catalogue.open(for: .check, readOnly: true)
            print("home-currency = \(try opened.homeCurrency())")
            return
        }
        let (opened, _) = try catalogue.open(for: .changeSettings)
        try opened.setHomeCurrency(homeCurrency)
        print("home-currency = \(try opened.homeCurrency())")
    }
}
