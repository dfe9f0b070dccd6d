import Foundation
import GRDB

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
        let sql = "SELECT \(OpportunitySQL.summaryColumns) FROM opportunities o JOIN organizations org ON org.id = o.organization_id WHERE o.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
        let byID = try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: sql, arguments: StatementArguments(ids)).map {
                let id: Int64 = $0["id"]
                return (id, try Self.summary($0, cursor: OpportunityCursor(text: nil, number: nil, id: id, offset: 0)))
            })
        }
        return ids.compactMap { byID[$0] }
    }

    /// The whole listing, with deliverables and skills.
    public func opportunity(id: Int64) throws -> Opportunity? {
        try read { try Self.fetchOpportunity($0, whereSQL: "o.id = ?", argument: id) }
    }

    public func opportunity(ref: String) throws -> Opportunity? {
        try read { try Self.fetchOpportunity($0, whereSQL: "o.ref = ?", argument: ref) }
    }

    /// The organization that posted a listing, for the detail pane.
    public func organization(named name: String) throws -> Organization? {
        try read { try Organization.filter(Column("name") == name).fetchOne($0) }
    }

    /// Every skill name in the catalogue, for filter pickers.
    public func skillNames() throws -> [String] {
        try read { try String.fetchAll($0, sql: "SELECT name FROM skills ORDER BY name COLLATE NOCASE") }
    }

    static func fetchOpportunity(_ db: Database, whereSQL: String, argument: some DatabaseValueConvertible) throws -> Opportunity? {
        let sql = """
            SELECT o.*, org.name AS organization FROM opportunities o
            JOIN organizations org ON org.id = o.organization_id WHERE \(whereSQL)
            """
        guard let row = try Row.fetchOne(db, sql: sql, arguments: [argument]) else { return nil }
        let id: Int64 = row["id"]
        let deliverables = try String.fetchAll(db, sql: "SELECT description FROM opportunity_deliverables WHERE opportunity_id = ? ORDER BY position", arguments: [id])
        let skills = try String.fetchAll(db, sql: "SELECT s.name FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id WHERE os.opportunity_id = ? ORDER BY s.name COLLATE NOCASE", arguments: [id])
        return Opportunity(
            id: id, ref: row["ref"], title: row["title"], organization: row["organization"],
            field: try row.known("field", stored: ("opportunities", "field")), brief: row["brief"],
            deliverables: deliverables, skills: skills, hours: row["hours"], durationDays: row["duration_days"],
            schedule: try row.known("schedule", stored: ("opportunities", "schedule")),
            startsOn: (row["starts_on"] as String?).flatMap(CalendarDay.init),
            deadline: CalendarDay(row["deadline"] as String) ?? CalendarDay(year: 1970, month: 1, day: 1),
            compensationKind: try row.known("compensation_kind", stored: ("opportunities", "compensation_kind")),
            compensation: money(cents: row["compensation_cents"], currency: row["currency"]),
            locationKind: try row.known("location_kind", stored: ("opportunities", "location_kind")), city: row["city"],
            spots: row["spots"], status: try row.known("status", stored: ("opportunities", "status")),
            postedAt: row["posted_at"], version: row["version"])
    }

    static func summary(_ row: Row, cursor: OpportunityCursor) throws -> OpportunitySummary {
        OpportunitySummary(
            id: row["id"], ref: row["ref"], title: row["title"], organization: row["organization"],
            field: try row.known("field", stored: ("opportunities", "field")), hours: row["hours"], durationDays: row["duration_days"],
            deadline: CalendarDay(row["deadline"] as String) ?? CalendarDay(year: 1970, month: 1, day: 1),
            compensationKind: try row.known("compensation_kind", stored: ("opportunities", "compensation_kind")),
            compensation: money(cents: row["compensation_cents"], currency: row["currency"]),
            locationKind: try row.known("location_kind", stored: ("opportunities", "location_kind")), city: row["city"],
            status: try row.known("status", stored: ("opportunities", "status")), postedAt: row["posted_at"], cursor: cursor)
    }

    private static func money(cents: Int?, currency: String?) -> Money? {
        guard let cents, let currency else { return nil }
        return Money(cents: cents, currency: currency)
    }

    // MARK: - Writing listings

    /// Finds an organization by name, creating an unverified, pending one when new (imports name
    /// organizations that staff vet later).
    static func organizationID(_ db: Database, named name: String, now: Date) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM organizations WHERE name = ?", arguments: [name]) {
            return id
        }
        // Imported organizations start unverified: staff vet them before anyone trusts the name.
        let organization = Organization(name: name, kind: .company, verified: false, createdAt: Timestamp.string(now))
        try organization.insert(db)
        return db.lastInsertedRowID
    }

    static func skillID(_ db: Database, named name: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM skills WHERE name = ?", arguments: [name]) {
            return id
        }
        try db.execute(sql: "INSERT INTO skills(name) VALUES (?)", arguments: [name])
        return db.lastInsertedRowID
    }

    /// Inserts the listing, or replaces the one with the same `ref` (re-importing an export).
    /// A new listing gets `approval`; an existing one keeps its own.
    @discardableResult
    static func upsertOpportunity(_ db: Database, _ opp: Opportunity, approval: Approval, now: Date) throws -> Int64 {
        let organizationID = try organizationID(db, named: opp.organization, now: now)
        let stamp = Timestamp.string(now)
        let arguments: StatementArguments = [
            opp.ref, organizationID, opp.title, opp.field.rawValue, opp.brief, opp.hours, opp.durationDays,
            opp.schedule.rawValue, opp.startsOn?.description, opp.deadline.description, opp.compensationKind.rawValue,
            opp.compensation?.cents, opp.compensation?.currency, opp.hourlyCents, opp.locationKind.rawValue, opp.city,
            opp.spots, opp.status.rawValue, opp.postedAt, stamp,
        ]
        let id: Int64
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM opportunities WHERE ref = ?", arguments: [opp.ref]) {
            try db.execute(sql: """
                UPDATE opportunities SET ref = ?, organization_id = ?, title = ?, field = ?, brief = ?, hours = ?,
                    duration_days = ?, schedule = ?, starts_on = ?, deadline = ?, compensation_kind = ?,
                    compensation_cents = ?, currency = ?, hourly_cents = ?, location_kind = ?, city = ?, spots = ?,
                    status = ?, posted_at = ?, updated_at = ?, version = version + 1
                WHERE id = ?
                """, arguments: arguments + [existing])
            try db.execute(sql: "DELETE FROM opportunity_deliverables WHERE opportunity_id = ?", arguments: [existing])
            try db.execute(sql: "DELETE FROM opportunity_skills WHERE opportunity_id = ?", arguments: [existing])
            id = existing
        } else {
            try db.execute(sql: """
                INSERT INTO opportunities(ref, organization_id, title, field, brief, hours, duration_days, schedule,
                    starts_on, deadline, compensation_kind, compensation_cents, currency, hourly_cents, location_kind,
                    city, spots, status, posted_at, updated_at, approval)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """, arguments: arguments + [approval.rawValue])
            id = db.lastInsertedRowID
        }
        for (position, deliverable) in opp.deliverables.enumerated() {
            try db.execute(sql: "INSERT INTO opportunity_deliverables(opportunity_id, position, description) VALUES (?,?,?)",
                           arguments: [id, position + 1, deliverable])
        }
        for skill in uniqueIgnoringCase(opp.skills) {
            try db.execute(sql: "INSERT INTO opportunity_skills(opportunity_id, skill_id) VALUES (?,?)",
                           arguments: [id, try skillID(db, named: skill)])
        }
        return id
    }
}

/// Skill names are unique regardless of case; keep the first spelling of each.
func uniqueIgnoringCase(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.filter { seen.insert($0.lowercased()).inserted }
}
