import Foundation
import PostgresNIO
import TernExchange
import TernStore

/// ``TriageStore/importFile(_:format:dryRun:now:recorded:progress:)`` on PostgreSQL: the same
/// file read and checked by the same code as on SQLite (TernExchange), then written in ONE
/// transaction, so a refusal (a bad value with its line and column, a database rule) writes
/// nothing, and a dry run is rolled back after the database's own checks had their say.
extension PostgresCatalogue {
    public func importFile(_ source: ImportSource, format: ExchangeFormat, dryRun: Bool, now: Date, recorded: ImportRecord?,
                           progress: (@Sendable (ImportProgress) -> Void)?) async throws -> ImportSummary {
        let reading = ImportProgressMeter.start(.reading, total: source.sizeHint, report: progress)
        let scan = try ImportScan.run(source, format: format, progress: reading)
        reading?.finish()
        var rows = try ExchangeReader(source, format: format, checkingAgainst: scan.fingerprint)
        let subject = rows.subject
        var summary = ImportSummary(subject: subject.rawValue)
        let validating = ImportProgressMeter.start(.validating, total: scan.rows, report: progress)
        let writing = { (total: Int) in ImportProgressMeter.start(.writing, total: total, report: progress) }
        let stamp = Timestamp.string(now)
        // Everything is checked before the transaction starts, so a dry run checks as much as a real one.
        switch subject {
        case .opportunities:
            let plan = try ImportChecks.opportunities(&rows, postedAt: stamp, progress: validating)
            validating?.finish()
            // Read again, held to the first reading's fingerprint, on a thread of its own.
            let listings = ImportChecks.readCheckedListings(source, format: format, fingerprint: scan.fingerprint, postedAt: stamp)
            defer { listings.cancel() }
            (summary.inserted, summary.updated) = try await writeImport(dryRun: dryRun, recorded: recorded, subject: subject,
                                                                        progress: writing(plan.rows)) { transaction, meter in
                try await transaction.importListings(listings.next, plan: plan, stamp: stamp, progress: meter)
            }
        case .students:
            let records = try ImportChecks.students(&rows, progress: validating)
            validating?.finish()
            (summary.inserted, summary.updated) = try await writeImport(dryRun: dryRun, recorded: recorded, subject: subject,
                                                                        progress: writing(records.count)) { transaction, meter in
                try await transaction.importStudents(records, now: now, progress: meter)
            }
        case .applications:
            var all: [ExchangeRow] = []
            while let row = try rows.next() { all.append(row) }
            let records = try ImportChecks.applications(all, now: now, progress: validating)
            validating?.finish()
            (summary.inserted, summary.updated) = try await writeImport(dryRun: dryRun, recorded: recorded, subject: subject,
                                                                        progress: writing(records.count)) { transaction, meter in
                try await transaction.importApplications(records, progress: meter)
            }
        }
        return summary
    }

    /// Runs the import's writes in one transaction; a dry run rolls them back so that the
    /// database's checks (constraints, triggers) still get their say. With `recorded`, the
    /// `imported` audit row commits with the rows.
    private func writeImport(dryRun: Bool, recorded: ImportRecord?, subject: ExchangeSubject, progress: ImportProgressMeter?,
                             _ body: (PostgresTransaction, ImportProgressMeter?) async throws -> (Int, Int)) async throws -> (Int, Int) {
        struct DryRunRollback: Error { var inserted: Int, updated: Int }
        let counts: (Int, Int)
        do {
            counts = try await write(for: .importFile) { transaction in
                // An import is one deliberate transaction whose statements grow with the file
                // (the words of 100,000 approved listings take minutes): the per-statement limit
                // every other write keeps would refuse a large file half-way, so it is lifted for
                // this transaction alone (`SET LOCAL` ends with it).
                try await transaction.execute { s in s.append("SET LOCAL statement_timeout = 0") }
                let counts = try await body(transaction, progress)
                if dryRun { throw DryRunRollback(inserted: counts.0, updated: counts.1) }
                if let recorded {
                    try await transaction.audit(by: recorded.actor, role: recorded.role, action: AuditedAction.imported.rawValue,
                                                student: nil, detail: ImportChecks.auditDetail(counts, subject: subject, origin: recorded.origin))
                }
                return counts
            }
        } catch let rollback as DryRunRollback {
            counts = (rollback.inserted, rollback.updated)
        }
        progress?.finish()
        return counts
    }
}

