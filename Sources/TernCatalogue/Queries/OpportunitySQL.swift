internal import GRDB

/// Turns an ``OpportunityQuery`` into SQL. The only place that knows how listings are filtered,
/// ordered and paged; the statements use the keyset indexes declared in the schema.
struct OpportunitySQL {
    let query: OpportunityQuery
    let today: CalendarDay
    /// For you only: read just the listings sharing at least this many skills with the student
    /// (see ``ForYouBands``) instead of every listing that fits at all.
    var sharedSkillsAtLeast: Int?
    /// How a page with words reads its matches (``ListingPagePlan``).
    var plan: ListingPagePlan

    init(query: OpportunityQuery, today: CalendarDay, sharedSkillsAtLeast: Int? = nil, plan: ListingPagePlan = .walkOrder) {
        self.query = query
        self.today = today
        self.sharedSkillsAtLeast = sharedSkillsAtLeast
        self.plan = plan
    }

    private var usesRelevance: Bool { effectiveSort == .relevance }

    /// A keyset order with words: its page can walk the order's index or sort the matches.
    var hasPagePlanChoice: Bool { matchExpression != nil && !usesRelevance && effectiveSort != .match }

    /// For you: ranked by fit to `matchFor`, paged by offset (``ForYouBands`` reads it first).
    var isForYou: Bool { effectiveSort == .match }

    /// The keyset orders other than deadline, each walking its own `(status, approval, key, id)` index.
    private var walksOwnIndex: Bool {
        switch effectiveSort {
        case .newest, .hours, .pay: true
        case .deadline, .relevance, .match: false
        }
    }

    /// The order actually used: the ranked orders fall back to deadline when they have nothing
    /// to rank by (no words, no student).
    private var effectiveSort: OpportunitySort {
        switch query.sort {
        case .relevance: matchExpression == nil ? .deadline : .relevance
        case .match: query.matchFor == nil ? .deadline : .match
        case .deadline, .newest, .hours, .pay: query.sort
        }
    }

    /// The `WITH` clause naming the student the query fits, if any. It opens the statement, so
    /// call this before binding anything else.
    private func prelude(_ arguments: inout StatementArguments) -> String {
        guard let student = query.matchFor else { return "" }
        _ = arguments.append(contentsOf: [student])
        return FitSQL.prelude
    }

    /// The full-text table: each listing's title, organization, skills and brief, by its id.
    static let searchTable = "opportunity_search"

    /// The full-text query: every term as a quoted prefix (``SQLiteDialect/prefixQuery(_:)``).
    var matchExpression: String? { SQLiteDialect.prefixQuery(query.searchTerms) }

