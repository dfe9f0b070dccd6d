internal import GRDB

extension Catalogue {
    /// The catalogue's home currency: ``OpportunitySort/pay`` ranks listings paying in it first,
    /// by pay per estimated hour, and every other currency after it. `USD` until staff change it.
    ///
    /// ```swift
    /// let home = try catalogue.homeCurrency()   // "USD"
    /// ```
    public func homeCurrency() throws -> String {
        let stored = try read {
            try String.fetchOne($0, SQLRequest(literal: "SELECT value FROM settings WHERE key = \(PayRank.homeCurrencySetting)"))
        }
        // A trigger refuses to delete the row; only a hand-edited schema could lose it, and then
        // naming a currency would misdescribe how listings were ranked.
        guard let stored else { throw CatalogueError.unusable("\(path) has lost its home currency setting") }
        return stored
    }

    /// Makes `code` (three letters, ISO 4217) the home currency and, in the same transaction,
    /// re-ranks every listing for ``OpportunitySort/pay``: a whole-table rewrite, seconds on a
    /// million listings, so it is staff work done rarely (the command offering it authorizes
    /// first, like every staff operation).
    ///
    /// ```swift
    /// try catalogue.setHomeCurrency("EUR")
    /// ```
    public func setHomeCurrency(_ code: String) throws {
        try Self.checkHomeCurrency(code)
        try write(for: .changeSettings) { db in
            try db.execute(literal: "UPDATE settings SET value = \(code) WHERE key = \(PayRank.homeCurrencySetting)")
        }
    }

    static func checkHomeCurrency(_ code: String) throws {
        try SettingsChange.checkHomeCurrency(code)
    }
}
