import TernStore

/// The listings a list has read of one query: how many match, and the pages around what is on
/// screen, in memory. A value in a screen's state: it never reads; the screen's background
/// tasks bring pages (``ListingSearch``) and the update puts them here. Only a few pages are
/// kept, so a long scroll through a million listings stays small.
///
/// ```swift
/// var pages = ListingPages(query: query)
/// pages.adopt(result)                    // a search's first page and count
/// pages.missingPages(in: 95..<130)       // [1]: ask for it in the background
/// pages.held(95..<130)                   // nil until it came back
/// pages.insert(rows, at: 1, for: query)  // it came back
/// ```
public struct ListingPages: PagedRows, Sendable, Equatable {
    public static let pageSize = HeldPages<OpportunitySummary>.pageSize

    public private(set) var query: OpportunityQuery
    /// While the count is being worked out, the rows known so far.
    public private(set) var isCounting = false
    public private(set) var held = HeldPages<OpportunitySummary>()

    /// Matching listings. While the count is being worked out, the rows known so far.
    public var count: Int { held.count }

    public init(query: OpportunityQuery = OpportunityQuery()) {
        self.query = query
    }

    /// A search's result: its query and first page replace what was held (or, for the same
    /// query, only the count is filled in unless `refresh` says the rows are new).
    public mutating func adopt(_ result: ListingSearch.Result, refresh: Bool = false) {
        if refresh || result.query != query || held.page(0) == nil {
            query = result.query
            held.forget()
            held.remember(result.firstPage, at: 0)
        }
        if let total = result.count {
            held.count = total
            isCounting = false
        } else {
            held.count = result.firstPage.count
            isCounting = true
        }
    }

    /// Nothing to show (the catalogue could not be read).
    public mutating func clear() {
        self = ListingPages(query: query)
    }

    /// A page read in the background; dropped when it was for another query.
    public mutating func insert(_ rows: [OpportunitySummary], at page: Int, for query: OpportunityQuery) {
        guard query == self.query else { return }
        held.remember(rows, at: page)
    }

    /// The pages `range` touches that are not in memory.
    public func missingPages(in range: Range<Int>) -> [Int] { held.missingPages(in: range) }

    /// The listing before page `page`'s first row, when held: where a keyset read continues.
    public func row(before page: Int) -> OpportunitySummary? { held.row(before: page) }

    /// The rows of `range` (clamped to the count), or nil when a page it touches is not in memory.
    public func held(_ range: Range<Int>) -> [OpportunitySummary]? { held.rows(in: range) }

    /// Where listing `id` is among the pages in memory.
    public func heldIndex(of id: Int64) -> Int? { held.index(of: id) }

    /// Marks page `index` used now (it was read for the screen).
    public mutating func touch(_ index: Int) { held.touch(index) }
}
