import Foundation
import PostgresNIO
import TernStore

/// The listings side of a PostgreSQL catalogue (``ListingStore``): what the kiosk and the
/// student list read. The same answers as the SQLite catalogue for the same rows, read through
/// the keyset indexes of schema v1 and the word table of schema v3 (``ListingSQL``).
///
/// A read whose task is cancelled (the next keystroke superseded it) stops on the server too:
/// postgres-nio sends no cancel request, so another connection asks `pg_cancel_backend` for
/// this session's backend, but only while it is still running that very statement (each is
/// tagged with a comment of its own), so that a cancel arriving late never stops the next read.
/// And every statement runs under a `statement_timeout` (``defaultReadTimeout``), so even a read
/// nobody cancels stops by itself then.
///
/// A kiosk's account reads no table: its session finds the kiosk's views of the same names first
/// (approved open listings only, schema v5's `tern_kiosk`), so the statements are everyone's.
///
/// ```swift
/// let listings = try await PostgresListings.open(session)
/// let page = try await listings.opportunities(matching: OpportunityQuery(words: "pyth"), after: nil, limit: 40, today: today)
/// ```
public final class PostgresListings: ListingStore {
    /// The listings' own connection, made again when the server closed it.
    let sessions: ReconnectingSession
    /// When a prefix is common enough to walk the order's index rather than merge its words.
    let thresholds: SearchTerms.Thresholds

    /// The longest a read may run on the server unless `open` is told otherwise.
    public static let defaultReadTimeout: Duration = .seconds(5)

    private init(sessions: ReconnectingSession, thresholds: SearchTerms.Thresholds) {
        self.sessions = sessions
        self.thresholds = thresholds
    }

    /// The listings of the catalogue `session` is connected to, which must be at this tern's
    /// schema. `session` is this store's alone from now on: its statements run under `readTimeout`.
    public static func open(_ session: PostgresSession, readTimeout: Duration = defaultReadTimeout,
                            readOnly: Bool = false) async throws -> PostgresListings {
        try await open(session, readTimeout: readTimeout, readOnly: readOnly, thresholds: SearchTerms.Thresholds())
    }

    /// `thresholds` other than the measured ones: tests run every query through both plans.
    /// `actingRole`: tests only, the session acts as that role (`SET ROLE`), as if its account
    /// had connected (``PostgresCatalogue/open(_:as:password:readOnly:readTimeout:actingRole:)``).
    static func open(_ session: PostgresSession, readTimeout: Duration = defaultReadTimeout, readOnly: Bool = false,
                     thresholds: SearchTerms.Thresholds, actingRole: String? = nil) async throws -> PostgresListings {
        let milliseconds = max(1, readTimeout.components.seconds * 1000 + readTimeout.components.attoseconds / 1_000_000_000_000_000)
        let sessions = try await ReconnectingSession.adopting(session) { session in
            try await session.act(as: actingRole)
            try await PostgresSchema.check(session)
            try await session.execute(PostgresQuery(unsafeSQL: "SET statement_timeout = \(milliseconds)"))
            // A catalogue's listings connection only reads: the server refuses anything else on it.
            if readOnly { try await session.execute("SET default_transaction_read_only = on") }
            try await session.readAsKioskIfKiosk()
        }
        return PostgresListings(sessions: sessions, thresholds: thresholds)
    }

    // MARK: Pages

    public func opportunities(matching query: OpportunityQuery, after cursor: OpportunityCursor?, limit: Int,
                              today: CalendarDay) async throws -> [OpportunitySummary] {
        try await page(query, after: cursor, offset: 0, limit: limit, today: today)
    }

    public func opportunities(matching query: OpportunityQuery, offset: Int, limit: Int,
                              today: CalendarDay) async throws -> [OpportunitySummary] {
        try await page(query, after: nil, offset: offset, limit: limit, today: today)
    }

    private func page(_ query: OpportunityQuery, after cursor: OpportunityCursor?, offset: Int, limit: Int,
                      today: CalendarDay) async throws -> [OpportunitySummary] {
        var sql = ListingSQL(query: query, today: today)
        sql.terms = try await terms(of: query, for: sql)
        if sql.terms.driver?.words.isEmpty == true || limit <= 0 { return [] }
        let startOffset = cursor?.offset ?? offset
        let rows = try await rows(sql.page(after: cursor, offset: offset, limit: limit))
        return try rows.enumerated().map { index, row in
            try ListingRecords.summary(row, sort: sql.effectiveSort, offset: startOffset + index + 1)
        }
    }