// MARK: - Listings

extension PostgresTransaction {
    /// The staging table's columns, in the order ``ImportStaging/append(_:)`` writes them.
    static let importListingColumns = [
        "seq", "ref", "organization_id", "title", "field", "brief", "hours", "duration_days", "schedule", "starts_on",
        "deadline", "compensation_kind", "compensation_cents", "currency", "hourly_cents", "location_kind", "city",
        "spots", "status", "posted_at", "gives_posted_at", "approval", "deliverables", "skill_ids",
    ]

    /// The columns an import sets on a listing, besides `ref`, `approval` and `updated_at`,
    /// compared to tell whether a re-imported listing changed (as SQLite's `ListingContent`).
    static let importedListingContent = [
        "organization_id", "title", "field", "brief", "hours", "duration_days", "schedule", "starts_on", "deadline",
        "compensation_kind", "compensation_cents", "currency", "hourly_cents", "location_kind", "city", "spots", "status",
    ]

    /// Writes a checked listings file as SQLite's import does: missing organizations (unverified,
    /// pending) and skills are added first; every listing goes through `COPY … FROM STDIN` into a
    /// temporary table; then, set by set, existing refs are replaced (only those that changed move
    /// their version on and rewrite their deliverables or skills) and new refs inserted, approved
    /// on arrival only when their organization is trusted and no review flag is raised.
    ///
    /// Measured (`make bench-postgres`, release build, 2 cores, test cluster without fsync), the
    /// benchmark's 100,000 new listings: about 10 s (10,000 rows/s; SQLite 14,500 on the same
    /// machine) when their organizations are new, so they wait for review and have no words yet.
    /// The time is then the insert into a table of ten indexes (about half), the foreign key
    /// checks and the COPY (1.2 s). When they arrive approved (trusted organizations), each
    /// approved listing's ~35 words are written too, with the word table's five indexes, and that
    /// dominates (docs/postgres-search.md; BENCHMARKS.md). Before schema v6 (row triggers) the
    /// first case took 17 s and a large second case ran into the statement timeout.
    func importListings(_ next: () throws -> [ImportedListing]?, plan: ListingImportPlan, stamp: String,
                        progress: ImportProgressMeter?) async throws -> (inserted: Int, updated: Int) {
        let organizations = try await keyedIDs(ensuring: plan.organizations, in: "organizations", stamp: stamp)
        let skills = try await keyedIDs(ensuring: plan.skills, in: "skills", stamp: stamp)
        let trusted = Set(try await rows { s in
            s.append("SELECT id FROM organizations WHERE trusted AND approval = 'approved'")
        }.map { try ListingRecords.value($0, "id", table: "organizations") as Int64 })

        try await execute { s in
            s.append("""
                CREATE TEMPORARY TABLE tern_import_listings (
                    seq bigint NOT NULL, ref text NOT NULL, organization_id bigint NOT NULL, title text NOT NULL,
                    field text NOT NULL, brief text NOT NULL, hours bigint NOT NULL, duration_days bigint NOT NULL,
                    schedule text NOT NULL, starts_on text, deadline text NOT NULL, compensation_kind text NOT NULL,
                    compensation_cents bigint, currency text, hourly_cents bigint NOT NULL, location_kind text NOT NULL,
                    city text, spots bigint NOT NULL, status text NOT NULL, posted_at text NOT NULL,
                    gives_posted_at boolean NOT NULL, approval text NOT NULL, deliverables text[] NOT NULL,
                    skill_ids bigint[] NOT NULL, existing_id bigint
                ) ON COMMIT DROP
                """)
        }
        // Into the staging table, a batch at a time as the reading thread hands them over.
        var count = 0
        var failure: (any Error)?
        do {
            try await session.connection.copyFrom(table: "tern_import_listings", columns: Self.importListingColumns,
                                                  logger: PostgresSession.quiet) { writer in
                var text = CopyText()
                do {
                    while let batch = try next() {
                        text.removeAll()
                        for item in batch {
                            progress?.advance(to: count)
                            count += 1
                            let record = item.listing
                            let key = ImportChecks.nocase(record.organization)
                            guard let organization = organizations[key] else {
                                throw CatalogueError.unusable("import: the organization \(record.organization) was not created")
                            }
                            var seen = Set<[UInt8]>()
                            let skillIDs = record.skills.compactMap { name -> Int64? in
                                let key = ImportChecks.nocase(name)
                                guard seen.insert(key).inserted else { return nil }
                                return skills[key]
                            }.sorted()
                            let approval: Approval = trusted.contains(organization) ? .approved : .pending
                            try text.append(row: [
                                .integer(Int64(count)), .text(record.ref), .integer(organization), .text(record.title),
                                .text(record.field.rawValue), .text(record.brief), .integer(Int64(record.hours)),
                                .integer(Int64(record.durationDays)), .text(record.schedule.rawValue),
                                record.startsOn.map { .text($0.description) } ?? .null, .text(record.deadline.description),
                                .text(record.compensationKind.rawValue),
                                record.compensation.map { .integer(Int64($0.cents)) } ?? .null,
                                record.compensation.map { .text($0.currency) } ?? .null,
                                .integer(Int64(record.hourlyCents)), .text(record.locationKind.rawValue),
                                record.city.map { .text($0) } ?? .null, .integer(Int64(record.spots)), .text(record.status.rawValue),
                                .text(record.postedAt), .integer(item.givesPostedAt ? 1 : 0), .text(approval.rawValue),
                                .text(Self.arrayLiteral(record.deliverables)),
                                .text("{" + skillIDs.map(String.init).joined(separator: ",") + "}"),
                            ], columns: Self.importListingColumns, table: "tern_import_listings")
                        }
                        if !batch.isEmpty { try await writer.write(ByteBuffer(bytes: text.bytes)) }
                    }
                } catch {
                    // Kept in Tern's words: the COPY fails with it, and it is thrown as it was.
                    failure = error
                    throw error
                }
            }
        } catch {
            if let failure { throw failure }
            throw CatalogueError.refused("importing the listings stopped (\(PostgresFailure.translate(error, at: session.location, login: session.login).description)); nothing was imported")
        }
        try await execute { s in s.append("CREATE UNIQUE INDEX ON tern_import_listings (ref)") }
        try await execute { s in s.append("ANALYZE tern_import_listings") }

        // Existing refs: locked, so that concurrent writers take turns with the import.
        try await execute { s in
            s.append("""
                WITH found AS (
                    SELECT o.id, o.ref FROM opportunities o JOIN tern_import_listings i ON i.ref = o.ref FOR UPDATE OF o
                )
                UPDATE tern_import_listings i SET existing_id = found.id FROM found WHERE found.ref = i.ref
                """)
        }
        let content = Self.importedListingContent
        // A replaced listing keeps its date unless the file gives one; an unchanged one keeps its
        // version (nobody's open edit should conflict with nothing).
        let updated = try await integer { s in
            s.append("""
                WITH changed AS (
                    UPDATE opportunities o SET (\(content.joined(separator: ", ")), posted_at, updated_at, version) =
                        (\(content.map { "i.\($0)" }.joined(separator: ", ")),
                         CASE WHEN i.gives_posted_at THEN i.posted_at ELSE o.posted_at END, \(s.bind(stamp)), o.version + 1)
                    FROM tern_import_listings i
                    WHERE i.existing_id = o.id
                      AND ((\(content.map { "o.\($0)" }.joined(separator: ", ")), o.posted_at)
                             IS DISTINCT FROM (\(content.map { "i.\($0)" }.joined(separator: ", ")),
                                               CASE WHEN i.gives_posted_at THEN i.posted_at ELSE o.posted_at END)
                           OR ARRAY(SELECT d.description FROM opportunity_deliverables d WHERE d.opportunity_id = o.id
                                    ORDER BY d.position) IS DISTINCT FROM i.deliverables
                           OR ARRAY(SELECT os.skill_id FROM opportunity_skills os WHERE os.opportunity_id = o.id
                                    ORDER BY os.skill_id) IS DISTINCT FROM i.skill_ids)
                    RETURNING 1
                )
                SELECT count(*) FROM tern_import_listings WHERE existing_id IS NOT NULL
                """)
        }
        // Deliverables and skills of replaced listings, rewritten only where they changed
        // (none to compare when the file replaces no listing: four passes over it saved).
        if updated > 0 {
            try await execute { s in
                s.append("""
                    WITH stale AS (
                        SELECT i.existing_id AS id FROM tern_import_listings i
                        WHERE i.existing_id IS NOT NULL
                          AND ARRAY(SELECT d.description FROM opportunity_deliverables d WHERE d.opportunity_id = i.existing_id
                                    ORDER BY d.position) IS DISTINCT FROM i.deliverables
                    ), cleared AS (
                        DELETE FROM opportunity_deliverables d USING stale WHERE d.opportunity_id = stale.id RETURNING 1
                    )
                    SELECT count(*) FROM cleared
                    """)
            }
            try await execute { s in
                s.append("""
                    INSERT INTO opportunity_deliverables(opportunity_id, position, description)
                    SELECT i.existing_id, d.position, d.description
                    FROM tern_import_listings i CROSS JOIN LATERAL unnest(i.deliverables) WITH ORDINALITY AS d(description, position)
                    WHERE i.existing_id IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM opportunity_deliverables x WHERE x.opportunity_id = i.existing_id)
                    ORDER BY i.existing_id, d.position
                    """)
            }
            try await execute { s in
                s.append("""
                    WITH stale AS (
                        SELECT i.existing_id AS id FROM tern_import_listings i
                        WHERE i.existing_id IS NOT NULL
                          AND ARRAY(SELECT os.skill_id FROM opportunity_skills os WHERE os.opportunity_id = i.existing_id
                                    ORDER BY os.skill_id) IS DISTINCT FROM i.skill_ids
                    ), cleared AS (
                        DELETE FROM opportunity_skills os USING stale WHERE os.opportunity_id = stale.id RETURNING 1
                    )
                    SELECT count(*) FROM cleared
                    """)
            }
            try await execute { s in
                s.append("""
                    INSERT INTO opportunity_skills(opportunity_id, skill_id)
                    SELECT i.existing_id, k.skill_id
                    FROM tern_import_listings i CROSS JOIN LATERAL unnest(i.skill_ids) AS k(skill_id)
                    WHERE i.existing_id IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM opportunity_skills x WHERE x.opportunity_id = i.existing_id)
                    ORDER BY i.existing_id, k.skill_id
                    """)
            }
        }

        // A trusted organization's new listing arrives approved unless a review flag is raised
        // on it (trust skips the review, never the flags), judged as SQLite judges it once every
        // listing of the file is written: against the listings as they now stand and the file's
        // other new ones. Judged before the insert, so that a flagged listing is written once,
        // pending, at version 1 (setting it back afterwards would move its version on here).
        // One set-based pass (a subquery per candidate read the whole staging table for each,
        // time growing with the square of the file: 100,000 listings ran past the 30 s limit). The other listing named is the one SQLite names, the
        // lowest id: the catalogue's listings by id, then the file's new ones in its order (the
        // order they are inserted in below).
        let candidates = try await rows { s in
            s.append("""
                WITH candidates AS (
                    SELECT i.seq, i.ref, i.organization_id, tern_nocase(i.title) AS folded, i.title AS flag_title,
                           i.hours AS flag_hours, i.compensation_kind AS flag_kind, i.currency AS flag_currency,
                           i.hourly_cents AS flag_hourly_cents, org.website AS flag_website,
                           org.contact_email AS flag_contact_email
                    FROM tern_import_listings i JOIN organizations org ON org.id = i.organization_id
                    WHERE i.existing_id IS NULL AND i.approval = 'approved'
                ), pool AS (
                    SELECT o.ref, o.organization_id, tern_nocase(o.title) AS folded, 0 AS tier, o.id AS position
                    FROM opportunities o WHERE o.organization_id IN (SELECT organization_id FROM candidates)
                    UNION ALL
                    SELECT n.ref, n.organization_id, tern_nocase(n.title), 1, n.seq
                    FROM tern_import_listings n WHERE n.existing_id IS NULL
                ), duplicates AS (
                    SELECT DISTINCT ON (c.seq) c.seq, p.ref
                    FROM candidates c JOIN pool p ON p.organization_id = c.organization_id AND p.folded = c.folded
                                                 AND p.ref <> c.ref
                    ORDER BY c.seq, p.tier, p.position
                )
                SELECT c.seq, c.flag_title, c.flag_hours, c.flag_kind, c.flag_currency, c.flag_hourly_cents,
                       c.flag_website, c.flag_contact_email, d.ref AS flag_duplicate_ref
                FROM candidates c LEFT JOIN duplicates d ON d.seq = c.seq
                """)
        }
        if !candidates.isEmpty {
            let settings = try await reviewSettings()
            var flagged: [Int64] = []
            for row in candidates where !(try Self.flags(row, settings: settings).isEmpty) {
                flagged.append(try ListingRecords.value(row, "seq"))
            }
            if !flagged.isEmpty {
                try await execute { s in
                    s.append("UPDATE tern_import_listings SET approval = 'pending' WHERE seq = ANY(\(s.bind(flagged)))")
                }
            }
        }
        // New refs, in the file's order. A ref another writer added meanwhile is skipped by the
        // insert, and the count then refuses the whole import below; so every staged row without
        // an existing listing is, after this, a listing this import inserted, found by its ref.
        let inserted = try await integer { s in
            s.append("""
                WITH added AS (
                    INSERT INTO opportunities(ref, \(content.joined(separator: ", ")), posted_at, updated_at, approval, pay_rank)
                    SELECT i.ref, \(content.map { "i.\($0)" }.joined(separator: ", ")), i.posted_at, \(s.bind(stamp)), i.approval,
                           tern_pay_rank(i.hourly_cents, i.currency, i.compensation_kind, home.value)
                    FROM tern_import_listings i, (SELECT value FROM settings WHERE key = 'home_currency') AS home
                    WHERE i.existing_id IS NULL ORDER BY i.seq
                    ON CONFLICT (ref) DO NOTHING
                    RETURNING 1
                )
                SELECT count(*) FROM added
                """)
        }
        let staged = try await integer { s in s.append("SELECT count(*) FROM tern_import_listings WHERE existing_id IS NULL") }
        if inserted != staged {
            throw CatalogueError.refused("import: another change added some of these listings meanwhile; nothing was imported: import it again")
        }
        try await execute { s in
            s.append("""
                INSERT INTO opportunity_deliverables(opportunity_id, position, description)
                SELECT o.id, d.position, d.description
                FROM tern_import_listings i JOIN opportunities o ON o.ref = i.ref
                CROSS JOIN LATERAL unnest(i.deliverables) WITH ORDINALITY AS d(description, position)
                WHERE i.existing_id IS NULL ORDER BY o.id, d.position
                """)
        }
        try await execute { s in
            s.append("""
                INSERT INTO opportunity_skills(opportunity_id, skill_id)
                SELECT o.id, k.skill_id
                FROM tern_import_listings i JOIN opportunities o ON o.ref = i.ref
                CROSS JOIN LATERAL unnest(i.skill_ids) AS k(skill_id)
                WHERE i.existing_id IS NULL ORDER BY o.id, k.skill_id
                """)
        }
        // The trusted organizations' listings that arrived approved: a decision by the system
        // each, in one statement, in the listings' order.
        let system = Actor.system
        try await execute { s in
            s.append("""
                INSERT INTO posting_decisions(organization_id, opportunity_id, decision, reason, note, actor_role, actor_username, at)
                SELECT i.organization_id, o.id, \(s.bind(PostingDecisionKind.approved.rawValue)), NULL, 'trusted organization',
                       \(s.bind(system.role.rawValue)), \(s.bind(system.username)), \(s.bind(stamp))
                FROM tern_import_listings i JOIN opportunities o ON o.ref = i.ref
                WHERE i.existing_id IS NULL AND i.approval = 'approved' ORDER BY o.id
                """)
        }
        if inserted + updated != plan.rows {
            // Another writer added one of the file's refs between the lock and the insert.
            throw CatalogueError.refused("import: another change added some of these listings meanwhile; nothing was imported: import it again")
        }
        return (inserted, updated)
    }

