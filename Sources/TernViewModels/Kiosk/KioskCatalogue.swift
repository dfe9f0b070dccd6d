import Foundation
import TernStore

/// What a campus kiosk reads: approved open listings, searched and filtered, one listing's
/// detail with its apply link, and featured listings for the attract screen; plus the change
/// feed that says when to read again or to open the catalogue again. Nothing personal is ever
/// read: the session is a guest's, and only listings are queried. How it is opened (read-only,
/// never created, never migrated) is the composition root's business: see ``KioskOpener``.
///
/// ```swift
/// let kiosk = try KioskCatalogue.start(listings: catalogue, changes: try catalogue.changeFeed())
/// let shown = try await kiosk.shown(42, today: CalendarDay(Date()))
/// ```
public struct KioskCatalogue: Sendable {
    public let listings: any ListingStore
    public let changes: any ChangeFeed

    /// Starts watching for changes from now.
    public static func start(listings: any ListingStore, changes: any ChangeFeed) throws -> KioskCatalogue {
        _ = try changes.hasChanged()
        return KioskCatalogue(listings: listings, changes: changes)
    }

    private init(listings: any ListingStore, changes: any ChangeFeed) {
        self.listings = listings
        self.changes = changes
    }

    /// The kiosk's query: open, approved listings, by deadline, narrowed by words and a field.
    public static func query(words: String, field: Field?) -> OpportunityQuery {
        OpportunityQuery(words: words, fields: field.map { [$0] } ?? [], sort: .deadline)
    }

    /// One listing for a guest with its apply link, or nil (gone, not approved, a draft).
    public func shown(_ id: Int64, today: CalendarDay) async throws -> KioskListing? {
        guard let detail = try await ListingDetail.load(id, listings: listings, student: nil, today: today) else { return nil }
        return KioskListing(detail: detail, applyLink: try await listings.applyLink(for: detail.opportunity.ref))
    }

    /// For the attract screen: the newest listings and those closing soonest, alternating,
    /// each once, at most `limit`.
    public func featured(limit: Int = 8, today: CalendarDay) async throws -> [OpportunitySummary] {
        let newest = try await listings.opportunities(matching: OpportunityQuery(sort: .newest), after: nil, limit: limit, today: today)
        let closing = try await listings.opportunities(matching: OpportunityQuery(sort: .deadline), after: nil, limit: limit, today: today)
        var seen = Set<Int64>(), result: [OpportunitySummary] = []
        for pair in zip(newest, closing) {
            for listing in [pair.0, pair.1] where seen.insert(listing.id).inserted { result.append(listing) }
        }
        return Array(result.prefix(limit))
    }
}

/// A listing as the kiosk shows it: its detail, and where to apply (nil when staff set no link).
public struct KioskListing: Sendable, Equatable {
    public var detail: ListingDetail
    public var applyLink: String?
}

/// Opens the kiosk's catalogue (again): the kiosk calls it in the background at start, after
/// a failure every few seconds, and when its change feed says the catalogue was replaced.
public typealias KioskOpener = @Sendable () async throws -> KioskCatalogue
