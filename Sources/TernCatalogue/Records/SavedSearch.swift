import Foundation
internal import GRDB

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
            let existing = try Self.searchRows(db, where: "ss.student_id = \(studentID)")
                .first { try $0.decode(String.self, forColumn: "name").lowercased() == name.lowercased() }
            let id: Int64
            if let existing {
                id = try existing.decode(forColumn: "id")
                try db.execute(literal: "UPDATE saved_searches SET name = \(name), query = \(json), last_seen_at = \(stamp) WHERE id = \(id)")
            } else {
                try db.execute(literal: """
                    INSERT INTO saved_searches(student_id, name, query, last_seen_at, created_at) VALUES (\(studentID), \(name), \(json), \(stamp), \(stamp))
                    """)
                id = db.lastInsertedRowID
            }
            let row = try Self.searchRows(db, where: "ss.id = \(id)").first.readBack("the saved search \(name)")
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
        try searchRows(db, where: "st.username = \(username)").map { try savedSearch(db, $0, today: today) }
    }

    /// Marks the search as looked at now, so its new count starts again from zero. Another
    /// student's search is not found.
    ///
    /// ```swift
    /// try catalogue.markSeen(savedSearch: search.id, by: "aokafor")
    /// ```
    public func markSeen(savedSearch id: Int64, by username: String, now: Date = Date()) throws {
        try write { db in
            try db.execute(literal: """
                UPDATE saved_searches SET last_seen_at = \(Timestamp.string(now))
                WHERE id = \(id) AND student_id IN (SELECT id FROM students WHERE username = \(username))
                """)
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
            try db.execute(literal: """
                DELETE FROM saved_searches WHERE id = \(id) AND student_id IN (SELECT id FROM students WHERE username = \(username))
                """)
            guard db.changesCount == 1 else { throw CatalogueError.notFound("saved search \(id)") }
        }
    }

    private static func searchRows(_ db: Database, where condition: SQL) throws -> [Row] {
        try Row.fetchAll(db, SQLRequest(literal: """
            SELECT ss.id, ss.name, ss.query, ss.last_seen_at, ss.created_at
            FROM saved_searches ss JOIN students st ON st.id = ss.student_id
            WHERE \(condition) ORDER BY ss.name COLLATE NOCASE, ss.id
            """))
    }

    private static func savedSearch(_ db: Database, _ row: Row, today: CalendarDay) throws -> SavedSearch {
        let name: String = try row.decode(forColumn: "name")
        guard let text = try? row.decode(String.self, forColumn: "query"),
              let query = try? JSONDecoder().decode(OpportunityQuery.self, from: Data(text.utf8)) else {
            throw CatalogueError.unusable("the saved search “\(name)” cannot be read; delete it and save it again")
        }
        let lastSeen: String = try row.decode(forColumn: "last_seen_at")
        var fresh = query
        fresh.postedAfter = max(query.postedAfter ?? lastSeen, lastSeen)
        // OpportunitySQL hands back its statement and arguments whole (its tests read them so).
        let (sql, arguments) = OpportunitySQL(query: fresh, today: today).count()
        return SavedSearch(id: try row.decode(forColumn: "id"), name: name, query: query, lastSeenAt: lastSeen,
                           createdAt: try row.decode(forColumn: "created_at"),
                           newCount: try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0)
    }

    private static func queryJSON(_ query: OpportunityQuery) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(query), as: UTF8.self)
    }
}
