import Foundation
import TernStore

/// The staff queue's rows as the console holds them: how many the limit shows (and in each
/// status), and a few pages around what is on screen. A value in the console's state: it never
/// reads. The console's background tasks read it (``read(_:order:viewer:at:around:in:)``) and
/// its missing pages (``read(pages:of:viewer:in:)``), by keyset from the nearest page held,
/// forwards from above or backwards from below, so the top, the bottom (`G`) and every page
/// next to one already seen each cost one index walk, on 2,000,000 applications too.
///
/// ```swift
/// var pages = try await TriagePages.read(filter, order: .oldestFirst, viewer: "rpatel", at: now, in: store)
/// pages.missingPages(in: 95..<130)                                   // [1]
/// let read = try await TriagePages.read(pages: [1], of: pages, viewer: "rpatel", in: store)
/// pages.insert(read, generation: pages.generation)
/// ```
public struct TriagePages: PagedRows, Sendable, Equatable {
    public static let pageSize = HeldPages<TriageRow>.pageSize

    public private(set) var filter: TriageFilter
    public private(set) var order: TriageOrder
    public private(set) var countsByStatus: [ApplicationStatus: Int] = [:]
    /// The moment ages and claims are measured at: fixed per read, so a row's "waiting 6 d"
    /// does not change while it is on screen.
    public private(set) var asOf: Date
    /// Which read of the queue this is: pages read for an older one are dropped.
    public private(set) var generation = 0
    public private(set) var held = HeldPages<TriageRow>()

    /// Rows the limit shows.
    public var count: Int { held.count }

    public init(filter: TriageFilter = TriageFilter(), order: TriageOrder = .oldestFirst, asOf: Date = Date(timeIntervalSince1970: 0)) {
        self.filter = filter
        self.order = order
        self.asOf = asOf
    }

    /// Puts a newer read in place of this one (its pages replace these).
    public mutating func adopt(_ newer: TriagePages) {
        let next = generation + 1
        self = newer
        generation = next
    }

    /// Pages read in the background; dropped when they were read for another generation.
    public mutating func insert(_ read: [Int: [TriageRow]], generation: Int) {
        guard generation == self.generation else { return }
        for index in read.keys.sorted() { held.remember(read[index]!, at: index) }
    }

    /// The pages `range` touches that are not in memory.
    public func missingPages(in range: Range<Int>) -> [Int] { held.missingPages(in: range) }

    /// The rows of `range` (clamped to the count), or nil when a page it touches is not in memory.
    /// Fewer come back when rows left the queue since it was counted.
    public func held(_ range: Range<Int>) -> [TriageRow]? { held.rows(in: range) }

    /// Where application `id` is among the pages in memory.
    public func heldIndex(of id: Int64) -> Int? { held.index(of: id) }

    /// The page holding row `index`.
    public static func page(of index: Int) -> Int { HeldPages<TriageRow>.page(of: index) }

    // MARK: - Reading (in background tasks)

    /// `filter` counted and its first page read (and the page holding row `around`, an index to
    /// keep in view, so a read-again finds the selected row where it went).
    public static func read(_ filter: TriageFilter, order: TriageOrder, viewer: String, at moment: Date, around: Int? = nil,
                            in store: any TriageStore) async throws -> TriagePages {
        var pages = TriagePages(filter: filter, order: order, asOf: moment)
        pages.countsByStatus = try await store.triageCount(filter, offerWaitDays: nil, now: moment)
        pages.held.count = pages.countsByStatus.values.reduce(0, +)
        var wanted = [0]
        if let around, around >= 0, around < pages.count { wanted += [page(of: around)] }
        pages.insertRead(try await read(pages: wanted, of: pages, viewer: viewer, in: store))
        return pages
    }

    private mutating func insertRead(_ read: [Int: [TriageRow]]) { insert(read, generation: generation) }

    /// Reads the pages `wanted`, walking to each from the nearest page held (or an end of the
    /// queue); every page read on the way comes back, by index.
    public static func read(pages wanted: [Int], of held: TriagePages, viewer: String, in store: any TriageStore) async throws -> [Int: [TriageRow]] {
        var known = held.held.pages
        var read: [Int: [TriageRow]] = [:]
        let lastPage = held.count == 0 ? 0 : (held.count - 1) / pageSize
        let reversed: TriageOrder = held.order == .oldestFirst ? .newestFirst : .oldestFirst
        func page(after cursor: TriageCursor?, order: TriageOrder, limit: Int) async throws -> [TriageRow] {
            try Task.checkCancellation()
            return try await store.triageQueue(held.filter, after: cursor, order: order, limit: limit, offerWaitDays: nil,
                                               viewer: viewer, now: held.asOf).rows
        }
        for target in Set(wanted).sorted() where target <= lastPage && known[target] == nil {
            let below = known.keys.filter { $0 < target }.max()
            // The end of the queue counts as held just past the last page.
            let above = known.keys.filter { $0 > target }.min() ?? (lastPage + 1)
            // The top of the queue counts as held just before the first page.
            let from = below ?? -1
            if target - from <= above - target {
                for index in (from + 1)...target {
                    let previous = index == 0 ? nil : known[index - 1]?.last
                    if index > 0 && previous == nil { break }
                    let rows = try await page(after: previous.map(cursor), order: held.order, limit: pageSize)
                    (known[index], read[index]) = (rows, rows)
                    if rows.isEmpty { break }
                }
            } else {
                for index in (target..<above).reversed() {
                    let isLast = index == lastPage
                    let next = isLast ? nil : known[index + 1]?.first
                    if !isLast && next == nil { break }
                    let limit = isLast ? held.count - lastPage * pageSize : pageSize
                    let rows = try await page(after: next.map(cursor), order: reversed, limit: limit)
                    (known[index], read[index]) = (rows.reversed(), rows.reversed())
                    if rows.isEmpty { break }
                }
            }
        }
        return read
    }

    /// The rows of `range`, read where they are not held (a `v` range).
    public static func rows(in range: Range<Int>, of held: TriagePages, viewer: String, in store: any TriageStore) async throws -> [TriageRow] {
        var pages = held
        let missing = pages.missingPages(in: range)
        if !missing.isEmpty { pages.insertRead(try await read(pages: missing, of: pages, viewer: viewer, in: store)) }
        return pages.held(range) ?? []
    }

    /// Every row the queue shows, when there are at most `limit` of them (marking everything a
    /// limit shows); nil when there are more.
    public static func allRows(upTo limit: Int, of held: TriagePages, viewer: String, in store: any TriageStore) async throws -> [TriageRow]? {
        guard held.count <= limit else { return nil }
        var rows: [TriageRow] = []
        var cursor: TriageCursor?
        repeat {
            let page = try await store.triageQueue(held.filter, after: cursor, order: held.order, limit: min(limit, 1_000), offerWaitDays: nil,
                                                   viewer: viewer, now: held.asOf)
            rows += page.rows
            cursor = page.next
        } while cursor != nil && rows.count < limit
        return rows.count <= limit ? rows : nil
    }

    static func cursor(_ row: TriageRow) -> TriageCursor {
        TriageCursor(updatedAt: row.updatedAt, id: row.id)
    }
}
