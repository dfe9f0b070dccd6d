/// What a ``ListController`` lists: a count, the rows of a range, and each row's record id.
/// Paged sources (a million listings) fetch only the range asked; in-memory ones slice.
///
/// ```swift
/// extension MyApplications: RowSource {
///     var count: Int { applications.count }
///     func rows(in range: Range<Int>) -> [ApplicationOverview] { Array(applications[range]) }
///     func id(of row: ApplicationOverview) -> Int64 { row.id }
///     func index(of id: Int64, near hint: Int) -> Int? { applications.firstIndex { $0.id == id } }
/// }
/// ```
public protocol RowSource {
    associatedtype Row
    associatedtype RowID: Hashable
    var count: Int { get }
    func rows(in range: Range<Int>) throws -> [Row]
    func id(of row: Row) -> RowID
    /// Where the row with `id` is now, looking only where that is cheap: in memory, or in the
    /// pages around `hint` (its index before). Nil when it is not there.
    func index(of id: RowID, near hint: Int) throws -> Int?
}

/// A list's selection and scroll plus the rows on screen, kept by record id: after a reload
/// (another process committed, an action moved a row to the top) the same record stays
/// selected wherever it went, not whatever landed on its old row number. Only the visible
/// rows are held, loaded when the selection or the data changes, so the view draws from them
/// without a query. A failed load leaves the list as it was.
///
/// ```swift
/// var list = ListController<ApplicationOverview, Int64>()
/// try list.resize(viewport: 8, source: mine)
/// try list.move(.down, source: mine)
/// try list.reload(source: mine)     // still the same application
/// ```
public struct ListController<Row, RowID: Hashable> {
    public private(set) var state = ListState()
    public private(set) var selectedID: RowID?
    /// The rows on screen: `visibleRows[0]` is row `state.offset`.
    public private(set) var visibleRows: [Row] = []
    /// How many rows fit on screen.
    public private(set) var viewport = 1

    public init() {}

    /// The selected row, when there is one.
    public var selectedRow: Row? {
        let index = state.selected - state.offset
        return state.count > 0 && visibleRows.indices.contains(index) ? visibleRows[index] : nil
    }

    /// A new screen size: as many rows as now fit.
    public mutating func resize<S: RowSource>(viewport rows: Int, source: S) throws where S.Row == Row, S.RowID == RowID {
        try change(source) { $0.viewport = max(1, rows); $0.state.setCount(source.count, visibleRows: $0.viewport) }
    }

    public mutating func move<S: RowSource>(_ move: ListMove, source: S) throws where S.Row == Row, S.RowID == RowID {
        try change(source) { $0.state.apply(move, visibleRows: $0.viewport) }
    }

    /// Selects row `index` (a click).
    public mutating func select<S: RowSource>(index: Int, source: S) throws where S.Row == Row, S.RowID == RowID {
        try change(source) { $0.state.select(index, visibleRows: $0.viewport) }
    }

    /// The rows changed under the list: the selection follows its record when the source finds
    /// it, else stays on its row number (the record is gone, or far away).
    public mutating func reload<S: RowSource>(source: S) throws where S.Row == Row, S.RowID == RowID {
        let oldIndex = state.selected
        let found = try selectedID.flatMap { try source.index(of: $0, near: oldIndex) }
        try change(source) { list in
            list.state.setCount(source.count, visibleRows: list.viewport)
            if let found { list.state.select(found, visibleRows: list.viewport) }
        }
    }

    /// Another result altogether (a new search): back to the top.
    public mutating func reset<S: RowSource>(source: S) throws where S.Row == Row, S.RowID == RowID {
        try change(source) { list in
            list.state = ListState(count: source.count)
            list.state.setCount(source.count, visibleRows: list.viewport)
        }
    }

    /// Selects the record `id` when the source finds it cheaply; false, the selection unchanged,
    /// when it does not.
    @discardableResult
    public mutating func jump<S: RowSource>(to id: RowID, source: S) throws -> Bool where S.Row == Row, S.RowID == RowID {
        guard let index = try source.index(of: id, near: state.selected) else { return false }
        try select(index: index, source: source)
        return true
    }

    /// The rows that would be on screen after `move`: what to have in memory before making it.
    public func visibleRange(after move: ListMove) -> Range<Int> {
        var next = state
        next.apply(move, visibleRows: viewport)
        return next.visibleRange(visibleRows: viewport)
    }

    /// Applies `edit` to a copy, loads that copy's visible rows, and only then keeps it.
    private mutating func change<S: RowSource>(_ source: S, _ edit: (inout Self) -> Void) throws where S.Row == Row, S.RowID == RowID {
        var next = self
        edit(&next)
        next.visibleRows = try source.rows(in: next.state.visibleRange(visibleRows: next.viewport))
        next.selectedID = next.selectedRow.map(source.id)
        self = next
    }
}
