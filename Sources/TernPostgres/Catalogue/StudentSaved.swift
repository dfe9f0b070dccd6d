import Foundation
import PostgresNIO
import TernStore

/// A student's saved listings and saved searches on PostgreSQL, as `Catalogue+SavedListings`
/// and `Records/SavedSearch` answer them. A saved search's count of new listings is the listings
/// store's own count (``PostgresListings``) of its query posted since it was last looked at,
/// taken after the transaction that read or wrote the search: listings are public, and the
/// count then holds no write open.
extension PostgresCatalogue {
    // MARK: Saved listings

    public func setSaved(_ opportunityID: Int64, _ saved: Bool, by username: String, now: Date) async throws {
        try await write { transaction in
            let studentID = try await transaction.studentID(username)
            let alreadySaved = try await transaction.integer { s in
                s.append("""
                    SELECT 1 FROM saved_opportunities WHERE student_id = \(s.bind(studentID)) AND opportunity_id = \(s.bind(opportunityID))
                    """)
            } == 1
            // A listing saved before it went back to draft can still be unsaved.
            if !alreadySaved {
                let listed = try await transaction.integer { s in
                    s.append("""
                        SELECT 1 FROM opportunities WHERE id = \(s.bind(opportunityID)) AND status <> 'draft' AND approval = 'approved'
                        """)
                } == 1
                guard listed else { throw CatalogueError.notFound("listing \(opportunityID)") }
            }
            switch (saved, alreadySaved) {
            case (true, false):
                try await transaction.execute { s in
                    s.append("""
                        INSERT INTO saved_opportunities(student_id, opportunity_id, saved_at)
                        VALUES (\(s.bind(studentID)), \(s.bind(opportunityID)), \(s.bind(Timestamp.string(now)))) ON CONFLICT DO NOTHING
                        """)
                }
            case (false, true):
                try await transaction.execute { s in
                    s.append("DELETE FROM saved_opportunities WHERE student_id = \(s.bind(studentID)) AND opportunity_id = \(s.bind(opportunityID))")
                }
            case (true, true), (false, false):
                break
            }
        }
    }

    public func isSaved(_ opportunityID: Int64, by username: String) async throws -> Bool {
        guard StudentRecords.storable(username) else { return false }
        return try await read { transaction in
            try await transaction.integer { s in
                s.append("""
                    SELECT 1 FROM saved_opportunities so JOIN students st ON st.id = so.student_id
                    WHERE st.username = \(s.bind(username)) AND so.opportunity_id = \(s.bind(opportunityID))
                    """)
            } == 1
        }
    }

    // MARK: Saved searches

    public func saveSearch(named name: String, query: OpportunityQuery, for username: String, now: Date) async throws -> SavedSearch {
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
        let stored = try await write { transaction in
            // The student's row held: their saves of searches take turns, so two of one name
            // (in any case) never both insert.
            let studentID = try await transaction.studentID(username, locking: true)
            // Names are unique per student regardless of case, as the list shows them.
            var existing: Int64?
            for row in try await Self.searchRows(transaction, where: { s in "ss.student_id = \(s.bind(studentID))" }) {
                let stored: String = try ListingRecords.value(row, "name", table: "saved_searches")
                if stored.lowercased() == name.lowercased() { existing = try ListingRecords.value(row, "id", table: "saved_searches"); break }
            }
            let id: Int64
            if let existing {
                id = existing
                try await transaction.execute { s in
                    s.append("""
                        UPDATE saved_searches SET name = \(s.bind(name)), query = \(s.bind(json)), last_seen_at = \(s.bind(stamp))
                        WHERE id = \(s.bind(id))
                        """)
                }
            } else {
                let inserted = try await transaction.rows { s in
                    s.append("""
                        INSERT INTO saved_searches(student_id, name, query, last_seen_at, created_at)
                        VALUES (\(s.bind(studentID)), \(s.bind(name)), \(s.bind(json)), \(s.bind(stamp)), \(s.bind(stamp))) RETURNING id
                        """)
                }
                id = try ListingRecords.value(try inserted.first.readBack("the saved search \(name)"), "id", table: "saved_searches")
            }
            let row = try await Self.searchRows(transaction, where: { s in "ss.id = \(s.bind(id))" }).first
            return try Self.storedSearch(try row.readBack("the saved search \(name)"))
        }
        return try await counted(stored, today: CalendarDay(now))
    }

