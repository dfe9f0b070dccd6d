import Foundation
import TernStore

/// Listing reads for a screen's background tasks: a search's first page and its count, a page
/// further down, and where a listing stands now. Each awaits a ``ListingStore``; none runs on a
/// screen's loop. A superseded task is cancelled by its runner, and the store stops its read.
///
/// A result arrives in up to two steps: the first page (enough to draw), then, when the page
/// is full, the count. A short page is its own exact count, so narrow searches take one step.
///
/// ```swift
/// .run(.search) { _ in .listings(await ListingSearch.firstPage(of: query, in: store, today: day)) }
/// ```
public enum ListingSearch {
    /// What one query produced so far.
    public struct Result: Sendable, Equatable {
        public var query: OpportunityQuery
        public var firstPage: [OpportunitySummary]
        /// Nil until counted (the page was full).
        public var count: Int?
        /// A catalogue error, as one line for the status bar.
        public var failure: String?

        public init(query: OpportunityQuery, firstPage: [OpportunitySummary], count: Int? = nil, failure: String? = nil) {
            self.query = query
            self.firstPage = firstPage
            self.count = count
            self.failure = failure
        }
    }

    /// The first step of a search: the first page, and the count when the page is short (it is
    /// then the whole result).
    public static func firstPage(of query: OpportunityQuery, in store: any ListingStore, today: CalendarDay,
                                 pageSize: Int = ListingPages.pageSize) async -> Result {
        var result = Result(query: query, firstPage: [])
        do {
            result.firstPage = try await store.opportunities(matching: query, after: nil, limit: pageSize, today: today)
            if result.firstPage.count < pageSize { result.count = result.firstPage.count }
        } catch {
            result.failure = "\(error)"
        }
        return result
    }

    /// The second step: `partial` (a full first page) with its count.
    public static func counted(_ partial: Result, in store: any ListingStore, today: CalendarDay) async -> Result {
        var result = partial
        do {
            result.count = try await store.countOpportunities(matching: partial.query, today: today)
        } catch {
            result.failure = "\(error)"
        }
        return result
    }

    /// Page `index` of `query`: continued from the page before it when its last row is known
    /// (one index seek, however deep), else by offset.
    public static func page(_ index: Int, of query: OpportunityQuery, after previous: OpportunitySummary?, in store: any ListingStore,
                            today: CalendarDay, pageSize: Int = ListingPages.pageSize) async throws -> [OpportunitySummary] {
        if index > 0, let cursor = previous?.cursor {
            return try await store.opportunities(matching: query, after: cursor, limit: pageSize, today: today)
        }
        return try await store.opportunities(matching: query, offset: index * pageSize, limit: pageSize, today: today)
    }

    /// Where listing `id` stands in `query`'s result now, with the page that holds it: counted
    /// through the order's index; in a ranked order (no key to count by), looked for in the page
    /// around `hint` (its index before) and its neighbours. Nil when it is not there.
    public static func locate(_ id: Int64, near hint: Int, in query: OpportunityQuery, count: Int, store: any ListingStore,
                              today: CalendarDay, pageSize: Int = ListingPages.pageSize) async throws -> (index: Int, page: Int, rows: [OpportunitySummary])? {
        guard count > 0 else { return nil }
        switch try await store.position(of: id, matching: query, today: today) {
        case .absent:
            return nil
        case .at(let index):
            let page = index / pageSize
            return (index, page, try await Self.page(page, of: query, after: nil, in: store, today: today, pageSize: pageSize))
        case .unknown:
            let around = min(max(0, hint), count - 1) / pageSize
            for page in [around, around - 1, around + 1] where page >= 0 && page * pageSize < count {
                let rows = try await Self.page(page, of: query, after: nil, in: store, today: today, pageSize: pageSize)
                if let i = rows.firstIndex(where: { $0.id == id }) { return (page * pageSize + i, page, rows) }
            }
            return nil
        }
    }
}
