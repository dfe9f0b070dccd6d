import Foundation
internal import GRDB

extension Catalogue {
    /// Writes a checked listings file inside the import's write transaction, from the batches
    /// ``ImportChecks/readCheckedListings(_:format:fingerprint:postedAt:)`` hands over: new refs are inserted,
    /// existing ones replaced. Every other writer waits while this runs, so it does only what must
    /// happen under the lock, in bulk: organizations and skills are created up front, statements
    /// are prepared once and bound through SQLite's C API, the search entries are written once
    /// each (not once per skill by the schema's triggers) and all together at the end, and a
    /// replaced listing (found by its ref, a few hundred at a time) has its deliverables, skills
    /// and search entry rewritten only if they changed. Only a few batches are held at once,
    /// whatever the file's size.
    static func writeOpportunities(_ db: Database, _ next: () throws -> [ImportedListing]?, plan: ListingImportPlan,
                                   postedAt stamp: String, progress: ImportProgressMeter? = nil) throws -> (inserted: Int, updated: Int) {
        var organizations = try KeyedIDs(db, table: "organizations", column: "name", keys: plan.organizations, fold: KeyedIDs.nocase)
        var skills = try KeyedIDs(db, table: "skills", column: "name", keys: plan.skills, fold: KeyedIDs.nocase)
        for name in plan.organizations where organizations[name] == nil {
            // Imported organizations start unverified and pending: staff vet them before anyone
            // trusts the name, and review their first listing whatever else happens.
            try Stored(Organization(name: name, kind: .company, verified: false, approval: .pending, createdAt: stamp)).insert(db)
            organizations.add(name, id: db.lastInsertedRowID)
        }
        let addSkill = try db.cachedStatement(sql: "INSERT INTO skills(name) VALUES (?)")
        for name in plan.skills where skills[name] == nil {
            try addSkill.execute(arguments: [name])
            skills.add(name, id: db.lastInsertedRowID)
        }
        // A new listing waits for review unless its organization is trusted; an existing one keeps
        // its approval (README: Import format). The file never says: it has no approval column.
        let trusted = try trustedOrganizations(db)
        var approvedOnArrival: [(listing: Int64, organization: Int64)] = []
        var counts = (inserted: 0, updated: 0)
        try withBulkWriteSettings(db) {
            try withSearchTriggersSuspended(db) {
                var writer = try ListingWriter(db, organizations: organizations, skills: skills, stamp: stamp)
                var index = 0
                var existing: [ImportedListing] = []
                while let batch = try next() {
                    for item in batch {
                        progress?.advance(to: index)
                        index += 1
                        switch try writer.insertIfNew(item, trusted: trusted) {
                        case .inserted(let approval):
                            counts.inserted += 1
                            if let approval { approvedOnArrival.append(approval) }
                        case .exists:
                            existing.append(item)
                            if existing.count == KeyedIDs.batchSize {
                                counts.updated += try writer.replace(existing)
                                existing.removeAll(keepingCapacity: true)
                            }
                        }
                    }
                }
                counts.updated += try writer.replace(existing)
                try writer.writeSearchEntries()
            }
        }
        for arrival in approvedOnArrival {
            try recordApprovedOnArrival(db, listing: arrival.listing, organization: arrival.organization, at: stamp)
        }
        return counts
    }

