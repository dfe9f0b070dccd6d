import TernStore

/// The rows of a long result a screen holds in memory: pages of ``pageSize`` around what is on
/// screen, the least recently used dropped past ``maximumPages``, and how many rows there are
/// in all. A value in a screen's state; it never reads. ``ListingPages`` (the listings) and
/// ``TriagePages`` (the staff queue) hold their rows in one, and lists draw from it through the
/// one `RowSource` conformance of ``PagedRows``.
///
/// ```swift
/// var held = HeldPages<OpportunitySummary>()
/// held.count = 250
/// held.remember(firstPage, at: 0)
/// held.missingPages(in: 95..<130)   // [1]
/// held.rows(in: 10..<20)            // the ten rows, from memory
/// ```
public struct HeldPages<Row: Identifiable & Sendable & Equatable>: Sendable, Equatable where Row.ID == Int64 {
    public static var pageSize: Int { 100 }
    /// Pages kept in memory at most: a long scroll through a million rows stays small.
    public static var maximumPages: Int { 8 }

    /// Rows in all (what the list scrolls through), whether held or not.
    public var count = 0
    private(set) var pages: [Int: [Row]] = [:]
    private var pageUse: [Int] = []

    public init() {}

    /// The page holding row `index`.
    public static func page(of index: Int) -> Int { max(0, index) / pageSize }

    public func page(_ index: Int) -> [Row]? { pages[index] }

    /// Keeps `rows` as page `index` (used now); the least recently used go past the maximum.
    public mutating func remember(_ rows: [Row], at index: Int) {
        pages[index] = rows
        touch(index)
        while pageUse.count > Self.maximumPages { pages[pageUse.removeFirst()] = nil }
    }

    /// Marks page `index` used now.
    public mutating func touch(_ index: Int) {
        guard pages[index] != nil else { return }
        pageUse.removeAll { $0 == index }
        pageUse.append(index)
    }

    public mutating func forget() {
        pages.removeAll()
        pageUse.removeAll()
    }

    /// The pages `range` touches that are not in memory.
    public func missingPages(in range: Range<Int>) -> [Int] {
        let clamped = clamp(range)
        guard !clamped.isEmpty else { return [] }
        return (Self.page(of: clamped.lowerBound)...Self.page(of: clamped.upperBound - 1)).filter { pages[$0] == nil }
    }

    /// The rows of `range` (clamped to the count), or nil when a page it touches is not in
    /// memory. Fewer come back when rows left the result since it was counted.
    public func rows(in range: Range<Int>) -> [Row]? {
        let clamped = clamp(range)
        guard !clamped.isEmpty else { return [] }
        var result: [Row] = []
        for pageIndex in Self.page(of: clamped.lowerBound)...Self.page(of: clamped.upperBound - 1) {
            guard let page = pages[pageIndex] else { return nil }
            let start = pageIndex * Self.pageSize
            for (index, row) in page.enumerated() where clamped.contains(start + index) { result.append(row) }
        }
        return result
    }

    /// Where the row `id` is among the pages in memory.
    public func index(of id: Int64) -> Int? {
        for (pageIndex, page) in pages {
            if let i = page.firstIndex(where: { $0.id == id }) { return pageIndex * Self.pageSize + i }
        }
        return nil
    }

    /// The row before page `page`'s first one, when held: where a keyset read continues.
    public func row(before page: Int) -> Row? {
        page > 0 ? pages[page - 1]?.last : nil
    }

    private func clamp(_ range: Range<Int>) -> Range<Int> {
        let lower = min(max(0, range.lowerBound), count)
        return lower..<min(count, max(lower, range.upperBound))
    }
}

/// A result whose rows a screen holds as ``HeldPages``: lists draw from it alone.
public protocol PagedRows {
    associatedtype Row: Identifiable & Sendable & Equatable where Row.ID == Int64
    var held: HeldPages<Row> { get }
}
