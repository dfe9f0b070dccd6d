import Foundation
import PostgresNIO
import StoreFixtures
import Testing
import TernCatalogue
import TernStore
@testable import TernPostgres

/// The PostgreSQL listings give the SQLite catalogue's answers for the same rows: the demo
/// catalogue is seeded on SQLite, copied row by row into a migrated PostgreSQL database, and every
/// query below is asked of both. Pages joined by cursor, offset pages, counts and positions must
/// be equal, id for id and in order.
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresListingsTests {
    static let today = CalendarDay(DemoData.seededAt)

    /// Both back ends holding the demo's rows.
    /// `walkingOrders`: every prefix counts as common, so pages with words walk the order's
    /// index (the plan of a first letter) instead of merging words (the demo's prefixes are all rare).
    static func withBoth<T>(walkingOrders: Bool = false,
                            _ body: (Catalogue, PostgresListings, PostgresSession) async throws -> T) async throws -> T {
        let demo = try SQLiteDemo(seededAt: DemoData.seededAt)
        return try await FreshCatalogue.migrated { session in
            try await SQLiteCatalogueCopy.copy(from: demo.path, into: session)
            let thresholds = walkingOrders ? SearchTerms.Thresholds(commonFrom: 1, mergedWordsAtMost: 0) : SearchTerms.Thresholds()
            let listings = try await PostgresListings.open(session, thresholds: thresholds)
            return try await body(demo.catalogue, listings, session)
        }
    }

    static let words = ["", "d", "de", "pyth", "design", "café", "CAFE", "mül", "lumi", "東京", "data an", "re des", "social media", "zzzz"]

    /// Filters, each asked with no words and with a common prefix.
    static let filters: [(String, @Sendable (inout OpportunityQuery) -> Void)] = [
        ("none", { _ in }),
        ("fields", { $0.fields = [.design, .software] }),
        ("remote", { $0.locationKinds = [.remote] }),
        ("paid", { $0.paidOnly = true }),
        ("hourly or unpaid, paid only", { $0.compensationKinds = [.hourly, .unpaid]; $0.paidOnly = true }),
        ("max hours", { $0.maxHours = 20 }),
        ("max days", { $0.maxDurationDays = 14 }),
        ("deadline within", { $0.deadlineWithinDays = 30 }),
        ("organization", { $0.organization = "ca" }),
        ("include closed", { $0.includeClosed = true }),
        ("closed within", { $0.includeClosed = true; $0.deadlineWithinDays = 20 }),
        ("skill", { $0.skills = ["python"] }),
        ("saved", { $0.savedBy = "demo" }),
        ("posted after", { $0.postedAfter = "2026-02-20T00:00:00Z" }),
        ("fits demo", { $0.matchFor = "demo" }),
    ]

    static let keysetSorts: [OpportunitySort] = [.deadline, .newest, .hours, .pay]

    @Test(arguments: [false, true])
    func everyKeysetOrderPagesTheSameListingsAsSQLite(walkingOrders: Bool) async throws {
        try await Self.withBoth(walkingOrders: walkingOrders) { sqlite, postgres, _ in
            var asked = 0
            for sort in Self.keysetSorts {
                for words in Self.words {
                    try await Self.expectSame(OpportunityQuery(words: words, sort: sort), sqlite, postgres)
                    asked += 1
                }
                for (name, filter) in Self.filters {
                    for words in ["", "de", "re des"] {
                        var query = OpportunityQuery(words: words, sort: sort)
                        filter(&query)
                        try await Self.expectSame(query, sqlite, postgres, name)
                        asked += 1
                    }
                }
            }
            #expect(asked == 4 * (14 + 15 * 3))
        }
    }

    @Test func forYouRanksTheSameListingsAsSQLite() async throws {
        try await Self.withBoth { sqlite, postgres, _ in
            for words in ["", "de", "social media"] {
                for student in ["demo", "nobody-here"] {
                    var query = OpportunityQuery(words: words, sort: .match, matchFor: student)
                    try await Self.expectSame(query, sqlite, postgres, "for you")
                    query.locationKinds = [.remote]
                    try await Self.expectSame(query, sqlite, postgres, "for you, remote")
                }
            }
            // Without a student For you is the deadline order, as on SQLite.
            try await Self.expectSame(OpportunityQuery(sort: .match), sqlite, postgres)
        }
    }

    /// Relevance finds the same listings and counts them alike; its rank is not FTS5's bm25, so
    /// only the set is compared (and positions are unknown on both, a ranked order).
    @Test func relevanceFindsTheSameListingsAsSQLite() async throws {
        try await Self.withBoth { sqlite, postgres, _ in
            for words in Self.words where !words.isEmpty {
                let query = OpportunityQuery(words: words, sort: .relevance)
                let mine = try await Self.allPages(query, postgres)
                let theirs = try Self.allSQLitePages(query, sqlite)
                #expect(Set(mine) == Set(theirs), "\(words)")
                #expect(mine.count == theirs.count, "\(words)")
                let expectedCount = try sqlite.countOpportunities(matching: query, today: Self.today)
                #expect(try await postgres.countOpportunities(matching: query, today: Self.today) == expectedCount)
                if let first = theirs.first {
                    #expect(try await postgres.position(of: first, matching: query, today: Self.today) == .unknown)
                }
            }
            try await Self.expectSame(OpportunityQuery(sort: .relevance), sqlite, postgres, "no words: deadline")
        }
    }

    /// The ranked order itself, gathered from the rarest term's words, is the one its
    /// definition gives: per term its best-placed word (title 8, skills 6, organization 4,
    /// brief 1), summed, ties by id; open listings only unless closed ones are asked for.
    @Test(arguments: [false, true])
    func relevanceRanksByItsDefinition(includeClosed: Bool) async throws {
        try await Self.withBoth { _, postgres, session in
            for words in ["d", "de", "design", "data an", "re des", "social media", "café"] {
                let query = OpportunityQuery(words: words, includeClosed: includeClosed, sort: .relevance)
                let mine = try await Self.allPages(query, postgres)
                let terms = words.split(separator: " ").map { "tern_fold('\($0)') COLLATE \"C\"" }
                let weight = "((x.fields & 1) * 8 + (x.fields & 2) / 2 * 4 + (x.fields & 4) / 4 * 6 + (x.fields & 8) / 8)"
                let parts = terms.map { term in
                    "coalesce((SELECT max(\(weight)) FROM listing_words x WHERE x.listing_id = o.id AND x.word >= \(term) AND x.word < \(term) || chr(1114111)), 0)"
                }
                let visible = includeClosed ? "o.status <> 'draft'" : "o.status = 'open' AND o.deadline >= '\(Self.today)'"
                let every = terms.map { term in
                    "EXISTS (SELECT 1 FROM listing_words x WHERE x.listing_id = o.id AND x.word >= \(term) AND x.word < \(term) || chr(1114111))"
                }
                let expected = try await session.column(PostgresQuery(unsafeSQL: """
                    SELECT o.id FROM opportunities o WHERE o.approval = 'approved' AND \(visible) AND \(every.joined(separator: " AND "))
                    ORDER BY \(parts.joined(separator: " + ")) DESC, o.id
                    """)).compactMap { $0.flatMap { Int64($0) } }
                #expect(mine == Array(expected.prefix(1_000)), "\(words) \(includeClosed)")
                #expect(!mine.isEmpty || words == "zzzz", "\(words)")
            }
        }
    }

    @Test func singleListingsReadAsOnSQLite() async throws {
        try await Self.withBoth { sqlite, postgres, session in
            let ids = try await session.column("SELECT id FROM opportunities ORDER BY id").compactMap { $0.flatMap { Int64($0) } }
            #expect(ids.count == 159)
            for id in ids {
                let theirs = try sqlite.opportunity(id: id)
                #expect(try await postgres.opportunity(id: id) == theirs)
                if let ref = theirs?.ref { #expect(try await postgres.opportunity(ref: ref) == theirs) }
                let approval = try sqlite.approval(ofListing: id)
                #expect(try await postgres.approval(ofListing: id) == approval)
                #expect(try await postgres.spotsTaken(on: id) == 0)
            }
            #expect(try await postgres.opportunity(id: 999_999) == nil)
            #expect(try await postgres.opportunity(ref: "NO-SUCH") == nil)
            #expect(try await postgres.approval(ofListing: 999_999) == nil)
            for name in try await session.column("SELECT name FROM organizations ORDER BY id").compactMap({ $0 }) {
                let theirs = try sqlite.organization(named: name)
                #expect(try await postgres.organization(named: name) == theirs)
                let shouted = try sqlite.organization(named: name.uppercased())
                #expect(try await postgres.organization(named: name.uppercased()) == shouted)
            }
            #expect(try await postgres.homeCurrency() == "USD")
            #expect(try await postgres.applyLink(for: "TDK-1") == nil)
            try await session.run("INSERT INTO settings (key, value) VALUES ('apply_link', 'https://careers.example.edu/apply/{ref}')")
            #expect(try await postgres.applyLink(for: "A B/1") == Catalogue.applyLink(template: "https://careers.example.edu/apply/{ref}", ref: "A B/1"))
        }
    }

    @Test func aValueTernDoesNotKnowIsRefusedAsDamage() async throws {
        try await Self.withBoth { _, postgres, session in
            try await session.run("UPDATE opportunities SET field = 'astrology' WHERE id = 3")
            await #expect(throws: CatalogueError.damaged(table: "opportunities", column: "field", value: "astrology", row: 3)) {
                _ = try await postgres.opportunity(id: 3)
            }
            await #expect(throws: CatalogueError.damaged(table: "opportunities", column: "field", value: "astrology", row: 3)) {
                _ = try await postgres.opportunities(matching: OpportunityQuery(includeClosed: true), offset: 0, limit: 500, today: Self.today)
            }
            try await session.run("UPDATE opportunities SET field = 'design', deadline = 'soon' WHERE id = 3")
            await #expect(throws: CatalogueError.damaged(table: "opportunities", column: "deadline", value: "soon", row: 3)) {
                _ = try await postgres.opportunity(id: 3)
            }
        }
    }

    /// The word table changes in the same transaction as what it copies: a listing's title, its
    /// organization's name, its skills, its status and approval.
    @Test func theWordTableFollowsEveryChange() async throws {
        try await Self.withBoth { sqlite, postgres, session in
            func ids(_ words: String, includeClosed: Bool = false) async throws -> [Int64] {
                try await Self.allPages(OpportunityQuery(words: words, includeClosed: includeClosed), postgres)
            }
            let open = try await session.value("""
                SELECT id FROM opportunities WHERE status = 'open' AND approval = 'approved' AND deadline >= '\(Self.today)' ORDER BY id LIMIT 1
                """).flatMap { Int64($0) }
            let id = try #require(open)
            #expect(try await ids("quetzalcoatl").isEmpty)
            try await session.run("UPDATE opportunities SET title = 'Quetzalcóatl mural' WHERE id = \(id)")
            #expect(try await ids("quetzalc") == [id])
            try await session.run("UPDATE opportunities SET status = 'closed' WHERE id = \(id)")
            #expect(try await ids("quetz").isEmpty)
            #expect(try await ids("quetz", includeClosed: true) == [id])
            try await session.run("UPDATE opportunities SET status = 'open', approval = 'pending' WHERE id = \(id)")
            #expect(try await ids("quetz", includeClosed: true).isEmpty)
            try await session.run("UPDATE opportunities SET approval = 'approved' WHERE id = \(id)")
            #expect(try await ids("quetz") == [id])

            try await session.run("INSERT INTO skills (name) VALUES ('Xylography')")
            try await session.run("INSERT INTO opportunity_skills (opportunity_id, skill_id) SELECT \(id), id FROM skills WHERE name = 'Xylography'")
            #expect(try await ids("xylo") == [id])
            try await session.run("UPDATE skills SET name = 'Woodcut' WHERE name = 'Xylography'")
            #expect(try await ids("xylo").isEmpty)
            #expect(try await ids("woodc") == [id])
            try await session.run("DELETE FROM opportunity_skills WHERE skill_id = (SELECT id FROM skills WHERE name = 'Woodcut')")
            #expect(try await ids("woodc").isEmpty)

            try await session.run("UPDATE organizations SET name = 'Zyzzyva Ltd' WHERE id = (SELECT organization_id FROM opportunities WHERE id = \(id))")
            let zyzzyva = try await ids("zyzz")
            #expect(zyzzyva.contains(id))
            #expect(try await postgres.countOpportunities(matching: OpportunityQuery(words: "zyzz"), today: Self.today) == zyzzyva.count)
            _ = sqlite
        }
    }

    /// The bulk fill (migration, loads after COPY) writes the very rows the triggers wrote.
    @Test func theBulkFillWritesWhatTheTriggersWrote() async throws {
        try await Self.withBoth { _, _, session in
            let snapshot = "SELECT string_agg(concat_ws(' ', word, listing_id, fields, open, deadline, posted_at, hours, pay_rank), ';' ORDER BY listing_id, word) FROM listing_words"
            let byTriggers = try await session.value(snapshot)
            let listed = try await session.value("SELECT count(DISTINCT listing_id) FROM listing_words")
            #expect(listed == (try await session.value("SELECT count(*) FROM opportunities WHERE approval = 'approved' AND status <> 'draft'")))
            #expect(listed != "0")
            try await session.run("SELECT tern_index_all_listing_words()")
            #expect(try await session.value(snapshot) == byTriggers)
        }
    }

    /// The word table is kept a statement at a time (schema v6): statements that change many
    /// listings at once, some in their text and some only in an order's key, and many skills
    /// at once, leave exactly the rows a fill from scratch writes.
    @Test func multiRowStatementsKeepTheWordTableWhole() async throws {
        try await Self.withBoth { _, postgres, session in
            let snapshot = "SELECT string_agg(concat_ws(' ', word, listing_id, fields, open, deadline, posted_at, hours, pay_rank), ';' ORDER BY listing_id, word) FROM listing_words"
            func expectAsIfFilled(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let kept = try await session.value(snapshot)
                try await session.run("SELECT tern_index_all_listing_words()")
                #expect(try await session.value(snapshot) == kept, "\(step)", sourceLocation: sourceLocation)
            }
            try await session.run("""
                UPDATE opportunities SET
                    title = CASE WHEN id % 3 = 0 THEN title || ' Quokka' ELSE title END,
                    deadline = CASE WHEN id % 2 = 0 THEN '2031-01-01' ELSE deadline END,
                    status = CASE WHEN id % 7 = 0 AND status = 'open' THEN 'closed' ELSE status END,
                    approval = CASE WHEN id % 11 = 0 THEN 'pending' ELSE approval END
                """)
            try await expectAsIfFilled("titles, deadlines, statuses and approvals of many listings")
            let quokkas = try await Self.allPages(OpportunityQuery(words: "quokk", includeClosed: true), postgres)
            #expect(!quokkas.isEmpty)
            #expect(quokkas.allSatisfy { $0 % 3 == 0 && $0 % 11 != 0 })

            let home = try #require(try await session.value("SELECT value FROM settings WHERE key = 'home_currency'"))
            try await session.run("UPDATE settings SET value = '\(home == "EUR" ? "GBP" : "EUR")' WHERE key = 'home_currency'")
            try await expectAsIfFilled("a new home currency re-ranking every listing")

            try await session.run("INSERT INTO skills (name) VALUES ('Marquetry')")
            try await session.run("""
                INSERT INTO opportunity_skills (opportunity_id, skill_id)
                SELECT o.id, s.id FROM opportunities o, skills s WHERE s.name = 'Marquetry' AND o.id % 4 = 1
                """)
            try await expectAsIfFilled("one skill added to many listings")
            #expect(try await Self.allPages(OpportunityQuery(words: "marquet", includeClosed: true), postgres).allSatisfy { $0 % 4 == 1 })
            try await session.run("UPDATE skills SET name = 'Intarsia' WHERE name = 'Marquetry'")
            try await expectAsIfFilled("a skill many listings name renamed")
            try await session.run("DELETE FROM opportunity_skills WHERE opportunity_id % 2 = 1")
            try await expectAsIfFilled("many skills removed")
            try await session.run("UPDATE organizations SET name = name || ' Aardwolf'")
            try await expectAsIfFilled("every organization renamed")
            let removable = "FROM opportunities o WHERE o.id % 13 = 0 AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.opportunity_id = o.id)"
            #expect(try await session.value("SELECT count(*) \(removable)") != "0")
            try await session.run("DELETE \(removable)")
            try await expectAsIfFilled("listings removed")
            #expect(try await session.value("SELECT count(*) FROM listing_words WHERE listing_id NOT IN (SELECT id FROM opportunities)") == "0")
        }
    }

    // MARK: Comparing

    /// Pages joined by cursor, an offset page, the count and every position: equal on both.
    static func expectSame(_ query: OpportunityQuery, _ sqlite: Catalogue, _ postgres: PostgresListings, _ name: String = "",
                           sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let label = "\(name) \(query.sort) '\(query.words)'"
        let theirs = try allSQLitePages(query, sqlite)
        let mine = try await allPages(query, postgres)
        #expect(mine == theirs, "\(label)", sourceLocation: sourceLocation)
        let count = try await postgres.countOpportunities(matching: query, today: today)
        let expectedCount = try sqlite.countOpportunities(matching: query, today: today)
        #expect(count == expectedCount, "\(label)", sourceLocation: sourceLocation)
        #expect(count == theirs.count, "\(label): the count is the pages joined", sourceLocation: sourceLocation)
        let offsetMine = try await postgres.opportunities(matching: query, offset: 5, limit: 7, today: today).map(\.id)
        let offsetTheirs = try sqlite.opportunities(matching: query, offset: 5, limit: 7, today: today).map(\.id)
        #expect(offsetMine == offsetTheirs, "\(label) offset", sourceLocation: sourceLocation)
        for id in theirs + [1, 2, 158, 159, 999_999] {
            let position = try await postgres.position(of: id, matching: query, today: today)
            let expected = try sqlite.position(of: id, matching: query, today: today)
            #expect(position == expected, "\(label) position of \(id)",
                    sourceLocation: sourceLocation)
        }
    }

    /// Every listing of the query, seven at a time, each page after the last one's cursor.
    static func allPages(_ query: OpportunityQuery, _ listings: any ListingStore) async throws -> [Int64] {
        var ids: [Int64] = []
        var cursor: OpportunityCursor?
        while true {
            let page = try await listings.opportunities(matching: query, after: cursor, limit: 7, today: today)
            ids += page.map(\.id)
            guard page.count == 7, ids.count < 1_000 else { return ids }
            cursor = page.last?.cursor
        }
    }

    static func allSQLitePages(_ query: OpportunityQuery, _ catalogue: Catalogue) throws -> [Int64] {
        var ids: [Int64] = []
        var cursor: OpportunityCursor?
        while true {
            let page = try catalogue.opportunities(matching: query, after: cursor, limit: 7, today: today)
            ids += page.map(\.id)
            guard page.count == 7, ids.count < 1_000 else { return ids }
            cursor = page.last?.cursor
        }
    }
}
