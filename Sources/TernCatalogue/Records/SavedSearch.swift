import Foundation
import GRDB

extension Catalogue {
    /// Keeps `query` under `name` for the student, replacing the search of that name (in any
    /// case) if there is one; either way it counts as seen now.
    ///
    /// ```swift
    /// let search = try catalogue.saveSearch(named: "Remote design",
    ///                                       query: OpportunityQuery(fields: [.design], locationKinds: [.remote]),
    ///                                       for: "aokafor")
    /// ```
    @discardableResult
    public func saveSearch(named name: String, query: OpportunityQuery, for username: String, now: Date = Date()) throws -> SavedSearch {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...StoredText.savedSearchName.limit).contains(name.unicodeScalars.count) else {
            throw CatalogueError.invalid("a saved search needs a name of 1 to \(StoredText.savedSearchName.limit) characters")
        }
        try StoredText.savedSearchName.check(name)
        try StoredText.searchWords.check(query.words)
        try StoredText.organization.check(query.organization)
        for skill in query.skills { try StoredText.skill.check(skill) }
        let json = try Self.queryJSON(query)
        let stamp = Timestamp.string(now)
        return try write { db in
            let studentID = try Self.studentID(db, username: username)
            // Names are unique per student regardless of case, as the list shows them.
            let existing = try Self.searchRows(db, whereSQL: "ss.student_id = ?", arguments: [studentID])
                .first { ($0["name"] as String).lowercased() == name.lowercased() }
            let id: Int64
            if let existing {
                id = existing["id"]
                try db.execute(sql: "UPDATE saved_searches SET name = ?, query = ?, last_seen_at = ? WHERE id = ?",
                               arguments: [name, json, stamp, id])
            } else {
                try db.execute(sql: "INSERT INTO saved_searches(student_id, name, query, last_seen_at, created_at) VALUES (?,?,?,?,?)",
                               arguments: [studentID, name, json, stamp, stamp])
                id = db.lastInsertedRowID
            }
            let row = try Self.searchRows(db, whereSQL: "ss.id = ?", arguments: [id])[0]
            return try Self.savedSearch(db, row, today: CalendarDay(now))
        }
    }

    /// The student's saved searches by name, each with its count of new listings; empty for a guest.
    ///
    /// ```swift
    /// for search in try catalogue.savedSearches(of: me, today: today) where search.newCount > 0 { … }
    /// ```
    public func savedSearches(of username: String, today: CalendarDay) throws -> [SavedSearch] {
        try read { db in try Self.savedSearches(db, of: username, today: today) }
    }

    static func savedSearches(_ db: Database, of username: String, today: CalendarDay) throws -> [SavedSearch] {
        try searchRows(db, whereSQL: "st.username = ?", arguments: [username]).map { try savedSearch(db, $0, today: today) }
    }

    /// Marks the search as looked at now, so its new count starts again from zero. Another
    /// student's search is not found.
    ///
    /// ```swift
    /// try catalogue.markSeen(savedSearch: search.id, by: "aokafor")
    /// ```
    public func markSeen(savedSearch id: Int64, by username: String, now: Date = Date()) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE saved_searches SET last_seen_at = ?
                WHERE id = ? AND student_id IN (SELECT id FROM students WHERE username = ?)
                """, arguments: [Timestamp.string(now), id, username])
            guard db.changesCount == 1 else { throw CatalogueError.notFound("saved search \(id)") }
        }
    }

    /// Forgets the search. Another student's search is not found.
    ///
    /// ```swift
    /// try catalogue.deleteSavedSearch(search.id, by: "aokafor")
    /// ```
    public func deleteSavedSearch(_ id: Int64, by username: String) throws {
        try write { db in
            try db.execute(sql: """
                DELETE FROM saved_searches WHERE id = ? AND student_id IN (SELECT id FROM students WHERE username = ?)
                """, arguments: [id, username])
            guard db.changesCount == 1 else { throw CatalogueError.notFound("saved search \(id)") }
        }
    }

    private static func searchRows(_ db: Database, whereSQL: String, arguments: StatementArguments) throws -> [Row] {
        try Row.fetchAll(db, sql: """
            SELECT ss.id, ss.name, ss.query, ss.last_seen_at, ss.created_at
            FROM saved_searches ss JOIN students st ON st.id = ss.student_id
            WHERE \(whereSQL) ORDER BY ss.name COLLATE NOCASE, ss.id
            """, arguments: arguments)
    }

    private static func savedSearch(_ db: Database, _ row: Row, today: CalendarDay) throws -> SavedSearch {
        let name: String = row["name"]
        guard let query = try? JSONDecoder().decode(OpportunityQuery.self, from: Data((row["query"] as String).utf8)) else {
            throw CatalogueError.unusable("the saved search “\(name)” cannot be read; delete it and save it again")
        }
        let lastSeen: String = row["last_seen_at"]
        var fresh = query
        fresh.postedAfter = max(query.postedAfter ?? lastSeen, lastSeen)
        let (sql, arguments) = OpportunitySQL(query: fresh, today: today).count()
        return SavedSearch(id: row["id"], name: name, query: query, lastSeenAt: lastSeen, createdAt: row["created_at"],
                           newCount: try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0)
    }

    private static func queryJSON(_ query: OpportunityQuery) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(query), as: UTF8.self)
    }
}
