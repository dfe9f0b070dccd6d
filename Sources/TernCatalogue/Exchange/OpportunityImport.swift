import Foundation
import GRDB

/// A listing from an import file, checked and ready to write.
struct ImportedListing {
    var listing: Opportunity
    /// Whether the file gave `posted_at`. When it did not, a new listing is posted now and an
    /// existing one keeps its date: re-importing a spreadsheet must not make every listing new
    /// to the students' saved searches.
    var givesPostedAt: Bool
}

extension Catalogue {
    /// Writes validated listings inside the import's write transaction: new refs are inserted,
    /// existing ones replaced. Every other writer waits while this runs, so it does only what
    /// must happen under the lock, in bulk: refs, organizations and skills are looked up a few
    /// hundred at a time, statements are prepared once and bound through SQLite's C API, each
    /// listing's search entry is written once (not once per skill by the schema's triggers), and
    /// a replaced listing's deliverables, skills and search entry are rewritten only if changed.
    static func writeOpportunities(_ db: Database, _ imported: [ImportedListing], now: Date,
                                   progress: ImportProgressMeter? = nil) throws -> (inserted: Int, updated: Int) {
        let records = imported.lazy.map(\.listing)
        let stamp = Timestamp.string(now)
        let existing = try KeyedIDs(db, table: "opportunities", column: "ref", keys: records.map(\.ref))
        var organizations = try KeyedIDs(db, table: "organizations", column: "name", keys: records.map(\.organization),
                                         fold: KeyedIDs.nocase)
        var skills = try KeyedIDs(db, table: "skills", column: "name", keys: records.lazy.flatMap(\.skills), fold: KeyedIDs.nocase)
        let addSkill = try db.cachedStatement(sql: "INSERT INTO skills(name) VALUES (?)")
        for record in records {
            if organizations[record.organization] == nil {
                // Imported organizations start unverified and pending: staff vet them before anyone
                // trusts the name, and review their first listing whatever else happens.
                try Organization(name: record.organization, kind: .company, verified: false, approval: .pending, createdAt: stamp).insert(db)
                organizations.add(record.organization, id: db.lastInsertedRowID)
            }
            for skill in record.skills where skills[skill] == nil {
                try addSkill.execute(arguments: [skill])
                skills.add(skill, id: db.lastInsertedRowID)
            }
        }
        let before = try ListingContent.load(db, ids: records.compactMap { existing[$0.ref] })
        // A new listing waits for review unless its organization is trusted; an existing one keeps
        // its approval (README: Import format). The file never says: it has no approval column.
        let trusted = try trustedOrganizations(db)
        var approvedOnArrival: [(listing: Int64, organization: Int64)] = []

        var counts = (inserted: 0, updated: 0)
        var staleEntries: [Int64] = []
        var entries: [SearchEntry] = []
        try withSearchTriggersSuspended(db) {
            let columns = ListingContent.columns.joined(separator: ", ")
            // The pay rank is computed in the INSERT itself, from the same bound values (numbered
            // parameters), instead of by the schema's trigger updating every new row once more.
            let parameter = { (column: String) in "?\(ListingContent.columns.firstIndex(of: column)! + 1)" }
            let payRank = PayRank.sql(hourly: parameter("hourly_cents"), currency: parameter("currency"),
                                      kind: parameter("compensation_kind"), home: PayRank.storedHomeCurrency)
            // The approval comes last, after the pay rank's numbered parameters: a plain `?` then
            // takes the number after the highest used so far.
            let insert = try BulkInsert(db, sql: "INSERT INTO opportunities(\(columns), updated_at, ref, pay_rank, approval) VALUES (\(placeholders(ListingContent.columns.count + 2)), \(payRank), ?)")
            let update = try BulkInsert(db, sql: "UPDATE opportunities SET (\(columns), updated_at) = (\(placeholders(ListingContent.columns.count + 1))), version = version + 1 WHERE id = ?")
            let clearDeliverables = try BulkInsert(db, sql: "DELETE FROM opportunity_deliverables WHERE opportunity_id = ?")
            let clearSkills = try BulkInsert(db, sql: "DELETE FROM opportunity_skills WHERE opportunity_id = ?")
            let clearSearch = try BulkInsert(db, sql: "DELETE FROM opportunity_search WHERE rowid = ?")
            let addDeliverable = try BulkInsert(db, sql: "INSERT INTO opportunity_deliverables(opportunity_id, position, description) VALUES (?,?,?)")
            let addListingSkill = try BulkInsert(db, sql: "INSERT INTO opportunity_skills(opportunity_id, skill_id) VALUES (?,?)")
            let addSearch = try BulkInsert(db, sql: "INSERT INTO opportunity_search(rowid, title, organization, skills, brief) VALUES (?,?,?,?,?)")
            for (index, item) in imported.enumerated() {
                progress?.advance(to: index)
                let record = item.listing
                guard let organizationID = organizations[record.organization] else { continue }
                // By id: the order of the (opportunity_id, skill_id) key, which is the order the
                // triggers' group_concat reads a listing's skills in.
                let listingSkills = uniqueIgnoringCase(record.skills)
                    .compactMap { name in skills[name].map { (id: $0, name: skills.stored(name) ?? name) } }
                    .sorted { $0.id < $1.id }
                let current = existing[record.ref]
                let old = current.flatMap { before[$0] }
                let postedAt = item.givesPostedAt ? record.postedAt : old?.postedAt ?? stamp
                let content = ListingContent(record, organizationID: organizationID, postedAt: postedAt,
                                             skillIDs: listingSkills.map(\.id))
                let id: Int64
                if let current {
                    id = current
                    counts.updated += 1
                    // An unchanged listing keeps its version: nobody's open edit should conflict with nothing.
                    if old != content {
                        for value in content.values { update.value(value) }
                        try update.text(stamp).int(id).run()
                    }
                } else {
                    for value in content.values { insert.value(value) }
                    let approval: Approval = trusted.contains(organizationID) ? .approved : .pending
                    try insert.text(stamp).text(record.ref).text(approval.rawValue).run()
                    id = db.lastInsertedRowID
                    if approval == .approved { approvedOnArrival.append((id, organizationID)) }
                    counts.inserted += 1
                }
                if old.map({ !ListingContent.sameDeliverables($0, content) }) ?? true {
                    if old != nil { try clearDeliverables.int(id).run() }
                    for (position, deliverable) in record.deliverables.enumerated() {
                        try addDeliverable.int(id).int(position + 1).text(deliverable).run()
                    }
                }
                if old?.skillIDs != content.skillIDs {
                    if old != nil { try clearSkills.int(id).run() }
                    for skill in listingSkills {
                        try addListingSkill.int(id).int(skill.id).run()
                    }
                }
                // Rewriting a search entry is the costliest write of all: only when it changed.
                if old?.searchesLike(content) != true {
                    if old != nil { staleEntries.append(id) }
                    entries.append(SearchEntry(id: id, title: record.title, organization: organizations.stored(record.organization) ?? "",
                                               skills: listingSkills.map(\.name).joined(separator: " "), brief: record.brief))
                }
            }
            // Full-text writes in rowid order, all removals first: FTS5 flushes its pending terms
            // to a new segment whenever a rowid is not above the last one written, so deleting and
            // re-adding entry by entry would make a segment per listing and take many times longer.
            for id in staleEntries.sorted() {
                try clearSearch.int(id).run()
            }
            for entry in entries.sorted(by: { $0.id < $1.id }) {
                try addSearch.int(entry.id).text(entry.title).text(entry.organization).text(entry.skills).text(entry.brief).run()
            }
        }
        for arrival in approvedOnArrival {
            try recordApprovedOnArrival(db, listing: arrival.listing, organization: arrival.organization, at: stamp)
        }
        return counts
    }

