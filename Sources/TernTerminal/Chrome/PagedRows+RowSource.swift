import TernStore
import TernViewModels

/// Rows a list shows only from memory (``HeldPages``): a row outside the pages held is not read
/// here, since the list never waits on a store. It is refused with the pages to read first, which
/// the screen asks for in the background and then makes the change again.
public struct PagesNotHeld: Error, Equatable {
    public var pages: [Int]
}

extension PagedRows {
    public func rows(in range: Range<Int>) throws -> [Row] {
        guard let rows = held.rows(in: range) else { throw PagesNotHeld(pages: held.missingPages(in: range)) }
        return rows
    }

    public func id(of row: Row) -> Int64 { row.id }

    public func index(of id: Int64, near hint: Int) throws -> Int? { held.index(of: id) }
}

extension ListingPages: RowSource {}
extension TriagePages: RowSource {}
