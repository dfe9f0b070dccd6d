/// Settings staff change together (`tern settings`): each nil is left as it is. The same rules
/// on every back end (``check()``); each keeps the values in its `settings` table under
/// ``keys``.
public struct SettingsChange: Sendable, Equatable {
    public var homeCurrency: String?
    public var payFloorCents: Int?
    public var unpaidMaxHours: Int?
    public var applyLink: String?

    public init(homeCurrency: String? = nil, payFloorCents: Int? = nil, unpaidMaxHours: Int? = nil, applyLink: String? = nil) {
        self.homeCurrency = homeCurrency
        self.payFloorCents = payFloorCents
        self.unpaidMaxHours = unpaidMaxHours
        self.applyLink = applyLink
    }

    public var isEmpty: Bool { self == SettingsChange() }

    /// The settings keys: the home currency, the review flags' pay floor and unpaid limit, and
    /// the kiosk's apply link.
    package static let homeCurrencyKey = "home_currency"
    package static let payFloorKey = "pay_floor_cents"
    package static let unpaidMaxHoursKey = "unpaid_max_hours"
    package static let applyLinkKey = "apply_link"

    /// Each change by its name on the command line, its key, and its value as stored.
    package var values: [(name: String, key: String, value: String?)] {
        [("home-currency", Self.homeCurrencyKey, homeCurrency),
         ("pay-floor", Self.payFloorKey, payFloorCents.map(String.init)),
         ("unpaid-max-hours", Self.unpaidMaxHoursKey, unpaidMaxHours.map(String.init)),
         ("apply-link", Self.applyLinkKey, applyLink)]
    }

    /// Refuses a value no catalogue may hold, naming it.
    package func check() throws {
        if let code = homeCurrency { try Self.checkHomeCurrency(code) }
        if let link = applyLink { try Self.checkApplyLink(link) }
        guard (payFloorCents ?? 0) >= 0, (unpaidMaxHours ?? 0) >= 0 else {
            throw CatalogueError.invalid("the pay floor and the unpaid hours limit cannot be negative")
        }
    }

    package static func checkHomeCurrency(_ code: String) throws {
        guard code.unicodeScalars.count == 3, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw CatalogueError.invalid("the home currency must be a three-letter ISO 4217 code such as USD, got \"\(code)\"")
        }
    }

    /// An `https://` (or `http://`) URL holding `{ref}` once, at most 500 characters, no spaces
    /// or control characters.
    package static func checkApplyLink(_ template: String) throws {
        guard Link.refusal(of: template) == nil else {
            throw CatalogueError.invalid("the apply link must start with https:// (or http://), as in https://careers.example.edu/apply/{ref}")
        }
        guard template.components(separatedBy: "{ref}").count == 2 else {
            throw CatalogueError.invalid("the apply link must hold {ref} once, where the listing's ref goes")
        }
        guard template.unicodeScalars.count <= 500, template.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }) else {
            throw CatalogueError.invalid("the apply link must be at most 500 characters with no spaces or control characters")
        }
    }
}