    /// Runs `body` with settings for writing many rows in one transaction, then puts them back:
    /// a larger page cache for this connection, so that the listing indexes' pages stay in memory
    /// rather than being written to the WAL and read back as the transaction outgrows the cache.
    /// Nothing about durability changes (synchronous, the journal and the WAL stay as they are).
    private static func withBulkWriteSettings(_ db: Database, _ body: () throws -> Void) throws {
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        // Negative sizes are KiB, positive ones pages; only ever raised.
        if cacheSize < 0 && cacheSize > -bulkCacheKiB || cacheSize >= 0 && cacheSize * 4 < bulkCacheKiB {
            try db.execute(sql: "PRAGMA cache_size = -\(bulkCacheKiB)")
        }
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        // FTS5 keeps up to `hashsize` bytes of new terms in memory before it writes a segment;
        // the default (1 MB) makes many small segments to merge again. Set for this transaction
        // and put back inside it: the setting is stored in the index's config table.
        let hashSize = try String.fetchOne(db, sql: "SELECT v FROM opportunity_search_config WHERE k = 'hashsize'")
        try db.execute(literal: "INSERT INTO opportunity_search(opportunity_search, rank) VALUES ('hashsize', \(bulkSearchHashBytes))")
        try body()
        let restored = hashSize.flatMap(Int.init) ?? defaultSearchHashBytes
        try db.execute(literal: "INSERT INTO opportunity_search(opportunity_search, rank) VALUES ('hashsize', \(restored))")
        if hashSize == nil { try db.execute(sql: "DELETE FROM opportunity_search_config WHERE k = 'hashsize'") }
    }

    /// The page cache an import's writing may use, in KiB: with it the writing of 100,000
    /// listings takes about a fifth less time than with SQLite's 2 MB, for 14 MB more memory.
    static let bulkCacheKiB = 16 * 1024
    /// FTS5's in-memory term buffer while an import writes (about twice this in memory), and
    /// FTS5's default. 8 MB writes the full-text entries of 100,000 listings in about a fifth
    /// less time than 1 MB.
    static let bulkSearchHashBytes = 8 << 20
    static let defaultSearchHashBytes = 1 << 20

    /// The triggers that keep `opportunity_search` in step with the listing tables one row at a
    /// time, and that an import fires: several full-text updates per listing, the import's main
    /// cost. ``writeOpportunities(_:_:plan:postedAt:progress:)`` writes each entry once instead,
    /// and ranks each new listing for the pay order in its INSERT.
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

/// The import's write loop: statements prepared once, and what it has learnt along the way.
private struct ListingWriter {
    let db: Database
    var organizations: KeyedIDs
    var skills: KeyedIDs
    let stamp: String
    /// Each organization spelling's id and stored name, so a row costs one hash of its name.
    var organizationIDs: [String: (id: Int64, stored: String)] = [:]
    /// Replaced listings whose search entry changed; rewritten at the end with the new ones'.
    var staleEntries: [Int64] = []

    let insert: BulkInsert
    let update: BulkInsert
    let clearDeliverables: BulkInsert
    let clearSkills: BulkInsert
    let addDeliverable: BulkInsert
    let addListingSkill: BulkInsert
    /// The highest listing id before the import: every id above it is a new listing's.
    let lastIDBefore: Int64

