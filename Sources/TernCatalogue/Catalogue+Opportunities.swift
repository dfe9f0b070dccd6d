import Foundation
internal import GRDB

extension Catalogue {
    /// One page of listings matching `query`, in its order, starting after `cursor`.
    /// Costs the page, not the catalogue: keyset queries over indexes.
    ///
    /// ```swift
    /// let first = try catalogue.opportunities(matching: query, limit: 40)
    /// let next = try catalogue.opportunities(matching: query, after: first.last?.cursor, limit: 40)
    /// ```
    public func opportunities(
        matching query: OpportunityQuery, after cursor: OpportunityCursor? = nil, limit: Int,
        today: CalendarDay = CalendarDay(Date())
    ) throws -> [OpportunitySummary] {
        try opportunities(matching: query, after: cursor, offset: 0, limit: limit, today: today)
    }

    /// A page starting at row `offset` without a cursor, for jumps far from any loaded page
    /// (`G` to the end). Costs the rows skipped; prefer the cursor form when continuing.
    public func opportunities(
        matching query: OpportunityQuery, offset: Int, limit: Int, today: CalendarDay = CalendarDay(Date())
    ) throws -> [OpportunitySummary] {
        try opportunities(matching: query, after: nil, offset: offset, limit: limit, today: today)
    }

    private func opportunities(
        matching query: OpportunityQuery, after cursor: OpportunityCursor?, offset: Int, limit: Int, today: CalendarDay
    ) throws -> [OpportunitySummary] {
        let startOffset = cursor?.offset ?? offset
        return try read { db in
            var builder = OpportunitySQL(query: query, today: today)
            builder.plan = try ListingPagePlan.choose(db, for: builder)
            let rows: [Row]
            if builder.isForYou,
               let banded = try ForYouBands.rows(db, query: query, today: today, offset: startOffset, limit: limit) {
                rows = banded
            } else {
                let (sql, arguments) = builder.page(after: cursor, offset: offset, limit: limit)
                rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            }
            return try rows.enumerated().map { index, row in
                try Self.summary(row, cursor: builder.cursor(after: row, offset: startOffset + index + 1))
            }
        }
    }

    /// How many listings match; asked separately from the page so a page never waits on it.
    public func countOpportunities(matching query: OpportunityQuery, today: CalendarDay = CalendarDay(Date())) throws -> Int {
        let builder = OpportunitySQL(query: query, today: today)
        let (sql, arguments) = builder.forYouCount() ?? builder.count()
        return try read { try Int.fetchOne($0, sql: sql, arguments: arguments) ?? 0 }
    }

