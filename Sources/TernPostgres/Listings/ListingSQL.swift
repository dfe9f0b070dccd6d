import TernStore

/// Turns an ``OpportunityQuery`` into PostgreSQL statements: the same rows in the same order as
/// the SQLite catalogue's `OpportunitySQL`, read through schema v3's word table
/// (``ListingSearchV3``) instead of FTS5.
///
/// With words, in a keyset order (deadline, newest, hours, pay), a page is a merge: the words in
/// the table under the rarest term's prefix (``SearchTerms``), each word's first rows in the
/// order that pass every filter and every other term (a short walk of that word's index each),
/// and of their union the first rows. That union holds the page, because each listing of the
/// result is in at least one word's list, in the same order. Offset pages take each word's first
/// `offset + limit`.
struct ListingSQL {
    let query: OpportunityQuery
    let today: CalendarDay
    /// The query's terms folded as the word table holds them, the rarest first; empty without words.
    var terms: SearchTerms = .none

    /// The order actually used: the ranked orders fall back to deadline when they have nothing
    /// to rank by (no words, no student), as on SQLite.
    var effectiveSort: OpportunitySort {
        switch query.sort {
        case .relevance: query.searchTerms.isEmpty ? .deadline : .relevance
        case .match: query.matchFor == nil ? .deadline : .match
        case .deadline, .newest, .hours, .pay: query.sort
        }
    }

    /// The keyset order's column on the listing and on the word table, and whether it descends.
    var sortKey: (listing: String, word: String, descending: Bool, isText: Bool)? {
        switch effectiveSort {
        case .deadline: ("o.deadline", "lw.deadline", false, true)
        case .newest: ("o.posted_at", "lw.posted_at", true, true)
        case .hours: ("o.hours", "lw.hours", false, false)
        case .pay: ("o.pay_rank", "lw.pay_rank", true, false)
        case .relevance, .match: nil
        }
    }

    static let summaryColumns = """
        o.id, o.ref, o.title, org.name AS organization, o.field, o.hours, o.duration_days, o.deadline,
        o.compensation_kind, o.compensation_cents, o.currency, o.location_kind, o.city, o.status, o.posted_at,
        o.pay_rank
        """

    // MARK: Pages

    /// One page after `cursor` (or from row `skip` without one).
    func page(after cursor: OpportunityCursor?, offset skip: Int, limit: Int) -> StatementBuilder {
        var statement = StatementBuilder()
        statement.append(prelude(&statement))
        var columns = Self.summaryColumns
        if effectiveSort == .match { columns += ", \(FitSQL.score) AS fit_score" }
        // Relevance ranks every match, so it cannot stop early in an index's order: its matches
        // are gathered from the rarest term's range of the word table (with that term's weight),
        // not by testing every open listing (700 ms for "pyth" at 100,000 listings).
        let rarest = effectiveSort == .relevance && sortKey == nil ? terms.rarest : nil
        if effectiveSort == .relevance { columns += ", \(relevance(&statement, rarestWeight: rarest.map { ($0, "m.weight") })) AS relevance" }
        var from = "opportunities o JOIN organizations org ON org.id = o.organization_id"
        let offset = sortKey == nil ? (cursor?.offset ?? skip) : (cursor == nil ? skip : 0)
        if let key = sortKey, let driver = terms.driver {
            // The merge: each of the driving term's words gives its first rows, the rest filter.
            let wanted = statement.bind(offset + limit)
            let words = statement.bind(driver.words)
            var inner = "SELECT lw.listing_id FROM listing_words lw JOIN opportunities o ON o.id = lw.listing_id "
                + "JOIN organizations org ON org.id = o.organization_id WHERE lw.word = w.word"
            if !query.includeClosed { inner += " AND lw.open AND lw.deadline >= \(statement.bind(today.description))" }
            inner += " AND " + conditions(&statement, skippingTerm: driver.folded)
            if let cursor { inner += keyset(&statement, cursor, key: key.word, id: "lw.listing_id", isText: key.isText, descending: key.descending) }
            let direction = key.descending ? " DESC" : ""
            inner += " ORDER BY \(key.word)\(direction), lw.listing_id\(direction) LIMIT \(wanted)"
            // The candidates first, each listing then read by its id: a few hundred rows at most,
            // never a walk of the listings in the hope of meeting them.
            from = "(SELECT DISTINCT c.listing_id FROM unnest(\(words)::text[]) AS w(word) CROSS JOIN LATERAL (\(inner)) c) m "
                + "JOIN opportunities o ON o.id = m.listing_id JOIN organizations org ON org.id = o.organization_id"
            statement.append("SELECT \(columns) FROM \(from)")
        } else if let rarest {
            var inner = "SELECT lw.listing_id, max(\(Self.weight("lw"))) AS weight FROM listing_words lw WHERE "
                + SearchTerms.prefix("lw.word", rarest, &statement)
            if !query.includeClosed { inner += " AND lw.open AND lw.deadline >= \(statement.bind(today.description))" }
            inner += " GROUP BY lw.listing_id"
            from = "(\(inner)) m JOIN opportunities o ON o.id = m.listing_id JOIN organizations org ON org.id = o.organization_id"
            statement.append("SELECT \(columns) FROM \(from) WHERE ")
            statement.append(conditions(&statement, skippingTerm: rarest))
        } else {
            statement.append("SELECT \(columns) FROM \(from) WHERE ")
            statement.append(conditions(&statement))
            if let key = sortKey, let cursor {
                statement.append(keyset(&statement, cursor, key: key.listing, id: "o.id", isText: key.isText, descending: key.descending))
            }
        }
        let order: String
        switch effectiveSort {
        case .deadline: order = "o.deadline, o.id"
        case .newest: order = "o.posted_at DESC, o.id DESC"
        case .hours: order = "o.hours, o.id"
        case .pay: order = "o.pay_rank DESC, o.id DESC"
        case .relevance: order = "relevance DESC, o.id"
        case .match: order = "fit_score DESC, o.deadline, o.id"
        }
        statement.append(" ORDER BY \(order) LIMIT \(statement.bind(limit)) OFFSET \(statement.bind(offset))")
        return statement
    }