    public func countOpportunities(matching query: OpportunityQuery, today: CalendarDay) async throws -> Int {
        var sql = ListingSQL(query: query, today: today)
        sql.terms = try await terms(of: query, for: sql)
        if sql.terms.driver?.words.isEmpty == true { return 0 }
        return try await integer(sql.count())
    }

    public func position(of id: Int64, matching query: OpportunityQuery, today: CalendarDay) async throws -> ListingPosition {
        var sql = ListingSQL(query: query, today: today)
        guard sql.sortKey != nil else { return .unknown }
        sql.terms = try await terms(of: query, for: sql)
        if sql.terms.driver?.words.isEmpty == true { return .absent }
        guard let keyStatement = sql.key(of: id), let row = try await rows(keyStatement).first else { return .absent }
        let key = try row[0].decode(String?.self)
        return .at(try await integer(sql.count(before: (key, id))))
    }

    /// The query's terms folded by the server, the rarest first with its words. Keyset orders
    /// page by the rarest term's words; other statements need only the folded terms.
    private func terms(of query: OpportunityQuery, for sql: ListingSQL) async throws -> SearchTerms {
        let typed = query.searchTerms
        guard !typed.isEmpty else { return .none }
        var folded: [(term: String, entries: Int)] = []
        let foldQuery = PostgresQuery(unsafeSQL: SearchTerms.foldSQL, binds: bindings(typed, Int64(thresholds.commonFrom)))
        for row in try await rows(foldQuery) {
            folded.append((try row[0].decode(String.self), try row[1].decode(Int.self)))
        }
        guard sql.sortKey != nil, let rarest = folded.min(by: { $0.entries < $1.entries }) else {
            return SearchTerms(folded: folded.map(\.term), driver: nil, rarest: folded.min(by: { $0.entries < $1.entries })?.term)
        }
        // A common prefix covering many words (a first letter) is cheaper walked in the order's
        // own index, testing each listing, than merged word by word: its matches are dense, so a
        // page is met within a few rows. Only then are its words not all listed.
        let common = rarest.entries >= thresholds.commonFrom
        let most = common ? thresholds.mergedWordsAtMost + 1 : Int.max
        let wordsQuery = PostgresQuery(unsafeSQL: SearchTerms.wordsSQL, binds: bindings(rarest.term, Int64(most)))
        let words = try await rows(wordsQuery).map { try $0[0].decode(String.self) }
        if common && words.count > thresholds.mergedWordsAtMost {
            return SearchTerms(folded: folded.map(\.term), driver: nil, rarest: rarest.term)
        }
        return SearchTerms(folded: folded.map(\.term), driver: (rarest.term, words), rarest: rarest.term)
    }

    // MARK: Single listings

    public func opportunity(id: Int64) async throws -> Opportunity? {
        var statement = StatementBuilder()
        statement.append("\(Self.opportunitySQL) WHERE o.id = \(statement.bind(id))")
        return try await opportunity(statement)
    }

    public func opportunity(ref: String) async throws -> Opportunity? {
        var statement = StatementBuilder()
        statement.append("\(Self.opportunitySQL) WHERE o.ref = \(statement.bind(ref))")
        return try await opportunity(statement)
    }

    private static let opportunitySQL = """
        SELECT o.id, o.ref, o.title, org.name AS organization, o.field, o.brief, o.hours, o.duration_days, o.schedule,
               o.starts_on, o.deadline, o.compensation_kind, o.compensation_cents, o.currency, o.location_kind, o.city,
               o.spots, o.status, o.posted_at, o.version,
               ARRAY(SELECT d.description FROM opportunity_deliverables d WHERE d.opportunity_id = o.id ORDER BY d.position) AS deliverables,
               ARRAY(SELECT s.name FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id
                     WHERE os.opportunity_id = o.id ORDER BY tern_nocase(s.name) COLLATE "C") AS skills
        FROM opportunities o JOIN organizations org ON org.id = o.organization_id
        """

    private func opportunity(_ statement: StatementBuilder) async throws -> Opportunity? {
        guard let row = try await rows(statement).first else { return nil }
        return try ListingRecords.opportunity(row)
    }

