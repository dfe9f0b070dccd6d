/// An amount of money in hundredths of the currency's major unit (cents, pence, hundredths of
/// a yen), so that arithmetic is exact and every currency is stored the same way.
///
/// ```swift
/// Money(cents: 25_000, currency: "USD").formatted   // "USD 250"
/// ```
public struct Money: Hashable, Sendable {
    public var cents: Int
    public var currency: String

    public init(cents: Int, currency: String) {
        self.cents = cents
        self.currency = currency
    }

    /// Parses a decimal amount such as `18.5` or `250` with at most two decimals; nil for
    /// anything else, including amounts too large to count in cents.
    public init?(decimal text: String, currency: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0,
              parts[0].allSatisfy(\.isASCII) else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isNumber), let value = Int(digits) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        let (hundreds, overflowA) = whole.multipliedReportingOverflow(by: 100)
        let (cents, overflowB) = hundreds.addingReportingOverflow(fraction)
        guard !overflowA, !overflowB else { return nil }
        self.init(cents: cents, currency: currency)
    }

    /// The amount as a decimal string without needless zeros: `250`, `18.50`.
    public var decimal: String {
        let whole = cents / 100, fraction = cents % 100
        return fraction == 0 ? "\(whole)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public var formatted: String { "\(currency) \(decimal)" }
}