    public func savedSearches(of username: String, today: CalendarDay) async throws -> [SavedSearch] {
        var searches: [SavedSearch] = []
        for stored in try await storedSearches(of: username) { searches.append(try await counted(stored, today: today)) }
        return searches
    }

    public func markSeen(savedSearch id: Int64, by username: String, now: Date) async throws {
        guard StudentRecords.storable(username) else { throw CatalogueError.notFound("saved search \(id)") }
        try await write { transaction in
            let changed = try await transaction.changed { s in
                s.append("""
                    UPDATE saved_searches SET last_seen_at = \(s.bind(Timestamp.string(now)))
                    WHERE id = \(s.bind(id)) AND student_id IN (SELECT id FROM students WHERE username = \(s.bind(username)))
                    RETURNING 1
                    """)
            }
            guard changed == 1 else { throw CatalogueError.notFound("saved search \(id)") }
        }
    }

    public func deleteSavedSearch(_ id: Int64, by username: String) async throws {
        guard StudentRecords.storable(username) else { throw CatalogueError.notFound("saved search \(id)") }
        try await write { transaction in
            let changed = try await transaction.changed { s in
                s.append("""
                    DELETE FROM saved_searches
                    WHERE id = \(s.bind(id)) AND student_id IN (SELECT id FROM students WHERE username = \(s.bind(username)))
                    RETURNING 1
                    """)
            }
            guard changed == 1 else { throw CatalogueError.notFound("saved search \(id)") }
        }
    }

    /// The student's saved searches by name (new counts not yet taken); none for a guest.
    func storedSearches(of username: String) async throws -> [SavedSearch] {
        guard StudentRecords.storable(username) else { return [] }
        return try await read { transaction in
            try await Self.searchRows(transaction, where: { s in "st.username = \(s.bind(username))" }).map(Self.storedSearch)
        }
    }

    /// `search` with its count of listings matching its query today posted after it was last seen.
    func counted(_ search: SavedSearch, today: CalendarDay) async throws -> SavedSearch {
        var fresh = search.query
        fresh.postedAfter = max(search.query.postedAfter ?? search.lastSeenAt, search.lastSeenAt)
        var result = search
        result.newCount = try await listings.countOpportunities(matching: fresh, today: today)
        return result
    }

    private static func searchRows(_ transaction: PostgresTransaction,
                                   where condition: (inout StatementBuilder) -> String) async throws -> [PostgresRandomAccessRow] {
        try await transaction.rows { s in
            let condition = condition(&s)
            s.append("""
                SELECT ss.id, ss.name, ss.query, ss.last_seen_at, ss.created_at
                FROM saved_searches ss JOIN students st ON st.id = ss.student_id
                WHERE \(condition) ORDER BY tern_nocase(ss.name) COLLATE "C", ss.id
                """)
        }
    }

    /// A saved search as stored; a query this tern cannot read is refused in words, as on SQLite.
    private static func storedSearch(_ row: PostgresRandomAccessRow) throws -> SavedSearch {
        let table = "saved_searches"
        let name: String = try ListingRecords.value(row, "name", table: table)
        guard let text = try? row["query"].decode(String.self),
              let query = try? JSONDecoder().decode(OpportunityQuery.self, from: Data(text.utf8)) else {
            throw CatalogueError.unusable("the saved search “\(name)” cannot be read; delete it and save it again")
        }
        return SavedSearch(id: try ListingRecords.value(row, "id", table: table), name: name, query: query,
                           lastSeenAt: try ListingRecords.value(row, "last_seen_at", table: table),
                           createdAt: try ListingRecords.value(row, "created_at", table: table), newCount: 0)
    }

    /// The query as stored: JSON with sorted keys, byte for byte as the SQLite catalogue writes it.
    private static func queryJSON(_ query: OpportunityQuery) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(query), as: UTF8.self)
    }
}