    public func spotsTaken(on opportunityID: Int64) async throws -> Int {
        var statement = StatementBuilder()
        // Counted by the server's view: a student's or a kiosk's session may not read the applications.
        statement.append("SELECT coalesce((SELECT taken FROM listing_spots_taken WHERE opportunity_id = \(statement.bind(opportunityID))), 0)")
        return try await integer(statement)
    }

    public func homeCurrency() async throws -> String {
        let rows = try await rows(PostgresQuery(unsafeSQL: "SELECT value FROM settings WHERE key = 'home_currency'"))
        guard let stored = try rows.first?[0].decode(String.self) else {
            throw CatalogueError.unusable("\(sessions.last.location.shownName) has lost its home currency setting")
        }
        return stored
    }

    public func organization(named name: String) async throws -> Organization? {
        var statement = StatementBuilder()
        statement.append("""
            SELECT id, name, kind, website, contact_email, description, verified, approval, trusted, created_at
            FROM organizations WHERE tern_nocase(name) = tern_nocase(\(statement.bind(name)))
            """)
        return try await rows(statement).first.map(ListingRecords.organization)
    }

    public func approval(ofListing id: Int64) async throws -> Approval? {
        var statement = StatementBuilder()
        statement.append("SELECT id, approval FROM opportunities WHERE id = \(statement.bind(id))")
        return try await rows(statement).first.map { row in
            try ListingRecords.known(row, "approval", table: "opportunities")
        }
    }

    public func applyLink(for ref: String) async throws -> String? {
        let rows = try await rows(PostgresQuery(unsafeSQL: "SELECT value FROM settings WHERE key = 'apply_link'"))
        guard let template = try rows.first?[0].decode(String.self) else { return nil }
        let encoded = ref.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? ref
        return template.replacingOccurrences(of: "{ref}", with: encoded)
    }

    // MARK: Running statements

    private func rows(_ statement: StatementBuilder) async throws -> [PostgresRandomAccessRow] {
        try await rows(statement.query)
    }

    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        let tag = "/* tern-read \(UUID().uuidString) */ "
        let tagged = PostgresQuery(unsafeSQL: tag + query.sql, binds: query.binds)
        let (session, backend) = try await sessions.session()
        do {
            try Task.checkCancellation()
            return try await withTaskCancellationHandler {
                var rows: [PostgresRandomAccessRow] = []
                for try await row in try await session.connection.query(tagged, logger: PostgresSession.quiet) {
                    rows.append(row.makeRandomAccess())
                }
                return rows
            } onCancel: {
                Task { [session, backend] in await Self.cancel(tag, on: backend, of: session) }
            }
        } catch is CancellationError {
            throw CatalogueError.cancelled
        } catch let error as CatalogueError {
            throw error
        } catch is PostgresDecodingError {
            throw CatalogueError.damaged(table: "opportunities", column: "?", value: nil, row: nil)
        } catch where PostgresFailure.isStatementStopped(error) {
            // Stopped by this store's own cancel (a newer keystroke) or its read timeout.
            throw CatalogueError.cancelled
        } catch {
            throw PostgresFailure.translate(error, at: session.location, login: session.login)
        }
    }

    /// Stops the statement tagged `tag` if `backend` is still running it, from a connection of
    /// its own (the session's is busy with that very statement). Best effort: if the server
    /// cannot be reached, the statement timeout still stops it.
    private static func cancel(_ tag: String, on backend: Int32, of session: PostgresSession) async {
        guard let canceller = try? await session.connectAgain() else { return }
        try? await canceller.execute("""
            SELECT pg_cancel_backend(pid) FROM pg_stat_activity
            WHERE pid = \(backend) AND state = 'active' AND starts_with(query, \(tag))
            """)
        try? await canceller.close()
    }

    private func integer(_ statement: StatementBuilder) async throws -> Int {
        guard let row = try await rows(statement).first else { return 0 }
        return try row[0].decode(Int.self)
    }

    private func bindings(_ values: [String], _ number: Int64) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(values, context: .default)
        bindings.append(number, context: .default)
        return bindings
    }

    private func bindings(_ value: String, _ number: Int64) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(value, context: .default)
        bindings.append(number, context: .default)
        return bindings
    }
}
