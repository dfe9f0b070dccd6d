internal import GRDB

/// How For you reads a page without scoring every listing that fits the student.
///
/// A listing sharing `m` of its skills with the student scores at most
/// `pointsPerMatchedSkill × m + pointsForInterest + pointsForHours` (nothing missing, in their
/// interests, fits their hours; see ``ListingFit``). So the best rows are found among the
/// listings sharing at least `band` skills, read through `opportunity_skills_by_skill` from the
/// student's side, as long as the last row needed scores *above* that ceiling for `band − 1`:
/// then no listing outside the band can reach it or tie with it, and the rows, in the full
/// order (score, then deadline, then id), are exactly those of the query over every fitting
/// listing. Bands are tried from the student's skill count down; when none proves its rows,
/// the caller reads every fitting listing as before.
///
/// At 1,000,000 listings a student with two skills has ~117,000 fitting listings but ~1,300
/// sharing both: the first page went from scoring all of them (1.2 s) to scoring the band.
enum ForYouBands {
    /// The most a listing sharing fewer than `band` skills with the student can score.
    static func ceiling(below band: Int) -> Int {
        ListingFit.pointsPerMatchedSkill * (band - 1) + ListingFit.pointsForInterest + ListingFit.pointsForHours
    }

    /// Rows `offset ..< offset + limit` of `query`'s For-you order, or nil when no band proves
    /// them (the caller then reads every fitting listing).
    static func rows(_ db: Database, query: OpportunityQuery, today: CalendarDay, offset: Int, limit: Int) throws -> [Row]? {
        guard let student = query.matchFor, limit > 0 else { return nil }
        let skills = try Int.fetchOne(db, SQLRequest(literal: """
            SELECT count(*) FROM student_skills ss JOIN students s ON s.id = ss.student_id WHERE s.username = \(student)
            """)) ?? 0
        let needed = offset + limit
        for band in stride(from: skills, through: 1, by: -1) {
            let sql = OpportunitySQL(query: query, today: today, sharedSkillsAtLeast: band)
            // OpportunitySQL hands back its statement and arguments whole (its tests read them so).
            let (text, arguments) = sql.page(after: nil, offset: 0, limit: needed)
            let rows = try Row.fetchAll(db, sql: text, arguments: arguments)
            guard rows.count == needed, let last = rows.last else { continue }
            let score: Int = try last.decode(forColumn: "fit_score")
            if score > ceiling(below: band) { return Array(rows[offset...]) }
        }
        return nil
    }
}
