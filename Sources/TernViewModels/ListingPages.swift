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
public struct ListingPages: Sendable, Equatable {
    public static let pageSize = 100
    /// Pages kept in memory at most; the least recently used go first.
    public static let maximumPages = 8

    public private(set) var query: OpportunityQuery
    /// Matching listings. While the count is being worked out, the rows known so far.
    public private(set) var count = 0
    public private(set) var isCounting = false
    private var pages: [Int: [OpportunitySummary]] = [:]
    private var pageUse: [Int] = []

    public init(query: OpportunityQuery = OpportunityQuery()) {
        self.query = query
    }

    /// A search's result: its query and first page replace what was held (or, for the same
    /// query, only the count is filled in unless `refresh` says the rows are new).
    public mutating func adopt(_ result: ListingSearch.Result, refresh: Bool = false) {
        if refresh || result.query != query || pages[0] == nil {
            query = result.query
            pages.removeAll()
            pageUse.removeAll()
            remember(result.firstPage, at: 0)
        }
        if let total = result.count {
            count = total
            isCounting = false
        } else {
            count = result.firstPage.count
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
        remember(rows, at: page)
    }

    /// The pages `range` touches that are not in memory.
    public func missingPages(in range: Range<Int>) -> [Int] {
        let clamped = clamp(range)
        guard !clamped.isEmpty else { return [] }
        return ((clamped.lowerBound / Self.pageSize)...((clamped.upperBound - 1) / Self.pageSize)).filter { pages[$0] == nil }
    }

    /// The listing before page `page`'s first row, when held: where a keyset read continues.
    public func row(before page: Int) -> OpportunitySummary? {
        page > 0 ? pages[page - 1]?.last : nil
    }

    /// The rows of `range` (clamped to the count), or nil when a page it touches is not in memory.
    public func held(_ range: Range<Int>) -> [OpportunitySummary]? {
        let clamped = clamp(range)
        guard !clamped.isEmpty else { return [] }
        var result: [OpportunitySummary] = []
        for pageIndex in (clamped.lowerBound / Self.pageSize)...((clamped.upperBound - 1) / Self.pageSize) {
            guard let page = pages[pageIndex] else { return nil }
            let start = pageIndex * Self.pageSize
            for (index, row) in page.enumerated() where clamped.contains(start + index) { result.append(row) }
        }
        return result
    }

    /// Where listing `id` is among the pages in memory.
    public func heldIndex(of id: Int64) -> Int? {
        for (pageIndex, page) in pages {
            if let i = page.firstIndex(where: { $0.id == id }) { return pageIndex * Self.pageSize + i }
        }
        return nil
    }

    /// Marks page `index` used now (it was read for the screen).
    public mutating func touch(_ index: Int) {
        guard pages[index] != nil else { return }
        pageUse.removeAll { $0 == index }
        pageUse.append(index)
    }

    private mutating func remember(_ rows: [OpportunitySummary], at index: Int) {
        pages[index] = rows
        touch(index)
        while pageUse.count > Self.maximumPages { pages[pageUse.removeFirst()] = nil }
    }

    private func clamp(_ range: Range<Int>) -> Range<Int> {
        let lower = min(max(0, range.lowerBound), count)
        return lower..<min(count, max(lower, range.upperBound))
    }
}
