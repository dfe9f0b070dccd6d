internal import GRDB

/// How a page of listings with words, in a keyset order (deadline, newest, hours, pay), reads
/// its matches. Both plans return the same rows in the same order; they differ in cost.
///
/// - ``walkOrder`` walks the order's index and keeps the listings the words match, stopping
///   after a page: cheap when the words match many listings (a page is found after a few dozen
///   steps), but a walk through every open listing when they match few or none.
/// - ``sortMatches`` reads the matches, looks each listing up and sorts them: cheap when they are
///   few, a sort of the whole match set when they are many (0.3 s for 41,000 at 1,000,000).
///
/// ``choose(_:for:)`` decides from a bounded count of the text matches (it stops at
/// ``rareBelow``): a few milliseconds at most, however common the words.
///
/// ```swift
/// let plan = try ListingPagePlan.choose(db, for: OpportunitySQL(query: query, today: today))
/// let (sql, arguments) = OpportunitySQL(query: query, today: today, plan: plan).page(after: nil, limit: 40)
/// ```
enum ListingPagePlan: Sendable {
    case walkOrder
    case sortMatches

    /// Fewer matches than this are sorted; from here on the order's index is walked.
    static let rareBelow = 2_000

    static func choose(_ db: Database, for sql: OpportunitySQL) throws -> ListingPagePlan {
        guard sql.hasPagePlanChoice, let match = sql.matchExpression else { return .walkOrder }
        // A one-letter prefix matches most listings in any catalogue, and counting even a
        // bounded number of its matches costs as much as reading them all (FTS5 keeps prefix
        // indexes for two and three letters only).
        if sql.query.searchTerms.contains(where: { $0.count < 2 }) { return .walkOrder }
        let table = OpportunitySQL.searchTable
        let bounded = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM (SELECT 1 FROM \(table) WHERE \(SQLiteDialect.matches(table)) LIMIT ?)
            """, arguments: [match, rareBelow]) ?? 0
        return bounded < rareBelow ? .sortMatches : .walkOrder
    }
}
