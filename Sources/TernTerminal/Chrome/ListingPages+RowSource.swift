import TernStore
import TernViewModels

/// A list over listings held in memory: a row outside the pages held is not read here (the
/// list never waits on a store); it is refused with the pages to read first, which the screen
/// asks for in the background and then makes the move again.
extension ListingPages: RowSource {
    /// The rows asked for are on pages not in memory yet.
    public struct NotInMemory: Error, Equatable {
        public var pages: [Int]
    }

    public func rows(in range: Range<Int>) throws -> [OpportunitySummary] {
        guard let rows = held(range) else { throw NotInMemory(pages: missingPages(in: range)) }
        return rows
    }

    public func id(of row: OpportunitySummary) -> Int64 { row.id }

    public func index(of id: Int64, near hint: Int) throws -> Int? { heldIndex(of: id) }
}
