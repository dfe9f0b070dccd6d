/// The stored key behind ``OpportunitySort/pay``: one integer per listing, `opportunities.pay_rank`,
/// so that the pay order is a walk down the index `(status, approval, pay_rank, id)` and keyset
/// paging is one row-value comparison, like every other browse order.
///
/// Amounts in different currencies are never compared as if they were one number. Highest first:
///
/// | band | listings | within the band |
/// |---|---|---|
/// | ``homeBand`` + per hour | paying in the catalogue's home currency (``Catalogue/homeCurrency()``) | most per estimated hour first |
/// | ``otherCurrencyBand`` + slot + per hour | paying in any other currency | by currency code A→Z (anything that is not a code last), then most per hour |
/// | 2 | a paid kind whose amount comes to nothing per hour | |
/// | 1 | academic credit, certificate | |
/// | 0 | unpaid | |
///
/// Ties, and the three bottom bands, go newest listing (highest id) first.
///
/// The key is kept by triggers (`v3-pay-order`), so whoever writes a listing, by whatever path,
/// cannot leave it out of order; changing the home currency re-ranks every listing. A future
/// "at least X per hour" filter is the index range `pay_rank >= homeBand + X`.
///
/// ```swift
/// let query = OpportunityQuery(sort: .pay)   // USD listings by pay per hour, then CAD, EUR, GBP…
/// let first = try catalogue.opportunities(matching: query, limit: 40)
/// ```
enum PayRank {
    /// Listings paying in the home currency rank from here up.
    static let homeBand: Int64 = 200_000_000_000_000_000
    /// Listings paying in another currency rank from here up, below every home-currency one.
    static let otherCurrencyBand: Int64 = 100_000_000_000_000_000
    /// Each other currency gets a slot this wide; the per-hour amount fits inside it.
    static let slotWidth: Int64 = 1_000_000_000_000
    /// Pay per hour (hundredths) is capped just under a slot (ten billion an hour) so that no
    /// amount, however absurd, can spill into the next currency's slot or band.
    static let perHourCeiling: Int64 = slotWidth - 1
    /// Three-letter codes A–Z give 26³ slots; codes are stored upper case (the importer checks).
    static let currencySlots: Int64 = 26 * 26 * 26

    static let homeCurrencySetting = "home_currency"
    static let defaultHomeCurrency = "USD"

    /// The home currency as SQL reads it inside the catalogue, for the triggers.
    static let storedHomeCurrency = "(SELECT value FROM settings WHERE key = '\(homeCurrencySetting)')"

    /// The rank as an SQL expression over the listing's stored pay per hour (`hourly`, in
    /// hundredths; 0 when nothing is paid per hour), its currency and compensation kind, and the
    /// home currency: each argument is SQL (a column, `NEW.column`, a parameter, a subquery).
    ///
    /// ```swift
    /// PayRank.sql(hourly: "hourly_cents", currency: "currency", kind: "compensation_kind", home: "'USD'")
    /// ```
    ///
    /// `comparisons` spells the tests on the kind as `=` joined by `OR` rather than `IN` lists:
    /// the same test (NULL either way for a NULL kind), but SQLite builds a temporary index for an
    /// `IN` list of three or more every time a statement runs, which a statement run once per row
    /// (an import's insert) should not pay for. The triggers keep the `IN` spelling they were
    /// created with.
    static func sql(hourly: String, currency: String, kind: String, home: String, comparisons: Bool = false) -> String {
        let perHour = "min(\(hourly), \(perHourCeiling))"
        // Later codes get lower slots, so that a descending walk meets CAD before EUR before JPY.
        let codeIndex = (1...3).map { "(unicode(substr(\(currency), \($0), 1)) - 65)" }
        let slot = "(\(currencySlots) - (\(codeIndex[0]) * 676 + \(codeIndex[1]) * 26 + \(codeIndex[2])))"
        // The IN lists are spelled as the triggers have always stored them.
        func isOne(of kinds: [CompensationKind], separator: String) -> String {
            let names = kinds.map { "'\($0.rawValue)'" }
            return comparisons ? "(" + names.map { "\(kind) = \($0)" }.joined(separator: " OR ") + ")"
                : "\(kind) IN (\(names.joined(separator: separator)))"
        }
        return """
            CASE
                WHEN \(hourly) > 0 AND \(currency) = \(home) THEN \(homeBand) + \(perHour)
                WHEN \(hourly) > 0 AND \(currency) GLOB '[A-Z][A-Z][A-Z]' THEN \(otherCurrencyBand) + \(slot) * \(slotWidth) + \(perHour)
                WHEN \(hourly) > 0 THEN \(otherCurrencyBand) + \(perHour)
                WHEN \(isOne(of: CompensationKind.allCases.filter(\.isPaid), separator: ",")) THEN 2
                WHEN \(isOne(of: [.academicCredit, .certificate], separator: ", ")) THEN 1
                ELSE 0
            END
            """
    }
}
