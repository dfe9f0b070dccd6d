import Foundation
internal import GRDB

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
            try db.execute(literal: """
                INSERT INTO triage_views(staff_username, name, pattern, created_at) VALUES (\(session.username), \(name), \(pattern), \(Timestamp.string(now)))
                ON CONFLICT(staff_username, name) DO UPDATE SET pattern = excluded.pattern
                """)
        }
    }

    /// A staff member's views, by name.
    public func triageViews(session: TriageSession) throws -> [TriageView] {
        try read { db in
            try Row.fetchAll(db, SQLRequest(literal: "SELECT name, pattern FROM triage_views WHERE staff_username = \(session.username) ORDER BY name"))
                .map { TriageView(name: try $0.decode(forColumn: "name"), pattern: try $0.decode(forColumn: "pattern")) }
        }
    }

    public func deleteTriageView(_ name: String, session: TriageSession) throws {
        try write { db in
            try db.execute(literal: "DELETE FROM triage_views WHERE staff_username = \(session.username) AND name = \(name)")
            guard db.changesCount == 1 else { throw CatalogueError.notFound("view \(name)") }
        }
    }
}
