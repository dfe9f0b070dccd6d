import Foundation
import PostgresNIO
import TernStore

/// The staff queue's statements on PostgreSQL, built as the SQLite catalogue's `queueSelection`
/// builds them: the same conditions, so a page, a count and "which of these are shown" never
/// disagree on either back end.
///
/// Without a `student:` or an `opportunity:` limit, each status is read from
/// `applications_by_status` (status, updated_at, id) after the cursor and the per-status pages
/// are merged in Swift, so a page costs its size wherever it starts. With one of those, one
/// statement reads that student's or listing's few applications and sorts them. SQLite's third
/// plan (starting from the organizations an `organization:` prefix matches) is a join order; on
/// PostgreSQL the planner chooses it from its statistics, so that limit walks the statuses too.
enum TriageQueueSQL {
    static let day = 86_400.0

    /// Whether a page under `filter` is read one status at a time and merged.
    static func walksByStatus(_ filter: TriageFilter) -> Bool {
        filter.student == nil && filter.opportunityRef == nil
    }

    /// The tables and conditions selecting the queue's rows of `statuses` under `filter`, from
    /// `cursor` on; every value is bound into `s`. SQLite's `LIKE` folds ASCII letters only:
    /// both sides go through `tern_nocase`, which folds the same letters.
    static func selection(_ s: inout StatementBuilder, statuses: [ApplicationStatus], filter: TriageFilter, offerWaitDays: Int?,
                          after cursor: TriageCursor?, order: TriageOrder, now: Date) -> (from: String, conditions: String) {
        var clauses: [String] = []
        // An offer waits for the student first: it needs action only once unanswered for days.
        let offerCutoff = offerWaitDays.map { Timestamp.string(now.addingTimeInterval(-Double($0) * day)) }
        if statuses.count == 1 {
            clauses.append("a.status = \(s.bind(statuses[0].rawValue))")
            if statuses[0] == .offered, let offerCutoff {
                clauses.append("a.updated_at <= \(s.bind(offerCutoff))")
            }
        } else {
            clauses.append("a.status = ANY(\(s.bind(statuses.map(\.rawValue))))")
            if statuses.contains(.offered), let offerCutoff {
                clauses.append("(a.status <> \(s.bind(ApplicationStatus.offered.rawValue)) OR a.updated_at <= \(s.bind(offerCutoff)))")
            }
        }
        // Age bounds are ranges of updated_at, so they stay inside the index walk.
        if let days = filter.olderThanDays {
            clauses.append("a.updated_at <= \(s.bind(Timestamp.string(now.addingTimeInterval(-Double(days) * day))))")
        }
        if let days = filter.youngerThanDays {
            clauses.append("a.updated_at > \(s.bind(Timestamp.string(now.addingTimeInterval(-Double(days) * day))))")
        }
        if let cursor {
            let key = "(\(s.bind(cursor.updatedAt)), \(s.bind(cursor.id)))"
            clauses.append(order == .oldestFirst ? "(a.updated_at, a.id) > \(key)" : "(a.updated_at, a.id) < \(key)")
        }
        if !filter.fields.isEmpty {
            clauses.append("o.field = ANY(\(s.bind(filter.fields.map(\.rawValue))))")
        }
        if let organization = filter.organization {
            clauses.append("tern_nocase(org.name) LIKE tern_nocase(\(s.bind(likePattern(organization, prefix: true)))) ESCAPE '\\'")
        }
        // The student and the listing by their unique keys, on the rows already joined.
        if let student = filter.student {
            clauses.append("st.username = \(s.bind(student))")
        }
        if let ref = filter.opportunityRef {
            clauses.append("o.ref = \(s.bind(ref))")
        }
        if filter.takenDown {
            clauses.append("o.approval = 'declined'")
        }
        for word in filter.words {
            let like = "tern_nocase(\(s.bind(likePattern(word, prefix: false))))"
            clauses.append("(tern_nocase(o.title) LIKE \(like) ESCAPE '\\' OR tern_nocase(org.name) LIKE \(like) ESCAPE '\\'"
                           + " OR tern_nocase(st.name) LIKE \(like) ESCAPE '\\' OR tern_nocase(st.username) LIKE \(like) ESCAPE '\\')")
        }
        // Only the tables a limit names: the walk over the status index then reads no table at all.
        let needsStudent = filter.student != nil || !filter.words.isEmpty
        let needsOrganization = filter.organization != nil || !filter.words.isEmpty
        let needsOpportunity = needsOrganization || !filter.fields.isEmpty || filter.opportunityRef != nil || filter.takenDown
        var tables = ["applications a"]
        if needsStudent { tables.append("JOIN students st ON st.id = a.student_id") }
        if needsOpportunity { tables.append("JOIN opportunities o ON o.id = a.opportunity_id") }
        if needsOrganization { tables.append("JOIN organizations org ON org.id = o.organization_id") }
        return (tables.joined(separator: " "), clauses.joined(separator: " AND "))
    }

    /// A LIKE pattern matching `text` literally (its `%`, `_` and `\` escaped).
    static func likePattern(_ text: String, prefix: Bool) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return prefix ? escaped + "%" : "%" + escaped + "%"
    }
}

