/// Something a reviewer should look at twice before approving a listing. Flags inform; they
/// never block (a low fee may be fine for a campus office).
///
/// ```swift
/// for flag in try catalogue.flags(forListing: "acme-logo") { print(flag.description) }
/// ```
public enum ListingFlag: Sendable, Hashable, CustomStringConvertible {
    /// Paid in the home currency, below the catalogue's pay floor per estimated hour (both in
    /// hundredths). Other currencies are not compared: Tern converts nothing.
    case belowPayFloor(hourlyCents: Int, floorCents: Int, currency: String)
    /// Unpaid (or credit, or a certificate) for more hours than the catalogue's limit.
    case unpaidOverHours(hours: Int, limit: Int)
    /// The organization's contact email is not at its website's domain.
    case contactDomainMismatch(email: String, website: String)
    /// The same organization has another listing with the same title (ignoring case).
    case duplicateTitle(otherRef: String)

    public var description: String {
        switch self {
        case .belowPayFloor(let hourly, let floor, let currency):
            "pays \(Money(cents: hourly, currency: currency).formatted) per estimated hour, below the floor of \(Money(cents: floor, currency: currency).formatted)"
        case .unpaidOverHours(let hours, let limit):
            "unpaid for \(hours) hours (more than \(limit))"
        case .contactDomainMismatch(let email, let website):
            "contact email \(email) is not at the website's domain (\(website))"
        case .duplicateTitle(let other):
            "same title as \(other) from this organization"
        }
    }
}
