import Foundation
import GRDB

/// One application in the staff triage queue: where it stands, how long it has waited since its
/// last status change, and who is looking at it now.
public struct TriageRow: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var status: ApplicationStatus
    public var version: Int
    /// When the status last changed (UTC, ISO 8601): the queue's order.
    public var updatedAt: String
    /// Whole days since `updatedAt` ("waiting 6 d").
    public var waitingDays: Int
    public var studentUsername: String
    public var studentName: String
    public var opportunityRef: String
    public var opportunityTitle: String
    public var organization: String
    public var field: Field?
    /// "being looked at by NAME": set while another staff member's claim lasts.
    public var claimedBy: String?
}

/// Where a page ended; pass it back for the next page. Keyset, never an offset.
public struct TriageCursor: Sendable, Hashable {
    public var updatedAt: String
    public var id: Int64

    public init(updatedAt: String, id: Int64) {
        self.updatedAt = updatedAt
        self.id = id
    }
}

/// A page of the queue.
public struct TriagePage: Sendable, Hashable {
    public var rows: [TriageRow]
    /// Nil on the last page.
    public var next: TriageCursor?
}

/// The order of the queue: oldest first (the default: who has waited longest) or newest first.
public enum TriageOrder: Sendable {
    case oldestFirst, newestFirst
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
    /// Each status is read by walking `applications_by_status` from the cursor, so a page costs
    /// the same on page 1 and page 1,000 and on 2,000,000 applications; the per-status pages are
    /// merged here.
    ///
    /// ```swift
    /// let first = try catalogue.triageQueue(TriageFilter(), limit: 40)
    /// let second = try catalogue.triageQueue(TriageFilter(), after: first.next, limit: 40)
    /// ```
    public func triageQueue(
        _ filter: TriageFilter, after cursor: TriageCursor? = nil, order: TriageOrder = .oldestFirst, limit: Int = 40,
        offerWaitDays: Int? = nil, viewer: String? = nil, now: Date = Date()
    ) throws -> TriagePage {
        let limit = max(1, min(limit, 1_000))
        return try read { db in
            let offerDays = try offerWaitDays ?? Self.offerWaitDays(db)
            var rows: [TriageRow] = []
            for status in filter.statuses.isEmpty ? TriageFilter.needingAction : filter.statuses {
                let offerCutoff = filter.statuses.isEmpty && status == .offered ? offerDays : nil
                rows += try Self.queueRows(db, status: status, filter: filter, offerWaitDays: offerCutoff, after: cursor,
                                           order: order, limit: limit + 1, viewer: viewer, now: now)
            }
            rows.sort { order == .oldestFirst ? ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) : ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }
            let more = rows.count > limit
            let page = Array(rows.prefix(limit))
            return TriagePage(rows: page, next: more ? page.last.map { TriageCursor(updatedAt: $0.updatedAt, id: $0.id) } : nil)
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
                counts[status] = try Int.fetchOne(db, sql: "SELECT count(*) FROM applications WHERE status = ? AND updated_at <= ?",
                                                  arguments: [status.rawValue, cutoff]) ?? 0
            }
            return counts
        }
    }

    static func offerWaitDays(_ db: Database) throws -> Int {
        try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [TriageQueue.offerWaitSetting])
            .flatMap(Int.init) ?? TriageQueue.defaultOfferWaitDays
    }

    private static func queueRows(
        _ db: Database, status: ApplicationStatus, filter: TriageFilter, offerWaitDays: Int?, after cursor: TriageCursor?,
        order: TriageOrder, limit: Int, viewer: String?, now: Date
    ) throws -> [TriageRow] {
        let day = 86_400.0
        // The claim join's arguments come first in the statement.
        var arguments: StatementArguments = [Timestamp.string(now), viewer ?? ""]
        var clauses = queueConditions(status: status, filter: filter, offerWaitDays: offerWaitDays, now: now, arguments: &arguments)
        if let cursor {
            clauses.append(order == .oldestFirst ? "(a.updated_at, a.id) > (?, ?)" : "(a.updated_at, a.id) < (?, ?)")
            _ = arguments.append(contentsOf: [cursor.updatedAt, cursor.id])
        }
        let direction = order == .oldestFirst ? "ASC" : "DESC"
        _ = arguments.append(contentsOf: [limit])
        let sql = """
            SELECT a.id, a.status, a.version, a.updated_at, st.username, st.name AS student_name, o.ref, o.title, o.field,
                   org.name AS organization, c.staff_name
            FROM applications a
            JOIN students st ON st.id = a.student_id
            JOIN opportunities o ON o.id = a.opportunity_id
            JOIN organizations org ON org.id = o.organization_id
            LEFT JOIN triage_claims c ON c.application_id = a.id AND c.expires_at > ? AND c.staff_username <> ?
            WHERE \(clauses.joined(separator: " AND "))
            ORDER BY a.updated_at \(direction), a.id \(direction)
            LIMIT ?
            """
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let updated: String = row["updated_at"]
            let waited = Timestamp.date(updated).map { now.timeIntervalSince($0) } ?? 0
            return TriageRow(
                id: row["id"], status: ApplicationStatus(rawValue: row["status"]) ?? status, version: row["version"],
                updatedAt: updated, waitingDays: max(0, Int(waited / day)), studentUsername: row["username"],
                studentName: row["student_name"], opportunityRef: row["ref"], opportunityTitle: row["title"],
                organization: row["organization"], field: Field(rawValue: row["field"]), claimedBy: row["staff_name"])
        }
    }

    /// The WHERE conditions (over `a` applications, `o` opportunities, `org` organizations and
    /// `st` students) selecting one status's part of the queue under `filter`, their arguments
    /// appended to `arguments`. Shared by the page and the count, so both always agree.
    static func queueConditions(
        status: ApplicationStatus, filter: TriageFilter, offerWaitDays: Int?, now: Date, arguments: inout StatementArguments
    ) -> [String] {
        let day = 86_400.0
        var clauses = ["a.status = ?"]
        _ = arguments.append(contentsOf: [status.rawValue])
        // Age bounds are ranges of updated_at, so they stay inside the index walk.
        for days in [filter.olderThanDays, offerWaitDays].compactMap({ $0 }) {
            clauses.append("a.updated_at <= ?")
            _ = arguments.append(contentsOf: [Timestamp.string(now.addingTimeInterval(-Double(days) * day))])
        }
        if let days = filter.youngerThanDays {
            clauses.append("a.updated_at > ?")
            _ = arguments.append(contentsOf: [Timestamp.string(now.addingTimeInterval(-Double(days) * day))])
        }
        if !filter.fields.isEmpty {
            clauses.append("o.field IN (\(filter.fields.map { _ in "?" }.joined(separator: ",")))")
            _ = arguments.append(contentsOf: StatementArguments(filter.fields.map(\.rawValue)))
        }
        if let organization = filter.organization {
            clauses.append("org.name LIKE ? ESCAPE '\\'")
            _ = arguments.append(contentsOf: [likePattern(organization, prefix: true)])
        }
        if let student = filter.student {
            clauses.append("a.student_id = (SELECT id FROM students WHERE username = ?)")
            _ = arguments.append(contentsOf: [student])
        }
        if let ref = filter.opportunityRef {
            clauses.append("a.opportunity_id = (SELECT id FROM opportunities WHERE ref = ?)")
            _ = arguments.append(contentsOf: [ref])
        }
        for word in filter.words {
            clauses.append("(o.title LIKE ? ESCAPE '\\' OR org.name LIKE ? ESCAPE '\\' OR st.name LIKE ? ESCAPE '\\' OR st.username LIKE ? ESCAPE '\\')")
            let like = likePattern(word, prefix: false)
            _ = arguments.append(contentsOf: [like, like, like, like])
        }
        return clauses
    }

    /// A LIKE pattern matching `text` literally (its `%`, `_` and `\` escaped).
    static func likePattern(_ text: String, prefix: Bool) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return prefix ? escaped + "%" : "%" + escaped + "%"
    }
}