    /// The ids of `names` in `table` (organizations or skills), by their folded name, creating
    /// the missing ones (an organization as an unverified, pending company).
    func keyedIDs(ensuring names: [String], in table: String, stamp: String) async throws -> [[UInt8]: Int64] {
        guard !names.isEmpty else { return [:] }
        try await execute { s in
            if table == "organizations" {
                s.append("""
                    INSERT INTO organizations(name, kind, website, contact_email, description, verified, approval, trusted, created_at)
                    SELECT t.name, 'company', NULL, NULL, '', false, 'pending', false, \(s.bind(stamp))
                    FROM unnest(\(s.bind(names))::text[]) WITH ORDINALITY AS t(name, n)
                    WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE tern_nocase(o.name) = tern_nocase(t.name))
                    ORDER BY t.n
                    ON CONFLICT (tern_nocase(name)) DO NOTHING
                    """)
            } else {
                s.append("""
                    INSERT INTO skills(name)
                    SELECT t.name FROM unnest(\(s.bind(names))::text[]) WITH ORDINALITY AS t(name, n)
                    WHERE NOT EXISTS (SELECT 1 FROM skills k WHERE tern_nocase(k.name) = tern_nocase(t.name))
                    ORDER BY t.n
                    ON CONFLICT (tern_nocase(name)) DO NOTHING
                    """)
            }
        }
        var ids: [[UInt8]: Int64] = [:]
        for row in try await rows({ s in
            s.append("""
                SELECT x.id, x.name FROM \(table) x
                WHERE tern_nocase(x.name) IN (SELECT tern_nocase(t) FROM unnest(\(s.bind(names))::text[]) AS t)
                """)
        }) {
            let name: String = try ListingRecords.value(row, "name", table: table)
            ids[ImportChecks.nocase(name)] = try ListingRecords.value(row, "id", table: table)
        }
        return ids
    }

