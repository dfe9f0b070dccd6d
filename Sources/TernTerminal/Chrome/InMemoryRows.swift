/// Rows held in memory as a list source (a student's applications, the postings waiting for
/// review): small lists, read whole.
///
/// ```swift
/// InMemoryRows(applications, id: \.id)
/// ```
struct InMemoryRows<Row, RowID: Hashable>: RowSource {
    let rows: [Row]
    let id: (Row) -> RowID

    init(_ rows: [Row], id: @escaping (Row) -> RowID) {
        self.rows = rows
        self.id = id
    }

    var count: Int { rows.count }
    func rows(in range: Range<Int>) -> [Row] { Array(rows[range.clamped(to: rows.indices)]) }
    func id(of row: Row) -> RowID { id(row) }
    func index(of id: RowID, near hint: Int) -> Int? { rows.firstIndex { self.id($0) == id } }
}