    private static func placeholders(_ count: Int) -> String {
        repeatElement("?", count: count).joined(separator: ",")
    }

    /// The triggers that keep `opportunity_search` in step with the listing tables one row at a
    /// time, and that an import fires: several full-text updates per listing, the import's main
    /// cost. ``writeOpportunities(_:_:now:progress:)`` writes each entry once instead, and ranks each new
    /// listing for the pay order in its INSERT.
    static let importSuspendedTriggers = [
        "opportunity_search_insert", "opportunity_search_update", "opportunity_search_skill_added",
        "opportunity_search_skill_removed", "opportunities_pay_rank_insert",
    ]

    /// Runs `body` with ``importSuspendedTriggers`` dropped, then recreates them from their own
    /// stored definitions. All inside the caller's transaction: other connections never see the
    /// catalogue without them, and a failed import rolls the drop back with everything else.
    private static func withSearchTriggersSuspended(_ db: Database, _ body: () throws -> Void) throws {
        let names = importSuspendedTriggers.map { "'\($0)'" }.joined(separator: ",")
        let definitions = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (\(names))")
        for definition in definitions {
            try db.execute(sql: "DROP TRIGGER \(definition["name"] as String)")
        }
        try body()
        for definition in definitions {
            try db.execute(sql: definition["sql"])
        }
    }
}