    /// `(key, id)` after the cursor's in the order.
    private func keyset(_ statement: inout StatementBuilder, _ cursor: OpportunityCursor, key: String, id: String,
                        isText: Bool, descending: Bool) -> String {
        let value = isText ? statement.bind(text: cursor.text) : statement.bind(Int64(cursor.number ?? 0))
        return " AND (\(key), \(id)) \(descending ? "<" : ">") (\(value), \(statement.bind(cursor.id)))"
    }

    // MARK: Counts and positions

    /// How many listings the query holds; with `before`, how many come before that key and id
    /// in the order (a position).
    func count(before: (key: String?, id: Int64)? = nil) -> StatementBuilder {
        var statement = StatementBuilder()
        statement.append(prelude(&statement))
        statement.append("SELECT count(*) FROM opportunities o\(joinsOrganizations ? " JOIN organizations org ON org.id = o.organization_id" : "") WHERE ")
        statement.append(conditions(&statement))
        if let before, let key = sortKey {
            let value = key.isText ? statement.bind(text: before.key) : "\(statement.bind(text: before.key))::bigint"
            statement.append(" AND (\(key.listing), o.id) \(key.descending ? ">" : "<") (\(value), \(statement.bind(before.id)))")
        }
        return statement
    }

    /// The sort key (as text) of listing `id` when the query holds it: a position's first step.
    func key(of id: Int64) -> StatementBuilder? {
        guard let key = sortKey else { return nil }
        var statement = StatementBuilder()
        statement.append(prelude(&statement))
        statement.append("SELECT \(key.listing)::text FROM opportunities o\(joinsOrganizations ? " JOIN organizations org ON org.id = o.organization_id" : "") WHERE ")
        statement.append(conditions(&statement))
        statement.append(" AND o.id = \(statement.bind(id))")
        return statement
    }

    private var joinsOrganizations: Bool { !(query.organization ?? "").isEmpty }

    // MARK: Conditions

    /// The `WITH` naming the student the query fits, if any: it opens the statement.
    private func prelude(_ statement: inout StatementBuilder) -> String {
        guard let student = query.matchFor else { return "" }
        return "WITH fit_student AS (SELECT id, hours_per_week FROM students WHERE username = \(statement.bind(student))) "
    }

