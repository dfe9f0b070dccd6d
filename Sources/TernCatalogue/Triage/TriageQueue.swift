import Foundation
internal import GRDB

/// Where a queue page starts reading (see `Catalogue.queuePlan`).
enum TriageQueuePlan: Sendable, CaseIterable {
    /// `applications_by_status` from the cursor, one status at a time, merged.
    case walkByStatus
    /// The student's applications, sorted.
    case fromStudent
    /// The listing's applications, sorted.
    case fromOpportunity
    /// The applications of the organizations the prefix matches, sorted.
    case fromOrganizations
}

/// How the queue decides "needs action", with its default: an offer unanswered this many days.
public enum TriageQueue {
    /// The settings key for the days after which an unanswered offer needs a nudge.
    public static let offerWaitSetting = "offer_wait_days"
    public static let defaultOfferWaitDays = 7
}

extension Catalogue {
    /// A page of applications needing action (or matching `filter`), oldest first by default.
    ///
    /// Without a selective limit, each status is read by walking `applications_by_status` from
    /// the cursor, so a page costs the same on page 1 and page 1,000 and on 2,000,000
    /// applications; the per-status pages are merged here. A `student:`, an `opportunity:` or an
    /// `organization:` matching few organizations starts from those rows instead and sorts what
    /// it finds: walking the whole queue for a handful of matches would read every row. Either
    /// way the rows and their order are the same. The page's keys come first, reading only the
    /// tables a limit names (none without one: the status index holds the keys); then the rows
    /// of that page alone, by primary key.
    ///
    /// ```swift
    /// let first = try catalogue.triageQueue(TriageFilter(), limit: 40)
    /// let second = try catalogue.triageQueue(TriageFilter(), after: first.next, limit: 40)
    /// ```
    public func triageQueue(
        _ filter: TriageFilter, after cursor: TriageCursor? = nil, order: TriageOrder = .oldestFirst, limit: Int = 40,
        offerWaitDays: Int? = nil, viewer: String? = nil, now: Date = Date()
    ) throws -> TriagePage {
        try triageQueue(filter, after: cursor, order: order, limit: limit, offerWaitDays: offerWaitDays, viewer: viewer,
                        now: now, plan: nil)
    }