    init(_ db: Database, organizations: KeyedIDs, skills: KeyedIDs, stamp: String) throws {
        self.db = db
        self.organizations = organizations
        self.skills = skills
        self.stamp = stamp
        let columns = ListingContent.columns.joined(separator: ", ")
        // The home currency is read once, in this transaction, rather than by a subquery per
        // row; as a literal only when it is a code (as the settings' CHECK holds it), else as the
        // subquery after all.
        let home = try String.fetchOne(db, SQLRequest(literal: "SELECT value FROM settings WHERE key = \(PayRank.homeCurrencySetting)"))
        let homeSQL = home.flatMap { ListingRules.currencyProblem($0) == nil ? "'\($0)'" : nil } ?? PayRank.storedHomeCurrency
        // The pay rank is computed in the INSERT itself, from the same bound values (numbered
        // parameters), instead of by the schema's trigger updating every new row once more.
        let parameter = { (column: String) in "?\(ListingContent.columns.firstIndex(of: column)! + 1)" }
        let payRank = PayRank.sql(hourly: parameter("hourly_cents"), currency: parameter("currency"),
                                  kind: parameter("compensation_kind"), home: homeSQL, comparisons: true)
        // The approval comes last, after the pay rank's numbered parameters: a plain `?` then
        // takes the number after the highest used so far. A ref that exists already is left for
        // `replace`: the ref's unique index answers that as part of the insert, at no extra cost.
        // One row per statement: a statement writing several would need a statement journal
        // (the organization's foreign key may abort it partway), a copy of every page it
        // touches, which costs more than it saves.
        insert = try BulkInsert(db, sql: """
            INSERT INTO opportunities(\(columns), updated_at, ref, pay_rank, approval)
            VALUES (\(Self.placeholders(ListingContent.columns.count + 2)), \(payRank), ?)
            ON CONFLICT(ref) DO NOTHING
            """)
        update = try BulkInsert(db, sql: "UPDATE opportunities SET (\(columns), updated_at) = (\(Self.placeholders(ListingContent.columns.count + 1))), version = version + 1 WHERE id = ?")
        clearDeliverables = try BulkInsert(db, sql: "DELETE FROM opportunity_deliverables WHERE opportunity_id = ?")
        clearSkills = try BulkInsert(db, sql: "DELETE FROM opportunity_skills WHERE opportunity_id = ?")
        addDeliverable = try BulkInsert(db, sql: "INSERT INTO opportunity_deliverables(opportunity_id, position, description) VALUES (?,?,?)")
        addListingSkill = try BulkInsert(db, sql: "INSERT INTO opportunity_skills(opportunity_id, skill_id) VALUES (?,?)")
        lastIDBefore = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM opportunities") ?? 0
    }

    private static func placeholders(_ count: Int) -> String {
        repeatElement("?", count: count).joined(separator: ",")
    }

    mutating func organization(_ name: String) -> (id: Int64, stored: String)? {
        if let known = organizationIDs[name] { return known }
        guard let id = organizations[name] else { return nil }
        let found = (id, organizations.stored(name) ?? name)
        organizationIDs[name] = found
        return found
    }

    /// The listing's skills by id: the order of the (opportunity_id, skill_id) key, which is the
    /// order the triggers' group_concat reads a listing's skills in.
    func skillsByID(_ record: Opportunity) -> [(id: Int64, name: String)] {
        guard !record.skills.isEmpty else { return [] }
        return uniqueIgnoringCase(record.skills)
            .compactMap { name in skills[name].map { (id: $0, name: skills.stored(name) ?? name) } }
            .sorted { $0.id < $1.id }
    }

    enum Insertion {
        /// Written; with its id and organization when it arrived approved.
        case inserted(approvedOnArrival: (listing: Int64, organization: Int64)?)
        /// The ref exists: for ``replace(_:)``.
        case exists
    }

    /// Inserts the listing when its ref is new.
    mutating func insertIfNew(_ item: ImportedListing, trusted: Set<Int64>) throws -> Insertion {
        let record = item.listing
        // Every organization the file names was created before the first row.
        guard let organization = organization(record.organization) else {
            throw CatalogueError.unusable("import: the organization \(record.organization) was not created")
        }
        let approval: Approval = trusted.contains(organization.id) ? .approved : .pending
        ListingContent.bind(record, organizationID: organization.id, postedAt: record.postedAt, to: insert)
        guard try insert.text(stamp).text(record.ref).text(approval.rawValue).run() else { return .exists }
        let id = db.lastInsertedRowID
        for (position, deliverable) in record.deliverables.enumerated() {
            try addDeliverable.int(id).int(position + 1).text(deliverable).run()
        }
        for skill in skillsByID(record) {
            try addListingSkill.int(id).int(skill.id).run()
        }
        return .inserted(approvedOnArrival: approval == .approved ? (id, organization.id) : nil)
    }