    /// Every condition of the query on the listing `o` (and `org`, when joined): visibility,
    /// filters, fit and each term (but `skippingTerm`, which the caller reads otherwise).
    private func conditions(_ statement: inout StatementBuilder, skippingTerm skipped: String? = nil) -> String {
        var conditions = ["o.approval = 'approved'"]
        if query.includeClosed {
            conditions.append("o.status <> 'draft'")
        } else {
            conditions.append("o.status = 'open'")
            conditions.append("o.deadline >= \(statement.bind(today.description))")
        }
        if let days = query.deadlineWithinDays {
            conditions.append("o.deadline <= \(statement.bind(today.adding(days: days).description))")
            if query.includeClosed { conditions.append("o.deadline >= \(statement.bind(today.description))") }
        }
        if !query.fields.isEmpty {
            conditions.append("o.field = ANY(\(statement.bind(query.fields.map(\.rawValue).sorted()))::text[])")
        }
        if !query.locationKinds.isEmpty {
            conditions.append("o.location_kind = ANY(\(statement.bind(query.locationKinds.map(\.rawValue).sorted()))::text[])")
        }
        var kinds = query.compensationKinds
        if query.paidOnly {
            let paid = Set(CompensationKind.allCases.filter(\.isPaid))
            kinds = kinds.isEmpty ? paid : kinds.intersection(paid)
            if kinds.isEmpty { conditions.append("false") }
        }
        if !kinds.isEmpty {
            conditions.append("o.compensation_kind = ANY(\(statement.bind(kinds.map(\.rawValue).sorted()))::text[])")
        }
        if let hours = query.maxHours { conditions.append("o.hours <= \(statement.bind(Int64(hours)))") }
        if let days = query.maxDurationDays { conditions.append("o.duration_days <= \(statement.bind(Int64(days)))") }
        if let organization = query.organization, !organization.isEmpty {
            // SQLite's LIKE: a prefix, ASCII letters in either case.
            conditions.append("tern_nocase(org.name) LIKE tern_nocase(\(statement.bind(escapeLike(organization) + "%"))) ESCAPE '\\'")
        }
        for skill in query.skills {
            conditions.append("""
                EXISTS (SELECT 1 FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id
                        WHERE os.opportunity_id = o.id AND tern_nocase(s.name) = tern_nocase(\(statement.bind(skill))))
                """)
        }
        if let student = query.savedBy {
            conditions.append("""
                o.id IN (SELECT so.opportunity_id FROM saved_opportunities so JOIN students saver ON saver.id = so.student_id
                         WHERE saver.username = \(statement.bind(student)))
                """)
        }
        if let posted = query.postedAfter { conditions.append("o.posted_at > \(statement.bind(posted))") }
        if query.matchFor != nil { conditions.append(FitSQL.fitsAtAll) }
        var skipping = skipped
        for term in terms.folded {
            if term == skipping { skipping = nil; continue }
            conditions.append("EXISTS (SELECT 1 FROM listing_words x WHERE x.listing_id = o.id AND \(SearchTerms.prefix("x.word", term, &statement)))")
        }
        return conditions.joined(separator: " AND ")
    }

    /// Relevance with words: for each term, its best-placed word (title 8, skills 6,
    /// organization 4, brief 1, the weights SQLite's bm25 is given), summed.
    /// `rarestWeight` names a column already holding one term's part (the first time it occurs).
    private func relevance(_ statement: inout StatementBuilder, rarestWeight: (term: String, column: String)? = nil) -> String {
        var given = rarestWeight
        let parts = terms.folded.map { term -> String in
            if let known = given, known.term == term {
                given = nil
                return known.column
            }
            return "coalesce((SELECT max(\(Self.weight("x"))) FROM listing_words x WHERE x.listing_id = o.id AND \(SearchTerms.prefix("x.word", term, &statement))), 0)"
        }
        return parts.isEmpty ? "0" : "(" + parts.joined(separator: " + ") + ")"
    }

    /// A word's weight from where it occurs (`fields`: 1 title, 2 organization, 4 skills, 8 brief).
    static func weight(_ table: String) -> String {
        "((\(table).fields & 1) * 8 + (\(table).fields & 2) / 2 * 4 + (\(table).fields & 4) / 4 * 6 + (\(table).fields & 8) / 8)"
    }

    private func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
