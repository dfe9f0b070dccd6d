import Foundation
import TernCatalogue

/// The listings pane's data: a query, how many listings match, and the rows around what is on
/// screen. It never holds the whole result: rows come in pages of ``pageSize`` from the
/// catalogue's keyset queries, and only a few pages are kept.
///
/// ```swift
/// let listings = ListingsViewModel(catalogue: catalogue)
/// try listings.reload()
/// let visible = try listings.rows(in: 0..<30)
/// ```
public final class ListingsViewModel {
    public let catalogue: Catalogue
    public private(set) var query: OpportunityQuery
    /// Matching listings; counted separately from pages so a page never waits on a count.
    /// While a background count is running this is the rows known so far (``isCounting``).
    public private(set) var count: Int = 0
    /// True while the count is still being worked out off the input path.
    public private(set) var isCounting = false
    public static let pageSize = 100
    /// Pages kept in memory at most; older ones are dropped (a long scroll stays small).
    static let maximumPages = 8

    private var pages: [Int: [OpportunitySummary]] = [:]
    private var pageUse: [Int] = []
    private let today: () -> CalendarDay

    public init(catalogue: Catalogue, query: OpportunityQuery = OpportunityQuery(), today: @escaping () -> CalendarDay = { CalendarDay(Date()) }) {
        self.catalogue = catalogue
        self.query = query
        self.today = today
    }

    /// Replaces the query and refreshes the count; pages load lazily.
    public func setQuery(_ query: OpportunityQuery) throws {
        self.query = query
        try reload()
    }

    /// Re-reads the count and forgets cached pages (another process may have changed things).
    public func reload() throws {
        pages.removeAll()
        pageUse.removeAll()
        count = try catalogue.countOpportunities(matching: query, today: today())
        isCounting = false
    }

    /// Takes a result a ``ListingSearch`` worked out in the background: its query, first page
    /// and, once known, its count. A second step for the same query only fills in the count,
    /// unless `refresh` says the rows themselves are new (the same query asked again after
    /// another process committed).
    public func adopt(_ result: ListingSearch.Result, refresh: Bool = false) {
        if refresh || result.query != query || pages[0] == nil {
            query = result.query
            pages.removeAll()
            pageUse.removeAll()
            pages[0] = result.firstPage
            touch(0)
        }
        if let total = result.count {
            count = total
            isCounting = false
        } else {
            count = result.firstPage.count
            isCounting = true
        }
    }

    /// The day deadlines are measured from, for queries run elsewhere.
    public var day: CalendarDay { today() }

    /// The listings at `range` (clamped to the count), loading just the pages it touches.
    public func rows(in range: Range<Int>) throws -> [OpportunitySummary] {
        let lower = min(max(0, range.lowerBound), count)
        let clamped = lower..<min(count, max(lower, range.upperBound))
        guard !clamped.isEmpty else { return [] }
        var result: [OpportunitySummary] = []
        for pageIndex in (clamped.lowerBound / Self.pageSize)...((clamped.upperBound - 1) / Self.pageSize) {
            let page = try loadPage(pageIndex)
            let start = pageIndex * Self.pageSize
            for (index, row) in page.enumerated() where clamped.contains(start + index) { result.append(row) }
        }
        return result
    }

    public func row(at index: Int) throws -> OpportunitySummary? {
        try rows(in: index..<(index + 1)).first
    }

    /// Where listing `id` is in the current result: in the pages already in memory, else counted
    /// by the catalogue through the order's index; in a ranked order, in the page around `hint`
    /// (its index before) and its neighbours.
    /// Nil when it is not there (it left the result; in a ranked order, also when it moved far):
    /// never a scan from the top.
    ///
    /// ```swift
    /// let now = try listings.index(of: selectedID, near: oldIndex)
    /// ```
    public func index(of id: Int64, near hint: Int) throws -> Int? {
        for (pageIndex, page) in pages {
            if let i = page.firstIndex(where: { $0.id == id }) { return pageIndex * Self.pageSize + i }
        }
        guard count > 0 else { return nil }
        // Orders with a sort key answer exactly, by counting the rows before it; ranked orders
        // (relevance, For you) have no key to count by, so look near the old row.
        switch try catalogue.position(of: id, matching: query, today: today()) {
        case .at(let index): return index
        case .absent: return nil
        case .unknown: break
        }
        let around = min(max(0, hint), count - 1) / Self.pageSize
        for pageIndex in [around, around - 1, around + 1] where pageIndex >= 0 && pageIndex * Self.pageSize < count {
            if let i = try loadPage(pageIndex).firstIndex(where: { $0.id == id }) { return pageIndex * Self.pageSize + i }
        }
        return nil
    }

    private func loadPage(_ index: Int) throws -> [OpportunitySummary] {
        if let page = pages[index] {
            touch(index)
            return page
        }
        let page: [OpportunitySummary]
        if index > 0, let previous = pages[index - 1], let cursor = previous.last?.cursor, previous.count == Self.pageSize {
            // Continuing from a neighbour costs one index seek, however deep the page.
            page = try catalogue.opportunities(matching: query, after: cursor, limit: Self.pageSize, today: today())
        } else {
            page = try catalogue.opportunities(matching: query, offset: index * Self.pageSize, limit: Self.pageSize, today: today())
        }
        pages[index] = page
        touch(index)
        return page
    }

    private func touch(_ index: Int) {
        pageUse.removeAll { $0 == index }
        pageUse.append(index)
        while pageUse.count > Self.maximumPages { pages[pageUse.removeFirst()] = nil }
    }
}