/// A listing's row in `opportunity_search`, as the schema's triggers would write it.
private struct SearchEntry {
    var id: Int64
    var title: String
    var organization: String
    var skills: String
    var brief: String
}

/// A listing as its rows store it, to tell what a re-imported listing needs rewritten. Text is
/// compared byte for byte: Swift's String equality would take a change from "é" to "e\u{301}"
/// for no change at all.
private struct ListingContent: Equatable {
    /// The `opportunities` columns an import sets, besides `ref` and `updated_at`.
    static let columns = [
        "organization_id", "title", "field", "brief", "hours", "duration_days", "schedule", "starts_on", "deadline",
        "compensation_kind", "compensation_cents", "currency", "hourly_cents", "location_kind", "city", "spots",
        "status", "posted_at",
    ]
    /// Where, in ``values``, the columns the search entry is made of.
    private static let searched = ["organization_id", "title", "brief"].map { columns.firstIndex(of: $0)! }
    private static let postedAtIndex = columns.firstIndex(of: "posted_at")!

    /// Values of ``columns``, in order.
    var values: [DatabaseValue]
    var deliverables: [String]
    /// Ascending.
    var skillIDs: [Int64]

    init(values: [DatabaseValue], deliverables: [String] = [], skillIDs: [Int64] = []) {
        self.values = values
        self.deliverables = deliverables
        self.skillIDs = skillIDs
    }

    init(_ record: Opportunity, organizationID: Int64, postedAt: String, skillIDs: [Int64]) {
        let values: [DatabaseValueConvertible?] = [
            organizationID, record.title, record.field.rawValue, record.brief, record.hours, record.durationDays,
            record.schedule.rawValue, record.startsOn?.description, record.deadline.description,
            record.compensationKind.rawValue, record.compensation?.cents, record.compensation?.currency,
            record.hourlyCents, record.locationKind.rawValue, record.city, record.spots, record.status.rawValue,
            postedAt,
        ]
        self.init(values: values.map { $0?.databaseValue ?? .null }, deliverables: record.deliverables, skillIDs: skillIDs)
    }

    var postedAt: String? { String.fromDatabaseValue(values[Self.postedAtIndex]) }

    /// Whether both give the same search entry. Skill names are not compared: a skill's id
    /// always carries the same name.
    func searchesLike(_ other: ListingContent) -> Bool {
        skillIDs == other.skillIDs && Self.searched.allSatisfy { Self.same(values[$0], other.values[$0]) }
    }

    static func == (a: ListingContent, b: ListingContent) -> Bool {
        a.skillIDs == b.skillIDs
            && a.values.count == b.values.count && zip(a.values, b.values).allSatisfy(same)
            && sameDeliverables(a, b)
    }

    static func sameDeliverables(_ a: ListingContent, _ b: ListingContent) -> Bool {
        a.deliverables.count == b.deliverables.count && zip(a.deliverables, b.deliverables).allSatisfy(same)
    }

    private static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8)
    }

    private static func same(_ a: DatabaseValue, _ b: DatabaseValue) -> Bool {
        switch (a.storage, b.storage) {
        case (.string(let a), .string(let b)): same(a, b)
        default: a == b
        }
    }

    /// The stored content of the listings `ids`, a few hundred per statement.
    static func load(_ db: Database, ids: [Int64]) throws -> [Int64: ListingContent] {
        var contents: [Int64: ListingContent] = [:]
        var start = 0
        while start < ids.count {
            let batch = Array(ids[start..<min(start + KeyedIDs.batchSize, ids.count)])
            let list = repeatElement("?", count: batch.count).joined(separator: ",")
            let arguments = StatementArguments(batch)
            let listings = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, \(columns.joined(separator: ", ")) FROM opportunities WHERE id IN (\(list))"), arguments: arguments)
            while let row = try listings.next() {
                contents[row[0]] = ListingContent(values: (1...columns.count).map { row[$0] as DatabaseValue })
            }
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT opportunity_id, description FROM opportunity_deliverables WHERE opportunity_id IN (\(list)) ORDER BY opportunity_id, position"), arguments: arguments) {
                contents[row[0]]?.deliverables.append(row[1])
            }
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT opportunity_id, skill_id FROM opportunity_skills WHERE opportunity_id IN (\(list)) ORDER BY opportunity_id, skill_id"), arguments: arguments) {
                contents[row[0]]?.skillIDs.append(row[1])
            }
            start += batch.count
        }
        return contents
    }
}