    /// The queue read by a given plan (nil: the one `queuePlan` picks); tests compare the plans.
    func triageQueue(
        _ filter: TriageFilter, after cursor: TriageCursor?, order: TriageOrder, limit: Int,
        offerWaitDays: Int?, viewer: String?, now: Date, plan: TriageQueuePlan?
    ) throws -> TriagePage {
        let limit = max(1, min(limit, 1_000))
        return try read { db in
            let offerDays = try offerWaitDays ?? Self.offerWaitDays(db)
            let plan = try plan ?? Self.queuePlan(db, filter)
            let statuses = filter.statuses.isEmpty ? TriageFilter.needingAction : filter.statuses
            let offerCutoff = filter.statuses.isEmpty ? offerDays : nil
            var keys: [TriageCursor] = []
            if plan == .walkByStatus {
                for status in statuses {
                    keys += try Self.queueKeys(db, plan: plan, statuses: [status], filter: filter, offerWaitDays: offerCutoff,
                                               after: cursor, order: order, limit: limit + 1, now: now)
                }
                keys.sort { order == .oldestFirst ? ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) : ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }
            } else {
                keys = try Self.queueKeys(db, plan: plan, statuses: statuses, filter: filter, offerWaitDays: offerCutoff,
                                          after: cursor, order: order, limit: limit + 1, now: now)
            }
            let pageKeys = Array(keys.prefix(limit))
            let rows = try Self.queueRows(db, ids: pageKeys.map(\.id), order: order, viewer: viewer, now: now)
            return TriagePage(rows: rows, next: keys.count > limit ? pageKeys.last : nil)
        }
    }

    /// How many applications wait in each status the queue shows (offers only once unanswered
    /// for the configured days).
    ///
    /// ```swift
    /// try catalogue.triageCounts()[.submitted]   // 61_204
    /// ```
    public func triageCounts(offerWaitDays: Int? = nil, now: Date = Date()) throws -> [ApplicationStatus: Int] {
        try read { db in
            let offerDays = try offerWaitDays ?? Self.offerWaitDays(db)
            var counts: [ApplicationStatus: Int] = [:]
            for status in TriageFilter.needingAction {
                let cutoff = status == .offered ? Timestamp.string(now.addingTimeInterval(-Double(offerDays) * 86_400)) : "9999"
                counts[status] = try Int.fetchOne(db, SQLRequest(literal: """
                    SELECT count(*) FROM applications WHERE status = \(status) AND updated_at <= \(cutoff)
                    """)) ?? 0
            }
            return counts
        }
    }

    static func offerWaitDays(_ db: Database) throws -> Int {
        try String.fetchOne(db, SQLRequest(literal: "SELECT value FROM settings WHERE key = \(TriageQueue.offerWaitSetting)"))
            .flatMap(Int.init) ?? TriageQueue.defaultOfferWaitDays
    }

    /// Which rows a queue page starts from. The organizations an `organization:` prefix matches
    /// are counted (up to a bound) on the organizations' name index first: walking the status
    /// index reads about page × all / matching rows, starting from the organizations reads
    /// every application of the matching ones, and the two cost the same near 2 × √(all
    /// organizations, taken as the largest id) matches (measured on the 1,000,000-listing
    /// catalogue: 40,000 organizations, crossing near 400; docs/performance.md).
    static func queuePlan(_ db: Database, _ filter: TriageFilter) throws -> TriageQueuePlan {
        if filter.student != nil { return .fromStudent }
        if filter.opportunityRef != nil { return .fromOpportunity }
        guard let organization = filter.organization else { return .walkByStatus }
        let organizations = try Int.fetchOne(db, sql: "SELECT max(id) FROM organizations") ?? 0
        let bound = max(50, 2 * Int(Double(organizations).squareRoot()))
        let matching = try Int.fetchOne(db, SQLRequest(literal: """
            SELECT count(*) FROM (SELECT 1 FROM organizations WHERE name LIKE \(likePattern(organization, prefix: true)) ESCAPE '\\' LIMIT \(bound + 1))
            """)) ?? 0
        return matching <= bound ? .fromOrganizations : .walkByStatus
    }

    /// The keys (updated_at, id) of up to `limit` rows of `statuses` from the cursor: one status
    /// when walking its index (the caller merges), all of them when starting from a student, a
    /// listing or organizations (sorted by SQLite).
    private static func queueKeys(
        _ db: Database, plan: TriageQueuePlan, statuses: [ApplicationStatus], filter: TriageFilter, offerWaitDays: Int?,
        after cursor: TriageCursor?, order: TriageOrder, limit: Int, now: Date
    ) throws -> [TriageCursor] {
        let (from, conditions) = queueSelection(plan: plan, statuses: statuses, filter: filter, offerWaitDays: offerWaitDays,
                                                after: cursor, order: order, now: now)
        let direction: SQL = order == .oldestFirst ? "ASC" : "DESC"
        let request = SQLRequest<Row>(literal: """
            SELECT a.updated_at, a.id FROM \(sql: from)
            WHERE \(conditions)
            ORDER BY a.updated_at \(direction), a.id \(direction)
            LIMIT \(limit)
            """)
        return try Row.fetchAll(db, request).map { TriageCursor(updatedAt: try $0.decode(atIndex: 0), id: try $0.decode(atIndex: 1)) }
    }

    /// How many rows of `statuses` the queue holds under `filter`, by the same plan and
    /// conditions as its pages, so a count and the rows never disagree.
    static func queueCount(
        _ db: Database, plan: TriageQueuePlan, statuses: [ApplicationStatus], filter: TriageFilter, offerWaitDays: Int?, now: Date
    ) throws -> Int {
        let (from, conditions) = queueSelection(plan: plan, statuses: statuses, filter: filter, offerWaitDays: offerWaitDays,
                                                after: nil, order: .oldestFirst, now: now)
        return try Int.fetchOne(db, SQLRequest(literal: "SELECT count(*) FROM \(sql: from) WHERE \(conditions)")) ?? 0
    }

    /// The tables (in the plan's order) and conditions selecting the queue's rows of
    /// `statuses` under `filter`, from `cursor` on. The conditions carry their arguments.
    static func queueSelection(
        plan: TriageQueuePlan, statuses: [ApplicationStatus], filter: TriageFilter, offerWaitDays: Int?,
        after cursor: TriageCursor?, order: TriageOrder, now: Date
    ) -> (from: String, conditions: SQL) {
        let day = 86_400.0
        var clauses: [SQL] = []
        // An offer waits for the student first: it needs action only once unanswered for days.
        let offerCutoff = offerWaitDays.map { Timestamp.string(now.addingTimeInterval(-Double($0) * day)) }
        // From a student, the status is checked on the row (`+`): the UNIQUE (student_id,
        // opportunity_id) index finds their applications, not the status index.
        let status = SQL(sql: plan == .fromStudent ? SQLiteDialect.rowTest("a.status") : "a.status")
        if statuses.count == 1 {
            clauses.append("\(status) = \(statuses[0])")
            if statuses[0] == .offered, let offerCutoff {
                // A range of updated_at, so it stays inside the index walk.
                clauses.append("a.updated_at <= \(offerCutoff)")
            }
        } else {
            clauses.append("\(status) IN \(statuses)")
            if statuses.contains(.offered), let offerCutoff {
                clauses.append("(a.status <> \(ApplicationStatus.offered) OR a.updated_at <= \(offerCutoff))")
            }
        }
        // Age bounds are ranges of updated_at, so they stay inside the index walk.
        if let days = filter.olderThanDays {
            clauses.append("a.updated_at <= \(Timestamp.string(now.addingTimeInterval(-Double(days) * day)))")
        }
        if let days = filter.youngerThanDays {
            clauses.append("a.updated_at > \(Timestamp.string(now.addingTimeInterval(-Double(days) * day)))")
        }
        if let cursor {
            clauses.append(order == .oldestFirst ? "(a.updated_at, a.id) > (\(cursor.updatedAt), \(cursor.id))"
                                                 : "(a.updated_at, a.id) < (\(cursor.updatedAt), \(cursor.id))")
        }
        if !filter.fields.isEmpty {
            clauses.append("o.field IN \(filter.fields)")
        }
        if let organization = filter.organization {
            clauses.append("org.name LIKE \(likePattern(organization, prefix: true)) ESCAPE '\\'")
        }
        // The student and the listing by their unique keys, on the rows already joined.
        if let student = filter.student {
            clauses.append("st.username = \(student)")
        }
        if let ref = filter.opportunityRef {
            clauses.append("o.ref = \(ref)")
        }
        if filter.takenDown {
            clauses.append("o.approval = 'declined'")
        }
        for word in filter.words {
            let like = likePattern(word, prefix: false)
            clauses.append("(o.title LIKE \(like) ESCAPE '\\' OR org.name LIKE \(like) ESCAPE '\\' OR st.name LIKE \(like) ESCAPE '\\' OR st.username LIKE \(like) ESCAPE '\\')")
        }
        // Only the tables a limit names: the walk over the status index then reads no table at all.
        let needsStudent = filter.student != nil || !filter.words.isEmpty
        let needsOrganization = filter.organization != nil || !filter.words.isEmpty
        let needsOpportunity = needsOrganization || !filter.fields.isEmpty || filter.opportunityRef != nil || filter.takenDown
        // CROSS JOIN fixes the order of the tables. Left to itself, SQLite walks the status index
        // for the ORDER BY even under a student's ten applications, reading the whole queue.
        let byOpportunity = SQLiteDialect.indexed("applications a", by: "applications_by_opportunity")
        var tables: [String]
        switch plan {
        case .walkByStatus:
            tables = ["applications a"]
            if needsStudent { tables.append("JOIN students st ON st.id = a.student_id") }
            if needsOpportunity { tables.append("JOIN opportunities o ON o.id = a.opportunity_id") }
            if needsOrganization { tables.append("JOIN organizations org ON org.id = o.organization_id") }
        case .fromStudent:
            tables = ["students st", SQLiteDialect.joinInOrder("applications a", on: "a.student_id = st.id")]
            if needsOpportunity { tables.append("JOIN opportunities o ON o.id = a.opportunity_id") }
            if needsOrganization { tables.append("JOIN organizations org ON org.id = o.organization_id") }
        case .fromOpportunity:
            tables = ["opportunities o", SQLiteDialect.joinInOrder(byOpportunity, on: "a.opportunity_id = o.id")]
            if needsStudent { tables.append("JOIN students st ON st.id = a.student_id") }
            if needsOrganization { tables.append("JOIN organizations org ON org.id = o.organization_id") }
        case .fromOrganizations:
            tables = ["organizations org", SQLiteDialect.joinInOrder("opportunities o", on: "o.organization_id = org.id"),
                      SQLiteDialect.joinInOrder(byOpportunity, on: "a.opportunity_id = o.id")]
            if needsStudent { tables.append("JOIN students st ON st.id = a.student_id") }
        }
        return (tables.joined(separator: " "), clauses.joined(separator: " AND "))
    }

    /// The rows of one page, in its order, by primary key.
    private static func queueRows(_ db: Database, ids: [Int64], order: TriageOrder, viewer: String?, now: Date) throws -> [TriageRow] {
        guard !ids.isEmpty else { return [] }
        let day = 86_400.0
        let direction: SQL = order == .oldestFirst ? "ASC" : "DESC"
        let request = SQLRequest<Row>(literal: """
            SELECT a.id, a.status, a.version, a.updated_at, st.username, st.name AS student_name, o.ref, o.title, o.field,
                   org.name AS organization, c.staff_name
            FROM applications a
            JOIN students st ON st.id = a.student_id
            JOIN opportunities o ON o.id = a.opportunity_id
            JOIN organizations org ON org.id = o.organization_id
            LEFT JOIN triage_claims c ON c.application_id = a.id AND c.expires_at > \(Timestamp.string(now)) AND c.staff_username <> \(viewer ?? "")
            WHERE a.id IN \(ids)
            ORDER BY a.updated_at \(direction), a.id \(direction)
            """)
        return try Row.fetchAll(db, request).map { row in
            let updated: String = try row.decode(forColumn: "updated_at")
            let waited = Timestamp.date(updated).map { now.timeIntervalSince($0) } ?? 0
            return TriageRow(
                id: try row.decode(forColumn: "id"), status: try row.known("status", stored: ("applications", "status")),
                version: try row.decode(forColumn: "version"), updatedAt: updated, waitingDays: max(0, Int(waited / day)),
                studentUsername: try row.decode(forColumn: "username"), studentName: try row.decode(forColumn: "student_name"),
                opportunityRef: try row.decode(forColumn: "ref"), opportunityTitle: try row.decode(forColumn: "title"),
                organization: try row.decode(forColumn: "organization"),
                field: try row.knownIfPresent("field", stored: ("opportunities", "field"), rowID: nil),
                claimedBy: try row.decode(forColumn: "staff_name"))
        }
    }

    /// A LIKE pattern matching `text` literally (its `%`, `_` and `\` escaped).
    static func likePattern(_ text: String, prefix: Bool) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return prefix ? escaped + "%" : "%" + escaped + "%"
    }
}