    /// A text array's literal (`{"a","b"}`), every element quoted, for a `COPY` row.
    static func arrayLiteral(_ items: [String]) -> String {
        var literal = "{"
        for (index, item) in items.enumerated() {
            if index > 0 { literal += "," }
            literal += "\""
            for scalar in item.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { literal += "\\" }
                literal.unicodeScalars.append(scalar)
            }
            literal += "\""
        }
        return literal + "}"
    }
}

// MARK: - Students and applications

extension PostgresTransaction {
    /// Writes checked students as SQLite's import does: new usernames inserted, existing ones
    /// replaced (profile, skills, interests and links).
    func importStudents(_ records: [Student], now: Date, progress: ImportProgressMeter?) async throws -> (inserted: Int, updated: Int) {
        var names: [String] = []
        var seen = Set<[UInt8]>()
        for skill in records.lazy.flatMap(\.skills) where seen.insert(ImportChecks.nocase(skill.name)).inserted {
            names.append(skill.name)
        }
        let skills = try await keyedIDs(ensuring: names, in: "skills", stamp: Timestamp.string(now))
        let createdAt = Timestamp.string(now)
        var counts = (inserted: 0, updated: 0)
        for (index, student) in records.enumerated() {
            progress?.advance(to: index)
            let current = try await rows { s in
                s.append("SELECT id FROM students WHERE username = \(s.bind(student.username)) FOR UPDATE")
            }.first.map { try ListingRecords.value($0, "id", table: "students") as Int64 }
            let id: Int64
            if let current {
                try await execute { s in
                    s.append("""
                        UPDATE students SET name = \(s.bind(student.name)), email = \(s.bind(student.email)),
                            program = \(s.bind(student.program)), graduation_year = \(s.bind(int: student.graduationYear.map(Int64.init))),
                            hours_per_week = \(s.bind(Int64(student.hoursPerWeek))), directory_opt_out = \(s.bind(student.directoryOptOut)),
                            version = version + 1
                        WHERE id = \(s.bind(current))
                        """)
                }
                for table in ["student_skills", "student_interests", "student_links"] {
                    try await execute { s in s.append("DELETE FROM \(table) WHERE student_id = \(s.bind(current))") }
                }
                id = current
                counts.updated += 1
            } else {
                id = try await rows { s in
                    s.append("""
                        INSERT INTO students(name, email, program, graduation_year, hours_per_week, directory_opt_out, username, created_at)
                        VALUES (\(s.bind(student.name)), \(s.bind(student.email)), \(s.bind(student.program)),
                                \(s.bind(int: student.graduationYear.map(Int64.init))), \(s.bind(Int64(student.hoursPerWeek))),
                                \(s.bind(student.directoryOptOut)), \(s.bind(student.username)), \(s.bind(createdAt)))
                        RETURNING id
                        """)
                }.first.map { try ListingRecords.value($0, "id", table: "students") as Int64 } ?? 0
                counts.inserted += 1
            }
            for skill in student.skills {
                guard let skillID = skills[ImportChecks.nocase(skill.name)] else {
                    throw CatalogueError.unusable("import: the skill \(skill.name) was not created")
                }
                try await execute { s in
                    s.append("""
                        INSERT INTO student_skills(student_id, skill_id, level)
                        VALUES (\(s.bind(id)), \(s.bind(skillID)), \(s.bind(skill.level.rawValue)))
                        """)
                }
            }
            for field in Set(student.interests).sorted() {
                try await execute { s in
                    s.append("INSERT INTO student_interests(student_id, field) VALUES (\(s.bind(id)), \(s.bind(field.rawValue)))")
                }
            }
            for (position, url) in student.portfolioLinks.enumerated() {
                try await execute { s in
                    s.append("INSERT INTO student_links(student_id, position, url) VALUES (\(s.bind(id)), \(s.bind(Int64(position + 1))), \(s.bind(url)))")
                }
            }
        }
        return counts
    }

