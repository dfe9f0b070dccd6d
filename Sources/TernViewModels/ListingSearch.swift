import Foundation
import TernCatalogue

/// Runs listing queries off the input path, so typing never waits on SQLite: each keystroke
/// submits a query; a worker runs the newest one; anything a newer submission supersedes is
/// skipped before it starts and dropped if it finishes late. The screen collects results with
/// ``take()`` between keys.
///
/// A result arrives in up to two steps: the first page (enough to draw), then, when the page
/// is full, the count. A short page is its own exact count, so narrow searches take one step.
///
/// ```swift
/// let search = ListingSearch(catalogue: catalogue)
/// search.submit(OpportunityQuery(words: "pyt"), today: CalendarDay(Date()))
/// if let result = search.wait(timeout: 1) { listings.adopt(result) }
/// ```
public final class ListingSearch: @unchecked Sendable {
    /// What one query produced so far.
    public struct Result: Sendable, Equatable {
        public var generation: Int
        public var query: OpportunityQuery
        public var firstPage: [OpportunitySummary]
        /// Nil until counted (the page was full).
        public var count: Int?
        /// A catalogue error, as one line for the status bar.
        public var failure: String?
    }

    private let catalogue: Catalogue
    private let pageSize: Int
    private let queue = DispatchQueue(label: "tern.listing-search", qos: .userInitiated)
    // Guards everything below: the worker and the input loop meet only here.
    private let lock = NSLock()
    private let ready = NSCondition()
    private var latest = 0
    private var finished = 0
    private var pending: Result?

    public init(catalogue: Catalogue, pageSize: Int = ListingsViewModel.pageSize) {
        self.catalogue = catalogue
        self.pageSize = pageSize
    }

    /// Queues `query`; every earlier submission is superseded. Returns its generation.
    @discardableResult
    public func submit(_ query: OpportunityQuery, today: CalendarDay) -> Int {
        let generation = lock.withLock { latest += 1; return latest }
        queue.async { [self] in run(query, today: today, generation: generation) }
        return generation
    }

    /// True while the newest submission has not finished.
    public var isBusy: Bool { lock.withLock { finished < latest } }

    /// The newest result not yet taken, if any (never a superseded one).
    public func take() -> Result? {
        lock.withLock {
            defer { pending = nil }
            return pending.flatMap { $0.generation == latest ? $0 : nil }
        }
    }

    /// Blocks until the newest submission has finished (tests, and callers that must not show a
    /// stale list), then takes its result.
    public func wait(timeout: TimeInterval) -> Result? {
        let deadline = Date().addingTimeInterval(timeout)
        ready.lock()
        while isBusy, ready.wait(until: deadline) {}
        ready.unlock()
        return take()
    }

    private func isLatest(_ generation: Int) -> Bool { lock.withLock { generation == latest } }

    private func publish(_ result: Result, done: Bool) {
        ready.lock()
        lock.withLock {
            if result.generation == latest { pending = result }
            if done { finished = max(finished, result.generation) }
        }
        ready.broadcast()
        ready.unlock()
    }

    /// The first step of a search, on its own: the first page, and the count when the page is
    /// short (it is then the whole result). For runners other than this one (a screen's
    /// background tasks).
    ///
    /// ```swift
    /// let result = ListingSearch.firstPage(of: query, in: catalogue, today: today)
    /// ```
    ///
    /// `superseded`, when given, is asked while SQLite works: once it says yes the read stops
    /// and the result carries ``CatalogueError/cancelled`` (it is of no use to anyone).
    public static func firstPage(of query: OpportunityQuery, in catalogue: Catalogue, today: CalendarDay,
                                 pageSize: Int = ListingsViewModel.pageSize,
                                 superseded: @escaping @Sendable () -> Bool = { false }) -> Result {
        var result = Result(generation: 0, query: query, firstPage: [])
        do {
            result.firstPage = try Catalogue.cancelling(when: superseded) {
                try catalogue.opportunities(matching: query, limit: pageSize, today: today)
            }
            if result.firstPage.count < pageSize { result.count = result.firstPage.count }
        } catch {
            result.failure = "\(error)"
        }
        return result
    }

    /// The second step: `partial` (a full first page) with its count.
    ///
    /// ```swift
    /// let whole = ListingSearch.counted(result, in: catalogue, today: today)
    /// ```
    public static func counted(_ partial: Result, in catalogue: Catalogue, today: CalendarDay,
                               superseded: @escaping @Sendable () -> Bool = { false }) -> Result {
        var result = partial
        do {
            result.count = try Catalogue.cancelling(when: superseded) {
                try catalogue.countOpportunities(matching: partial.query, today: today)
            }
        } catch {
            result.failure = "\(error)"
        }
        return result
    }

    private func run(_ query: OpportunityQuery, today: CalendarDay, generation: Int) {
        guard isLatest(generation) else {
            publish(Result(generation: generation, query: query, firstPage: []), done: true)
            return
        }
        // A newer keystroke stops this query where it stands rather than queueing behind it
        // (a one-letter prefix costs a tenth of a second at 1,000,000 listings).
        let superseded: @Sendable () -> Bool = { [weak self] in self.map { !$0.isLatest(generation) } ?? true }
        var result = Self.firstPage(of: query, in: catalogue, today: today, pageSize: pageSize, superseded: superseded)
        result.generation = generation
        guard result.count == nil, result.failure == nil else {
            publish(result, done: true)
            return
        }
        publish(result, done: false)
        guard isLatest(generation) else {
            publish(result, done: true)
            return
        }
        publish(Self.counted(result, in: catalogue, today: today, superseded: superseded), done: true)
    }
}