extension PostgresTransaction {
    /// The days after which an unanswered offer needs a nudge: `given`, else `settings`, else the default.
    func offerWaitDays(given: Int?) async throws -> Int {
        if let given { return given }
        return try await rows { s in
            s.append("SELECT value FROM settings WHERE key = \(s.bind(TriageQueueDefaults.offerWaitSetting))")
        }.first.flatMap { Int(try ListingRecords.value($0, "value", table: "settings") as String) } ?? TriageQueueDefaults.offerWaitDays
    }

    /// The keys (updated_at, id) of up to `limit` rows of `statuses` from the cursor, in the order.
    func queueKeys(statuses: [ApplicationStatus], filter: TriageFilter, offerWaitDays: Int?, after cursor: TriageCursor?,
                   order: TriageOrder, limit: Int, now: Date) async throws -> [TriageCursor] {
        let direction = order == .oldestFirst ? "ASC" : "DESC"
        return try await rows { s in
            let (from, conditions) = TriageQueueSQL.selection(&s, statuses: statuses, filter: filter, offerWaitDays: offerWaitDays,
                                                              after: cursor, order: order, now: now)
            s.append("""
                SELECT a.updated_at, a.id FROM \(from)
                WHERE \(conditions)
                ORDER BY a.updated_at \(direction), a.id \(direction)
                LIMIT \(s.bind(Int64(limit)))
                """)
        }.map { TriageCursor(updatedAt: try ListingRecords.value($0, "updated_at", table: "applications"),
                             id: try ListingRecords.value($0, "id", table: "applications")) }
    }

    /// How many rows of `statuses` the queue holds under `filter`: the conditions of its pages.
    func queueCount(statuses: [ApplicationStatus], filter: TriageFilter, offerWaitDays: Int?, now: Date) async throws -> Int {
        try await integer { s in
            let (from, conditions) = TriageQueueSQL.selection(&s, statuses: statuses, filter: filter, offerWaitDays: offerWaitDays,
                                                              after: nil, order: .oldestFirst, now: now)
            s.append("SELECT count(*) FROM \(from) WHERE \(conditions)")
        }
    }

    /// Which of `ids` the queue shows under `filter`.
    func queueShown(_ ids: [Int64], statuses: [ApplicationStatus], filter: TriageFilter, offerWaitDays: Int?, now: Date) async throws -> Set<Int64> {
        Set(try await rows { s in
            let (from, conditions) = TriageQueueSQL.selection(&s, statuses: statuses, filter: filter, offerWaitDays: offerWaitDays,
                                                              after: nil, order: .oldestFirst, now: now)
            s.append("SELECT a.id FROM \(from) WHERE \(conditions) AND a.id = ANY(\(s.bind(ids)))")
        }.map { try ListingRecords.value($0, "id", table: "applications") as Int64 })
    }

    /// The rows of one page, in its order, by primary key; `viewer`'s own claims are not shown.
    func queueRows(ids: [Int64], order: TriageOrder, viewer: String?, now: Date) async throws -> [TriageRow] {
        guard !ids.isEmpty else { return [] }
        let direction = order == .oldestFirst ? "ASC" : "DESC"
        return try await rows { s in
            s.append("""
                SELECT a.id, a.status, a.version, a.updated_at, st.username, st.name AS student_name, o.ref, o.title, o.field,
                       org.name AS organization, c.staff_name
                FROM applications a
                JOIN students st ON st.id = a.student_id
                JOIN opportunities o ON o.id = a.opportunity_id
                JOIN organizations org ON org.id = o.organization_id
                LEFT JOIN triage_claims c ON c.application_id = a.id AND c.expires_at > \(s.bind(Timestamp.string(now)))
                    AND c.staff_username <> \(s.bind(viewer ?? ""))
                WHERE a.id = ANY(\(s.bind(ids)))
                ORDER BY a.updated_at \(direction), a.id \(direction)
                """)
        }.map { row in
            let table = "applications"
            let updated: String = try ListingRecords.value(row, "updated_at", table: table)
            let waited = Timestamp.date(updated).map { now.timeIntervalSince($0) } ?? 0
            return TriageRow(
                id: try ListingRecords.value(row, "id", table: table), status: try ListingRecords.known(row, "status", table: table),
                version: try ListingRecords.value(row, "version", table: table), updatedAt: updated,
                waitingDays: max(0, Int(waited / TriageQueueSQL.day)),
                studentUsername: try ListingRecords.value(row, "username", table: "students"),
                studentName: try ListingRecords.value(row, "student_name", table: "students"),
                opportunityRef: try ListingRecords.value(row, "ref"), opportunityTitle: try ListingRecords.value(row, "title"),
                organization: try ListingRecords.value(row, "organization", table: "organizations"),
                field: try ListingRecords.knownIfPresent(row, "field", table: "opportunities", as: Field.init(rawValue:)),
                claimedBy: try ListingRecords.value(row, "staff_name", table: "triage_claims"))
        }
    }
}

/// The settings key and default of "an offer unanswered this many days needs action", as the
/// SQLite catalogue's `TriageQueue` names them (TernStore does not hold them).
enum TriageQueueDefaults {
    static let offerWaitSetting = "offer_wait_days"
    static let offerWaitDays = 7
}
