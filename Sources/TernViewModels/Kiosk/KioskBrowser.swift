import Foundation
import TernCatalogue

/// What a campus kiosk shows: approved open listings, searched and filtered, one listing's
/// detail with its apply link, and featured listings for the attract screen. It holds the
/// catalogue opened read-only, and opens it again when it cannot be read (missing, locked, being
/// migrated) or its change feed says it must. Nothing personal
/// is ever read: the session is a guest's, and only listings are queried.
///
/// ```swift
/// let browser = KioskBrowser(path: "/srv/tern/catalogue.sqlite")
/// try browser.open()
/// let page = try browser.listings?.rows(in: 0..<20)
/// ```
public final class KioskBrowser {
    public let path: String
    public private(set) var catalogue: Catalogue?
    public private(set) var listings: ListingsViewModel?
    private var detailModel: DetailViewModel?
    private var feed: (any ChangeFeed)?
    private let today: () -> CalendarDay
    private let opener: (String) throws -> Catalogue

    /// `open` is injectable so tests can hand in a catalogue that fails; by default the file is
    /// opened read-only (never created, never migrated).
    public init(path: String, today: @escaping () -> CalendarDay = { CalendarDay(Date()) },
                open: @escaping (String) throws -> Catalogue = { try Catalogue(path: $0, readOnly: true, opening: .existing) }) {
        self.path = path
        self.today = today
        self.opener = open
    }

    /// Opens (or opens again) the catalogue and reads the first page of every listing.
    public func open() throws {
        close()
        let opened = try opener(path)
        guard opened.isReadOnly else { throw CatalogueError.refused("a kiosk opens its catalogue read-only") }
        let model = ListingsViewModel(catalogue: opened, today: today)
        try model.setQuery(Self.query(words: "", field: nil))
        let changes = try opened.changeFeed()
        _ = try changes.hasChanged()
        catalogue = opened
        listings = model
        detailModel = DetailViewModel(catalogue: opened, session: .guest, today: today)
        feed = changes
    }

    /// Lets go of the catalogue (it could not be read; the next ``open()`` tries again).
    public func close() {
        catalogue = nil
        listings = nil
        detailModel = nil
        feed = nil
    }

    public var isOpen: Bool { catalogue != nil }

    /// The kiosk's query: open, approved listings, by deadline, narrowed by words and a field.
    public static func query(words: String, field: Field?) -> OpportunityQuery {
        OpportunityQuery(words: words, fields: field.map { [$0] } ?? [], sort: .deadline)
    }

    /// One listing's detail for a guest, or nil (gone, not approved, a draft).
    public func detail(_ id: Int64?) throws -> ListingDetail? {
        guard let detailModel else { return nil }
        try detailModel.show(id)
        return detailModel.detail
    }

    /// The listing's apply link from the catalogue's setting, nil when staff set none.
    public func applyLink(for ref: String) throws -> String? {
        Catalogue.applyLink(template: try catalogue?.applyLinkTemplate(), ref: ref)
    }

    /// For the attract screen: the newest listings and those closing soonest, alternating,
    /// each once, at most `limit`.
    public func featured(limit: Int = 8) throws -> [OpportunitySummary] {
        guard let catalogue else { return [] }
        let day = today()
        let newest = try catalogue.opportunities(matching: OpportunityQuery(sort: .newest), limit: limit, today: day)
        let closing = try catalogue.opportunities(matching: OpportunityQuery(sort: .deadline), limit: limit, today: day)
        var seen = Set<Int64>(), result: [OpportunitySummary] = []
        for pair in zip(newest, closing) {
            for listing in [pair.0, pair.1] where seen.insert(listing.id).inserted { result.append(listing) }
        }
        return Array(result.prefix(limit))
    }

    /// What changed since the last look (the catalogue's change feed decides: new commits, or a
    /// file replaced under the kiosk that it must open again).
    public func change() throws -> CatalogueChange {
        try feed?.change() ?? .none
    }
}
