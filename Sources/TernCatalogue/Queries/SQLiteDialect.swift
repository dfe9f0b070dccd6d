/// The SQL only SQLite speaks, in one place: full-text search (FTS5 `MATCH`, `bm25`), the plan
/// hints that pin how a statement reads its tables (`INDEXED BY`, `CROSS JOIN`, unary `+`), and
/// `PRAGMA data_version` for the change feed. The query builders (``OpportunitySQL``,
/// ``ListingPagePlan``, ``TriageQueue``) and ``DataVersionChangeFeed`` splice these fragments into
/// otherwise plain SQL, so this file is what another engine's store says differently. Each
/// fragment's `?` placeholders are bound, in order, where it is used.
///
/// ```swift
/// let from = SQLiteDialect.indexed("opportunities o", by: "opportunities_facts")
///     // "opportunities o INDEXED BY opportunities_facts"
/// ```
enum SQLiteDialect {
    // MARK: Full-text search (FTS5)

    /// The FTS5 query matching every term as a prefix, each quoted so that user input is never
    /// read as FTS syntax (`NEAR`, `-`, `"`, `*`): `pyth "data"` becomes `"pyth"* """data"""*`.
    /// Nil for no terms.
    static func prefixQuery(_ terms: [String]) -> String? {
        guard !terms.isEmpty else { return nil }
        return terms.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"*" }.joined(separator: " ")
    }

    /// `table MATCH ?`: the condition that the full-text table matches the query bound here.
    static func matches(_ table: String) -> String {
        "\(table) MATCH ?"
    }

    /// The rowids the full-text query bound here matches, as the body of a subquery, the rowid
    /// named `column` when given.
    static func matchingRowIDs(_ table: String, as column: String? = nil) -> String {
        "SELECT rowid\(column.map { " AS \($0)" } ?? "") FROM \(table) WHERE \(matches(table))"
    }

    /// How well a row of the full-text table matches (lower is better), each column's matches
    /// weighed by `weights` in the table's column order.
    static func rank(_ table: String, weights: [Double]) -> String {
        "bm25(\(table), \(weights.map { "\($0)" }.joined(separator: ", ")))"
    }

    // MARK: Plan hints

    /// `table` (with its alias) read through `index` and no other, whatever the planner estimates.
    static func indexed(_ table: String, by index: String) -> String {
        "\(table) INDEXED BY \(index)"
    }

    /// A join to `table` that keeps the order written: SQLite never reorders a `CROSS JOIN`, so
    /// the statement starts from the (smaller) tables before it.
    static func joinInOrder(_ table: String, on condition: String) -> String {
        "CROSS JOIN \(table) ON \(condition)"
    }

    /// `column` tested row by row: a unary `+` keeps an index on it out of the plan, so the
    /// statement walks the index its order needs instead.
    static func rowTest(_ column: String) -> String {
        "+\(column)"
    }

    // MARK: Change feed

    /// A number that moves whenever another connection commits to the file (the asking
    /// connection's own commits leave it be).
    static let dataVersion = "PRAGMA data_version"
}
