import Foundation
import GRDB

extension Catalogue {
    /// Saves (or replaces) a named view; the pattern is parsed first, so a saved view always opens.
    ///
    /// ```swift
    /// try catalogue.saveTriageView("stale design", pattern: "field:design age>7d", session: session)
    /// ```
    public func saveTriageView(_ name: String, pattern: String, session: TriageSession, now: Date = Date()) throws {
        try StoredText.savedSearchName.check(name)
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw CatalogueError.invalid("a view needs a name") }
        _ = try TriageFilter(pattern: pattern)
        try write { db in
            try db.execute(sql: """
                INSERT INTO triage_views(staff_username, name, pattern, created_at) VALUES (?,?,?,?)
                ON CONFLICT(staff_username, name) DO UPDATE SET pattern = excluded.pattern
                """, arguments: [session.username, name, pattern, Timestamp.string(now)])
        }
    }

    /// A staff member's views, by name.
    public func triageViews(session: TriageSession) throws -> [TriageView] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, pattern FROM triage_views WHERE staff_username = ? ORDER BY name",
                             arguments: [session.username]).map { TriageView(name: $0["name"], pattern: $0["pattern"]) }
        }
    }

    public func deleteTriageView(_ name: String, session: TriageSession) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM triage_views WHERE staff_username = ? AND name = ?", arguments: [session.username, name])
            guard db.changesCount == 1 else { throw CatalogueError.notFound("view \(name)") }
        }
    }
}
