import ArgumentParser
import Foundation
import TernCatalogue
import TernPostgres
import TernStore
import TernText

/// `tern settings`: the catalogue's own settings, shown to anyone, changed by staff.
struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the catalogue's settings; staff change them.",
        discussion: "The home currency decides the pay order: listings paying in it come first, by pay per estimated hour; other currencies follow, never converted. The pay floor and the unpaid hours limit flag listings in review (tern postings list).")

    @OptionGroup var catalogue: CatalogueOptions

    @Option(name: .customLong("home-currency"), help: ArgumentHelp("Staff: make this ISO 4217 code (such as EUR) the home currency.", valueName: "code"))
    var homeCurrency: String?

    // Unconditional: "-5" is the value given, to be refused for what it is, never taken for an
    // option ("Missing value"). Likewise the hours.
    @Option(name: .customLong("pay-floor"), parsing: .unconditional, help: ArgumentHelp("Staff: flag paid listings below this much per estimated hour, in the home currency (such as 15 or 17.50).", valueName: "amount"))
    var payFloor: String?

    @Option(name: .customLong("unpaid-max-hours"), parsing: .unconditional, help: ArgumentHelp("Staff: flag unpaid listings asking more hours than this.", valueName: "hours"))
    var unpaidMaxHours: Int?

    @Option(name: .customLong("apply-link"), help: ArgumentHelp("Staff: where students apply from a kiosk's QR code, a URL with {ref} for the listing (such as https://careers.example.edu/apply/{ref}).", valueName: "url"))
    var applyLink: String?

    func validate() throws {
        if let payFloor, Money(decimal: payFloor, currency: "USD") == nil {
            let shown = Sanitizer.line(payFloor)
            throw ValidationError(payFloor.trimmingCharacters(in: .whitespaces).hasPrefix("-")
                ? "--pay-floor cannot be negative (\(shown)); give 0 or more, such as 15 or 17.50"
                : "--pay-floor takes an amount such as 15 or 17.50, not \(shown)")
        }
        if let unpaidMaxHours, unpaidMaxHours < 0 { throw ValidationError("--unpaid-max-hours cannot be negative (\(unpaidMaxHours)); give 0 or more") }
    }

    func run() throws {
        let changes = homeCurrency != nil || payFloor != nil || unpaidMaxHours != nil || applyLink != nil
        let change = SettingsChange(homeCurrency: homeCurrency, payFloorCents: payFloor.map { Money(decimal: $0, currency: "USD")!.cents },
                                    unpaidMaxHours: unpaidMaxHours, applyLink: applyLink)
        if let postgres = try catalogue.openServer(for: changes ? .changeSettings : .check, readOnly: !changes) {
            let principal = postgres.access.principal
            try waitFor { try await postgres.catalogue.changeSettings(change, by: principal) }
            let shown = try waitFor { try await postgres.catalogue.settingsShown() }
            try Output.line("home-currency = \(shown.homeCurrency)")
            try Output.line("pay-floor = \(Money(cents: shown.payFloorCents, currency: shown.homeCurrency).decimal)")
            try Output.line("unpaid-max-hours = \(shown.unpaidMaxHours)")
            return try Output.line("apply-link = \(Sanitizer.line(shown.applyLink ?? "(not set: kiosks show no QR code)"))")
        }
        let (opened, access) = changes ? try catalogue.open(for: .changeSettings) : try catalogue.open(for: .check, readOnly: true)
        // Every change at once, in one transaction with its one audit row.
        try opened.changeSettings(change, by: access.principal)
        let home = try opened.homeCurrency()
        let review = try opened.reviewSettings()
        try Output.line("home-currency = \(home)")
        try Output.line("pay-floor = \(Money(cents: review.payFloorCents, currency: home).decimal)")
        try Output.line("unpaid-max-hours = \(review.unpaidMaxHours)")
        // The link is printed as stored only when it is safe to show (it was checked on the way in).
        try Output.line("apply-link = \(Sanitizer.line(try opened.applyLinkTemplate() ?? "(not set: kiosks show no QR code)"))")
    }
}
