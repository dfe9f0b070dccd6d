import Foundation
import TernCatalogue

/// The rows of the staff queue around what is on screen, for a list of any length (2,000,000
/// applications): rows are read by keyset from the nearest row already held, forwards from
/// above or backwards from below (the queue read in the other order), so the top, the bottom
/// (`G`) and every page next to one already seen each cost one index walk. Only a few pages are
/// held; the count comes from the same conditions as the rows.
///
/// ```swift
/// let rows = TriageQueueRows(catalogue: catalogue, viewer: session.username)
/// try rows.reload()
/// let firstPage = try rows.rows(in: 0..<40)
/// let lastRow = try rows.rows(in: (rows.count - 1)..<rows.count)
/// ```
public final class TriageQueueRows {
    public let catalogue: Catalogue
    /// Whose claims are left out of "being looked at by …" (one's own).
    public let viewer: String
    public private(set) var filter = TriageFilter()
    public private(set) var order: TriageOrder = .oldestFirst
    /// How many rows the queue shows, and how many of them in each status.
    public private(set) var count = 0
    public private(set) var countsByStatus: [ApplicationStatus: Int] = [:]
    /// The moment ages and claims are measured at: fixed per reload, so a row's "waiting 6 d"
    /// does not change while it is on screen.
    public private(set) var asOf = Date()

    static let pageSize = 100
    /// Rows held at most; the farthest from the last one asked for go first.
    static let maximumHeld = 8 * pageSize

    private var held: [Int: TriageRow] = [:]
    private var now: () -> Date

    public init(catalogue: Catalogue, viewer: String, now: @escaping () -> Date = Date.init) {
        self.catalogue = catalogue
        self.viewer = viewer
        self.now = now
    }

    /// The clock later reloads measure ages by (a queue prepared in the background was read
    /// at one fixed moment).
    func useClock(_ clock: @escaping () -> Date) { now = clock }

    /// A new filter or order: counted again, rows read as they are shown.
    public func set(filter: TriageFilter, order: TriageOrder) throws {
        let before = (self.filter, self.order)
        (self.filter, self.order) = (filter, order)
        do {
            try reload()
        } catch {
            (self.filter, self.order) = before
            throw error
        }
    }

    /// Counts again and forgets the rows held (another process, or this one, changed things).
    public func reload() throws {
        let moment = now()
        let counts = try catalogue.triageCount(filter, now: moment)
        asOf = moment
        countsByStatus = counts
        count = counts.values.reduce(0, +)
        held.removeAll()
    }

    /// The rows at `range` (clamped to the count). Fewer come back when rows left the queue
    /// since it was counted; the next reload sets that right.
    public func rows(in range: Range<Int>) throws -> [TriageRow] {
        let lower = min(max(0, range.lowerBound), count)
        let clamped = lower..<min(count, max(lower, range.upperBound))
        var result: [TriageRow] = []
        for index in clamped {
            if held[index] == nil { try load(around: index) }
            if let row = held[index] { result.append(row) }
        }
        return result
    }

    /// Where application `id` is: among the rows held, else in the page around `hint` (its
    /// index before); nil when it is not there (it left the queue, or moved far).
    public func index(of id: Int64, near hint: Int) throws -> Int? {
        if let found = held.first(where: { $0.value.id == id })?.key { return found }
        let around = max(0, min(hint, count) - Self.pageSize / 2)
        _ = try rows(in: around..<(around + Self.pageSize))
        return held.first { $0.value.id == id }?.key
    }

    /// Every row the queue shows, when there are at most `limit` of them (marking everything a
    /// limit shows); nil when there are more.
    public func allRows(upTo limit: Int) throws -> [TriageRow]? {
        guard count <= limit else { return nil }
        var rows: [TriageRow] = []
        var cursor: TriageCursor?
        repeat {
            let page = try catalogue.triageQueue(filter, after: cursor, order: order, limit: min(limit, 1_000), viewer: viewer, now: asOf)
            rows += page.rows
            cursor = page.next
        } while cursor != nil && rows.count < limit
        return rows.count <= limit ? rows : nil
    }

    // MARK: - Inside

    /// Reads pages towards `target` from the nearest held row (or from an end of the queue).
    private func load(around target: Int) throws {
        let below = held.keys.filter { $0 < target }.max() ?? -1
        let above = held.keys.filter { $0 > target }.min() ?? count
        if target - below <= above - target {
            var index = below
            var cursor = held[below].map(Self.cursor)
            while index < target {
                let page = try catalogue.triageQueue(filter, after: cursor, order: order, limit: Self.pageSize, viewer: viewer, now: asOf)
                for row in page.rows {
                    index += 1
                    held[index] = row
                }
                guard let last = page.rows.last, page.next != nil else { break }
                cursor = Self.cursor(last)
            }
        } else {
            var index = above
            var cursor = held[above].map(Self.cursor)
            let reversed: TriageOrder = order == .oldestFirst ? .newestFirst : .oldestFirst
            while index > target {
                let page = try catalogue.triageQueue(filter, after: cursor, order: reversed, limit: Self.pageSize, viewer: viewer, now: asOf)
                for row in page.rows {
                    index -= 1
                    guard index >= 0 else { break }
                    held[index] = row
                }
                guard let last = page.rows.last, page.next != nil, index > 0 else { break }
                cursor = Self.cursor(last)
            }
        }
        if held.count > Self.maximumHeld {
            for key in held.keys.sorted(by: { abs($0 - target) > abs($1 - target) }).prefix(held.count - Self.maximumHeld) {
                held[key] = nil
            }
        }
    }

    private static func cursor(_ row: TriageRow) -> TriageCursor {
        TriageCursor(updatedAt: row.updatedAt, id: row.id)
    }
}