    /// Writes checked applications as SQLite's import does: a new one is filed as submitted and
    /// walked along the shortest legal path to its status, each step an event marked "imported";
    /// an existing one is left alone when its status matches, and refused otherwise.
    func importApplications(_ records: [ImportedApplication], progress: ImportProgressMeter?) async throws -> (inserted: Int, updated: Int) {
        let importer = Actor(role: .staff, username: "import")
        var inserted = 0
        for (index, item) in records.enumerated() {
            progress?.advance(to: index)
            guard let studentID = try await rows({ s in
                s.append("SELECT id FROM students WHERE username = \(s.bind(item.student))")
            }).first.map({ try ListingRecords.value($0, "id", table: "students") as Int64 }) else {
                throw item.row.error("student", "no student \"\(item.student)\"")
            }
            guard let opportunityID = try await rows({ s in
                s.append("SELECT id FROM opportunities WHERE ref = \(s.bind(item.opportunity))")
            }).first.map({ try ListingRecords.value($0, "id", table: "opportunities") as Int64 }) else {
                throw item.row.error("opportunity", "no listing with ref \"\(item.opportunity)\"")
            }
            if let row = try await rows({ s in
                s.append("""
                    SELECT status FROM applications
                    WHERE student_id = \(s.bind(studentID)) AND opportunity_id = \(s.bind(opportunityID)) FOR UPDATE
                    """)
            }).first {
                let status: String = try ListingRecords.value(row, "status", table: "applications")
                guard status == item.status.rawValue else {
                    throw item.row.error("status", "the application exists as \(status); move it with the staff tools, not an import")
                }
                continue
            }
            let inserting = try await rows { s in
                s.append("""
                    INSERT INTO applications(student_id, opportunity_id, cover_note, portfolio_link, hours_offered, status, created_at, updated_at)
                    VALUES (\(s.bind(studentID)), \(s.bind(opportunityID)), \(s.bind(item.coverNote)), \(s.bind(text: item.portfolioLink)),
                            \(s.bind(Int64(item.hoursOffered))), 'submitted', \(s.bind(item.createdAt)), \(s.bind(item.updatedAt)))
                    ON CONFLICT (student_id, opportunity_id) DO NOTHING
                    RETURNING id
                    """)
            }
            guard let row = inserting.first else {
                throw item.row.error("opportunity", "the application was filed meanwhile; import again")
            }
            let id: Int64 = try ListingRecords.value(row, "id", table: "applications")
            try await appendEvent(application: id, actor: Actor(role: .student, username: item.student), from: nil, to: .submitted,
                                  note: "imported", visibility: .shared, at: item.createdAt)
            var previous = ApplicationStatus.submitted
            for next in item.status.pathFromSubmitted.dropFirst() {
                try await execute { s in
                    s.append("""
                        UPDATE applications SET status = \(s.bind(next.rawValue)),
                            status_reason = \(s.bind(text: next == .rejected ? item.reason : nil)), version = version + 1
                        WHERE id = \(s.bind(id))
                        """)
                }
                try await appendEvent(application: id, actor: next == .expired ? .system : importer, from: previous, to: next,
                                      note: next == .rejected ? item.reason : "imported", visibility: .shared, at: item.updatedAt)
                previous = next
            }
            inserted += 1
        }
        return (inserted, 0)
    }
}