    /// `forPage`: the conditions of a page, which may steer the plan towards the order's index
    /// (a count has no order and keeps the cheapest plan).
    private func whereClause(_ arguments: inout StatementArguments, matchInWhere: Bool = true, fitInWhere: Bool = true,
                             forPage: Bool = false) -> String {
        var conditions: [String] = ["o.approval = 'approved'"]
        if query.includeClosed {
            conditions.append("o.status <> 'draft'")
        } else {
            conditions.append("o.status = 'open'")
            // Without statistics SQLite takes "deadline from today on" for a narrow range and
            // would read it through the deadline index, then sort every match by the order's key
            // (0.3 s for `pyth` by newest at 1M). Nearly every open listing passes this test, so
            // the other keyset orders walk their own index instead and check the deadline row
            // by row (unary + keeps the deadline index out of play).
            conditions.append("\(forPage && walksOwnIndex ? SQLiteDialect.rowTest("o.deadline") : "o.deadline") >= ?")
            _ = arguments.append(contentsOf: [today.description])
        }
        if let days = query.deadlineWithinDays {
            conditions.append("o.deadline <= ?")
            _ = arguments.append(contentsOf: [today.adding(days: days).description])
            if query.includeClosed {
                conditions.append("o.deadline >= ?")
                _ = arguments.append(contentsOf: [today.description])
            }
        }
        if !query.fields.isEmpty {
            let values = query.fields.sorted().map(\.rawValue)
            conditions.append("o.field IN (\(placeholders(values.count)))")
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        if !query.locationKinds.isEmpty {
            let values = query.locationKinds.map(\.rawValue).sorted()
            conditions.append("o.location_kind IN (\(placeholders(values.count)))")
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        var kinds = query.compensationKinds
        if query.paidOnly {
            let paid = Set(CompensationKind.allCases.filter(\.isPaid))
            kinds = kinds.isEmpty ? paid : kinds.intersection(paid)
            if kinds.isEmpty { conditions.append("0") }
        }
        if !kinds.isEmpty {
            let values = kinds.map(\.rawValue).sorted()
            conditions.append("o.compensation_kind IN (\(placeholders(values.count)))")
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        if let hours = query.maxHours {
            conditions.append("o.hours <= ?")
            _ = arguments.append(contentsOf: [hours])
        }
        if let days = query.maxDurationDays {
            conditions.append("o.duration_days <= ?")
            _ = arguments.append(contentsOf: [days])
        }
        if let organization = query.organization, !organization.isEmpty {
            conditions.append("org.name LIKE ? ESCAPE '\\'")
            _ = arguments.append(contentsOf: [escapeLike(organization) + "%"])
        }
        for skill in query.skills {
            conditions.append("""
                EXISTS (SELECT 1 FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id
                        WHERE os.opportunity_id = o.id AND s.name = ?)
                """)
            _ = arguments.append(contentsOf: [skill])
        }
        if let student = query.savedBy {
            conditions.append("""
                o.id IN (SELECT so.opportunity_id FROM saved_opportunities so JOIN students saver ON saver.id = so.student_id
                         WHERE saver.username = ?)
                """)
            _ = arguments.append(contentsOf: [student])
        }
        if let posted = query.postedAfter {
            conditions.append("o.posted_at > ?")
            _ = arguments.append(contentsOf: [posted])
        }
        if query.matchFor != nil {
            // A band is the statement's starting set (see page); a listing sharing a skill fits,
            // so it needs no second test.
            if sharedSkillsAtLeast == nil, fitInWhere { conditions.append(FitSQL.fitsAtAll) }
        }
        if let match = matchExpression, !usesRelevance, matchInWhere {
            // Unary + keeps this a membership test: as a look-up by rowid SQLite would read every
            // match and sort them all by the order's key (see ListingPagePlan).
            conditions.append("\(SQLiteDialect.rowTest("o.id")) IN (\(SQLiteDialect.matchingRowIDs(Self.searchTable)))")
            _ = arguments.append(contentsOf: [match])
        }
        return conditions.joined(separator: " AND ")
    }

    static let summaryColumns = """
        o.id, o.ref, o.title, org.name AS organization, o.field, o.hours, o.duration_days, o.deadline,
        o.compensation_kind, o.compensation_cents, o.currency, o.location_kind, o.city, o.status, o.posted_at,
        o.hourly_cents, o.pay_rank
        """

    /// One page of summaries after `cursor`.
    func page(after cursor: OpportunityCursor?, offset skip: Int = 0, limit: Int) -> (sql: String, arguments: StatementArguments) {
        var arguments = StatementArguments()
        let with = prelude(&arguments)
        var columns = Self.summaryColumns
        if effectiveSort == .match { columns += ", \(FitSQL.score) AS fit_score" }
        var from = "opportunities o JOIN organizations org ON org.id = o.organization_id"
        var conditions = ""
        if let band = sharedSkillsAtLeast, query.matchFor != nil {
            // Start from the band and look each listing up (CROSS JOIN pins that order): left to
            // itself SQLite walks every open listing in deadline order and probes the band.
            from = "(\(FitSQL.sharingSkills)) band \(SQLiteDialect.joinInOrder("opportunities o", on: "o.id = band.id")) "
                + "JOIN organizations org ON org.id = o.organization_id"
            _ = arguments.append(contentsOf: [band])
        }
        var matchInWhere = true
        if usesRelevance, let match = matchExpression {
            from = "\(Self.searchTable) JOIN opportunities o ON o.id = \(Self.searchTable).rowid "
                + "JOIN organizations org ON org.id = o.organization_id"
            conditions = "\(SQLiteDialect.matches(Self.searchTable)) AND "
            _ = arguments.append(contentsOf: [match])
        } else if plan == .sortMatches, sharedSkillsAtLeast == nil, let match = matchExpression {
            // Few matches: read them, look each listing up and sort them (CROSS JOIN pins the order).
            from = "(\(SQLiteDialect.matchingRowIDs(Self.searchTable, as: "id"))) m "
                + "\(SQLiteDialect.joinInOrder("opportunities o", on: "o.id = m.id")) JOIN organizations org ON org.id = o.organization_id"
            _ = arguments.append(contentsOf: [match])
            matchInWhere = false
        }
        conditions += whereClause(&arguments, matchInWhere: matchInWhere, forPage: true)
        let order: String
        var pageCondition = ""
        var offset = cursor == nil ? skip : 0
        switch effectiveSort {
        case .deadline:
            order = "o.deadline, o.id"
            if let cursor { pageCondition = " AND (o.deadline, o.id) > (?, ?)"; _ = arguments.append(contentsOf: [cursor.text, cursor.id]) }
        case .newest:
            order = "o.posted_at DESC, o.id DESC"
            if let cursor { pageCondition = " AND (o.posted_at, o.id) < (?, ?)"; _ = arguments.append(contentsOf: [cursor.text, cursor.id]) }
        case .hours:
            order = "o.hours, o.id"
            if let cursor { pageCondition = " AND (o.hours, o.id) > (?, ?)"; _ = arguments.append(contentsOf: [cursor.number, cursor.id]) }
        case .pay:
            // The stored rank, never the raw amount: amounts in different currencies are not one number (see PayRank).
            order = "o.pay_rank DESC, o.id DESC"
            if let cursor { pageCondition = " AND (o.pay_rank, o.id) < (?, ?)"; _ = arguments.append(contentsOf: [cursor.number, cursor.id]) }
        case .relevance:
            // Title and skills weigh more than the brief: a listing *about* Python beats one that mentions it.
            order = "\(SQLiteDialect.rank(Self.searchTable, weights: [8, 4, 6, 1])), o.id"
            offset = cursor?.offset ?? skip
        case .match:
            order = "fit_score DESC, o.deadline, o.id"
            offset = cursor?.offset ?? skip
        }
        let sql = "\(with)SELECT \(columns) FROM \(from) WHERE \(conditions)\(pageCondition) ORDER BY \(order) LIMIT ? OFFSET ?"
        _ = arguments.append(contentsOf: [limit, offset])
        return (sql, arguments)
    }

    func count() -> (sql: String, arguments: StatementArguments) {
        var arguments = StatementArguments()
        let with = prelude(&arguments)
        var from = "opportunities o"
        var fitInFrom = false, organizationsJoined = false
        // With words, start from the (usually much smaller) set of text matches; CROSS JOIN pins
        // that order, which SQLite would otherwise invert into a scan of every open listing.
        // Each match is then looked up in opportunities_facts, the narrow copy of the columns a
        // filter reads: matches come in id order, so the look-ups walk it nearly sequentially
        // (instead of the wide table rows: 59 → 37 ms for `pyth`'s count at 1M).
        if let match = matchExpression {
            from = "(\(SQLiteDialect.matchingRowIDs(Self.searchTable, as: "id"))) m "
                + SQLiteDialect.joinInOrder(Self.facts, on: "o.id = m.id")
            _ = arguments.append(contentsOf: [match])
        } else if query.matchFor != nil {
            // For you without words: start from the listings that fit, the same way.
            from = "(\(FitSQL.fittingIDs)) f \(SQLiteDialect.joinInOrder(Self.facts, on: "o.id = f.id"))"
            fitInFrom = true
        } else if let skill = query.skills.first {
            // A required skill: start from its listings (opportunity_skills_by_skill), not from
            // every open listing with a look-up of its skills each (1.3 s for Python at 1M).
            from = "(SELECT k_os.opportunity_id AS id FROM skills k_s JOIN opportunity_skills k_os ON k_os.skill_id = k_s.id "
                + "WHERE k_s.name = ?) k \(SQLiteDialect.joinInOrder(Self.facts, on: "o.id = k.id"))"
            _ = arguments.append(contentsOf: [skill])
        } else if filtersOnOrganization {
            // An organization prefix: start from the (few) organizations it names and read their
            // listings through opportunities_by_organization.
            from = "organizations org "
                + SQLiteDialect.joinInOrder(SQLiteDialect.indexed("opportunities o", by: "opportunities_by_organization"), on: "o.organization_id = org.id")
            organizationsJoined = true
        } else if filtersOnFactsOnly {
            // Location, pay, hours, duration or closed listings too: every such filter is a column
            // of opportunities_facts, so the count reads that narrow index alone rather than
            // every open listing's row (1.5 s for remote listings at 1M).
            from = Self.facts
        }
        // Join organizations only when a filter reads them: a count must not visit a second table per row.
        if filtersOnOrganization, !organizationsJoined {
            from += " JOIN organizations org ON org.id = o.organization_id"
        }
        let conditions = OpportunitySQL(query: withoutRelevance, today: today)
            .whereClause(&arguments, matchInWhere: false, fitInWhere: !fitInFrom)
        return ("\(with)SELECT count(*) FROM \(from) WHERE \(conditions)", arguments)
    }

    /// Listings read through opportunities_facts, the narrow copy of the columns a filter reads.
    private static let facts = SQLiteDialect.indexed("opportunities o", by: "opportunities_facts")

    private var filtersOnOrganization: Bool { !(query.organization ?? "").isEmpty }

    /// The query narrows by columns of opportunities_facts beyond what the visibility indexes
    /// lead with (location, pay, hours, duration, closed listings), and by nothing those indexes
    /// serve better (a field has its own index).
    private var filtersOnFactsOnly: Bool {
        let factsFilter = !query.locationKinds.isEmpty || !query.compensationKinds.isEmpty || query.paidOnly
            || query.maxHours != nil || query.maxDurationDays != nil || query.includeClosed
        return factsFilter && query.fields.isEmpty && query.savedBy == nil && query.postedAfter == nil
            && query.deadlineWithinDays == nil
    }

    /// For you's count without words, in two parts that never overlap: the listings in the
    /// student's interests (a range of opportunities_by_field each, read in the index alone),
    /// plus those outside them sharing a skill (found from the student's skills, each looked up
    /// in opportunities_facts). The same number as counting the union of both, without building
    /// that union (117,000 ids for one student at 1,000,000 listings). Nil when the plain count
    /// applies: words, no student, or a filter on the organization (which needs the join).
    func forYouCount() -> (sql: String, arguments: StatementArguments)? {
        guard query.matchFor != nil, matchExpression == nil, !filtersOnOrganization else { return nil }
        var arguments = StatementArguments()
        let with = prelude(&arguments)
        let interests = "(SELECT fit_si.field FROM student_interests fit_si WHERE fit_si.student_id = (SELECT id FROM fit_student))"
        let plain = OpportunitySQL(query: withoutRelevance, today: today)
        let inInterests = plain.whereClause(&arguments, matchInWhere: false, fitInWhere: false)
        let sharingSkill = plain.whereClause(&arguments, matchInWhere: false, fitInWhere: false)
        let sql = """
            \(with)SELECT (SELECT count(*) FROM opportunities o WHERE o.field IN \(interests) AND \(inInterests))
                 + (SELECT count(*) FROM (SELECT DISTINCT fit_os.opportunity_id AS id FROM student_skills fit_ss
                                          JOIN opportunity_skills fit_os ON fit_os.skill_id = fit_ss.skill_id
                                          WHERE fit_ss.student_id = (SELECT id FROM fit_student)) f
                    \(SQLiteDialect.joinInOrder(Self.facts, on: "o.id = f.id"))
                    WHERE o.field NOT IN \(interests) AND \(sharingSkill))
            """
        return (sql, arguments)
    }

    /// The sort key column and whether the order is descending, for the orders that page by
    /// key (every order but the ranked ones, which have no stable key and page by offset).
    private var sortKey: (column: String, descending: Bool)? {
        switch effectiveSort {
        case .deadline: ("o.deadline", false)
        case .newest: ("o.posted_at", true)
        case .hours: ("o.hours", false)
        case .pay: ("o.pay_rank", true)
        case .relevance, .match: nil
        }
    }

    /// A listing's sort key, if the query's result holds it: the first step of ``countBefore(key:id:)``.
    func key(of id: Int64) -> (sql: String, arguments: StatementArguments)? {
        guard let sortKey else { return nil }
        var (sql, arguments) = count()
        sql = sql.replacingOccurrences(of: "SELECT count(*) FROM", with: "SELECT \(sortKey.column) FROM") + " AND o.id = ?"
        _ = arguments.append(contentsOf: [id])
        return (sql, arguments)
    }

    /// How many of the query's rows come before the row with `key` and `id` in its order: that
    /// row's index, from the same index walk a count takes, however deep the row is.
    func countBefore(key: DatabaseValue, id: Int64) -> (sql: String, arguments: StatementArguments)? {
        guard let sortKey else { return nil }
        var (sql, arguments) = count()
        sql += " AND (\(sortKey.column), o.id) \(sortKey.descending ? ">" : "<") (?, ?)"
        _ = arguments.append(contentsOf: [key, id])
        return (sql, arguments)
    }

    private var withoutRelevance: OpportunityQuery {
        var copy = query
        if copy.sort == .relevance { copy.sort = .deadline }
        return copy
    }

    /// The cursor that continues after `row`, given this query's order.
    func cursor(after row: Row, offset: Int) -> OpportunityCursor {
        let id: Int64 = row["id"]
        switch effectiveSort {
        case .deadline, .relevance: return OpportunityCursor(text: row["deadline"], number: nil, id: id, offset: offset)
        case .match: return OpportunityCursor(text: row["deadline"], number: row["fit_score"], id: id, offset: offset)
        case .newest: return OpportunityCursor(text: row["posted_at"], number: nil, id: id, offset: offset)
        case .hours: return OpportunityCursor(text: nil, number: row["hours"], id: id, offset: offset)
        case .pay: return OpportunityCursor(text: nil, number: row["pay_rank"], id: id, offset: offset)
        }
    }

    private func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ",") }

    private func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
