import Foundation
internal import GRDB

extension Catalogue {
    /// The audit trail, newest first: every application event and every audit-log entry,
    /// narrowed by student, actor and a start time.
    ///
    /// ```swift
    /// let seen = try catalogue.auditTrail(student: "tnguyen", since: lastWeek)
    /// ```
    public func auditTrail(student: String? = nil, actor: String? = nil, since: Date? = nil, limit: Int = 1_000) throws -> [AuditTrailEntry] {
        try read { db in
            var logClauses: [SQL] = [], eventClauses: [SQL] = []
            if let student {
                logClauses.append("l.student_id = (SELECT id FROM students WHERE username = \(student))")
                eventClauses.append("a.student_id = (SELECT id FROM students WHERE username = \(student))")
            }
            if let actor {
                logClauses.append("l.actor_username = \(actor)")
                eventClauses.append("(e.actor_username = \(actor) OR e.entered_by = \(actor))")
            }
            if let since {
                let stamp = Timestamp.string(since)
                logClauses.append("l.at >= \(stamp)"); eventClauses.append("e.at >= \(stamp)")
            }
            func whereClause(_ clauses: [SQL]) -> SQL { clauses.isEmpty ? "" : "WHERE \(clauses.joined(separator: " AND "))" }
            return try Row.fetchAll(db, SQLRequest(literal: """
                SELECT l.at, l.actor_username AS actor, l.actor_role AS role, l.action, s.username, l.application_id,
                       l.detail, l.id AS ordinal, 0 AS source
                FROM audit_log l LEFT JOIN students s ON s.id = l.student_id \(whereClause(logClauses))
                UNION ALL
                SELECT e.at, coalesce(e.entered_by, e.actor_username),
                       CASE WHEN e.entered_by IS NOT NULL THEN 'staff for ' || e.actor_role
                            WHEN e.on_behalf_of IS NOT NULL THEN e.actor_role || ' for student' ELSE e.actor_role END,
                       CASE WHEN e.to_status IS NOT NULL THEN 'moved' WHEN e.visibility = 'staff' THEN 'staff_note' ELSE 'note' END,
                       s.username, e.application_id,
                       CASE WHEN e.to_status IS NOT NULL THEN coalesce(e.from_status, 'new') || ' -> ' || e.to_status
                            || coalesce(': ' || e.note, '') ELSE e.note END,
                       e.id, 1
                FROM application_events e JOIN applications a ON a.id = e.application_id JOIN students s ON s.id = a.student_id
                \(whereClause(eventClauses))
                ORDER BY 1 DESC, 9 DESC, 8 DESC LIMIT \(max(1, limit))
                """)).map {
                AuditTrailEntry(at: try $0.decode(atIndex: 0), actor: try $0.decode(atIndex: 1), actorRole: try $0.decode(atIndex: 2),
                                action: try $0.decode(atIndex: 3), student: try $0.decode(atIndex: 4),
                                applicationID: try $0.decode(atIndex: 5), detail: try $0.decode(atIndex: 6))
            }
        }
    }
}