    /// Replaces listings whose refs exist, rewriting only what changed; returns how many.
    mutating func replace(_ items: [ImportedListing]) throws -> Int {
        guard !items.isEmpty else { return 0 }
        let existing = try KeyedIDs(db, table: "opportunities", column: "ref", keys: items.map(\.listing.ref))
        let before = try ListingContent.load(db, ids: items.compactMap { existing[$0.listing.ref] })
        var count = 0
        for item in items {
            let record = item.listing
            guard let id = existing[record.ref], let organization = organization(record.organization) else { continue }
            count += 1
            let old = before[id]
            let listingSkills = skillsByID(record)
            let postedAt = item.givesPostedAt ? record.postedAt : old?.postedAt ?? stamp
            let content = ListingContent(record, organizationID: organization.id, postedAt: postedAt,
                                         skillIDs: listingSkills.map(\.id))
            // An unchanged listing keeps its version: nobody's open edit should conflict with nothing.
            if old != content {
                for value in content.values { update.value(value) }
                try update.text(stamp).int(id).run()
            }
            if old.map({ !ListingContent.sameDeliverables($0, content) }) ?? true {
                try clearDeliverables.int(id).run()
                for (position, deliverable) in record.deliverables.enumerated() {
                    try addDeliverable.int(id).int(position + 1).text(deliverable).run()
                }
            }
            if old?.skillIDs != content.skillIDs {
                try clearSkills.int(id).run()
                for skill in listingSkills {
                    try addListingSkill.int(id).int(skill.id).run()
                }
            }
            // Rewriting a search entry is the costliest write of all: only when it changed.
            if old?.searchesLike(content) != true {
                staleEntries.append(id)
            }
        }
        return count
    }

    /// Writes the search entries of the new listings, and of the replaced ones whose entry
    /// changed, from the tables as ``CatalogueSchema/rebuildSearch`` reads them: all removals
    /// first, then every entry, in rowid order (the replaced listings' ids are all below the new
    /// ones), the new ones in one statement. FTS5 flushes its pending terms to a new segment
    /// whenever a rowid is not above the last one written, so entry by entry out of order they
    /// would make a segment each; and written between the listings' own inserts, one entry after
    /// each, 100,000 entries took about twice as long as all of them afterwards (measured).
    mutating func writeSearchEntries() throws {
        staleEntries.sort()
        let clearSearch = try BulkInsert(db, sql: "DELETE FROM opportunity_search WHERE rowid = ?")
        for id in staleEntries {
            try clearSearch.int(id).run()
        }
        let entries = """
            INSERT INTO opportunity_search(rowid, title, organization, skills, brief)
            SELECT o.id, o.title, org.name,
                   coalesce((SELECT group_concat(s.name, ' ') FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id
                             WHERE os.opportunity_id = o.id), ''),
                   o.brief
            FROM opportunities o JOIN organizations org ON org.id = o.organization_id
            """
        var start = 0
        while start < staleEntries.count {
            let batch = Array(staleEntries[start..<min(start + KeyedIDs.batchSize, staleEntries.count)])
            try db.execute(literal: "\(sql: entries) WHERE o.id IN \(batch) ORDER BY o.id")
            start += batch.count
        }
        staleEntries.removeAll()
        try db.execute(literal: "\(sql: entries) WHERE o.id > \(lastIDBefore) ORDER BY o.id")
    }
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

    /// Binds what ``init(_:organizationID:postedAt:skillIDs:)`` would hold, in ``columns``
    /// order, straight to `statement`: for a new listing, with nothing to compare.
    static func bind(_ record: Opportunity, organizationID: Int64, postedAt: String, to statement: BulkInsert) {
        statement.int(organizationID).text(record.title).text(record.field.rawValue).text(record.brief)
            .int(record.hours).int(record.durationDays).text(record.schedule.rawValue)
            .text(record.startsOn?.description).text(record.deadline.description)
            .text(record.compensationKind.rawValue).int(record.compensation?.cents).text(record.compensation?.currency)
            .int(record.hourlyCents).text(record.locationKind.rawValue).text(record.city).int(record.spots)
            .text(record.status.rawValue).text(postedAt)
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

    /// The stored content of the listings `ids`, a few hundred per statement. The statements are
    /// cached by their text (every full batch has the same), so their IN lists stay positional.
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