    /// Where the listing `id` stands in `query`'s result: ``ListingPosition/at(_:)`` its index
    /// (0 for the first row), counted through the order's index however deep the row is;
    /// ``ListingPosition/absent`` when the result does not hold it; ``ListingPosition/unknown``
    /// for the ranked orders (relevance with words, For you), which have no stable key to count
    /// by. Lists use it to keep the selection on a record when other rows come and go.
    ///
    /// ```swift
    /// if case .at(let row) = try catalogue.position(of: selected.id, matching: query) { select(row) }
    /// ```
    public func position(of id: Int64, matching query: OpportunityQuery, today: CalendarDay = CalendarDay(Date())) throws -> ListingPosition {
        let sql = OpportunitySQL(query: query, today: today)
        guard let keyQuery = sql.key(of: id) else { return .unknown }
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: keyQuery.sql, arguments: keyQuery.arguments),
                  let before = sql.countBefore(key: row[0] as DatabaseValue, id: id)
            else { return .absent }
            return .at(try Int.fetchOne(db, sql: before.sql, arguments: before.arguments) ?? 0)
        }
    }

    /// Summaries of the given listings, in the order of `ids` (saved listings, applications).
    public func opportunitySummaries(ids: [Int64]) throws -> [OpportunitySummary] {
        guard !ids.isEmpty else { return [] }
        let request = SQLRequest<Row>(literal: """
            SELECT \(sql: OpportunitySQL.summaryColumns) FROM opportunities o JOIN organizations org ON org.id = o.organization_id WHERE o.id IN \(ids)
            """)
        let byID = try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, request).map {
                let id: Int64 = try $0.decode(forColumn: "id")
                return (id, try Self.summary($0, cursor: OpportunityCursor(text: nil, number: nil, id: id, offset: 0)))
            })
        }
        return ids.compactMap { byID[$0] }
    }

    /// The whole listing, with deliverables and skills.
    public func opportunity(id: Int64) throws -> Opportunity? {
        try read { try Self.fetchOpportunity($0, where: "o.id = \(id)") }
    }

    public func opportunity(ref: String) throws -> Opportunity? {
        try read { try Self.fetchOpportunity($0, where: "o.ref = \(ref)") }
    }

    /// The organization that posted a listing, for the detail pane.
    public func organization(named name: String) throws -> Organization? {
        try read { try Stored<Organization>.filter(Column("name") == name).fetchOne($0)?.record }
    }

    /// Every skill name in the catalogue, for filter pickers.
    public func skillNames() throws -> [String] {
        try read { try String.fetchAll($0, sql: "SELECT name FROM skills ORDER BY name COLLATE NOCASE") }
    }

    /// The listing `condition` picks (on `o`, the listing, and `org`, its organization), whole.
    ///
    /// ```swift
    /// let listing = try Catalogue.fetchOpportunity(db, where: "o.ref = \(ref)")
    /// ```
    static func fetchOpportunity(_ db: Database, where condition: SQL) throws -> Opportunity? {
        let request = SQLRequest<Row>(literal: """
            SELECT o.*, org.name AS organization FROM opportunities o
            JOIN organizations org ON org.id = o.organization_id WHERE \(condition)
            """)
        guard let row = try Row.fetchOne(db, request) else { return nil }
        let id: Int64 = try row.decode(forColumn: "id")
        let deliverables = try String.fetchAll(db, SQLRequest(literal: """
            SELECT description FROM opportunity_deliverables WHERE opportunity_id = \(id) ORDER BY position
            """))
        let skills = try String.fetchAll(db, SQLRequest(literal: """
            SELECT s.name FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id WHERE os.opportunity_id = \(id) ORDER BY s.name COLLATE NOCASE
            """))
        return Opportunity(
            id: id, ref: try row.decode(forColumn: "ref"), title: try row.decode(forColumn: "title"),
            organization: try row.decode(forColumn: "organization"),
            field: try row.known("field", stored: ("opportunities", "field")), brief: try row.decode(forColumn: "brief"),
            deliverables: deliverables, skills: skills, hours: try row.decode(forColumn: "hours"),
            durationDays: try row.decode(forColumn: "duration_days"),
            schedule: try row.known("schedule", stored: ("opportunities", "schedule")),
            startsOn: try row.knownIfPresent("starts_on", stored: ("opportunities", "starts_on"), as: CalendarDay.init),
            deadline: try row.known("deadline", stored: ("opportunities", "deadline"), as: CalendarDay.init),
            compensationKind: try row.known("compensation_kind", stored: ("opportunities", "compensation_kind")),
            compensation: money(cents: try row.decode(forColumn: "compensation_cents"), currency: try row.decode(forColumn: "currency")),
            locationKind: try row.known("location_kind", stored: ("opportunities", "location_kind")), city: try row.decode(forColumn: "city"),
            spots: try row.decode(forColumn: "spots"), status: try row.known("status", stored: ("opportunities", "status")),
            postedAt: try row.decode(forColumn: "posted_at"), version: try row.decode(forColumn: "version"))
    }

    static func summary(_ row: Row, cursor: OpportunityCursor) throws -> OpportunitySummary {
        OpportunitySummary(
            id: try row.decode(forColumn: "id"), ref: try row.decode(forColumn: "ref"), title: try row.decode(forColumn: "title"),
            organization: try row.decode(forColumn: "organization"),
            field: try row.known("field", stored: ("opportunities", "field")), hours: try row.decode(forColumn: "hours"),
            durationDays: try row.decode(forColumn: "duration_days"),
            deadline: try row.known("deadline", stored: ("opportunities", "deadline"), as: CalendarDay.init),
            compensationKind: try row.known("compensation_kind", stored: ("opportunities", "compensation_kind")),
            compensation: money(cents: try row.decode(forColumn: "compensation_cents"), currency: try row.decode(forColumn: "currency")),
            locationKind: try row.known("location_kind", stored: ("opportunities", "location_kind")), city: try row.decode(forColumn: "city"),
            status: try row.known("status", stored: ("opportunities", "status")), postedAt: try row.decode(forColumn: "posted_at"),
            cursor: cursor)
    }

    private static func money(cents: Int?, currency: String?) -> Money? {
        guard let cents, let currency else { return nil }
        return Money(cents: cents, currency: currency)
    }

    // MARK: - Writing listings

    /// Finds an organization by name, creating an unverified, pending one when new (imports name
    /// organizations that staff vet later).
    static func organizationID(_ db: Database, named name: String, now: Date) throws -> Int64 {
        if let id = try Int64.fetchOne(db, SQLRequest(literal: "SELECT id FROM organizations WHERE name = \(name)")) {
            return id
        }
        // Imported organizations start unverified: staff vet them before anyone trusts the name.
        let organization = Organization(name: name, kind: .company, verified: false, createdAt: Timestamp.string(now))
        try Stored(organization).insert(db)
        return db.lastInsertedRowID
    }

    static func skillID(_ db: Database, named name: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db, SQLRequest(literal: "SELECT id FROM skills WHERE name = \(name)")) {
            return id
        }
        try db.execute(literal: "INSERT INTO skills(name) VALUES (\(name))")
        return db.lastInsertedRowID
    }

    /// Inserts the listing, or replaces the one with the same `ref` (re-importing an export).
    /// A new listing gets `approval`; an existing one keeps its own.
    @discardableResult
    static func upsertOpportunity(_ db: Database, _ opp: Opportunity, approval: Approval, now: Date) throws -> Int64 {
        let organizationID = try organizationID(db, named: opp.organization, now: now)
        let stamp = Timestamp.string(now)
        let id: Int64
        if let existing = try Int64.fetchOne(db, SQLRequest(literal: "SELECT id FROM opportunities WHERE ref = \(opp.ref)")) {
            try db.execute(literal: """
                UPDATE opportunities SET ref = \(opp.ref), organization_id = \(organizationID), title = \(opp.title),
                    field = \(opp.field), brief = \(opp.brief), hours = \(opp.hours), duration_days = \(opp.durationDays),
                    schedule = \(opp.schedule), starts_on = \(opp.startsOn?.description), deadline = \(opp.deadline.description),
                    compensation_kind = \(opp.compensationKind), compensation_cents = \(opp.compensation?.cents),
                    currency = \(opp.compensation?.currency), hourly_cents = \(opp.hourlyCents), location_kind = \(opp.locationKind),
                    city = \(opp.city), spots = \(opp.spots), status = \(opp.status), posted_at = \(opp.postedAt),
                    updated_at = \(stamp), version = version + 1
                WHERE id = \(existing)
                """)
            try db.execute(literal: "DELETE FROM opportunity_deliverables WHERE opportunity_id = \(existing)")
            try db.execute(literal: "DELETE FROM opportunity_skills WHERE opportunity_id = \(existing)")
            id = existing
        } else {
            try db.execute(literal: """
                INSERT INTO opportunities(ref, organization_id, title, field, brief, hours, duration_days, schedule,
                    starts_on, deadline, compensation_kind, compensation_cents, currency, hourly_cents, location_kind,
                    city, spots, status, posted_at, updated_at, approval)
                VALUES (\(opp.ref), \(organizationID), \(opp.title), \(opp.field), \(opp.brief), \(opp.hours), \(opp.durationDays),
                    \(opp.schedule), \(opp.startsOn?.description), \(opp.deadline.description), \(opp.compensationKind),
                    \(opp.compensation?.cents), \(opp.compensation?.currency), \(opp.hourlyCents), \(opp.locationKind),
                    \(opp.city), \(opp.spots), \(opp.status), \(opp.postedAt), \(stamp), \(approval))
                """)
            id = db.lastInsertedRowID
        }
        for (position, deliverable) in opp.deliverables.enumerated() {
            try db.execute(literal: "INSERT INTO opportunity_deliverables(opportunity_id, position, description) VALUES (\(id), \(position + 1), \(deliverable))")
        }
        for skill in uniqueIgnoringCase(opp.skills) {
            let skillID = try skillID(db, named: skill)
            try db.execute(literal: "INSERT INTO opportunity_skills(opportunity_id, skill_id) VALUES (\(id), \(skillID))")
        }
        return id
    }
}

/// Skill names are unique regardless of case; keep the first spelling of each.
func uniqueIgnoringCase(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.filter { seen.insert($0.lowercased()).inserted }
}
